/** 回测's requests on the engine side. */
import type { HandlersOf } from '../../../electron/engine/bridge/feature';
import type { backtestContract } from '../common/contract';
import type { BacktestService } from './backtest-service';
import { optimize } from './optimize';

export function backtestHandlers(service: BacktestService): HandlersOf<typeof backtestContract> {
  return {
    'backtest/run': (args) => service.run(args),
    'backtest/cancel': ({ runId }) => ({ cancelled: service.cancel(runId) }),
    'backtest/export': ({ runId, kind }) => service.export(runId, kind),
    'backtest/optimize': (args) => optimize(service, args),
  };
}
