/**
 * The markets the app trades, behind one MarketRules interface (market-rules.ts). Adding a
 * market: a folder beside cn-stock/ and cn-futures/ with its rules, and one entry in defaultMarkets below.
 */
import { createCnFuturesRules } from './cn-futures/cn-futures-rules';
import { createCnStockRules } from './cn-stock/cn-stock-rules';
import type { FeeSchedule } from './cn-stock/fees';
import { createMarketRegistry, type MarketRegistry } from './market-registry';

export interface MarketOptions {
  /** the A-share commission schedule (default: DEFAULT_FEES, the engine's estimate) */
  stockFees?: FeeSchedule;
}

/** Every market with its default settings: what the engine, the panel and the SIM use. */
export function defaultMarkets(opts: MarketOptions = {}): MarketRegistry {
  return createMarketRegistry([createCnStockRules(opts.stockFees), createCnFuturesRules()]);
}

export { createMarketRegistry, type MarketRegistry } from './market-registry';
export type * from './market-rules';
