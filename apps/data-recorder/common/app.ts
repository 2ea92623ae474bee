/** 行情记录: ticks of chosen codes recorded into 1-minute bars in bar.db while connected. */
import { defineApp } from '../../../common/app-model';
import { dataRecorderContract } from './contract';

export const dataRecorderApp = defineApp({
  name: 'data-recorder',
  displayName: '行情记录',
  contract: dataRecorderContract,
  window: { width: 760, height: 520, minWidth: 560, minHeight: 360 },
});
