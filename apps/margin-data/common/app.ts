/** 两融数据: Tushare's margin_detail (or CSV) imported, checked against its identities, charted. */
import { defineApp } from '../../../common/app-model';
import { marginDataContract } from './contract';

export const marginDataApp = defineApp({
  name: 'margin-data',
  displayName: '两融数据',
  contract: marginDataContract,
  window: { width: 1200, height: 800, minWidth: 800, minHeight: 560 },
});
