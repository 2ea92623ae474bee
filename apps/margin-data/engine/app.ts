/**
 * 两融数据's engine part: margin.db in the .vntrader folder, the Tushare client (its token in
 * the keychain), imports' progress pushed to the windows as 'margin-data-progress'.
 */
import { defineEngineApp } from '../../../electron/engine/apps/engine-app';
import { marginDataApp } from '../common/app';
import { createMarginData } from './create-margin-data';
import { marginDataHandlers } from './margin-data-handlers';

export default defineEngineApp(marginDataApp, (ctx) => {
  const { service, close } = createMarginData({
    dir: ctx.dir,
    secrets: ctx.secrets,
    now: ctx.now,
    env: ctx.env,
    tushareUrl: ctx.options.tushareUrl,
    rowLimit: ctx.options.tushareRowLimit,
    emit: (progress) => ctx.emit('margin-data-progress', progress),
    log: (msg, level) => ctx.log(msg, level),
  });
  return { handlers: marginDataHandlers(service), service, close };
});
