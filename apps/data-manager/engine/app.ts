/**
 * 数据管理's engine part: the engine's shared history service (bar.db), the Tushare token in
 * the keychain, import progress pushed to the windows as 'bar-import-progress'.
 */
import { INTERVAL_LABELS } from '../../../common/bars';
import { parseCode } from '../../../common/symbol';
import { defineEngineApp } from '../../../electron/engine/apps/engine-app';
import { seriesToCsv } from '../../../electron/engine/history';
import { TUSHARE_TOKEN_ACCOUNT } from '../../../electron/engine/tushare/tushare-client';
import { dataManagerApp } from '../common/app';

export default defineEngineApp(dataManagerApp, (ctx) => {
  const { service } = ctx.history;
  const off = ctx.history.onProgress((p) => ctx.emit('bar-import-progress', p));
  const tokenStatus = async () => ({ stored: Boolean(await ctx.secrets.get(TUSHARE_TOKEN_ACCOUNT)), persistent: ctx.secrets.persistent });
  return {
    handlers: {
      'data-manager/overview': () => service.overview(),
      'data-manager/token': tokenStatus,
      'data-manager/set-token': async ({ token }) => {
        const value = token.trim();
        if (value) await ctx.secrets.set(TUSHARE_TOKEN_ACCOUNT, value);
        else await ctx.secrets.delete(TUSHARE_TOKEN_ACCOUNT);
        ctx.log(value ? '已保存 Tushare Token' : '已删除 Tushare Token');
        return tokenStatus();
      },
      'data-manager/import': (args) => (args.source === 'csv' ? service.importCsv(args) : service.importTushare(args)),
      'data-manager/cancel': ({ importId }) => ({ cancelled: service.cancel(importId) }),
      'data-manager/export': (args) => {
        const series = service.loadBars(args);
        const { symbol, exchange } = parseCode(args.vt_symbol);
        return { csv: seriesToCsv(series), rows: series.length, filename: `${symbol}.${exchange}_${args.interval}_${INTERVAL_LABELS[args.interval]}.csv` };
      },
      'data-manager/delete': ({ vt_symbol, interval }) => ({ deleted: service.deleteBars(vt_symbol, interval) }),
    },
    close: off,
  };
});
