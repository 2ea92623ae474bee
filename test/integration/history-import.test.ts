/**
 * The history service inside a real engine, against a local server speaking Tushare Pro's
 * HTTP protocol with the fixture rows (test/fixtures/tushare): request bodies, unit
 * conversions, 复权 on stored factors, paging by halving, a failure midway and the resume,
 * Tushare's rate-limit code, cancel, the token never on disk or in a log, the CSV round
 * trip in vn.py's layout, and a million bars written and read back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Adjustment, barsOf, Interval, type BarSeries } from '../../common/bars';
import { Exchange } from '../../common/constants';
import type { HistoryImportProgress } from '../../common/history';
import type { Engine } from '../../electron/engine/create-engine';
import { createHistory, type History } from '../../electron/engine/history';
import { BarStore, MemorySecretStore } from '../../electron/engine/store';
import { closeAt, syntheticMinuteSeries } from '../fixtures/bars';
import { ADJ_FACTOR_FIXTURE, DAILY_FIXTURE, RATE_LIMIT_REPLY, startFakeTushare, STK_MINS_FIXTURE, type FakeTushare, type FakeTushareOptions } from '../fixtures/tushare/fake-tushare';
import { startEngine, tempVntraderDir } from './harness';
import { cst } from '../fixtures/china-time';

const TOKEN = '7c1e55a0b2d34f6e8a9b0c1d2e3f405162738495a6b7c8d9e0f1a2b3';

let fake: FakeTushare;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  fake = await startFakeTushare({ token: TOKEN });
});
afterAll(async () => {
  await fake.close();
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  fake.requests.length = 0;
});

interface Rig {
  dir: string;
  engine: Engine;
  history: History;
  progress: HistoryImportProgress[];
  logs: string[];
  sleeps: number[];
  server: FakeTushare;
}

async function rig(opts: { server?: Partial<FakeTushareOptions>; rowLimit?: number; dir?: string } = {}): Promise<Rig> {
  const server = opts.server ? await startFakeTushare({ token: TOKEN, ...opts.server }) : fake;
  if (opts.server) cleanups.push(() => server.close());
  const dir = opts.dir ?? tempVntraderDir();
  const secrets = new MemorySecretStore();
  const engine = await startEngine(dir, { secretStore: secrets, tushareUrl: server.url });
  cleanups.push(() => engine.close());
  // The token is the one 两融数据 keeps: one Tushare token for the whole app.
  await engine.dispatcher.dispatch('margin-data/set-token', { token: TOKEN });
  const progress: HistoryImportProgress[] = [];
  const logs: string[] = [];
  const sleeps: number[] = [];
  engine.bus.on('log', (l) => logs.push(l.msg));
  const limit = opts.rowLimit;
  const history = createHistory({
    dir, bus: engine.bus, main: engine.main, oms: engine.oms, secrets, now: Date.now, env: {},
    log: (msg, level) => engine.main.log(msg, level, '数据管理'), storeLog: () => undefined,
    emit: (p) => progress.push(p), tushareUrl: server.url,
    rowLimit: limit ? { daily: limit, adj_factor: limit, stk_mins: limit } : undefined,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  cleanups.push(() => history.close());
  return { dir, engine, history, progress, logs, sleeps, server };
}

/** The fixture's rows of one API and code, as objects. */
function fixtureRows(table: { fields: string[]; items: unknown[][] }, tsCode: string): Record<string, unknown>[] {
  return table.items.filter((r) => r[table.fields.indexOf('ts_code')] === tsCode).map((r) => Object.fromEntries(table.fields.map((f, i) => [f, r[i]])));
}

describe('Tushare daily bars', () => {
  it('asks daily and adj_factor for the code and stores bars in shares and CNY', async () => {
    const { history, progress } = await rig();
    const result = await history.service.importTushare({ ts_code: '600000', interval: Interval.DAILY, start_date: '2024-01-01', end_date: '20240331', importId: 'd1' });
    expect(fake.requests.map((r) => [r.api_name, r.params, r.token === TOKEN])).toEqual([
      ['daily', { ts_code: '600000.SH', start_date: '20240101', end_date: '20240331' }, true],
      ['adj_factor', { ts_code: '600000.SH', start_date: '20240101', end_date: '20240331' }, true],
    ]);
    expect(fake.requests[0]!.fields).toBe('ts_code,trade_date,open,high,low,close,vol,amount');
    const rows = fixtureRows(DAILY_FIXTURE, '600000.SH');
    expect(result).toMatchObject({ importId: 'd1', codes: ['600000.SSE'], interval: 'd', bars: rows.length, first: cst('2024-01-02 00:00:00'), last: cst('2024-03-29 00:00:00'), warnings: [] });
    expect(history.service.overview()).toEqual([
      { vt_symbol: '600000.SSE', symbol: '600000', exchange: 'SSE', interval: 'd', count: rows.length, start: cst('2024-01-02 00:00:00'), end: cst('2024-03-29 00:00:00') },
    ]);
    const bars = barsOf(history.service.loadBars({ vt_symbol: '600000.SH', interval: Interval.DAILY }));
    const row = rows.find((r) => r.trade_date === '20240115')!;
    // vol in 手 → shares (× 100), amount in 千元 → CNY (× 1000); the bar starts at the day's midnight.
    expect(bars.find((b) => b.datetime === cst('2024-01-15 00:00:00'))).toEqual({
      vt_symbol: '600000.SSE', symbol: '600000', exchange: Exchange.SSE, interval: Interval.DAILY, datetime: cst('2024-01-15 00:00:00'),
      open: row.open, high: row.high, low: row.low, close: row.close, volume: Math.round((row.vol as number) * 100), turnover: (row.amount as number) * 1000,
      open_interest: 0, gateway_name: 'DB',
    });
    expect(progress.at(-1)).toMatchObject({ importId: 'd1', finished: true, done: 1, total: 1, bars: rows.length });
  });

  it('adjusts at read time: 前复权 keeps the last stored day, 后复权 multiplies by the factor', async () => {
    const { history } = await rig();
    await history.service.importTushare({ ts_code: '600000.SH', interval: Interval.DAILY, start_date: '20240101', end_date: '20240331' });
    const factorOf = (day: string) => fixtureRows(ADJ_FACTOR_FIXTURE, '600000.SH').find((r) => r.trade_date === day)!.adj_factor as number;
    const closeOf = (day: string) => fixtureRows(DAILY_FIXTURE, '600000.SH').find((r) => r.trade_date === day)!.close as number;
    const load = (adjustment: Adjustment) => barsOf(history.service.loadBars({ vt_symbol: '600000.SSE', interval: Interval.DAILY, adjustment }));
    const closeOn = (bars: ReturnType<typeof load>, day: string) => bars.find((b) => b.datetime === cst(`${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)} 00:00:00`))!.close;
    // The fixture's ex-date is 2024-03-07: the factor steps there.
    expect(factorOf('20240306')).not.toBe(factorOf('20240307'));
    const none = load(Adjustment.NONE);
    const fwd = load(Adjustment.FORWARD);
    const back = load(Adjustment.BACKWARD);
    expect(closeOn(none, '20240306')).toBe(closeOf('20240306'));
    expect(closeOn(fwd, '20240306')).toBeCloseTo((closeOf('20240306') * factorOf('20240306')) / factorOf('20240329'), 10);
    expect(closeOn(fwd, '20240329')).toBeCloseTo(closeOf('20240329'), 10);
    expect(closeOn(back, '20240306')).toBeCloseTo(closeOf('20240306') * factorOf('20240306'), 10);
    expect(closeOn(back, '20240329')).toBeCloseTo(closeOf('20240329') * factorOf('20240329'), 10);
  });

  it('halves a window whose reply reaches the row limit until none does, and stores every bar once', async () => {
    const { history, server } = await rig({ server: { rowLimit: 20 }, rowLimit: 20 });
    const result = await history.service.importTushare({ ts_code: '000001.SZ', interval: Interval.DAILY, start_date: '20240101', end_date: '20240331' });
    const rows = fixtureRows(DAILY_FIXTURE, '000001.SZ');
    expect(result.bars).toBe(rows.length);
    expect(history.service.loadBars({ vt_symbol: '000001.SZSE', interval: Interval.DAILY }).length).toBe(rows.length);
    // The windows whose replies were stored tile the range: each starts the day after the last one ended.
    const daily = server.requests.filter((r) => r.api_name === 'daily').map((r) => r.params);
    const stored = daily.filter((p, i) => daily.findIndex((q, j) => j > i && q.start_date === p.start_date && q.end_date! < p.end_date!) < 0);
    expect(stored[0]!.start_date).toBe('20240101');
    expect(stored.at(-1)!.end_date).toBe('20240331');
    expect(daily.length).toBeGreaterThan(stored.length); // some were halved
  });
});

describe('Tushare 1-minute bars', () => {
  it('moves stk_mins’ end labels to bar starts and folds the 09:30 call into the first bar', async () => {
    const { history } = await rig();
    await history.service.importTushare({ ts_code: '600000.SH', interval: Interval.MINUTE, start_date: '20240325', end_date: '20240327' });
    expect(fake.requests[0]).toMatchObject({ api_name: 'stk_mins', params: { ts_code: '600000.SH', freq: '1min', start_date: '2024-03-25 09:00:00', end_date: '2024-03-27 19:00:00' } });
    const s = history.service.loadBars({ vt_symbol: '600000.SSE', interval: Interval.MINUTE });
    expect(s.length).toBe(3 * 240); // 241 rows a day, the call joined to 09:30
    const row = (time: string) => fixtureRows(STK_MINS_FIXTURE, '600000.SH').find((r) => r.trade_time === time)!;
    const bar = (time: string) => barsOf(s).find((b) => b.datetime === cst(time))!;
    const call = row('2024-03-26 09:30:00');
    const first = row('2024-03-26 09:31:00');
    expect(bar('2024-03-26 09:30:00')).toMatchObject({
      open: call.open, close: first.close, high: Math.max(call.high as number, first.high as number), low: Math.min(call.low as number, first.low as number),
      volume: (call.vol as number) + (first.vol as number),
    });
    expect(bar('2024-03-26 11:29:00')).toMatchObject({ close: row('2024-03-26 11:30:00').close, volume: row('2024-03-26 11:30:00').vol });
    expect(bar('2024-03-26 13:00:00')).toMatchObject({ close: row('2024-03-26 13:01:00').close });
    expect(bar('2024-03-26 14:59:00')).toMatchObject({ close: row('2024-03-26 15:00:00').close });
    expect(barsOf(s).some((b) => b.datetime === cst('2024-03-26 11:30:00') || b.datetime === cst('2024-03-26 15:00:00'))).toBe(false);
    // An hour bar is built from the minutes on read: 09:30–10:29.
    const hours = barsOf(history.service.loadBars({ vt_symbol: '600000.SSE', interval: Interval.HOUR }));
    expect(hours.map((b) => b.datetime).slice(0, 4)).toEqual([cst('2024-03-25 09:30:00'), cst('2024-03-25 10:30:00'), cst('2024-03-25 13:00:00'), cst('2024-03-25 14:00:00')]);
  });

  it('continues an import that failed midway after the last window it stored', async () => {
    let failed = false;
    const { history, server, progress } = await rig({
      rowLimit: 300,
      server: {
        rowLimit: 300,
        // The window starting 26 March fails once, after 25 March was stored.
        fault: (_n, body) => (!failed && body.api_name === 'stk_mins' && body.params.start_date?.startsWith('2024-03-26') ? ((failed = true), { status: 502 }) : undefined),
      },
    });
    const args = { ts_code: '600000.SH', interval: Interval.MINUTE, start_date: '20240301', end_date: '20240331' } as const;
    await expect(history.service.importTushare({ ...args, importId: 'first' })).rejects.toMatchObject({ code: 'TUSHARE_HTTP' });
    expect(progress.at(-1)).toMatchObject({ importId: 'first', finished: true, error: { code: 'TUSHARE_HTTP' }, bars: 240 });
    expect(history.service.loadBars({ vt_symbol: '600000.SSE', interval: Interval.MINUTE }).length).toBe(240);
    const before = server.requests.length;

    const resumed = await history.service.importTushare({ ...args, importId: 'second' });
    expect(resumed.resumedAfter).toBe('20240325');
    const again = server.requests.slice(before);
    // Nothing before 26 March is asked again.
    expect(again.every((r) => (r.params.start_date ?? '').replaceAll('-', '').slice(0, 8) >= '20240326')).toBe(true);
    expect(again[0]!.params).toMatchObject({ start_date: '2024-03-26 09:00:00', end_date: '2024-03-31 19:00:00' });
    const s = history.service.loadBars({ vt_symbol: '600000.SSE', interval: Interval.MINUTE });
    expect(s.length).toBe(720);
    expect(new Set(s.datetime).size).toBe(720);
    // A finished import asked again starts from the beginning (Tushare revises data).
    const third = await history.service.importTushare({ ...args, importId: 'third' });
    expect(third.resumedAfter).toBeUndefined();
  });
});

describe('rate limits, cancel and the token', () => {
  it('waits and retries on Tushare’s per-minute 40203, and stops on the daily quota', async () => {
    let n = 0;
    const { history, sleeps, progress } = await rig({ server: { fault: (_i, body) => (body.api_name === 'daily' && ++n <= 2 ? { json: RATE_LIMIT_REPLY } : undefined) } });
    const result = await history.service.importTushare({ ts_code: '600000.SH', interval: Interval.DAILY, start_date: '20240101', end_date: '20240331' });
    expect(result.bars).toBe(fixtureRows(DAILY_FIXTURE, '600000.SH').length);
    expect(sleeps).toEqual([61_000, 122_000]);
    expect(progress.some((p) => /访问频率超限，61 秒后重试/.test(p.message))).toBe(true);

    const daily = { code: 40203, msg: '抱歉，您每天最多访问该接口2次，权限的具体详情访问：https://tushare.pro/document/1?doc_id=108。', data: null };
    const quota = await rig({ server: { fault: () => ({ json: daily }) } });
    const err = await quota.history.service.importTushare({ ts_code: '600000.SH', interval: Interval.DAILY, start_date: '20240101', end_date: '20240331' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TUSHARE_RATE_LIMIT', message: expect.stringMatching(/每天最多访问该接口2次.*进度保留/) });
    expect(quota.sleeps).toEqual([]);
  });

  it('cancels a running import after its current window; the same import resumes', async () => {
    const { history, progress } = await rig({ rowLimit: 300, server: { rowLimit: 300, delayMs: 100 } });
    const args = { ts_code: '600000.SH', interval: Interval.MINUTE, start_date: '20240301', end_date: '20240331' } as const;
    const running = history.service.importTushare({ ...args, importId: 'c1' }).catch((e: unknown) => e);
    await new Promise<void>((resolve) => {
      const poll = () => (progress.some((p) => p.done >= 1) ? resolve() : setTimeout(poll, 10));
      poll();
    });
    expect(history.service.cancel('c1')).toBe(true);
    expect(await running).toMatchObject({ code: 'CANCELLED' });
    expect(progress.at(-1)).toMatchObject({ importId: 'c1', finished: true, error: { code: 'CANCELLED' } });
    expect(history.service.cancel('c1')).toBe(false);
    const rest = await history.service.importTushare({ ...args, importId: 'c2' });
    expect(rest.resumedAfter).toMatch(/^202403\d\d$/);
    expect(history.service.loadBars({ vt_symbol: '600000.SSE', interval: Interval.MINUTE }).length).toBe(720);
  });

  it('never writes the token to a file or a log, even when Tushare echoes it', async () => {
    const echo = { code: 40101, msg: `token ${TOKEN} 无效`, data: null };
    const { dir, history, logs, progress, engine } = await rig({ server: { fault: (n) => (n === 3 ? { json: echo } : undefined) } });
    await history.service.importTushare({ ts_code: '600000.SH', interval: Interval.DAILY, start_date: '20240101', end_date: '20240331' });
    const err = (await history.service.importTushare({ ts_code: '000001.SZ', interval: Interval.DAILY, start_date: '20240101', end_date: '20240331' }).catch((e: unknown) => e)) as Error;
    expect(err.message).toContain('***');
    expect(err.message).not.toContain(TOKEN);
    history.close();
    await engine.close();
    const files = fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
    expect(files.some((f) => path.basename(f) === 'bar.db')).toBe(true);
    for (const f of files) expect(fs.readFileSync(f).includes(TOKEN), f).toBe(false);
    expect(logs.some((l) => l.includes('K线导入失败'))).toBe(true);
    expect(logs.some((l) => l.includes(TOKEN))).toBe(false);
    expect(progress.some((p) => p.message.includes(TOKEN) || p.error?.message.includes(TOKEN))).toBe(false);
  });
});

describe('bad requests', () => {
  it('refuses them in Chinese before calling Tushare', async () => {
    const { history, engine } = await rig();
    const base = { ts_code: '600000.SH', interval: Interval.DAILY, start_date: '20240101', end_date: '20240331' } as const;
    await expect(history.service.importTushare({ ...base, interval: Interval.MINUTE_5 as never })).rejects.toMatchObject({ code: 'BAD_INTERVAL', message: expect.stringContaining('只能导入日线') });
    await expect(history.service.importTushare({ ...base, start_date: '20240401' })).rejects.toMatchObject({ code: 'BAD_DATE' });
    await expect(history.service.importTushare({ ...base, ts_code: 'ABC' })).rejects.toMatchObject({ code: 'BAD_CODE' });
    expect(() => history.service.loadBars({ vt_symbol: '12345', interval: Interval.DAILY })).toThrow(/无法识别的证券代码/);
    await engine.dispatcher.dispatch('margin-data/set-token', { token: '' });
    await expect(history.service.importTushare(base)).rejects.toMatchObject({ code: 'TUSHARE_NO_TOKEN', message: expect.stringContaining('尚未设置 Tushare Token') });
    expect(fake.requests).toEqual([]);
  });
});

describe('CSV in vn.py DataManager’s layout', () => {
  it('exports, deletes and imports back the same bars', async () => {
    const { history } = await rig();
    await history.service.importTushare({ ts_code: '600000.SH', interval: Interval.DAILY, start_date: '20240101', end_date: '20240331' });
    const before = history.service.loadBars({ vt_symbol: '600000.SSE', interval: Interval.DAILY });
    const csv = history.service.exportCsv({ vt_symbol: '600000.SSE', interval: Interval.DAILY });
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('symbol,exchange,datetime,open,high,low,close,volume,turnover,open_interest');
    const jan2 = fixtureRows(DAILY_FIXTURE, '600000.SH').find((r) => r.trade_date === '20240102')!;
    expect(lines[1]).toBe(`600000,SSE,2024-01-02 00:00:00,${jan2.open},${jan2.high},${jan2.low},${jan2.close},${Math.round((jan2.vol as number) * 100)},${(jan2.amount as number) * 1000},0`);
    expect(history.service.deleteBars('600000.SSE', Interval.DAILY)).toBe(before.length);
    expect(history.service.overview()).toEqual([]);
    const result = await history.service.importCsv({ text: csv, interval: Interval.DAILY });
    expect(result).toMatchObject({ codes: ['600000.SSE'], bars: before.length, warnings: [] });
    const after = history.service.loadBars({ vt_symbol: '600000.SSE', interval: Interval.DAILY });
    expect(barsOf(after)).toEqual(barsOf(before));
  });

  it('reports the lines it cannot read, stores the rest, and refuses a file without the columns', async () => {
    const { history } = await rig();
    const text = [
      '\uFEFFdatetime,open,high,low,close,volume',
      '2024-03-25 09:30:00,10,10.2,9.9,10.1,1000',
      '2024-03-25 09:31,10.1,10.3,10.0,10.2,800',
      '2024/03/25 09:32:00,abc,10.3,10.0,10.2,800',
      '2024-02-30 09:33:00,10.1,10.3,10.0,10.2,800',
      '2024-03-25 09:34:00,10.1,10.0,10.2,10.2,800',
    ].join('\r\n');
    const result = await history.service.importCsv({ text, interval: Interval.MINUTE, vt_symbol: '600000' });
    expect(result.bars).toBe(2);
    expect(result.warnings).toEqual([
      '第 4 行：open“abc”不是数字',
      '第 5 行：时间“2024-02-30 09:33:00”无法识别',
      '第 6 行：价格不一致（开 10.1 高 10 低 10.2 收 10.2）',
    ]);
    expect(barsOf(history.service.loadBars({ vt_symbol: '600000.SSE', interval: Interval.MINUTE })).map((b) => [b.datetime, b.close, b.turnover])).toEqual([
      [cst('2024-03-25 09:30:00'), 10.1, 0],
      [cst('2024-03-25 09:31:00'), 10.2, 0],
    ]);
    await expect(history.service.importCsv({ text: 'time,price\n1,2\n', interval: Interval.MINUTE, vt_symbol: '600000' })).rejects.toMatchObject({ code: 'CSV_HEADER' });
    await expect(history.service.importCsv({ text: 'datetime,open,high,low,close,volume\n2024-03-25,1,1,1,1,1\n', interval: Interval.DAILY })).rejects.toMatchObject({ code: 'CSV_HEADER', message: expect.stringContaining('请指定代码') });
  });
});

describe('a million bars', () => {
  it('writes 1,000,000 minute bars and reads every one back', () => {
    const dir = tempVntraderDir();
    const store = BarStore.openIn(dir);
    cleanups.push(() => store.close());
    const n = 1_000_000;
    const series = syntheticMinuteSeries(n);
    const PAGE = 100_000;
    for (let from = 0; from < n; from += PAGE) {
      const page: BarSeries = { ...series, length: Math.min(PAGE, n - from) };
      for (const c of ['datetime', 'open', 'high', 'low', 'close', 'volume', 'turnover', 'open_interest'] as const) page[c] = series[c].subarray(from, from + page.length);
      store.saveSeries(page);
    }
    expect(store.overviewOf('600000', Exchange.SSE, Interval.MINUTE)).toMatchObject({ count: n, start: series.datetime[0], end: series.datetime[n - 1] });
    const got = store.loadSeries('600000', Exchange.SSE, Interval.MINUTE);
    expect(got.length).toBe(n);
    for (const c of ['datetime', 'open', 'high', 'low', 'close', 'volume', 'turnover'] as const) {
      let same = true;
      for (let i = 0; i < n && same; i++) same = got[c][i] === series[c][i];
      expect(same, c).toBe(true);
    }
    // Independent of the copy: bar i's close is the fixture's formula, and time only grows.
    for (const i of [0, 1, 239, 240, 499_999, 999_999]) expect(got.close[i]).toBe(closeAt(i));
    let ordered = true;
    for (let i = 1; i < n && ordered; i++) ordered = got.datetime[i]! > got.datetime[i - 1]!;
    expect(ordered).toBe(true);
    // A range in the middle: one day of 240 bars.
    const day = new Date(got.datetime[500_000]! + 8 * 3_600_000).toISOString().slice(0, 10);
    const oneDay = store.loadSeries('600000', Exchange.SSE, Interval.MINUTE, cst(`${day} 00:00:00`), cst(`${day} 23:59:59`));
    expect(oneDay.length).toBe(240);
  });
});
