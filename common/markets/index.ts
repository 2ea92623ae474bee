/**
 * The markets the app trades, behind one MarketRules interface (market-rules.ts). Adding a
 * market: a folder beside cn-stock/ with its rules, and one line in defaultMarkets below.
 */
import { createCnStockRules } from './cn-stock/cn-stock-rules';
import type { FeeSchedule } from './cn-stock/fees';
import { createMarketRegistry, type MarketRegistry } from './market-registry';

export interface MarketOptions {
  /** the A-share commission schedule (default: DEFAULT_FEES, the engine's estimate) */
  stockFees?: FeeSchedule;
}

/** Every market with its default settings: what the engine, the panel and the SIM use. */
export function defaultMarkets(opts: MarketOptions = {}): MarketRegistry {
  return createMarketRegistry([createCnStockRules(opts.stockFees)]);
}

export { createMarketRegistry, type MarketRegistry } from './market-registry';
export type * from './market-rules';
