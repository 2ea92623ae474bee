import { afterEach, describe, expect, it, vi } from 'vitest';
import { Direction, GatewayStatus, Offset, OrderType, Status } from '../../../common/constants';
import { TraderError } from '../../../common/errors';
import type { Gateway, GatewayManifest } from '../../../common/gateway-api';
import manifestJson from '../../../gateways/sim/manifest.json';
import { createGateway } from '../../../gateways/sim/index';
import { futuresKey, type SimGateway, stateKey } from '../../../gateways/sim/sim-gateway';
import { waitFor } from '../../fixtures/poll';
import { Exchange, MemoryStorage, buy, makeContext, sell } from './sim-test-context';

const settings = { 资金账号: 'sim001', 密码: '', 初始资金: 1_000_000, '行情间隔(ms)': 50, 随机种子: 42 };
const open: Gateway[] = [];
const flush = (): Promise<void> => Promise.resolve();

function gateway(ctx = makeContext()): { gw: SimGateway; ctx: ReturnType<typeof makeContext> } {
  const gw = createGateway(ctx) as SimGateway;
  open.push(gw);
  return { gw, ctx };
}

afterEach(async () => {
  for (const gw of open.splice(0)) await gw.close();
});

describe('SIM manifest', () => {
  it('declares the form, exchanges and the settle-day action', () => {
    const m = manifestJson as GatewayManifest;
    expect(m.name).toBe('SIM');
    expect(m.entry).toBe('index.ts');
    expect(Object.keys(m.settings)).toEqual([
      '资金账号', '账户类型', '密码', '初始资金', '行情间隔(ms)', '随机种子', '佣金费率', '最低佣金', '印花税率', '过户费率',
      '融资授信额度', '融券授信额度', '融资年利率', '融券年利率', '融资保证金比例', '融券保证金比例', '预警线', '平仓线',
    ]);
    expect(m.settings['账户类型']).toEqual({ type: 'enum', options: ['普通', '信用', '期货'], default: '普通' });
    expect(m.exchanges).toEqual(['SSE', 'SZSE', 'BSE', 'CFFEX', 'SHFE', 'DCE', 'CZCE', 'INE', 'GFEX']);
    expect(m.settings['融资年利率']).toMatchObject({ type: 'float', default: 0.065 });
    expect(m.settings['预警线']).toMatchObject({ type: 'float', default: 1.5 });
    expect(m.settings['行情间隔(ms)']).toMatchObject({ type: 'int', default: 1000, min: 50 });
    expect(m.settings['密码']).toEqual({ type: 'password' });
    expect(m.actions).toEqual([{ name: 'settle-day', label: '日终结算' }]);
  });
});

describe('SIM gateway', () => {
  it('connects, pushes contracts, account and status, then ticks for subscriptions on its timer', async () => {
    const { gw, ctx } = gateway();
    await gw.connect(settings);
    expect(ctx.events.statuses.map((s) => s.status)).toEqual([GatewayStatus.CONNECTING, GatewayStatus.CONNECTED]);
    expect(ctx.events.contracts.length).toBeGreaterThanOrEqual(60);
    expect(ctx.events.lastAccount()).toMatchObject({ vt_accountid: 'SIM.sim001', balance: 1_000_000 });
    gw.subscribe({ symbol: '600000', exchange: Exchange.SSE });
    await flush();
    expect(ctx.events.ticks.length).toBe(1);
    await waitFor(() => ctx.events.ticks.length >= 2, 5000, 'a tick from the timer');
    expect(new Set(ctx.events.ticks.map((t) => t.vt_symbol))).toEqual(new Set(['600000.SSE']));
  });

  it('returns the vt_orderid before any update for the order arrives', async () => {
    const { gw, ctx } = gateway();
    await gw.connect(settings);
    const id = gw.sendOrder(buy('600000.SSE', 100, 12));
    expect(id).toMatch(/^SIM\.\d+-1$/);
    expect(ctx.events.orders).toEqual([]);
    await flush();
    expect(ctx.events.lastOrder(id).status).toBe(Status.NOTTRADED);
    gw.cancelOrder({ orderid: id, symbol: '600000', exchange: Exchange.SSE });
    await flush();
    expect(ctx.events.lastOrder(id).status).toBe(Status.CANCELLED);
  });

  it('close stops the timer, cancels working orders and reports DISCONNECTED', async () => {
    // The quote timer on fake time: "no tick after close" is then a fact, not a short wait.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const { gw, ctx } = gateway();
      await gw.connect(settings);
      gw.subscribe({ symbol: '600000', exchange: Exchange.SSE });
      await flush();
      const first = ctx.events.ticks.length;
      vi.advanceTimersByTime(50);
      await waitFor(() => ctx.events.ticks.length > first, 5000, 'a tick on fake time'); // the timer runs on fake time
      const id = gw.sendOrder(buy('600000.SSE', 100, 12));
      await gw.close();
      expect(ctx.events.lastOrder(id)).toMatchObject({ status: Status.CANCELLED });
      expect(ctx.events.statuses.at(-1)?.status).toBe(GatewayStatus.DISCONNECTED);
      const ticks = ctx.events.ticks.length;
      vi.advanceTimersByTime(60_000);
      await new Promise((r) => setImmediate(r)); // let any deferred delivery run
      expect(ctx.events.ticks.length).toBe(ticks);
      expect(() => gw.sendOrder(buy('600000.SSE', 100, 12))).toThrow(TraderError);
    } finally {
      vi.useRealTimers();
    }
  });


  it('refuses an empty 资金账号', async () => {
    const { gw, ctx } = gateway();
    await expect(gw.connect({ ...settings, 资金账号: ' ' })).rejects.toMatchObject({ code: 'LOGIN_FAILED', message: '资金账号不能为空' });
    expect(ctx.events.statuses.at(-1)?.status).toBe(GatewayStatus.ERROR);
  });

  it('enrols the password on first connect, stores only a salted hash, refuses a different one later', async () => {
    const storage = new MemoryStorage();
    const first = gateway(makeContext('SIM', storage)).gw;
    await first.connect({ ...settings, 密码: 'secret-1' });
    await first.close();
    const stored = [...storage.data.values()].join('\n');
    expect(stored).not.toContain('secret-1');
    const auth = storage.load<{ salt: string; hash: string }>('auth.sim001');
    expect(auth?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auth?.salt.length).toBeGreaterThanOrEqual(16);

    const second = gateway(makeContext('SIM', storage)).gw;
    const err = await second.connect({ ...settings, 密码: 'wrong' }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(TraderError);
    expect(err).toMatchObject({ code: 'LOGIN_FAILED' });
    expect((err as TraderError).message).toContain('密码错误');
    await expect(second.connect({ ...settings, 密码: '' })).rejects.toMatchObject({ code: 'LOGIN_FAILED' });
    await second.connect({ ...settings, 密码: 'secret-1' });
    // Another account on the same storage has its own (absent) password.
    const third = gateway(makeContext('SIM', storage)).gw;
    await third.connect({ ...settings, 资金账号: 'sim002' });
  });

  it('keeps account, positions, day and quotes across a restart; order ids stay unique', async () => {
    const storage = new MemoryStorage();
    const a = gateway(makeContext('SIM', storage));
    await a.gw.connect(settings);
    const ex = a.gw.simExchange!;
    ex.setQuote('600000.SSE', { last: 13.2, bids: [[13.19, 100]], asks: [[13.2, 1000]] });
    const firstId = a.gw.sendOrder(buy('600000.SSE', 1000, 13.2));
    await a.gw.runAction('settle-day');
    const firstSell = a.gw.sendOrder(sell('600000.SSE', 100, 14.5));
    await flush();
    const account = a.ctx.events.lastAccount();
    const lastTick = ex.tick('600000.SSE')!;
    const day = ex.day;
    await a.gw.close();

    const b = gateway(makeContext('SIM', storage));
    await b.gw.connect(settings);
    const restored = b.gw.simExchange!;
    expect(restored.day).toBe(day);
    expect(b.ctx.events.lastAccount()).toMatchObject({ balance: account.balance, frozen: 0 });
    expect(account.balance).toBe(986794.87); // 1,000,000 − 13200 − 5.00 − 0.13
    expect(restored.positionData('600000.SSE')).toMatchObject({ volume: 1000, yd_volume: 1000, frozen: 0, price: 13.205 });
    const t = restored.tick('600000.SSE')!;
    expect([t.last_price, t.pre_close, t.volume, t.bid_price_1, t.ask_price_1]).toEqual([lastTick.last_price, lastTick.pre_close, lastTick.volume, lastTick.bid_price_1, lastTick.ask_price_1]);
    const nextId = b.gw.sendOrder(buy('600000.SSE', 100, 12));
    expect(new Set([firstId, firstSell, nextId]).size).toBe(3);
  });

  it('a restored exchange continues the same quotes as one that never stopped', async () => {
    const storage = new MemoryStorage();
    const a = gateway(makeContext('SIM', storage));
    await a.gw.connect(settings);
    await a.gw.close();
    const snap = storage.load<unknown>(stateKey('sim001'));
    expect(snap).toBeDefined();
    const b = gateway(makeContext('SIM', storage));
    await b.gw.connect(settings);
    const c = gateway(makeContext('SIM', new MemoryStorage()));
    await c.gw.connect(settings);
    b.gw.simExchange!.step();
    c.gw.simExchange!.step();
    expect(b.gw.simExchange!.tick('600519.SSE')).toEqual(c.gw.simExchange!.tick('600519.SSE'));
  });

  it('an unreadable state file starts the account fresh with a warning', async () => {
    const storage = new MemoryStorage();
    storage.save(stateKey('sim001'), { version: 99 });
    const { gw, ctx } = gateway(makeContext('SIM', storage));
    await gw.connect(settings);
    expect(ctx.events.logs.some((l) => l.msg.includes('无法识别'))).toBe(true);
    expect(ctx.events.lastAccount().balance).toBe(1_000_000);
  });

  it('settle-day runs as an action and returns a Chinese summary; unknown actions are refused', async () => {
    const { gw } = gateway();
    await gw.connect(settings);
    const summary = await gw.runAction('settle-day');
    expect(summary).toMatch(/^日终结算完成：2025-03-05 → 2025-03-06/);
    await expect(gw.runAction('nope')).rejects.toMatchObject({ code: 'UNKNOWN_ACTION' });
  });
});

describe('SIM gateway with a futures account (账户类型 期货)', () => {
  it('lists futures only, keeps the account in its own key, and restores lots and the day after a reconnect', async () => {
    const storage = new MemoryStorage();
    const { gw, ctx } = gateway(makeContext('SIM', storage));
    await gw.connect({ ...settings, 资金账号: 'fut001', 账户类型: '期货' });
    expect(ctx.events.contracts.map((c) => c.exchange).every((e) => e !== Exchange.SSE && e !== Exchange.SZSE)).toBe(true);
    expect(ctx.events.logs.at(-1)?.msg).toMatch(/^模拟交易所已连接：资金账号 fut001（期货账户，新开户），交易日 2025-03-05，合约 28 只$/);
    const ex = gw.simFutures!;
    expect(gw.simExchange).toBeUndefined();
    expect(gw.feeSchedule()).toBeUndefined(); // the stock fee schedule plays no part
    ex.setQuote('rb2505.SHFE', { last: 3200, bids: [[3199, 10]], asks: [[3200, 10]] });
    gw.sendOrder({ symbol: 'rb2505', exchange: Exchange.SHFE, direction: Direction.LONG, offset: Offset.OPEN, type: OrderType.LIMIT, volume: 2, price: 3200, reference: 't' });
    await flush();
    storage.commit();
    expect(storage.load(futuresKey('fut001'))).toMatchObject({ kind: 'futures', holdings: [{ vt_symbol: 'rb2505.SHFE', long: { today: [{ price: 3200, volume: 2 }] } }] });
    expect(storage.load(stateKey('fut001'))).toBeUndefined();
    await gw.runAction('settle-day');
    await gw.close();

    const again = gateway(makeContext('SIM', storage));
    await again.gw.connect({ ...settings, 资金账号: 'fut001', 账户类型: '期货' });
    expect(again.gw.simFutures!.day).toBe('2025-03-06');
    expect(again.gw.simFutures!.positionsData()).toMatchObject([{ vt_symbol: 'rb2505.SHFE', direction: Direction.LONG, volume: 2, yd_volume: 2 }]);
  });
});
