/**
 * ABI versions through the NATIVE gateway: a frozen version-1 counter (test fixture) still
 * loads and is read correctly by the v2 binding, through the relay and directly; the v2
 * simulator's additions — quotes through subscribe, the order-ref prefix, offsets echoed,
 * queryOrders — arrive as objects.
 */
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Direction, Exchange, GatewayStatus, Offset, OrderType, Status } from '../../../common/constants';
import type { ContractData, OrderData, PositionData, TickData } from '../../../common/objects';
import { NativeGateway } from '../../../gateways/native';
import { loadCounterLibrary } from '../../../gateways/native/library';
import { buildNative, contextFor, FIXTURES_DIR, RecordingSink, simSettings, until } from './native-harness';

const so = process.platform === 'darwin' ? 'dylib' : 'so';
const V1_LIBRARY = path.join(FIXTURES_DIR, `libtsc_v1_counter.${so}`);

/** A sink that also keeps contracts, positions and ticks. */
class FullSink extends RecordingSink {
  readonly contracts: ContractData[] = [];
  readonly positions: PositionData[] = [];
  readonly ticks: TickData[] = [];
  override onContract(c: ContractData): void {
    this.contracts.push(c);
  }
  override onPosition(p: PositionData): void {
    this.positions.push(p);
  }
  override onTick(t: TickData): void {
    this.ticks.push(t);
  }
}

let gw: NativeGateway | undefined;
beforeAll(() => buildNative(), 120_000);
afterEach(async () => {
  await gw?.close();
  gw = undefined;
  delete process.env.TSTRADER_NATIVE_RELAY;
});

async function connect(settings: Parameters<NativeGateway['connect']>[0]): Promise<FullSink> {
  const sink = new FullSink();
  gw = new NativeGateway(contextFor(sink), { backoff: { first: 20, max: 200, jitter: 0 } });
  await gw.connect(settings);
  return sink;
}

const v1Settings = simSettings({ 动态库路径: V1_LIBRARY, 用户名: 'v1user', 密码: 'v1pass' });

describe.each([
  ['through the relay', '1'],
  ['directly (koffi callbacks)', '0'],
])('a version-1 counter %s', (_title, relay) => {
  it('loads, logs in and reads every v1 struct with the v1 layout; v2 features say they are absent', async () => {
    process.env.TSTRADER_NATIVE_RELAY = relay;
    const lib = loadCounterLibrary(V1_LIBRARY);
    expect(lib.abiVersion).toBe(1);
    expect(lib.v2).toBeUndefined();
    const sink = await connect(v1Settings);
    expect(gw!.relayStats() !== undefined).toBe(relay === '1');
    expect(sink.contracts).toEqual([
      expect.objectContaining({ vt_symbol: '600000.SSE', name: '浦发银行', pricetick: 0.01, limit_up: 11, size: 1 }),
    ]);
    expect(sink.contracts[0]).not.toHaveProperty('expiry');
    expect(sink.orders.get('NATIVE.v1-0')).toMatchObject({ status: Status.PARTTRADED, traded: 100, volume: 200, offset: Offset.NONE });
    expect(sink.tradeIds.get('NATIVE.TRADE-v1-0')).toBe(1);
    await until(() => sink.account !== undefined && sink.positions.length > 0, 5000, 'account and position');
    expect(sink.account).toEqual({
      gateway_name: 'NATIVE', accountid: 'V1ACCT', vt_accountid: 'NATIVE.V1ACCT', balance: 500_000, frozen: 1000, available: 499_000, market_value: 1000,
    });
    expect(sink.positions[0]).toMatchObject({ direction: Direction.LONG, volume: 100, yd_volume: 100, pnl: 50, vt_positionid: 'NATIVE.600000.SSE.多' });

    // v1 order ids: "<session_id>-<n>"; the v1 req is read as 112 bytes.
    const id = gw!.sendOrder({ symbol: '600000', exchange: Exchange.SSE, direction: Direction.LONG, type: OrderType.LIMIT, volume: 100, price: 9.9, offset: Offset.NONE, reference: 'v1' });
    expect(id).toBe('NATIVE.7-1');
    await until(() => sink.orders.get(id)?.status === Status.NOTTRADED, 5000, 'ack');
    expect(sink.orders.get(id)).toMatchObject({ price: 9.9, reference: 'v1' });
    const known = await gw!.queryOrders();
    expect(known.map((o) => o.orderid).sort()).toEqual(['7-1', 'v1-0']);

    gw!.subscribe({ symbol: '600000', exchange: Exchange.SSE });
    expect(sink.logs.some((l) => l.includes('不提供行情'))).toBe(true);
  });
});

describe('a gateway that requires the relay (CTP)', () => {
  it('refuses to run its counter with direct callbacks, saying why', async () => {
    process.env.TSTRADER_NATIVE_RELAY = '0';
    const sink = new FullSink();
    gw = new NativeGateway(contextFor(sink), { requireRelay: true });
    const err = await gw.connect(simSettings()).then(() => undefined, (e: Error) => e);
    expect(err?.message).toMatch(/回调中继库不可用.*TSTRADER_NATIVE_RELAY=0.*不能等待 JS 事件循环/);
    expect(sink.status).toBe(GatewayStatus.ERROR);
  });
});

describe('the v2 simulator', () => {
  it('pushes quotes after subscribe, with the contract name and 5 levels', async () => {
    const sink = await connect(simSettings());
    gw!.subscribe({ symbol: '600000', exchange: Exchange.SSE });
    await until(() => sink.ticks.length >= 1, 5000, 'the first tick');
    expect(sink.ticks[0]).toMatchObject({ vt_symbol: '600000.SSE', name: '浦发银行', last_price: 10, bid_price_1: 9.99, ask_price_5: 10.05, ask_volume_5: 100_000 });
    expect(sink.ticks[0]).not.toHaveProperty('open_interest');
    gw!.testHooks()!.setPrice('600000', 'SSE', 10.2);
    await until(() => sink.ticks.at(-1)?.last_price === 10.2, 5000, 'the moved quote');
    expect(sink.ticks.at(-1)).toMatchObject({ bid_price_1: 10.19, limit_up: 11 });
    expect(() => gw!.subscribe({ symbol: '600000', exchange: Exchange.SZSE })).not.toThrow(); // refused later, in the log
    await until(() => sink.logs.some((l) => l.includes('订阅失败')), 5000, 'the refusal');
  });

  it('mints order ids with the counter prefix, echoes the offset, and answers queryOrders in every state', async () => {
    const sink = await connect(simSettings());
    const send = (price: number): string =>
      gw!.sendOrder({ symbol: '600000', exchange: Exchange.SSE, direction: Direction.LONG, type: OrderType.LIMIT, volume: 100, price, offset: Offset.OPEN, reference: 't' });
    const filled = send(10.01);
    const resting = send(9.5);
    const cancelled = send(9.4);
    expect(filled).toMatch(/^NATIVE\.\d+-1$/);
    await until(() => sink.orders.get(cancelled)?.status === Status.NOTTRADED, 5000, 'acks');
    gw!.cancelOrder({ orderid: cancelled, symbol: '600000', exchange: Exchange.SSE });
    await until(() => sink.orders.get(cancelled)?.status === Status.CANCELLED, 5000, 'cancel');
    const orders: OrderData[] = await gw!.queryOrders();
    const byId = new Map(orders.map((o) => [o.vt_orderid, o]));
    expect(byId.get(filled)).toMatchObject({ status: Status.ALLTRADED, offset: Offset.OPEN });
    expect(byId.get(resting)?.status).toBe(Status.NOTTRADED);
    expect(byId.get(cancelled)?.status).toBe(Status.CANCELLED);
    expect(orders).toHaveLength(3);
  });
});
