/** 两融数据's requests on the engine side. */
import { marginDataContract } from '../../../apps/margin-data/common/contract';
import { defineFeature, type BridgeFeature } from '../bridge/feature';
import type { MarginDataService } from './margin-data-service';

export function marginDataFeature(service: MarginDataService): BridgeFeature {
  return defineFeature(marginDataContract, {
    'margin-data/token': () => service.tokenStatus(),
    'margin-data/set-token': ({ token }) => service.setToken(token),
    'margin-data/import': (args) => (args.source === 'csv' ? service.importCsv(args) : service.importTushare(args)),
    'margin-data/cancel': ({ importId }) => ({ cancelled: service.cancel(importId) }),
    'margin-data/query': ({ ts_code, start_date, end_date }) => service.query(ts_code, start_date, end_date),
    'margin-data/codes': () => service.codes(),
  });
}
