/**
 * Matching throughput of the SIM exchange: N limit orders, a mix of marketable and resting
 * buys and sells on a few contracts, against the pure SimExchange (no timers, no storage).
 * Quotes advance every 100 orders and resting orders are swept every 1,000, so the working
 * set stays like a busy trader's rather than growing without bound.
 *
 *   npx tsx bench/sim-matching.ts [N]   → one JSON line
 */
import { pathToFileURL } from 'node:url';
import { Direction, Exchange, Offset, OrderType } from '../common/constants';
import type { GatewayEventSink } from '../common/gateway-api';
import { DEFAULT_FEES } from '../common/markets/cn-stock/fees';
import { roundToTick } from '../common/markets/price';
import { SimExchange, type SimConfig } from '../gateways/sim/sim-exchange';

export interface SimMatchingResult {
  bench: 'sim-matching';
  orders: number;
  orders_per_s: number;
  fills: number;
  elapsed_ms: number;
}

const SYMBOLS: readonly [string, Exchange][] = [
  ['600000', Exchange.SSE],
  ['000001', Exchange.SZSE],
  ['600036', Exchange.SSE],
  ['300750', Exchange.SZSE],
];

export function runSimMatchingBench(n = 100_000): SimMatchingResult {
  let fills = 0;
  const noop = (): void => undefined;
  const sink: Omit<GatewayEventSink, 'onStatus'> = {
    onTick: noop, onOrder: noop, onPosition: noop, onAccount: noop, onContract: noop, onLog: noop, onCredit: noop, onCompact: noop, onCreditAsset: noop,
    onTrade: () => { fills++; },
  };
  const config: SimConfig = {
    gatewayName: 'SIM', accountId: 'bench', initialCash: 1e12, seed: 2024, fees: { ...DEFAULT_FEES }, now: () => 0, session: 1,
  };
  // Start with large sellable holdings so sells are never short.
  const seedState = new SimExchange(config, sink).snapshot();
  seedState.positions = SYMBOLS.map(([symbol, exchange]) => ({ symbol, exchange, volume: 1e9, yd_volume: 1e9, cost_cents: 0 }));
  const ex = new SimExchange(config, sink, seedState);

  const start = performance.now();
  for (let i = 0; i < n; i++) {
    if (i % 100 === 0) ex.step();
    if (i % 1000 === 999) ex.cancelAll('bench sweep');
    const [symbol, exchange] = SYMBOLS[i % SYMBOLS.length]!;
    const c = ex.contract(`${symbol}.${exchange}`)!;
    const t = ex.tick(c.vt_symbol)!;
    const isBuy = (i >> 2) % 2 === 0;
    const marketable = i % 3 !== 0;
    const tick = c.pricetick;
    let price: number;
    if (isBuy) price = marketable ? t.ask_price_1 || c.limit_up : Math.max(c.limit_down, (t.bid_price_1 || t.last_price) - 2 * tick);
    else price = marketable ? t.bid_price_1 || c.limit_down : Math.min(c.limit_up, (t.ask_price_1 || t.last_price) + 2 * tick);
    ex.sendOrder({
      symbol, exchange, direction: isBuy ? Direction.LONG : Direction.SHORT, type: OrderType.LIMIT,
      volume: 100 * (1 + (i % 5)), price: roundToTick(price, tick), offset: Offset.NONE, reference: 'bench',
    });
  }
  const elapsed = performance.now() - start;
  return { bench: 'sim-matching', orders: n, orders_per_s: Math.round((n / elapsed) * 1000), fills, elapsed_ms: Math.round(elapsed) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const n = Number(process.argv[2] ?? 100_000);
  console.log(JSON.stringify(runSimMatchingBench(Number.isInteger(n) && n > 0 ? n : 100_000)));
}
