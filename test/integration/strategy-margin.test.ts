/**
 * Ptrade's margin API in a strategy worker against the real engine and SIM's credit account:
 * 融资买入 then 卖券还款 and 直接还款; 融券卖出 (at the default latest price) then 买券还券;
 * get_margin_assert agreeing with the engine's CreditDetail and compacts; the engine's
 * credit pre-trade checks refusing a strategy's order; the Ptrade double-MA example placing
 * credit orders, and refusing to start on a cash account.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Status } from '../../common/constants';
import { CompactType, CreditOrderType } from '../../common/credit';
import { StrategyStatus, type StrategyEngineOptions } from '../../apps/strategy-manager/engine';
import { waitFor } from './harness';
import { linesOf, startStrategyRig, type StrategyRig } from './strategy-helpers';

type Rig = StrategyRig;

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** strategy-helpers' rig, with SIM's account type chosen. */
function start(account: '信用' | '普通', quoteMs: number, opts: Partial<StrategyEngineOptions> = {}): Promise<Rig> {
  return startStrategyRig(opts, { 账户类型: account, '行情间隔(ms)': quoteMs });
}

const cst = (hms: string): number => Date.parse(`2025-01-06T${hms}+08:00`);
const line = (r: Rig, name: string, prefix: string, ms = 5000): Promise<string> =>
  waitFor(() => linesOf(r, name).find((l) => l.startsWith(prefix)), ms, prefix);

describe('融资: margincash_open, margincash_close, margincash_direct_refund', () => {
  it('opens a 融资 compact, repays part by selling and the rest in cash, and get_margin_assert agrees with CreditDetail', async () => {
    let now = cst('09:30:00');
    // Quotes every 10 minutes: after the first tick prices stand still, so figures can be compared exactly.
    rig = await start('信用', 600_000, { now: () => now });
    const file = rig.file('fin.ts', `
      let tick: { ask_price_1: number; bid_price_1: number } | undefined;
      function process_initialize() {
        set_options({ code_style: 'ptrade' });
        subscribe('600030.SS');
        run_daily(open, '09:31:00');
        run_daily(report, '09:45:00');
        run_daily(close, '10:00:00');
        run_daily(refund, '10:30:00');
      }
      function on_tick(c: unknown, t: { ask_price_1: number; bid_price_1: number }) { tick = t; }
      function open() {
        // The fifth ask: the whole 1,000 fills against a book that stands still.
        const id = margincash_open('SH600030', 1000, tick!.ask_price_5);
        log.info('open ' + id + ' ' + get_orders(id!)[0]!.status + ' ' + get_orders(id!)[0]!.credit);
        log.info('sse-market ' + margincash_open('600030.SS', 100, null, 4));
      }
      function report() {
        sync_balance();
        log.info('assert ' + JSON.stringify(get_margin_assert()));
      }
      function close() {
        sync_balance();
        log.info('close ' + margincash_close('600030.XSHG', 400, tick!.bid_price_5));
      }
      function refund() {
        sync_balance();
        const m = get_margin_assert()!;
        log.info('owed ' + m.get('fin_compact_balance') + ' ' + m.fin_compact_interest);
        margincash_direct_refund(m.fin_compact_balance + m.fin_compact_interest);
      }
      function on_order(c: unknown, o: { order_id: string; status: string; filled_amount: number }) {
        if (o.status === 'filled') log.info('filled ' + o.order_id + ' ' + o.filled_amount);
      }
    `);
    rig.strategies.add({ name: 'fin', file, clock: { kind: 'driven' } });
    await rig.strategies.start('fin');
    const oms = rig.engine.oms;
    await waitFor(() => oms.ticks.get('600030.SSE'), 3000, 'tick');

    now = cst('09:31:00');
    rig.strategies.setTime(now);
    const [, openId, status, credit] = (await line(rig, 'fin', 'open ')).split(' ');
    expect(status).toBe('new'); // the id came back at once
    expect(credit).toBe(CreditOrderType.FIN_BUY);
    // SSE market order without a protection price: null, the reason in the strategy's log.
    expect(await line(rig, 'fin', 'sse-market ')).toBe('sse-market null');
    expect(linesOf(rig, 'fin').some((l) => /margincash_open\(600030\.SS, 100\) 未委托：上证股票市价委托（market_type=4）必须传入 limit_price/.test(l))).toBe(true);
    expect(await line(rig, 'fin', 'filled ')).toBe(`filled ${openId} 1000`);
    const fin = await waitFor(() => [...oms.compacts.values()].find((c) => c.compact_type === CompactType.FIN && c.vt_symbol === '600030.SSE'), 3000, 'compact');
    expect(fin.real_compact_vol).toBe(1000);
    const openOrder = rig.strategies.orders('fin').find((o) => o.order_id === openId)!;
    expect(openOrder).toMatchObject({ credit: CreditOrderType.FIN_BUY, status: Status.ALLTRADED, reference: 'fin' });

    // 日终结算: a day's interest accrues and the shares become sellable (T+1).
    await rig.engine.main.runAction('SIM', 'settle-day');
    await waitFor(() => (oms.getCredit('SIM')?.fin_fee ?? 0) > 0, 3000, 'interest');
    now = cst('09:45:00');
    rig.strategies.setTime(now);
    const reported = JSON.parse((await line(rig, 'fin', 'assert ')).slice(7)) as Record<string, number | null>;
    const d = oms.getCredit('SIM')!;
    const open = [...oms.compacts.values()].filter((c) => c.gateway_name === 'SIM' && !c.closed);
    const sum = (type: CompactType, f: 'real_compact_balance' | 'real_compact_fare'): number =>
      Math.round(open.filter((c) => c.compact_type === type).reduce((n, c) => n + c[f] * 100, 0)) / 100;
    expect(reported).toEqual({
      assure_asset: d.balance,
      total_debit: d.total_debt,
      enable_bail_balance: d.enable_bail_balance,
      assure_enbuy_balance: d.available,
      fin_enrepaid_balance: d.available,
      fin_max_quota: d.fin_max_quota,
      fin_enable_quota: d.fin_enable_quota,
      fin_used_quota: d.fin_used_quota,
      fin_compact_balance: sum(CompactType.FIN, 'real_compact_balance'),
      fin_compact_fare: 0,
      fin_compact_interest: sum(CompactType.FIN, 'real_compact_fare'),
      slo_max_quota: d.slo_max_quota,
      slo_enable_quota: d.slo_enable_quota,
      slo_used_quota: d.slo_used_quota,
      slo_compact_balance: 0,
      slo_compact_fare: 0,
      slo_compact_interest: 0,
      slo_market_value: d.slo_market_value,
      slo_sell_balance: d.surplus_slo_sell_balance,
      net_asset: d.assure_asset,
      per_assurescale_value: d.per_assure_scale_value,
    });
    // and those agree with the account's own figures
    expect(reported.fin_compact_balance).toBe(d.fin_deal_avl);
    expect(reported.fin_compact_interest).toBe(d.fin_fee);
    expect(reported.fin_compact_balance!).toBeGreaterThan(0);
    expect(reported.fin_compact_interest!).toBeGreaterThan(0);

    // 卖券还款: the proceeds go to the 融资 debt.
    const debtBefore = d.fin_debt;
    now = cst('10:00:00');
    rig.strategies.setTime(now);
    const closeId = (await line(rig, 'fin', 'close ')).slice(6);
    expect(await line(rig, 'fin', `filled ${closeId}`)).toBe(`filled ${closeId} 400`);
    const closeOrder = rig.strategies.orders('fin').find((o) => o.order_id === closeId)!;
    expect(closeOrder.credit).toBe(CreditOrderType.SELL_CASH_REPAY);
    await waitFor(() => oms.getCredit('SIM')!.fin_debt < debtBefore - 1000, 3000, 'debt reduced by the sale');

    // 直接还款 of everything still owed closes the compact.
    now = cst('10:30:00');
    rig.strategies.setTime(now);
    await line(rig, 'fin', 'owed ');
    expect(await line(rig, 'fin', '直接还款：')).toMatch(/剩余融资负债 0\.00 元/);
    await waitFor(() => oms.getCredit('SIM')!.fin_debt === 0, 3000, 'no 融资 debt');
    expect(oms.compacts.get(fin.vt_compactid)!.closed).toBe(true);
  });
});

describe('融券: marginsec_open at the latest price, marginsec_close', () => {
  it('sells short at the default price, shows the short, and buys it back', async () => {
    rig = await start('信用', 50);
    const file = rig.file('slo.js', `
      let step = 0, waited = 0, sold = 0, seen = [];
      function process_initialize() { subscribe('000001.XSHE'); }
      function on_tick(c, t) {
        // The ticks after the order's: 'the latest price' may already be one of them.
        if (step > 0 && seen.length < 20) { seen.push(t.last_price); if (seen.length === 20) log.info('later ' + seen.join(' ')); }
        if (step === 0 && t.bid_price_1 >= t.last_price) {
          // The latest price is the floor of 融券卖出; with a bid at it the order fills at once.
          step = 1; waited = 0;
          const id = marginsec_open(t.code, 1000);
          log.info('short ' + id + ' ' + get_orders(id)[0].price + ' ' + t.last_price);
        } else if (step === 1 && ++waited > 5) {
          for (const o of get_orders({ status: 'open' })) cancel_order(o);
        } else if (step === 2) {
          const s = c.portfolio.short_positions['000001.SZ'];
          // The short position mirror follows the fills a push later: wait until it has them all.
          if (!s || s.amount < sold) return;
          log.info('position ' + s.amount + ' ' + s.side + ' ' + get_margin_assert().slo_compact_balance);
          step = 3;
          log.info('cover ' + marginsec_close('000001.SZ', s.amount, t.ask_price_1));
        }
      }
      function on_order(c, o) {
        if (step === 1 && (o.status === 'canceled' || o.status === 'rejected')) step = 0; // try again
        if (o.status === 'filled') log.info('filled ' + o.order_id + ' ' + o.credit);
      }
      function on_trade(c, t) { if (step === 1) { sold += t.amount; if (sold === 1000) step = 2; } }
    `);
    rig.strategies.add({ name: 'slo', file });
    await rig.strategies.start('slo');
    const oms = rig.engine.oms;
    const [, shortId, price, last] = (await line(rig, 'slo', 'short ', 10_000)).split(' ');
    // Neither limit_price nor market_type: a limit order at the latest price the worker knows
    // when it sends — this tick's, or a newer one already received while this callback waited.
    if (price !== last) {
      const later = (await line(rig, 'slo', 'later ', 20_000)).split(' ').slice(1);
      expect(later).toContain(price);
    }
    const shortFilled = await line(rig, 'slo', 'filled ', 15_000);
    expect(shortFilled.split(' ')[2]).toBe(CreditOrderType.SLO_SELL);
    const filledShortId = shortFilled.split(' ')[1]!;
    const shortOrder = rig.strategies.orders('slo').find((o) => o.order_id === filledShortId)!;
    expect(shortOrder).toMatchObject({ credit: CreditOrderType.SLO_SELL, status: Status.ALLTRADED, type: '限价' });
    expect(typeof shortId).toBe('string');

    const [, amount, side, sloBalance] = (await line(rig, 'slo', 'position ')).split(' ');
    expect([amount, side]).toEqual(['1000', 'short']);
    const sloCompacts = [...oms.compacts.values()].filter((c) => c.compact_type === CompactType.SLO && c.vt_symbol === '000001.SZSE');
    // (a compact may be repaid by now: business_balance is what it opened with.) A compact is
    // worth what its fills sold for — a fill may come at a better bid than the order's price.
    const openedWith = sloCompacts.reduce((sum, c) => sum + Math.round(c.business_balance * 100), 0);
    expect(Number(sloBalance)).toBe(openedWith / 100);
    const shortTrades = [...oms.trades.values()].filter((t) => t.vt_symbol === '000001.SZSE' && oms.orders.get(t.vt_orderid)?.credit === CreditOrderType.SLO_SELL);
    expect(shortTrades.reduce((n, t) => n + t.volume, 0)).toBe(1000);
    expect(openedWith).toBe(shortTrades.reduce((sum, t) => sum + Math.round(t.price * t.volume * 100), 0));

    const coverId = (await line(rig, 'slo', 'cover ')).slice(6);
    expect(await waitFor(() => linesOf(rig!, 'slo').find((l) => l.startsWith(`filled ${coverId}`)), 5000, 'cover filled')).toBe(`filled ${coverId} ${CreditOrderType.BUY_SECU_REPAY}`);
    await waitFor(() => sloCompacts.every((c) => oms.compacts.get(c.vt_compactid)?.closed === true), 3000, 'compacts closed');
    expect(oms.getCredit('SIM')!.slo_market_value).toBe(0);
  });
});

describe('the engine checks a strategy\'s credit orders', () => {
  it('refuses 融资买入 of a code that is not a 融资标的, as a rejection with the rule\'s message', async () => {
    rig = await start('信用', 50);
    const file = rig.file('rule.js', `
      let done = false;
      function process_initialize() { subscribe('601288.SS'); }
      function on_tick(c, t) { if (done) return; done = true; log.info('id ' + margincash_open(t.code, 100, t.ask_price_1)); }
      function on_order(c, o) { if (o.status === 'rejected') log.info('rejected ' + o.order_id + ' ' + o.err_msg); }
    `);
    rig.strategies.add({ name: 'rule', file });
    await rig.strategies.start('rule');
    const id = (await line(rig, 'rule', 'id ')).slice(3);
    expect(id).not.toBe('null');
    expect(await line(rig, 'rule', 'rejected ')).toMatch(new RegExp(`^rejected ${id} .*不是融资标的`));
  });
});

describe('the Ptrade double-MA margin example', () => {
  it('places credit orders on SIM\'s credit account', async () => {
    rig = await start('信用', 50);
    const file = path.resolve('strategies/ptrade-margin-ma.ts');
    rig.strategies.add({
      name: 'ma', file, params: { code: '600030.SS', fast: 2, slow: 4, amount: 1000 },
      // 1-minute bars every 100 ms of real time
      clock: { kind: 'scaled', start: cst('09:35:00'), speed: 600 },
    });
    await rig.strategies.start('ma');
    const placed = await waitFor(
      () => rig!.strategies.orders('ma').find((o) => (o.credit === CreditOrderType.FIN_BUY || o.credit === CreditOrderType.SLO_SELL) && o.status !== Status.REJECTED && o.status !== Status.SUBMITTING),
      20_000, 'a credit order accepted by SIM',
    );
    expect(placed.vt_symbol).toBe('600030.SSE');
    expect(placed.volume).toBe(1000);
    // The strategy's own log line crosses from its worker after the engine has the order.
    const said = placed.credit === CreditOrderType.FIN_BUY ? '融资买入' : '融券卖出';
    expect(await line(rig, 'ma', said)).toBe(said);
    expect(rig.strategies.status('ma').errors).toBe(0);
  });

  it('refuses to start on a cash account', async () => {
    rig = await start('普通', 50);
    rig.strategies.add({ name: 'ma', file: path.resolve('strategies/ptrade-margin-ma.ts') });
    await expect(rig.strategies.start('ma')).rejects.toThrow(/启动失败/);
    expect(rig.strategies.status('ma')).toMatchObject({ status: StrategyStatus.ERROR, message: expect.stringMatching(/需要信用账户/) });
    expect(linesOf(rig, 'ma').some((l) => /get_margin_assert\(\) 未委托：当前接口不是信用账户/.test(l))).toBe(true);
  });
});
