/**
 * The SIM counter as durable as a real one: its state is staged with every order and fill
 * event (the engine commits both in one transaction), working orders survive a crash live
 * with their freezes, ids never repeat even when the state is lost, a cancel it cannot do is
 * refused with the reason, and one process at a time holds an instance.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Status } from '../../../common/constants';
import { CreditOrderType } from '../../../common/credit';
import type { OrderRequest } from '../../../common/objects';
import { createGateway } from '../../../gateways/sim/index';
import { nextSession, type SimGateway, stateKey, workingKey } from '../../../gateways/sim/sim-gateway';
import type { SimExchange } from '../../../gateways/sim/sim-exchange';
import { buy, Exchange, makeContext, MemoryStorage, sell, type TestContext } from './sim-test-context';

const settings = { 资金账号: 'sim001', 密码: '', 初始资金: 1_000_000, '行情间隔(ms)': 60_000, 随机种子: 42 };
const PF = '600000.SSE';
const PA = '601318.SSE';
const open: SimGateway[] = [];
const flush = (): Promise<void> => Promise.resolve();

afterEach(async () => {
  for (const gw of open.splice(0)) await gw.close();
});

async function connected(ctx: TestContext, form: Record<string, string | number> = settings): Promise<SimGateway> {
  const gw = createGateway(ctx) as SimGateway;
  open.push(gw);
  await gw.connect(form);
  return gw;
}

/**
 * What a kill -9 leaves: the storage as of the last commit, and no close() (which would
 * cancel the working orders). The dead gateway's quote timer is an hour away and unref'd.
 */
function crash(gw: SimGateway, storage: MemoryStorage): MemoryStorage {
  open.splice(open.indexOf(gw), 1);
  storage.commit();
  const after = new MemoryStorage();
  for (const [k, v] of storage.data) after.data.set(k, v);
  return after;
}

function quote(ex: SimExchange, vt: string, last: number, bid: number, ask: number, depth = 10_000): void {
  ex.setQuote(vt, { last, bids: [[bid, depth]], asks: [[ask, depth]] });
}

describe('SIM durability', () => {
  it('stages the account state in the same turn as each order and fill event', async () => {
    const ctx = makeContext();
    const gw = await connected(ctx);
    ctx.storage.commit();
    quote(gw.simExchange!, PF, 13.2, 13.19, 13.2);
    const filled = gw.sendOrder(buy(PF, 100, 13.2));
    // Staged synchronously with the events it produced, not on a timer: the account and the
    // order's own key (which the commit deletes, as the order filled at once).
    expect(ctx.storage.pending.sort()).toEqual([stateKey('sim001'), workingKey('sim001', filled.slice(4))].sort());
    await flush();
    expect(ctx.events.trades).toHaveLength(1);
    const saved = ctx.storage.load<{ cash_cents: number; positions: { volume: number }[] }>(stateKey('sim001'))!;
    // 1,000,000 − 1320.00 − commission 5.00 (min) − transfer fee 0.01
    expect(saved.cash_cents).toBe(100_000_000 - 132_000 - 500 - 1);
    expect(saved.positions[0]!.volume).toBe(100);
  });

  it('saves a burst’s changes, not the whole book: one key per working order, the quotes apart', async () => {
    const ctx = makeContext();
    const gw = await connected(ctx);
    const ids = Array.from({ length: 300 }, () => gw.sendOrder(buy(PF, 100, 12.0)).slice(4));
    ctx.storage.commit();
    expect(ctx.storage.keys(workingKey('sim001', '')).sort()).toEqual(ids.map((id) => workingKey('sim001', id)).sort());
    const account = ctx.storage.data.get(stateKey('sim001'))!;
    expect(account).not.toContain('quotes');
    expect(account.length).toBeLessThan(1000);
    // One more order: two keys to write, whatever the size of the book.
    const next = gw.sendOrder(buy(PF, 100, 12.0)).slice(4);
    expect(ctx.storage.pending.sort()).toEqual([stateKey('sim001'), workingKey('sim001', next)].sort());
    gw.cancelOrder({ orderid: ids[0]!, symbol: '600000', exchange: Exchange.SSE });
    ctx.storage.commit();
    expect(ctx.storage.data.has(workingKey('sim001', ids[0]!))).toBe(false);
  });

  it('a crash leaves working orders live at the counter, with their cash and shares still held', async () => {
    const storage = new MemoryStorage();
    const a = await connected(makeContext('SIM', storage));
    const ex = a.simExchange!;
    quote(ex, PF, 13.2, 13.19, 13.2, 1000);
    a.sendOrder(buy(PF, 1000, 13.2));
    await a.runAction('settle-day');
    quote(ex, PF, 13.2, 13.19, 13.2, 300);
    // partly filled buy (300 of 500), a resting buy, a resting sell of held shares
    const partial = a.sendOrder(buy(PF, 500, 13.2));
    const resting = a.sendOrder(buy(PF, 200, 12.5));
    const selling = a.sendOrder(sell(PF, 400, 14.0));
    await flush();
    const account = ex.accountData();
    const position = ex.positionData(PF)!;
    expect(account.frozen).toBeGreaterThan(0);
    expect(position.frozen).toBe(400);

    const ctx = makeContext('SIM', crash(a, storage));
    const b = await connected(ctx);
    const restored = b.simExchange!;
    expect(restored.workingOrderIds().sort()).toEqual([partial, resting, selling].map((id) => id.slice(4)).sort());
    expect(restored.accountData()).toEqual(account);
    expect(restored.positionData(PF)).toMatchObject({ volume: position.volume, frozen: 400, yd_volume: position.yd_volume });
    const counter = await b.queryOrders();
    expect(counter.find((o) => o.vt_orderid === partial)).toMatchObject({ status: Status.PARTTRADED, traded: 300, volume: 500 });
    expect(counter.find((o) => o.vt_orderid === resting)).toMatchObject({ status: Status.NOTTRADED, price: 12.5 });

    // They keep working: the rest of the partial buy fills against new liquidity …
    quote(restored, PF, 13.2, 13.19, 13.2, 1000);
    await flush();
    expect(ctx.events.lastOrder(partial)).toMatchObject({ status: Status.ALLTRADED, traded: 500 });
    // … and a cancel releases exactly what each holds.
    b.cancelOrder({ orderid: resting, symbol: '600000', exchange: Exchange.SSE });
    b.cancelOrder({ orderid: selling, symbol: '600000', exchange: Exchange.SSE });
    await flush();
    expect(restored.accountData().frozen).toBe(0);
    expect(restored.positionData(PF)!.frozen).toBe(0);
  });

  it('restores working orders in time priority (the 2nd before the 10th)', async () => {
    const storage = new MemoryStorage();
    const a = await connected(makeContext('SIM', storage));
    const ids = Array.from({ length: 12 }, () => a.sendOrder(buy(PF, 100, 12.0)));
    const ctx = makeContext('SIM', crash(a, storage));
    const b = await connected(ctx);
    // Liquidity for two of the twelve at their price: the two oldest fill.
    quote(b.simExchange!, PF, 12.0, 11.99, 12.0, 200);
    await flush();
    expect(ctx.events.trades.map((t) => t.vt_orderid)).toEqual([ids[0], ids[1]]);
  });

  it('a credit account keeps working 融资买入 / 融券卖出 orders and the quota they hold', async () => {
    const form = { ...settings, 资金账号: 'c001', 账户类型: '信用' };
    const storage = new MemoryStorage();
    const a = await connected(makeContext('SIM', storage), form);
    const ex = a.simExchange!;
    quote(ex, PF, 13.2, 13.19, 13.2);
    quote(ex, PA, 56, 55.99, 56);
    a.sendOrder({ ...buy(PF, 1000, 12.0), credit: CreditOrderType.FIN_BUY } as OrderRequest);
    a.sendOrder({ ...sell(PA, 300, 60), credit: CreditOrderType.SLO_SELL } as OrderRequest);
    await flush();
    const detail = ex.creditDetail()!;
    const lendable = ex['desk']!.book.lendable.get(PA);

    const b = await connected(makeContext('SIM', crash(a, storage)), form);
    const restored = b.simExchange!;
    expect(restored.workingOrderIds()).toHaveLength(2);
    expect(restored.creditDetail()).toEqual(detail);
    expect(restored['desk']!.book.lendable.get(PA)).toBe(lendable);
    const ids = (await b.queryOrders()).map((o) => o.vt_orderid);
    for (const id of ids) b.cancelOrder({ orderid: id, symbol: '', exchange: Exchange.SSE });
    await flush();
    expect(restored.creditDetail()).toMatchObject({ fin_used_quota: 0, slo_used_quota: 0 });
    expect(restored['desk']!.book.lendable.get(PA)).toBe(lendable! + 300);
  });

  it('a clean close still cancels working orders, saying why', async () => {
    const storage = new MemoryStorage();
    const ctx = makeContext('SIM', storage);
    const a = await connected(ctx);
    const id = a.sendOrder(buy(PF, 100, 12.0));
    await a.close();
    open.splice(open.indexOf(a), 1);
    expect(ctx.events.lastOrder(id)).toMatchObject({ status: Status.CANCELLED, status_msg: '连接断开，未成交委托已撤销' });
    const b = await connected(makeContext('SIM', storage));
    expect(b.simExchange!.workingOrderIds()).toEqual([]);
    expect(b.simExchange!.accountData()).toMatchObject({ balance: 1_000_000, frozen: 0 });
  });

  it('refuses a cancel it cannot do with the reason, instead of answering ok', async () => {
    const gw = await connected(makeContext());
    const id = gw.sendOrder(buy(PF, 100, 12.0));
    expect(() => gw.cancelOrder({ orderid: 'SIM.77-1', symbol: '600000', exchange: Exchange.SSE })).toThrow(expect.objectContaining({ code: 'UNKNOWN_ORDER' }));
    gw.cancelOrder({ orderid: id, symbol: '600000', exchange: Exchange.SSE });
    expect(() => gw.cancelOrder({ orderid: id, symbol: '600000', exchange: Exchange.SSE })).toThrow(expect.objectContaining({ code: 'ORDER_NOT_ACTIVE' }));
  });
});

describe('SIM ids across lost state', () => {
  it('takes the next session past both its own record and the journal’s last order', () => {
    expect(nextSession(undefined, undefined)).toBe(1);
    expect(nextSession(4, undefined)).toBe(5);
    expect(nextSession(undefined, '7-12')).toBe(8);
    expect(nextSession(9, '7-12')).toBe(10);
    expect(nextSession(3, 'not-a-sim-id')).toBe(4);
  });

  it('with its state gone, the next order does not reuse an id the journal holds', async () => {
    const ctx = makeContext('SIM', new MemoryStorage());
    ctx.lastOrderId = '12-40';
    const gw = await connected(ctx);
    expect(gw.sendOrder(buy(PF, 100, 12.0))).toBe('SIM.13-1');
    quote(gw.simExchange!, PF, 13.2, 13.19, 13.2);
    gw.sendOrder(buy(PF, 100, 13.2));
    await flush();
    expect(ctx.events.trades[0]!.vt_tradeid).toBe('SIM.13-1');
  });
});

describe('SIM instance lease', () => {
  it('will not connect while another process holds the instance, and gives it up on close', async () => {
    const storage = new MemoryStorage();
    storage.heldBy = '进程 4242（自 2025-03-05 09:00:00 起）';
    const ctx = makeContext('SIM', storage);
    const gw = createGateway(ctx) as SimGateway;
    await expect(gw.connect(settings)).rejects.toMatchObject({ code: 'SIM_IN_USE', message: expect.stringContaining('进程 4242') });
    expect(gw.simExchange).toBeUndefined();
    storage.heldBy = undefined;
    await gw.connect(settings);
    expect(storage.claimed).toBe(true);
    await gw.close();
    expect(storage.claimed).toBe(false);
  });
});
