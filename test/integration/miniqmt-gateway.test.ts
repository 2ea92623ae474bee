/**
 * The MINIQMT gateway through the real engine and the real sidecar under Debian's python3.
 * What stands in for the broker's Windows client is test/fixtures/xtquant: a double of the
 * xtquant package (written from the xttrader reference) talking to fake_miniqmt.py, which
 * matches orders in memory. Covered: connect, a stock buy and sell mapped from
 * on_stock_order/on_stock_trade, cancels (accepted, and refused by the counter), an order
 * error with its message, 融资买入 on a credit account, MiniQMT dropping the link (reconnect
 * under a new session id), the sidecar killed and hung, replays dropped, ids across a
 * restart, quotes, and every way of not having MiniQMT.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayStatus, Status } from '../../common/constants';
import type { GatewayInfo } from '../../common/bridge-contract';
import { CompactType, CreditLevel, CreditOrderType } from '../../common/credit';
import type { SettingValue } from '../../common/gateway-api';
import type { OrderData, TradeData } from '../../common/objects';
import type { Engine } from '../../electron/engine/create-engine';
import type { MiniqmtGateway } from '../../gateways/miniqmt';
import { FakeMiniqmt, TEST_PYTHON, XTQUANT_DOUBLE_DIR, type AccountSpec } from '../fixtures/xtquant/fake-miniqmt';
import { rejection, startEngine, tempVntraderDir, waitFor } from './harness';

const GW = 'MINIQMT';
const STOCK: AccountSpec = { account_id: '880001', type: 'STOCK', cash: 500_000, positions: [{ code: '600000.SH', volume: 1000, yd: 1000, cost: 9.5 }] };

const engines: Engine[] = [];
const fakes: FakeMiniqmt[] = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  for (const f of fakes.splice(0)) await f.stop();
});

async function fakeMiniqmt(accounts: AccountSpec[] = [STOCK]): Promise<FakeMiniqmt> {
  const fake = await FakeMiniqmt.start();
  fakes.push(fake);
  await fake.setup(accounts);
  return fake;
}

async function engineIn(dir = tempVntraderDir()): Promise<Engine> {
  fs.writeFileSync(path.join(dir, 'vt_setting.json'), JSON.stringify({ 'risk.active': false }));
  const e = await startEngine(dir);
  engines.push(e);
  return e;
}

function settings(fake: FakeMiniqmt, over: Record<string, SettingValue> = {}): Record<string, SettingValue> {
  return {
    QMT路径: fake.userdata,
    资金账号: '880001',
    账户类型: '普通',
    Python路径: TEST_PYTHON,
    xtquant目录: XTQUANT_DOUBLE_DIR,
    会话编号: 100_000,
    ...over,
  };
}

function connect(e: Engine, s: Record<string, SettingValue>): Promise<GatewayInfo> {
  return e.dispatcher.dispatch('gateway/connect', { gateway: GW, settings: s }) as Promise<GatewayInfo>;
}

function gateway(e: Engine): MiniqmtGateway {
  return e.main['instances'].get(GW)!.get() as MiniqmtGateway;
}

function statusOf(e: Engine): GatewayStatus {
  return e.main.gatewayInfos().find((g) => g.name === GW)!.status;
}

/** Every status the instance went through, with its message. */
function statusHistory(e: Engine): { status: GatewayStatus; message: string }[] {
  const seen: { status: GatewayStatus; message: string }[] = [];
  e.bus.on('gateway', (g) => {
    if (g.name === GW) seen.push({ status: g.status, message: g.message });
  });
  return seen;
}

async function send(e: Engine, direction: '多' | '空', price: number, volume = 100, code = '600000.SH', credit?: CreditOrderType): Promise<string> {
  const r = (await e.dispatcher.dispatch('order/send', { code, direction, type: '限价', volume, price, gateway: GW, ...(credit ? { credit } : {}) })) as { vt_orderid: string };
  return r.vt_orderid;
}

function order(e: Engine, vtOrderId: string): OrderData | undefined {
  return e.oms.orders.get(vtOrderId);
}

/** Poll an asynchronous condition (the fake's state) until it holds, or fail after `ms`. */
async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * Wait until everything the counter pushed before now has reached the engine, and return the
 * marker order that proves it. Pushes travel in order on one socket, through the sidecar's one
 * stdout and the gateway's ordered events; the fake pushes a fill before its 全部成交 row. So
 * once a buy sent now (at the last price, 10, it fills at once) reads 全部成交, every earlier
 * push — a replay's last fill included — is in. Waiting on one order's status alone is not
 * enough: a replay sends the order rows first and the fills after them.
 */
async function afterEarlierPushes(e: Engine): Promise<string> {
  const marker = await send(e, '多', 10);
  await waitFor(() => order(e, marker)?.status === Status.ALLTRADED, 10_000, 'marker filled');
  return marker;
}

function logs(e: Engine): string[] {
  return e.main.snapshot().logs.map((l) => l.msg);
}

describe('MINIQMT gateway over the sidecar and the xtquant double', () => {
  it('connects: the sidecar says hello, xtdata gives the contracts, the counter its cash and holdings', async () => {
    const fake = await fakeMiniqmt();
    const e = await engineIn();
    const info = await connect(e, settings(fake));
    expect(info.status).toBe(GatewayStatus.CONNECTED);

    expect(e.oms.contracts.get('600000.SSE')).toMatchObject({ name: '浦发银行', pre_close: 10, limit_up: 11, limit_down: 9, pricetick: 0.01, min_volume: 100, gateway_name: GW });
    expect(e.oms.contracts.get('688981.SSE')).toMatchObject({ min_volume: 200, volume_step: 1, limit_up: 60 });
    expect(e.oms.contracts.get('510300.SSE')).toMatchObject({ pricetick: 0.001 });
    expect(e.oms.getAccount(GW)).toMatchObject({ accountid: '880001', balance: 500_000, available: 500_000, frozen: 0 });
    // 1,000 shares at cost 9.50 worth 10.00 each: market value 10,000, profit (10 − 9.5) × 1,000.
    expect(e.oms.getPosition(GW, '600000.SSE')).toMatchObject({ volume: 1000, yd_volume: 1000, frozen: 0, price: 9.5, last_price: 10, pnl: 500 });

    const hello = logs(e).find((m) => m.includes('边车进程已启动'));
    expect(hello).toMatch(/Python 3\.\d+\.\d+，xtquant 0\.0\.0-test-double/);
    // Session ids: the form's base plus a running number kept in the gateway's storage.
    expect((await fake.state()).sessions).toEqual([100_001]);
  });

  it('buys and sells: on_stock_order and on_stock_trade become our order and fill, holdings follow', async () => {
    const fake = await fakeMiniqmt();
    const e = await engineIn();
    await connect(e, settings(fake));
    const trades: TradeData[] = [];
    e.bus.on('trade', (t) => trades.push(t));

    const buy = await send(e, '多', 10, 200);
    await waitFor(() => order(e, buy)?.status === Status.ALLTRADED, 10_000, 'buy filled');
    const orderid = buy.slice(GW.length + 1);
    expect(orderid).toMatch(/^[0-9a-z]{10}-\d+$/);
    expect(orderid.length).toBeLessThanOrEqual(24);
    const onCounter = (await fake.state()).accounts['880001']!.orders;
    expect(onCounter).toMatchObject([{ remark: orderid, type: 23, status: 56, traded: 200 }]);
    expect(order(e, buy)).toMatchObject({ type: '限价', direction: '多', volume: 200, traded: 200, price: 10, reference: 'manual' });
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ vt_orderid: buy, vt_tradeid: `${GW}.SH-700001`, price: 10, volume: 200, direction: '多', fee: 0 });

    // Counter's figures after the fill: 500,000 − 200 × 10; today's 200 are not sellable (T+1).
    await waitFor(() => e.oms.getAccount(GW)?.available === 498_000, 10_000, 'cash after the buy');
    await waitFor(() => e.oms.getPosition(GW, '600000.SSE')?.volume === 1200, 10_000, 'holding after the buy');
    expect(e.oms.getPosition(GW, '600000.SSE')).toMatchObject({ yd_volume: 1000 });

    const sell = await send(e, '空', 10, 300);
    await waitFor(() => order(e, sell)?.status === Status.ALLTRADED, 10_000, 'sell filled');
    expect(trades[1]).toMatchObject({ vt_orderid: sell, direction: '空', volume: 300, vt_tradeid: `${GW}.SH-700002` });
    await waitFor(() => e.oms.getPosition(GW, '600000.SSE')?.yd_volume === 700, 10_000, 'sellable after the sell');
    expect(e.oms.getPosition(GW, '600000.SSE')!.volume).toBe(900);
    await waitFor(() => e.oms.getAccount(GW)?.available === 501_000, 10_000, 'cash after the sell');
  });

  it('cancels a resting order; a cancel the counter refuses is logged and the order stays as the counter reported it', async () => {
    const fake = await fakeMiniqmt();
    const e = await engineIn();
    await connect(e, settings(fake));

    const resting = await send(e, '多', 9.8);
    await waitFor(() => order(e, resting)?.status === Status.NOTTRADED, 10_000, 'resting');
    await waitFor(() => e.oms.getAccount(GW)?.frozen === 980, 10_000, 'cash frozen for the resting buy');
    await e.dispatcher.dispatch('order/cancel', { vt_orderid: resting });
    await waitFor(() => order(e, resting)?.status === Status.CANCELLED, 10_000, 'cancelled');
    expect(order(e, resting)!.status_msg).toBe('用户撤单');
    await waitFor(() => e.oms.getAccount(GW)?.frozen === 0, 10_000, 'freeze released');

    // The counter fills the next one but its push is lost: we still think it works, and cancel.
    const second = await send(e, '多', 9.8);
    await waitFor(() => order(e, second)?.status === Status.NOTTRADED, 10_000, 'second resting');
    const xtId = (await fake.state()).accounts['880001']!.orders.find((o) => o.remark === second.slice(GW.length + 1))!.order_id;
    await fake.command('fill', { order_id: xtId, volume: 100, silent: true });
    await e.dispatcher.dispatch('order/cancel', { vt_orderid: second });
    await waitFor(() => logs(e).find((m) => m.startsWith('撤单失败')), 10_000, 'cancel refusal logged');
    expect(logs(e).find((m) => m.startsWith('撤单失败'))).toBe(`撤单失败：委托 ${second} 委托已成交或已撤销，不能撤单（错误码 -81）`);
    expect(order(e, second)!.status).toBe(Status.NOTTRADED);
    // The counter's next word settles it: the order row, then the fill.
    await fake.command('replay');
    await afterEarlierPushes(e);
    expect(order(e, second)).toMatchObject({ status: Status.ALLTRADED, traded: 100 });
    expect([...e.oms.trades.values()].filter((t) => t.vt_orderid === second)).toMatchObject([{ volume: 100, price: 9.8 }]);
  });

  it('a cancel asked for before the counter has numbered the order is sent as soon as the number arrives', async () => {
    const fake = await fakeMiniqmt();
    const e = await engineIn();
    await connect(e, settings(fake));
    await fake.command('hold', { on: true }); // a slow counter: the order is taken, nothing is said yet
    const early = await send(e, '多', 9.5);
    await waitFor(() => order(e, early)?.status === Status.SUBMITTING, 10_000, 'submitted');
    await e.dispatcher.dispatch('order/cancel', { vt_orderid: early });
    expect(logs(e)).toContain(`委托 ${early} 尚未得到柜台编号，编号到达后即撤单`);
    await fake.command('hold', { on: false });
    await waitFor(() => order(e, early)?.status === Status.CANCELLED, 10_000, 'cancelled once numbered');
    expect((await fake.state()).accounts['880001']!.orders).toMatchObject([{ remark: early.slice(GW.length + 1), status: 54 }]);
  });

  it('an order the counter refuses comes back 拒单 with its error code and message', async () => {
    const fake = await fakeMiniqmt();
    const e = await engineIn();
    await connect(e, settings(fake));
    await fake.command('reject_next', { error_id: -90, msg: '账户状态异常，禁止交易' });
    const refused = await send(e, '多', 10);
    await waitFor(() => order(e, refused)?.status === Status.REJECTED, 10_000, 'rejected');
    expect(order(e, refused)!.status_msg).toBe('下单失败（错误码 -90）：账户状态异常，禁止交易');
    expect(e.main.snapshot().logs.some((l) => l.level === 'WARNING' && l.msg === `委托 ${refused} 下单失败（错误码 -90）：账户状态异常，禁止交易`)).toBe(true);

    // Refused before it leaves: a credit type on a cash account.
    const err = await rejection(send(e, '多', 10, 100, '600000.SH', CreditOrderType.FIN_BUY));
    expect(err.message).toMatch(/融资买入需要信用账户/);
  });

  it('credit account: 融资买入 goes out as order type 27, opens a 融资 contract, and the 两融 figures follow', async () => {
    const fake = await fakeMiniqmt([
      {
        account_id: '990001',
        type: 'CREDIT',
        cash: 200_000,
        positions: [{ code: '000001.SZ', volume: 1000, cost: 11 }],
        credit: {
          fin_quota: 100_000,
          subjects: { '600000.SH': { fin: true, slo: true, fin_ratio: 1, slo_ratio: 1 }, '000001.SZ': { fin: true } },
          lendable: { '600000.SH': 5000 },
          assure: { '600000.SH': 0.7, '000001.SZ': 0.7 },
        },
      },
    ]);
    const e = await engineIn();
    await connect(e, settings(fake, { 资金账号: '990001', 账户类型: '信用' }));

    const credit = await waitFor(() => e.oms.getCredit(GW), 10_000, 'credit detail');
    expect(credit).toMatchObject({ accountid: '990001', fin_max_quota: 100_000, fin_enable_quota: 100_000, total_debt: 0, per_assure_scale_value: Infinity, level: CreditLevel.NORMAL });
    expect(e.oms.getCreditAsset(GW, '600000.SSE')).toMatchObject({ fin_status: true, slo_status: true, fin_ratio: 1, enable_amount: 5000, assure_status: true, assure_ratio: 0.7 });
    expect(e.oms.getCreditAsset(GW, '000001.SZSE')).toMatchObject({ fin_status: true, slo_status: false });
    expect(e.oms.contracts.get('600000.SSE')).toMatchObject({ fin_eligible: true, slo_eligible: true });

    const fin = await send(e, '多', 10, 1000, '600000.SH', CreditOrderType.FIN_BUY);
    await waitFor(() => order(e, fin)?.status === Status.ALLTRADED, 10_000, '融资买入 filled');
    expect(order(e, fin)!.credit).toBe(CreditOrderType.FIN_BUY);
    expect((await fake.state()).accounts['990001']!.orders[0]).toMatchObject({ type: 27, status: 56 });

    const compact = await waitFor(() => [...e.oms.compacts.values()].find((c) => c.gateway_name === GW), 10_000, '融资 contract');
    expect(compact).toMatchObject({ compact_type: CompactType.FIN, vt_symbol: '600000.SSE', business_vol: 1000, real_compact_vol: 1000, business_balance: 10_000, closed: false });
    // 总资产 = 200,000 cash + 1,000 × 12 + 1,000 × 10 = 222,000; 负债 10,000 → 维持担保比例 22.2.
    await waitFor(() => e.oms.getCredit(GW)?.fin_debt === 10_000, 10_000, 'financing debt');
    expect(e.oms.getCredit(GW)).toMatchObject({ total_debt: 10_000, balance: 222_000, per_assure_scale_value: 22.2, fin_enable_quota: 90_000 });

    // Without a credit type, an order on a credit account is 担保品买入 (23).
    const plain = await send(e, '多', 12, 100, '000001.SZ');
    await waitFor(() => order(e, plain)?.status === Status.ALLTRADED, 10_000, '担保品买入 filled');
    expect(order(e, plain)!.credit).toBe(CreditOrderType.COLLATERAL_BUY);
    expect((await fake.state()).accounts['990001']!.orders[1]).toMatchObject({ type: 23 });
  });

  it('MiniQMT drops the link: orders are refused meanwhile, it reconnects under a new session id, a fill made meanwhile arrives once', async () => {
    const fake = await fakeMiniqmt();
    const e = await engineIn();
    await connect(e, settings(fake));
    const history = statusHistory(e);
    const resting = await send(e, '多', 9.9);
    await waitFor(() => order(e, resting)?.status === Status.NOTTRADED, 10_000, 'resting');

    await fake.command('refuse_connect', { count: 1_000_000 });
    await fake.command('drop');
    await waitFor(() => statusOf(e) === GatewayStatus.CONNECTING, 10_000, 'reconnecting');
    expect(history.some((h) => h.status === GatewayStatus.CONNECTING && h.message.includes('on_disconnected'))).toBe(true);
    expect((await rejection(send(e, '多', 10))).code).toBe('GATEWAY_NOT_CONNECTED');
    await fake.command('set_price', { code: '600000.SH', price: 9.85 }); // fills the resting buy while we are away
    await waitFor(() => logs(e).some((m) => m.includes('次重连 MiniQMT 未成功')), 15_000, 'a refused attempt');
    await fake.command('refuse_connect', { count: 0 });

    await waitFor(() => statusOf(e) === GatewayStatus.CONNECTED, 30_000, 'reconnected');
    await waitFor(() => order(e, resting)?.status === Status.ALLTRADED, 10_000, 'fill recovered');
    expect([...e.oms.trades.values()].filter((t) => t.vt_orderid === resting)).toHaveLength(1);
    const { sessions, live_sessions } = await fake.state();
    expect(sessions).toHaveLength(2);
    expect(new Set(sessions).size).toBe(2);
    expect(live_sessions).toEqual([sessions[1]]);
    expect(gateway(e).session).toBe(sessions[1]);
    expect(logs(e).some((m) => m.startsWith('已重连 MiniQMT'))).toBe(true);

    const after = await send(e, '多', 9.85);
    await waitFor(() => order(e, after)?.status === Status.ALLTRADED, 10_000, 'trading after the reconnect');
  });

  it('the sidecar killed: reported as 出错 with the reason, restarted, reconnected under a new session', async () => {
    const fake = await fakeMiniqmt();
    const e = await engineIn();
    await connect(e, settings(fake));
    const history = statusHistory(e);
    const first = gateway(e).sidecarPid!;
    process.kill(first, 'SIGKILL');

    await waitFor(() => history.find((h) => h.status === GatewayStatus.ERROR), 10_000, '出错 reported');
    expect(history.find((h) => h.status === GatewayStatus.ERROR)!.message).toMatch(/MiniQMT 边车进程被信号 SIGKILL 终止/);
    expect(e.main.snapshot().logs.some((l) => l.level === 'ERROR' && l.msg.includes('边车进程异常'))).toBe(true);
    await waitFor(() => statusOf(e) === GatewayStatus.CONNECTED, 30_000, 'restarted');
    expect(gateway(e).sidecarPid).not.toBe(first);
    expect(new Set((await fake.state()).sessions).size).toBe(2);

    const buy = await send(e, '多', 10);
    await waitFor(() => order(e, buy)?.status === Status.ALLTRADED, 10_000, 'trading after the restart');
  });

  it('a hung sidecar misses its request deadline, is killed and replaced', async () => {
    const fake = await fakeMiniqmt();
    const e = await engineIn();
    await connect(e, settings(fake, { '请求超时(秒)': 5 }));
    const history = statusHistory(e);
    const first = gateway(e).sidecarPid!;
    process.kill(first, 'SIGSTOP'); // alive, answering nothing: the account poll finds out
    try {
      await waitFor(() => history.find((h) => h.status === GatewayStatus.ERROR), 20_000, 'hang detected');
    } finally {
      // Should the test fail above, the stopped process must not outlive it.
      if (gateway(e).sidecarPid === first) process.kill(first, 'SIGKILL');
    }
    expect(history.find((h) => h.status === GatewayStatus.ERROR)!.message).toMatch(/秒内未应答请求“query_(asset|positions)”，判定为无响应并已结束/);
    await waitFor(() => statusOf(e) === GatewayStatus.CONNECTED, 30_000, 'replaced');
    expect(gateway(e).sidecarPid).not.toBe(first);
    expect(() => process.kill(first, 0)).toThrow(); // the hung one is gone
  });

  it('drops orders and fills the counter replays', async () => {
    const fake = await fakeMiniqmt();
    const e = await engineIn();
    await connect(e, settings(fake));
    const filled = await send(e, '多', 10);
    const cancelled = await send(e, '多', 9.5);
    await waitFor(() => order(e, filled)?.status === Status.ALLTRADED && order(e, cancelled)?.status === Status.NOTTRADED, 10_000, 'acks');
    await e.dispatcher.dispatch('order/cancel', { vt_orderid: cancelled });
    await waitFor(() => order(e, cancelled)?.status === Status.CANCELLED, 10_000, 'cancel');

    const orderEvents: OrderData[] = [];
    const tradeEvents: TradeData[] = [];
    e.bus.on('order', (o) => orderEvents.push(o));
    e.bus.on('trade', (t) => tradeEvents.push(t));
    await fake.command('replay');
    const marker = await afterEarlierPushes(e);
    expect(orderEvents.filter((o) => o.vt_orderid === filled || o.vt_orderid === cancelled)).toEqual([]);
    expect(tradeEvents.map((t) => t.vt_orderid)).toEqual([marker]);
    expect(order(e, filled)!.status).toBe(Status.ALLTRADED);
    expect(order(e, cancelled)!.status).toBe(Status.CANCELLED);
    expect(e.oms.trades.size).toBe(2);
  });

  it('after a restart, yesterday-run orders map back to their ids, fills are not counted twice, new ids never repeat', async () => {
    const fake = await fakeMiniqmt();
    const dir = tempVntraderDir();
    const e1 = await engineIn(dir);
    await connect(e1, settings(fake));
    const before = await send(e1, '多', 10);
    await waitFor(() => order(e1, before)?.status === Status.ALLTRADED, 10_000, 'filled before the restart');
    await e1.close();
    engines.splice(engines.indexOf(e1), 1);

    const e2 = await engineIn(dir);
    const replays: TradeData[] = [];
    e2.bus.on('trade', (t) => replays.push(t));
    await connect(e2, settings(fake));
    expect(order(e2, before)).toMatchObject({ status: Status.ALLTRADED, traded: 100 });
    expect([...e2.oms.orders.keys()]).toEqual([before]);
    expect(replays).toEqual([]); // the counter's copy of the fill was recognised
    expect(e2.oms.trades.size).toBe(1);

    const after = await send(e2, '多', 10);
    await waitFor(() => order(e2, after)?.status === Status.ALLTRADED, 10_000, 'filled after the restart');
    const tag = (id: string) => id.slice(GW.length + 1).split('-')[0];
    expect(tag(after)).not.toBe(tag(before));
    expect((await fake.state()).sessions).toEqual([100_001, 100_002]);
  });

  it('quotes through xtdata: a subscribed code ticks, depth in shares', async () => {
    const fake = await fakeMiniqmt();
    const e = await engineIn();
    await connect(e, settings(fake));
    await e.dispatcher.dispatch('market/subscribe', { code: '600000.SH', gateway: GW });
    // The subscription travels through the sidecar to xtdata; the price moves once it is there.
    await until(async () => (await fake.state()).quotes.includes('600000.SH'), 10_000, 'quote subscription at xtdata');
    await fake.command('set_price', { code: '600000.SH', price: 10.05 });
    const tick = await waitFor(() => e.oms.ticks.get('600000.SSE'), 10_000, 'tick');
    expect(tick).toMatchObject({ gateway_name: GW, name: '浦发银行', last_price: 10.05, pre_close: 10, limit_up: 11, ask_price_1: 10.06, bid_price_1: 10.05, bid_volume_1: 1100, ask_volume_5: 5000 });
    // The xtquant double prints a banner on connecting, as xtdata does: it must reach stderr, not
    // the protocol. stderr is a pipe of its own, in no order with stdout: its line may come later.
    await waitFor(() => e.main.snapshot().logs.some((l) => l.level === 'DEBUG' && l.msg.includes('xtdata 连接成功')), 10_000, 'the xtdata banner from stderr');
  });

  it('reports the counter\'s orders for reconciliation (queryOrders)', async () => {
    const fake = await fakeMiniqmt();
    const e = await engineIn();
    await connect(e, settings(fake));
    const id = await send(e, '多', 9.7);
    await waitFor(() => order(e, id)?.status === Status.NOTTRADED, 10_000, 'resting');
    const fromCounter = await gateway(e).queryOrders();
    expect(fromCounter).toHaveLength(1);
    expect(fromCounter[0]).toMatchObject({ vt_orderid: id, status: Status.NOTTRADED, volume: 100, price: 9.7, type: '限价' });
  });

  it('without MiniQMT each failure says what is needed, nothing is left running, and SIM works beside it', async () => {
    const fake = await fakeMiniqmt();
    const e = await engineIn();

    const noPython = await rejection(connect(e, settings(fake, { Python路径: path.join(os.tmpdir(), 'no-such-python') })));
    expect(noPython.code).toBe('PYTHON_NOT_FOUND');
    expect(noPython.message).toMatch(/^找不到 Python：.*no-such-python.*不存在或不在 PATH 中。MiniQMT 接口需要：Windows 上已登录并勾选“极简模式”的 MiniQMT 客户端/);
    expect(statusOf(e)).toBe(GatewayStatus.ERROR);

    const noXtquant = await rejection(connect(e, settings(fake, { xtquant目录: '' })));
    expect(noXtquant.code).toBe('XTQUANT_MISSING');
    expect(noXtquant.message).toMatch(/无法导入 xtquant：ModuleNotFoundError: No module named 'xtquant'。MiniQMT 接口需要：Windows/);
    expect(gateway(e).sidecarPid).toBeUndefined();

    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'tstrader-no-miniqmt-'));
    const notRunning = await rejection(connect(e, settings(fake, { QMT路径: empty })));
    expect(notRunning.code).toBe('MINIQMT_UNREACHABLE');
    expect(notRunning.message).toMatch(/请确认 MiniQMT 已启动并以“极简模式”登录/);
    expect(gateway(e).sidecarPid).toBeUndefined();
    const errors = e.main.snapshot().logs.filter((l) => l.level === 'ERROR' && l.gateway_name === GW).map((l) => l.msg);
    // One line each (the engine's), not one from the gateway and another from the engine.
    for (const err of [noPython, noXtquant, notRunning]) expect(errors.filter((m) => m.includes(err.message))).toEqual([`MINIQMT 连接失败：${err.message}`]);

    const sim = (await e.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 60_000 } })) as GatewayInfo;
    expect(sim.status).toBe(GatewayStatus.CONNECTED);
    const price = e.oms.contracts.get('600000.SSE')!.pre_close; // SIM's own 600000 now
    const r = (await e.dispatcher.dispatch('order/send', { code: '600000.SSE', direction: '多', type: '限价', volume: 100, price, gateway: 'SIM' })) as { vt_orderid: string };
    await waitFor(() => order(e, r.vt_orderid), 5000, 'SIM order');

    // And once the set-up is right, the same gateway connects.
    expect((await connect(e, settings(fake))).status).toBe(GatewayStatus.CONNECTED);
  });
});
