/**
 * Leak probe, run in its own process by native-gateway.test.ts (node --expose-gc --import tsx):
 * 10,000 orders through the NATIVE gateway and the simulator, in batches of 1,000, printing
 * after each batch (after a full GC) the RSS, the JS heap in use and the RSS outside the JS
 * heap, as one JSON line. Half the orders fill
 * (a T+0 ETF bought and sold back, so cash stays flat), half rest and are cancelled.
 */
import { Direction, Exchange, Offset, OrderType, Status } from '../../../common/constants';
import { buildNative, connectedGateway, until } from './native-harness';

const BATCH = 1000;
const BATCHES = Number(process.argv[2] ?? 10);
const gc = (globalThis as { gc?: () => void }).gc;

buildNative();
const { gw, sink } = await connectedGateway();
sink.keepOrders = false; // the probe measures the binding, not a growing map of our own
let finals = 0;
let resting: string[] = [];
sink.onOrderHook = (o) => {
  if (o.status === Status.ALLTRADED || o.status === Status.CANCELLED || o.status === Status.REJECTED) finals++;
  else if (o.status === Status.NOTTRADED && o.symbol === '510300') resting.push(o.orderid);
};

const rss: number[] = [];
const heap: number[] = [];
const offHeap: number[] = [];
const settle = async () => {
  await new Promise((r) => setTimeout(r, 20));
  gc?.();
  await new Promise((r) => setTimeout(r, 20));
  gc?.();
  const m = process.memoryUsage();
  rss.push(m.rss);
  heap.push(m.heapUsed);
  // RSS less the JS heap's reservation: V8 grows its young generation in steps of MBs once
  // allocation is brisk, which would read as a leak in plain RSS.
  offHeap.push(m.rss - m.heapTotal);
};
await settle();
const started = Date.now();
for (let b = 0; b < BATCHES; b++) {
  const target = finals + BATCH;
  for (let i = 0; i < BATCH; i++) {
    const kind = i % 4; // 0 buy fills, 1 sell fills, 2 and 3 rest then cancel
    gw.sendOrder({
      symbol: kind < 2 ? '511880' : '510300', exchange: Exchange.SSE, type: OrderType.LIMIT, offset: Offset.NONE, reference: 'leak',
      direction: kind === 1 ? Direction.SHORT : Direction.LONG,
      price: kind === 0 ? 100.001 : kind === 1 ? 99.999 : 3.9,
      volume: 100,
    });
  }
  await until(() => resting.length >= BATCH / 2, 20_000, 'resting orders');
  for (const id of resting) gw.cancelOrder({ orderid: id, symbol: '510300', exchange: Exchange.SSE });
  resting = [];
  await until(() => finals >= target, 20_000, 'batch final states');
  // A fresh quote refills the depth the fills ate (the simulator's walk is off here).
  gw.testHooks()?.setPrice('511880', 'SSE', 100);
  await settle();
}
const elapsed = Date.now() - started;
await gw.close();
console.log(JSON.stringify({ orders: BATCH * BATCHES, elapsed_ms: elapsed, trades: sink.trades, rss, heap, offHeap }));
