/**
 * The markets' rules as the window uses them: the same registry the engine builds, with the
 * engine's fee estimates, so the panel says what the engine would.
 */
import { defaultMarkets, type MarketRegistry } from '../../../common/markets';

export const PANEL_MARKETS: MarketRegistry = defaultMarkets();
