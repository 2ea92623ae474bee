// The API is global in a strategy; this type-only import gives editors and tsc its types.
import type {} from './strategy-api';
/**
 * Ptrade's double moving average margin strategy (双均线融资融券策略, from Ptrade's 融资融券API
 * page), on TS Trader's 1-minute bars instead of Ptrade's daily get_history. Needs a credit
 * account (SIM: 账户类型 “信用” in its connect settings).
 *
 *   fast MA crosses above slow, and not long: return any 融券 shares (买券还券), then 融资买入;
 *   fast MA below slow, and not short: sell what is long to repay (卖券还款), then 融券卖出.
 *
 * As in Ptrade, orders go at the latest price (no limit_price, no market_type). Two changes
 * the platform asks for: the long side sells only what T+1 allows today (Ptrade's example
 * sells position.amount), and an order still working at the next bar is cancelled and that
 * bar skipped, so signals do not pile up orders. Parameters (context.params):
 *   { "code": "600030.SS", "fast": 5, "slow": 10, "amount": 1000 }
 */

interface MarginMaParams {
  code: string;
  fast: number;
  slow: number;
  amount: number;
}

let p: MarginMaParams = { code: '600030.SS', fast: 5, slow: 10, amount: 1000 };
const closes: number[] = [];

function process_initialize(context: StrategyContext): void {
  p = Object.assign({}, p, context.params as Partial<MarginMaParams>);
  if (!(p.fast > 0 && p.slow > p.fast)) throw new Error(`参数无效：fast=${p.fast} slow=${p.slow}（应 0 < fast < slow）`);
  if (!get_margin_assert()) throw new Error('需要信用账户：在接口的连接设置中选择账户类型“信用”');
  set_options({ code_style: 'ptrade' });
  subscribe(p.code); // Ptrade's set_universe
  log.info(`双均线融资融券：${p.code} MA${p.fast}/MA${p.slow}，每次 ${p.amount} 股`);
}

function mean(n: number): number {
  let sum = 0;
  for (let i = closes.length - n; i < closes.length; i++) sum += closes[i]!;
  return sum / n;
}

function on_bar(context: StrategyContext, bar: Bar): void {
  closes.push(bar.close);
  if (closes.length > p.slow) closes.shift();
  if (closes.length < p.slow) return;

  const working = get_orders({ code: p.code }).filter((o) => o.status === 'new' || o.status === 'open' || o.status === 'filling');
  if (working.length) {
    for (const o of working) cancel_order(o);
    return;
  }

  const maFast = mean(p.fast);
  const maSlow = mean(p.slow);
  const long = context.portfolio.long_positions[p.code]!;
  const short = context.portfolio.short_positions[p.code]!;
  // Ptrade's position.amount: positive long, negative short.
  const amount = long.amount - short.amount;

  if (maFast > maSlow && amount <= 0) {
    if (short.amount > 0) {
      marginsec_close(p.code, short.amount);
      log.info('平空头仓位');
    }
    margincash_open(p.code, p.amount);
    log.info('融资买入');
  } else if (maFast < maSlow && amount >= 0) {
    if (long.available_amount > 0) {
      margincash_close(p.code, long.available_amount);
      log.info('平多头仓位');
    }
    marginsec_open(p.code, p.amount);
    log.info('融券卖出');
  }
}

function on_order(_context: StrategyContext, order: Order): void {
  if (order.status === 'rejected') log.warn(`${order.credit ?? '委托'} ${order.amount} 股被拒绝：${order.err_msg}`);
}

function on_trade(_context: StrategyContext, trade: Trade): void {
  const m = get_margin_assert();
  log.info(`成交 ${trade.code} ${trade.action === 'open' ? '买入' : '卖出'} ${trade.amount} 股 @ ${trade.price}；融资负债 ${m?.fin_compact_balance ?? 0} 元，融券负债 ${m?.slo_compact_balance ?? 0} 元`);
}

void [process_initialize, on_bar, on_order, on_trade];
