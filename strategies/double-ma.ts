// The API is global in a strategy; this type-only import gives editors and tsc its types.
import type {} from './strategy-api';
/**
 * Double moving average on 1-minute bars: buy a lot when the fast average crosses above the
 * slow one, sell what is sellable (T+1) when it crosses below. Parameters (context.params):
 *   { "code": "600000.XSHG", "fast": 5, "slow": 20, "lots": 1 }
 *
 *   tstrader start_task -c strategies/double-ma.ts -n ma --params '{"fast":5,"slow":20}'
 */

interface MaParams {
  code: string;
  fast: number;
  slow: number;
  lots: number;
}

const closes: number[] = [];
let params: MaParams = { code: '600000.XSHG', fast: 5, slow: 20, lots: 1 };
let lastTick: Tick | undefined;

function process_initialize(context: StrategyContext): void {
  params = { ...params, ...(context.params as Partial<MaParams>) };
  if (!(params.fast > 0 && params.slow > params.fast)) throw new Error(`参数无效：fast=${params.fast} slow=${params.slow}（应 0 < fast < slow）`);
  subscribe(params.code);
  log.info(`双均线：${params.code} 快线 ${params.fast} 慢线 ${params.slow}，每次 ${params.lots} 手`);
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

  const fastNow = average(params.fast);
  const slowNow = average(params.slow);
  const fastBefore = average(params.fast, 1);
  const slowBefore = average(params.slow, 1);
  // Orders still working from an earlier signal would only pile up.
  if (get_orders({ code: params.code }).some((o) => o.status === 'new' || o.status === 'open' || o.status === 'filling')) return;

  if (fastBefore <= slowBefore && fastNow > slowNow) {
    log.info(`金叉 ${fastNow.toFixed(3)} > ${slowNow.toFixed(3)}，买入`);
    order(params.code, 100 * params.lots, LimitOrderStyle(lastTick.ask_price_1 || bar.close));
  } else if (fastBefore >= slowBefore && fastNow < slowNow) {
    const pos = context.portfolio.long_positions[params.code]!;
    if (pos.available_amount > 0) {
      log.info(`死叉 ${fastNow.toFixed(3)} < ${slowNow.toFixed(3)}，卖出 ${pos.available_amount} 股`);
      order(params.code, -pos.available_amount, LimitOrderStyle(lastTick.bid_price_1 || bar.close));
    }
  }
}

function on_trade(_context: StrategyContext, trade: Trade): void {
  log.info(`成交：${trade.action === 'open' ? '买入' : '卖出'} ${trade.amount} 股 @ ${trade.price}`);
}

void [process_initialize, on_tick, on_bar, on_trade];
