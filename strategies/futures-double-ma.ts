// The API is global in a strategy; this type-only import gives editors and tsc its types.
import type {} from './strategy-api';
/**
 * Double moving average on IF (沪深300股指期货), long and short, on 1-minute bars: when the fast
 * average crosses above the slow one, close any short (买入平仓) and open a long (买入开仓);
 * when it crosses below, close any long (卖出平仓) and open a short (卖出开仓). JoinQuant's
 * futures form of order(): amount > 0 opens, < 0 closes, side names the position.
 *
 * Connect SIM with 账户类型 = 期货 first. Parameters (context.params), all optional:
 *   { "code": "IF2612.CFFEX", "fast": 5, "slow": 20, "lots": 1 }
 * Without a code it trades IF's main contract by CFFEX's rule: this month's until its last
 * trading day (the third Friday), then next month's.
 *
 *   tstrader start_task -c strategies/futures-double-ma.ts -n if-ma --params '{"fast":5,"slow":20}'
 */

interface MaParams {
  code: string;
  fast: number;
  slow: number;
  lots: number;
}

const closes: number[] = [];
let params: MaParams = { code: '', fast: 5, slow: 20, lots: 1 };
let lastTick: Tick | undefined;

/** IF's main contract on a date: the month's own until its third Friday, then the next month's. */
function mainIf(now: Date): string {
  // The exchange's calendar is China's: read the date in UTC+8.
  const cst = new Date(now.getTime() + 8 * 3_600_000);
  let year = cst.getUTCFullYear();
  let month = cst.getUTCMonth() + 1;
  const firstWeekday = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
  const thirdFriday = 1 + ((5 - firstWeekday + 7) % 7) + 14;
  if (cst.getUTCDate() > thirdFriday) {
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return `IF${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}.CFFEX`;
}

function process_initialize(context: StrategyContext): void {
  params = { ...params, ...(context.params as Partial<MaParams>) };
  if (!params.code) params.code = mainIf(context.current_dt);
  if (!(params.fast > 0 && params.slow > params.fast)) throw new Error(`参数无效：fast=${params.fast} slow=${params.slow}（应 0 < fast < slow）`);
  if (!(Number.isInteger(params.lots) && params.lots > 0)) throw new Error(`参数无效：lots=${params.lots}（应为正整数手数）`);
  subscribe(params.code);
  log.info(`期货双均线：${params.code} 快线 ${params.fast} 慢线 ${params.slow}，每次 ${params.lots} 手`);
}

function average(n: number, endOffset = 0): number {
  const end = closes.length - endOffset;
  let sum = 0;
  for (let i = end - n; i < end; i++) sum += closes[i]!;
  return sum / n;
}

function on_tick(_context: StrategyContext, tick: Tick): void {
  lastTick = tick;
}

function on_bar(context: StrategyContext, bar: Bar): void {
  closes.push(bar.close);
  if (closes.length > params.slow + 1) closes.shift();
  if (closes.length < params.slow + 1 || !lastTick) return;
  // Orders still working from an earlier signal would only pile up.
  if (get_orders({ code: params.code }).some((o) => o.status === 'new' || o.status === 'open' || o.status === 'filling')) return;

  const fastNow = average(params.fast);
  const slowNow = average(params.slow);
  const crossedUp = average(params.fast, 1) <= average(params.slow, 1) && fastNow > slowNow;
  const crossedDown = average(params.fast, 1) >= average(params.slow, 1) && fastNow < slowNow;
  const long = context.portfolio.long_positions[params.code]!;
  const short = context.portfolio.short_positions[params.code]!;
  // At the opposite best price: it fills on the quote it was decided on, or rests until the next signal.
  const buyAt = LimitOrderStyle(lastTick.ask_price_1 || bar.close);
  const sellAt = LimitOrderStyle(lastTick.bid_price_1 || bar.close);

  if (crossedUp) {
    log.info(`金叉 ${fastNow.toFixed(2)} > ${slowNow.toFixed(2)}`);
    if (short.available_amount > 0) order(params.code, -short.available_amount, buyAt, 'short'); // 买入平仓
    if (long.amount === 0) order(params.code, params.lots, buyAt, 'long'); // 买入开仓
  } else if (crossedDown) {
    log.info(`死叉 ${fastNow.toFixed(2)} < ${slowNow.toFixed(2)}`);
    if (long.available_amount > 0) order(params.code, -long.available_amount, sellAt, 'long'); // 卖出平仓
    if (short.amount === 0) order(params.code, params.lots, sellAt, 'short'); // 卖出开仓
  }
}

function on_trade(context: StrategyContext, trade: Trade): void {
  const long = context.portfolio.long_positions[params.code]!.amount;
  const short = context.portfolio.short_positions[params.code]!.amount;
  log.info(`成交 ${trade.amount} 手 @ ${trade.price}，多头 ${long} 手，空头 ${short} 手`);
}

void [process_initialize, on_tick, on_bar, on_trade];
