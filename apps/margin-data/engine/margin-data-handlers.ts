/** 两融数据's requests on the engine side. */
import type { HandlersOf } from '../../../electron/engine/bridge/feature';
import type { marginDataContract } from '../common/contract';
import type { MarginDataService } from './margin-data-service';

export function marginDataHandlers(service: MarginDataService): HandlersOf<typeof marginDataContract> {
  return {
    'margin-data/token': () => service.tokenStatus(),
    'margin-data/set-token': ({ token }) => service.setToken(token),
    'margin-data/import': (args) => (args.source === 'csv' ? service.importCsv(args) : service.importTushare(args)),
    'margin-data/cancel': ({ importId }) => ({ cancelled: service.cancel(importId) }),
    'margin-data/query': ({ ts_code, start_date, end_date }) => service.query(ts_code, start_date, end_date),
    'margin-data/codes': () => service.codes(),
  };
}
