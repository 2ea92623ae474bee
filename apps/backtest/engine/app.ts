/**
 * 回测's engine part: backtests of strategy files on the bars in bar.db, through the
 * strategy backtester the 策略管理 app provides; progress pushed as 'backtest-progress'.
 */
import { defineEngineApp } from '../../../electron/engine/apps/engine-app';
import { backtestApp } from '../common/app';
import { BacktestService } from './backtest-service';
import { backtestHandlers } from './backtest-handlers';

export default defineEngineApp(backtestApp, (ctx) => {
  const service = new BacktestService({ dir: ctx.dir, emit: (p) => ctx.emit('backtest-progress', p) });
  return { handlers: backtestHandlers(service), service, close: () => service.close() };
});
