/**
 * OMS + risk path: orders per second through MainEngine.sendOrder for 100,000 orders — code
 * parsing, contract lookup, every pre-trade check, the gateway call, then the order and
 * trade events through the bus into the OMS (positions updated per fill). The counter is an
 * in-process echo that accepts and fills at once, so the figure is the engine's own cost.
 * `npx tsx bench/oms-risk.ts` prints one JSON line (median of 5 runs).
 */
import { orderRequestOf } from '../common/bridge-contract';
import { Direction, Exchange, GatewayStatus, Offset, OrderType, Status } from '../common/constants';
import type { CreateGateway, GatewayManifest } from '../common/gateway-api';
import { EventBus } from '../electron/engine/event-bus';
import type { EngineEvents } from '../electron/engine/engine-events';
import { MainEngine } from '../electron/engine/main-engine';
import { OrderManagementSystem } from '../electron/engine/oms';
import { PreTradeCheck } from '../electron/engine/risk/pre-trade-check';
import { makeContract } from '../test/fixtures/contracts';
import { MemoryStorage } from '../test/fixtures/memory-storage';
import { isMain, median } from './stats';

const manifest: GatewayManifest = { name: 'ECHO', displayName: '回声柜台', entry: '-', exchanges: [Exchange.SSE], settings: {} };

const echoCounter: CreateGateway = (ctx) => {
  let n = 0;
  return {
    async connect() {
      ctx.events.onStatus(GatewayStatus.CONNECTED);
      ctx.events.onAccount({ gateway_name: ctx.name, accountid: 'B', vt_accountid: `${ctx.name}.B`, balance: 1e12, frozen: 0, available: 1e12, market_value: 0 });
    },
    async close() {},
    subscribe() {},
    sendOrder(req) {
      // Plain literals, not `{ ...base, more }`: on Node 20 a spread followed by more keys
      // costs ~10 µs per object, which would measure V8's slow path instead of the engine.
      const orderid = String(++n);
      const vt_orderid = `${ctx.name}.${orderid}`;
      const vt_symbol = `${req.symbol}.${req.exchange}`;
      const order = { gateway_name: ctx.name, symbol: req.symbol, exchange: req.exchange, vt_symbol, orderid, vt_orderid, type: req.type, direction: req.direction, offset: Offset.NONE, price: req.price, volume: req.volume, traded: 0, status: Status.NOTTRADED, datetime: 0, reference: req.reference, status_msg: '' };
      ctx.events.onOrder(order);
      ctx.events.onTrade({ gateway_name: ctx.name, symbol: req.symbol, exchange: req.exchange, vt_symbol, orderid, vt_orderid, tradeid: orderid, vt_tradeid: vt_orderid, direction: req.direction, offset: Offset.NONE, price: req.price, volume: req.volume, datetime: 0, fee: 5, commission: 5, stamp_duty: 0, transfer_fee: 0 });
      ctx.events.onOrder({ gateway_name: ctx.name, symbol: req.symbol, exchange: req.exchange, vt_symbol, orderid, vt_orderid, type: req.type, direction: req.direction, offset: Offset.NONE, price: req.price, volume: req.volume, traded: req.volume, status: Status.ALLTRADED, datetime: 0, reference: req.reference, status_msg: '' });
      return vt_orderid;
    },
    cancelOrder() {},
    queryAccount() {},
    queryPosition() {},
  };
};

async function once(n: number): Promise<number> {
  const bus = new EventBus<EngineEvents>();
  const oms = new OrderManagementSystem(bus);
  const risk = new PreTradeCheck(oms, Date.now);
  risk.configure({ active: true, orderFlowLimit: 1e9, orderFlowClearSeconds: 1, orderSizeLimit: 1e6, activeOrderLimit: 1e9 });
  const storage = new MemoryStorage();
  const config = { loadConnectSettings: async () => ({ settings: {}, stored: {}, passwords: {} }), saveConnectSettings: async () => {} };
  const main = new MainEngine({ bus, oms, risk, config, now: Date.now, storageFor: () => storage });
  main.addGateway({ manifest, create: echoCounter, dir: '-', builtin: true });
  await main.connect('ECHO', {});
  const codes = ['600000', '600036', '601318', '600519'];
  for (const c of codes) bus.emit('contract', { ...makeContract(c, Exchange.SSE, 10), gateway_name: 'ECHO' });

  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) {
    // What the dispatcher does per order: resolve the code, build the request, send.
    const contract = main.lookupContract(codes[i & 3]!);
    main.sendOrder(orderRequestOf({ direction: Direction.LONG, type: OrderType.LIMIT, volume: 100, price: 10.5 }, contract));
  }
  const ns = Number(process.hrtime.bigint() - t0);
  if (oms.trades.size !== n) throw new Error(`expected ${n} trades, got ${oms.trades.size}`);
  return (n * 1e9) / ns;
}

export async function runOmsRiskBench(n = 100_000): Promise<Record<string, unknown>> {
  await once(10_000);
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) runs.push(await once(n));
  return { bench: 'oms-risk', orders: n, orders_per_s: Math.round(median(runs)), runs: runs.map(Math.round) };
}

if (isMain(import.meta.url)) console.log(JSON.stringify(await runOmsRiskBench()));
