// The API is global in a strategy; this type-only import gives editors and tsc its types.
import type {} from './strategy-api';
/**
 * jqtrade's demo strategy, as it reads in TS Trader: scheduled jobs through the day, a sale
 * of what 000001 holds, a market buy of 000002 when not held, and every minute the
 * unfinished orders are cancelled.
 *
 *   tstrader start_task -c strategies/jqtrade-demo.ts -n demo
 *   tstrader start_task -c strategies/jqtrade-demo.ts -n demo --clock 2025-01-06T09:29:30 --speed 60
 * (the second runs a simulated trading day at 60×, so it trades at once against SIM)
 */

function process_initialize(context: StrategyContext): void {
  log.info('process_initialize run.', context.params);
  set_options({ account_no: '1234567' }); // jqtrade's account option: the gateway holds the account here

  run_daily(before_market_open, 'open-30m');
  run_daily(market_open, 'open');
  run_daily(market_1000, '10:00:00');
  run_daily(market_close, 'close');
  run_daily(after_market_close, 'close+30m');
  run_daily(do_order, 'every_minute');
}

function before_market_open(context: StrategyContext): void {
  log.info('before_market_open run');
  log.info(`当前总资产：${context.portfolio.total_assert}`);
  log.info(`当前锁定金额：${context.portfolio.locked_cash}`);
  log.info(`当前可用资金：${context.portfolio.available_cash}`);
  log.info(`当前多头持仓：${JSON.stringify(context.portfolio.long_positions)}`);
  log.info(`当前空头持仓：${JSON.stringify(context.portfolio.short_positions)}`);
}

function market_open(): void {
  log.info('market_open run');
}

function market_1000(): void {
  log.info('market_1000 run');
}

function do_order(context: StrategyContext): void {
  log.info('do_order run');

  const pos = context.portfolio.long_positions['000001.XSHE']!;
  if (pos.available_amount > 0) {
    // Sell at the latest price: a limit order the book can take at once.
    g.order_id_000001 = order('000001.XSHE', -pos.available_amount, LimitOrderStyle(pos.last_price));
  }

  if (!('000002.XSHE' in context.portfolio.long_positions)) {
    g.order_id_000002 = order('000002.XSHE', 100, MarketOrderStyle());
  }

  for (const o of get_orders()) {
    if (o.status === 'new' || o.status === 'open') {
      log.info(`查询到未完成订单：${o.order_id} ${o.code} ${o.status}`);
      cancel_order(o.order_id);
    }
  }
}

function market_close(): void {
  log.info('market_close run');
}

function after_market_close(): void {
  log.info('after_market_close run');
}

function on_trade(_context: StrategyContext, trade: Trade): void {
  log.info(`成交：${trade.code} ${trade.action === 'open' ? '买入' : '卖出'} ${trade.amount} 股 @ ${trade.price}（委托 ${trade.order_id}）`);
}

// Referenced by name from the runtime, not from this file.
void [process_initialize, on_trade];
