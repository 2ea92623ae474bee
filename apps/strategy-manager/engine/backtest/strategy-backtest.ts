/**
 * A strategy file backtested on bars: the unchanged file, compiled as for a live run
 * (compile.ts), runs against the worker runtime's own API, order and portfolio mirrors and
 * run_daily scheduler (runtime/), on a driven clock, trading through a TradingPort — the
 * BacktestBroker instead of the engine. The whole replay (bar → matcher → strategy) runs on
 * the calling thread with no message crossing a thread per bar: what the live runtime sends
 * through its rings, this host hands to the port and back to the mirrors directly.
 *
 * Per bar k (electron/engine/backtest/matching/bar-replay.ts keeps the same order):
 *   1. a new Beijing day: the day's contract (pre-close, limits), yesterday's orders expire, T+1 settles;
 *   2. run_daily jobs due up to the bar's start — the strategy knows the bars before it;
 *   3. the orders resting from earlier bars are matched against bar k (on_order / on_trade follow);
 *   4. the clock moves to the bar's end; on_tick gets a quote made of the bar's close
 *      (bid = ask = last = close), then on_bar gets the bar, complete;
 *   5. after the day's last bar: the rest of the day's jobs (close, after_trading_end).
 * An order placed in step 4 can fill from bar k + 1 on; one placed in step 2 from bar k on.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import vm from 'node:vm';
import { buildDailyTable, type DailyClose, type DailyTrade } from '../../../../common/backtest/daily-table';
import { LOG_LIMIT, type BacktestLogLine, type BacktestReport, type StrategyBacktestSettings } from '../../../../common/backtest/report';
import { computeStatistics } from '../../../../common/backtest/statistics';
import { orderRequestOf } from '../../../../common/bridge-contract';
import { CreditOrderType, DEFAULT_CREDIT_TERMS } from '../../../../common/credit';
import { Direction, LogLevel, Offset, type Exchange, type OrderType } from '../../../../common/constants';
import type { OrderData, PositionData, TickData, TradeData } from '../../../../common/objects';
import { toJoinQuantCode, toPtradeCode, toXtQuantCode } from '../../../../common/symbol';
import { tradingDayOf } from '../../../../common/time';
import { BACKTEST_GATEWAY, BacktestBroker } from '../../../../electron/engine/backtest/broker/backtest-broker';
import { stockContract } from '../../../../electron/engine/backtest/broker/stock-bars';
import type { BarColumns } from '../../../../electron/engine/backtest/job/bar-columns';
import type { MatchBar } from '../../../../electron/engine/backtest/matching/bar-order';
import { CALLBACK_NAMES, type CallbackName, type FromWorker } from '../protocol';
import { API_NAMES, HOOK_NAMES, type HookName } from '../runtime/api-names';
import type { BarData } from '../runtime/bar-generator';
import { CreditMirror } from '../runtime/credit-mirror';
import { cstMidnight, DailyScheduler } from '../runtime/daily-scheduler';
import { OrderMirror } from '../runtime/order-mirror';
import { PortfolioMirror } from '../runtime/portfolio-mirror';
import { buildApi, type ApiHost, type ScheduledJob, type StrategyFn } from '../runtime/strategy-api';
import type { CodeStyle } from '../strategy-types';
import type { StrategyTick } from '../transport/tick-codec';

export interface StrategyBacktestInput {
  /** the strategy file's name, for stack traces and the report */
  file: string;
  /** the file compiled by compileStrategy */
  code: string;
  vt_symbol: string;
  interval: '1m' | '1d';
  start: string;
  end: string;
  params: Record<string, unknown>;
  settings: StrategyBacktestSettings;
  bars: BarColumns;
  /** called every `progressEvery` bars and at the end */
  onProgress?(done: number, total: number): void;
  progressEvery?: number;
}

const W = (name: CallbackName): number => CALLBACK_NAMES.indexOf(name);
const DAY = 86_400_000;
const CST = 8 * 3600_000;

/** Defaults of a strategy-file backtest (docs/backtest.md). */
export const DEFAULT_STRATEGY_BACKTEST: Readonly<StrategyBacktestSettings> = {
  capital: 1_000_000,
  fees: { commissionRate: 0.00025, minCommission: 5, stampDutyRate: 0.0005, transferFeeRate: 0.00001 },
  volumeRatio: 0.25,
  slippageTicks: 0,
  annualDays: 240,
};

/** The strategy could not start (load or process_initialize threw). */
export class StrategyLoadError extends Error {
  override name = 'StrategyLoadError';
}

export function runStrategyBacktest(input: StrategyBacktestInput): BacktestReport {
  const t0 = performance.now();
  const { bars, settings } = input;
  const n = bars.length;
  const intervalMs = input.interval === '1d' ? DAY : 60_000;
  const firstDayStart = n ? cstMidnight(bars.datetime[0]!) : 0;
  const broker = new BacktestBroker(stockContract(input.vt_symbol), {
    capital: settings.capital, fees: settings.fees, volumeRatio: settings.volumeRatio, slippageTicks: settings.slippageTicks,
    ...(settings.account === 'credit' ? { credit: settings.creditTerms ?? DEFAULT_CREDIT_TERMS } : {}),
  });
  broker.setCursor(-1, firstDayStart);

  // ---- the strategy's view: the runtime's mirrors --------------------------------------
  let codeStyle: CodeStyle = 'joinquant';
  const codeCache = new Map<string, string>();
  const codeOf = (vt: string): string => {
    let c = codeCache.get(vt);
    if (c === undefined) {
      const dot = vt.indexOf('.');
      const symbol = vt.slice(0, dot);
      const exchange = vt.slice(dot + 1) as Exchange;
      c = codeStyle === 'joinquant' ? toJoinQuantCode(symbol, exchange) : codeStyle === 'ptrade' ? toPtradeCode(symbol, exchange) : codeStyle === 'xtquant' ? toXtQuantCode(symbol, exchange) : vt;
      codeCache.set(vt, c);
    }
    return c;
  };
  const latest = new Map<string, number>();
  const orders = new OrderMirror();
  const credit = new CreditMirror();
  const portfolio = new PortfolioMirror(codeOf, { shorts: () => credit.shorts(), lastPrice: (vt) => latest.get(vt) });
  const scheduler = new DailyScheduler<ScheduledJob>(firstDayStart, Infinity);
  const now = (): number => broker.now();
  const oidToVt = new Map<string, string>();
  const vtToOid = new Map<string, string>();
  let sendingOid: string | undefined;
  let initializing = false;
  let errors = 0;
  let rejected = 0;
  const logs: BacktestLogLine[] = [];
  let logsDropped = 0;
  const log = (level: LogLevel, msg: string): void => {
    if (logs.length < LOG_LIMIT) logs.push({ datetime: now(), level, msg });
    else logsDropped++;
  };

  interface Pending {
    fn: StrategyFn;
    arg: unknown;
    what: number;
  }
  let queue: Pending[] = [];
  const hooks: Partial<Record<HookName, StrategyFn>> = {};

  function invoke(what: number, fn: StrategyFn, arg: unknown): void {
    try {
      const r = arg === undefined ? fn(context) : fn(context, arg);
      if (r !== null && typeof r === 'object' && typeof (r as Promise<unknown>).then === 'function') {
        (r as Promise<unknown>).then(undefined, (e: unknown) => failed(what, e));
      }
    } catch (error) {
      failed(what, error);
    }
  }
  function failed(what: number, error: unknown): void {
    errors++;
    log(LogLevel.ERROR, `${CALLBACK_NAMES[what] ?? 'callback'} 出错（第 ${errors} 次）：${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  function runPending(): void {
    while (queue.length) {
      const batch = queue;
      queue = [];
      for (const p of batch) invoke(p.what, p.fn, p.arg);
    }
  }

  // ---- port events → mirrors, as the live runner pushes them ---------------------------
  const sell = { direction: Direction.SHORT, offset: Offset.NONE } as const;
  const positionUpdate = (p: PositionData) => {
    const contract = broker.contract(p.vt_symbol) ?? stockContract(p.vt_symbol);
    const available = broker.rulesFor(contract).closable(sell, contract, (d) => (d === p.direction ? p : undefined))?.volume ?? 0;
    return { vt_symbol: p.vt_symbol, volume: p.volume, frozen: p.frozen, available, price: p.price, last_price: p.last_price };
  };
  broker.on('order', (o: OrderData) => {
    let oid = vtToOid.get(o.vt_orderid);
    if (oid === undefined && sendingOid !== undefined) {
      oid = sendingOid;
      oidToVt.set(oid, o.vt_orderid);
      vtToOid.set(o.vt_orderid, oid);
      orders.onAck(oid, o.vt_orderid);
    }
    if (oid === undefined) return;
    const changed = orders.onOrder(oid, { vt_orderid: o.vt_orderid, status: o.status, traded: o.traded, volume: o.volume, price: o.price, status_msg: o.status_msg }, now());
    if (changed && hooks.on_order) queue.push({ what: W('on_order'), fn: hooks.on_order, arg: { ...changed } });
  });
  broker.on('trade', (t: TradeData) => {
    const oid = vtToOid.get(t.vt_orderid);
    if (oid === undefined) return;
    const trade = orders.onTrade(oid, { vt_tradeid: t.vt_tradeid, direction: t.direction, price: t.price, volume: t.volume, fee: t.fee, datetime: t.datetime });
    if (trade && hooks.on_trade) queue.push({ what: W('on_trade'), fn: hooks.on_trade, arg: trade });
  });
  // Longs only: a 融券 debt reaches short_positions from the compacts (credit mirror), as live.
  broker.on('position', (p) => {
    if (p.direction === Direction.LONG) portfolio.setPosition(positionUpdate(p));
  });
  broker.on('compact', (c) => credit.setCompact(c));
  // The credit figures move with every bar's price; live they are pushed, here they are
  // computed when the strategy reads them (get_margin_assert, margin orders), not per bar.
  if (broker.isCredit) {
    Object.defineProperty(credit, 'detail', { get: () => broker.credit(BACKTEST_GATEWAY), set: () => {}, configurable: true });
  }
  broker.on('account', (a) => (portfolio.account = { balance: a.balance, frozen: a.frozen, available: a.available, market_value: a.market_value }));

  // ---- what the API sends, served at once ----------------------------------------------
  function send(msg: FromWorker): void {
    switch (msg.t) {
      case 'order': {
        const oid = msg.oid;
        try {
          const contract = broker.lookupContract(msg.code);
          const req = orderRequestOf(
            { direction: msg.direction as Direction.LONG | Direction.SHORT, type: msg.type as OrderType, volume: msg.volume, price: msg.price, ...(msg.credit !== undefined ? { credit: msg.credit } : {}) },
            contract,
            input.file,
          );
          sendingOid = oid;
          broker.sendOrder(req, BACKTEST_GATEWAY);
        } catch (error) {
          rejected++;
          const text = error instanceof Error ? error.message : String(error);
          const o = orders.onReject(oid, text);
          log(LogLevel.WARNING, `委托被拒绝：${text}`);
          if (o && hooks.on_order) queue.push({ what: W('on_order'), fn: hooks.on_order, arg: { ...o } });
        } finally {
          sendingOid = undefined;
        }
        break;
      }
      case 'cancel': {
        const vt = oidToVt.get(msg.oid);
        if (vt === undefined) return;
        try {
          broker.cancelOrder(vt);
        } catch (error) {
          log(LogLevel.WARNING, `撤单失败（${msg.oid}）：${error instanceof Error ? error.message : String(error)}`);
          const o = broker.order(vt);
          if (o) orders.onOrder(msg.oid, { vt_orderid: vt, status: o.status, traded: o.traded, volume: o.volume, price: o.price, status_msg: o.status_msg }, now());
        }
        break;
      }
      case 'subscribe':
        for (const vt of msg.codes) {
          try {
            broker.subscribe(vt);
          } catch (error) {
            log(LogLevel.WARNING, error instanceof Error ? error.message : String(error));
          }
        }
        break;
      case 'repay':
        // margincash_direct_refund: the outcome goes to the log, as live
        try {
          log(LogLevel.INFO, `直接还款：${broker.directRepay({ type: CreditOrderType.DIRECT_CASH_REPAY, amount: msg.amount })}`);
        } catch (error) {
          log(LogLevel.ERROR, `直接还款 ${msg.amount} 元失败：${error instanceof Error ? error.message : String(error)}`);
        }
        break;
      case 'log':
        log(msg.level, msg.msg);
        break;
      case 'error':
        failed(W('idle'), new Error(msg.msg));
        break;
      case 'sync':
      case 'ready':
      case 'fatal':
      case 'stopped':
        break; // the mirrors are always current here: sync_* has nothing to wait for
    }
  }

  const host: ApiHost = {
    now,
    send,
    initializing: () => initializing,
    scheduler,
    orders,
    credit,
    latestPrice: (vt) => latest.get(vt),
    codeOf,
    setCodeStyle(style) {
      codeStyle = style;
      codeCache.clear();
    },
    syncWait() {},
  };
  const api = buildApi(host, 'bt');
  const context = {
    get current_dt(): Date {
      return new Date(now());
    },
    strategy_dt: null as Date | null,
    get portfolio() {
      return portfolio.portfolio;
    },
    params: input.params,
    name: path.basename(input.file),
  };
  // console in a strategy goes to its log, as live
  const apiLog = api.log as Record<'info' | 'warn' | 'error' | 'debug', (...a: unknown[]) => void>;
  const strategyConsole = { ...console, log: apiLog.info, info: apiLog.info, warn: apiLog.warn, error: apiLog.error, debug: apiLog.debug };

  // ---- load and initialise -------------------------------------------------------------
  try {
    const factory = vm.runInThisContext(input.code, { filename: input.file }) as (...args: unknown[]) => { exports: Record<string, unknown>; locals: Record<string, unknown> };
    const module = { exports: {} as Record<string, unknown> };
    const req = createRequire(path.resolve(input.file));
    const saved = globalThis.console;
    globalThis.console = strategyConsole;
    try {
      const found = factory(module.exports, module, req, input.file, path.dirname(input.file), ...API_NAMES.map((name) => api[name]));
      for (const name of HOOK_NAMES) {
        const fn = (module.exports[name] ?? found.exports?.[name] ?? found.locals[name]) as unknown;
        if (typeof fn === 'function') hooks[name] = fn as StrategyFn;
      }
      if (hooks.before_trading_start) scheduler.add('open-30m', { fn: hooks.before_trading_start, what: W('before_trading_start') });
      if (hooks.after_trading_end) scheduler.add('close+30m', { fn: hooks.after_trading_end, what: W('after_trading_end') });
      portfolio.account = { balance: settings.capital, frozen: 0, available: settings.capital, market_value: 0 };
      // a credit account is known before process_initialize (get_margin_assert), as live
      if (broker.isCredit) credit.setAll(broker.openCompacts(BACKTEST_GATEWAY));
      const init = hooks.process_initialize ?? hooks.initialize;
      if (init) {
        initializing = true;
        try {
          init(context);
        } finally {
          initializing = false;
        }
      }
    } finally {
      globalThis.console = saved;
    }
  } catch (error) {
    throw new StrategyLoadError(`策略无法启动：${error instanceof Error ? error.message : String(error)}`);
  }

  // ---- replay --------------------------------------------------------------------------
  const vt = broker.contract(stockContract(input.vt_symbol).vt_symbol)!.vt_symbol;
  const code = codeOf(vt);
  const dot = vt.indexOf('.');
  const symbol = vt.slice(0, dot);
  const exchange = vt.slice(dot + 1) as Exchange;
  const closes: DailyClose[] = [];
  const bar: MatchBar = { datetime: 0, open: 0, high: 0, low: 0, close: 0, volume: 0, limit_up: 0, limit_down: 0 };
  const every = input.progressEvery ?? 5000;
  let dayKey = NaN;
  let date = '';
  let dayVolume = 0;
  let dayTurnover = 0;
  let dayOpen = 0;
  let dayHigh = 0;
  let dayLow = 0;
  let preClose = 0;

  const runDue = (t: number): void => {
    const { firings } = scheduler.due(t);
    for (const f of firings) {
      context.strategy_dt = new Date(f.at);
      invoke(f.payload.what, f.payload.fn, undefined);
      context.strategy_dt = null;
      runPending();
    }
  };

  const saved = globalThis.console;
  globalThis.console = strategyConsole;
  try {
    for (let k = 0; k < n; k++) {
      const start = bars.datetime[k]!;
      const key = Math.floor((start + CST) / DAY);
      if (key !== dayKey) {
        if (k > 0) preClose = bars.close[k - 1]!;
        dayKey = key;
        date = tradingDayOf(start);
        dayVolume = 0;
        dayTurnover = 0;
        dayOpen = bars.open[k]!;
        dayHigh = -Infinity;
        dayLow = Infinity;
        broker.setCursor(k - 1, start);
        broker.startDay(stockContract(vt, preClose), date, bars.open[k]!);
        runPending();
        // yesterday's orders are done (day orders expired above): get_orders is the new day's
        for (const oid of orders.newDay()) {
          const vtOrderId = oidToVt.get(oid);
          if (vtOrderId === undefined) continue;
          oidToVt.delete(oid);
          vtToOid.delete(vtOrderId);
        }
      }
      // jobs due before this bar: orders they place may trade on it
      broker.setCursor(k - 1, start);
      runDue(start);

      bar.datetime = start;
      bar.open = bars.open[k]!;
      bar.high = bars.high[k]!;
      bar.low = bars.low[k]!;
      bar.close = bars.close[k]!;
      bar.volume = bars.volume[k]!;
      bar.limit_up = bars.limit_up[k]!;
      bar.limit_down = bars.limit_down[k]!;
      const end = start + intervalMs;
      broker.setCursor(k, end);
      broker.markToMarket(bar.close);
      broker.matchBar(bar, k);
      latest.set(vt, bar.close);
      // marked to this close: total_value and the holding's last_price move with the bars
      portfolio.account = broker.account(BACKTEST_GATEWAY)!;
      for (const p of broker.positions(BACKTEST_GATEWAY)) if (p.direction === Direction.LONG) portfolio.setPosition(positionUpdate(p));
      runPending();

      dayVolume += bar.volume;
      dayTurnover += bars.turnover[k]!;
      if (bar.high > dayHigh) dayHigh = bar.high;
      if (bar.low < dayLow) dayLow = bar.low;
      const tick: TickData = {
        gateway_name: BACKTEST_GATEWAY, symbol, exchange, vt_symbol: vt, name: symbol, datetime: end,
        volume: dayVolume, turnover: dayTurnover, last_price: bar.close, last_volume: bar.volume,
        limit_up: bar.limit_up, limit_down: bar.limit_down, open_price: dayOpen, high_price: dayHigh, low_price: dayLow, pre_close: preClose,
        bid_price_1: bar.close, bid_price_2: 0, bid_price_3: 0, bid_price_4: 0, bid_price_5: 0,
        ask_price_1: bar.close, ask_price_2: 0, ask_price_3: 0, ask_price_4: 0, ask_price_5: 0,
        bid_volume_1: 0, bid_volume_2: 0, bid_volume_3: 0, bid_volume_4: 0, bid_volume_5: 0,
        ask_volume_1: 0, ask_volume_2: 0, ask_volume_3: 0, ask_volume_4: 0, ask_volume_5: 0,
      };
      broker.setQuote(tick);
      if (hooks.on_tick) {
        const { gateway_name: _g, name: _n, ...rest } = tick;
        const st: StrategyTick = { ...rest, code };
        invoke(W('on_tick'), hooks.on_tick, st);
        runPending();
      }
      if (hooks.on_bar) {
        const b: BarData = { code, vt_symbol: vt, datetime: start, open: bar.open, high: bar.high, low: bar.low, close: bar.close, volume: bar.volume, turnover: bars.turnover[k]! };
        invoke(W('on_bar'), hooks.on_bar, b);
        runPending();
      }
      const lastOfDay = k === n - 1 || Math.floor((bars.datetime[k + 1]! + CST) / DAY) !== dayKey;
      if (lastOfDay) {
        // the rest of the day's jobs: close, close+30m (after_trading_end)
        runDue(cstMidnight(start) + DAY - 1);
        closes.push({ date, close: bar.close });
      }
      if (input.onProgress && (k + 1) % every === 0) input.onProgress(k + 1, n);
    }
  } finally {
    globalThis.console = saved;
  }
  input.onProgress?.(n, n);

  // ---- results -------------------------------------------------------------------------
  const trades: DailyTrade[] = broker.fills.map((f) => ({ date: tradingDayOf(f.datetime - 1), direction: f.direction, price: f.price, volume: f.volume, commission: f.fee, slippage: f.slippage }));
  // a credit account's interest is a cost of the day it was charged (日终结算)
  if (broker.isCredit) for (const c of closes) c.charges = broker.interestOf(c.date);
  const daily = buildDailyTable(closes, trades, 1);
  const statistics = computeStatistics(daily, { capital: settings.capital, annualDays: settings.annualDays });
  return {
    file_name: path.basename(input.file),
    vt_symbol: vt,
    interval: input.interval,
    start: input.start,
    end: input.end,
    params: input.params,
    settings,
    statistics,
    daily,
    trades: broker.fills.map((f) => ({ trade_id: f.vt_tradeid, order_id: f.vt_orderid, datetime: f.datetime, direction: f.direction, price: f.price, volume: f.volume, amount: f.amount, fee: f.fee, slippage: f.slippage })),
    logs,
    logs_dropped: logsDropped,
    bars: n,
    orders: broker.orderCount,
    rejected,
    errors,
    elapsed_ms: performance.now() - t0,
  };
}
