/**
 * 两融数据 end to end inside the engine, against a local server speaking Tushare Pro's HTTP
 * protocol with recorded rows (test/fixtures/tushare): the request bodies, paging by date
 * when a reply reaches the row limit, error codes, storage and query with the identity
 * flags, CSV import, progress events, and the token kept in the secret store only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MarginImportProgress, MarginQueryResult } from '../../apps/margin-data/common/margin-data';
import { MARGIN_DETAIL_FIELDS } from '../../apps/margin-data/common/margin-data';
import type { Engine } from '../../electron/engine/create-engine';
import { TUSHARE_TOKEN_ACCOUNT } from '../../apps/margin-data/engine';
import { MemorySecretStore } from '../../electron/engine/store';
import { MARGIN_FIXTURE, startFakeTushare, type FakeTushare } from '../fixtures/tushare/fake-tushare';
import { startEngine, tempVntraderDir } from './harness';

const TOKEN = 'e2b7c0ffee5f00d1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5';

let fake: FakeTushare;
const engines: Engine[] = [];

beforeAll(async () => {
  fake = await startFakeTushare({ token: TOKEN });
});
afterAll(async () => {
  await fake.close();
});
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
  fake.requests.length = 0;
});

async function engineWith(opts: { url?: string; rowLimit?: number; token?: string | null } = {}) {
  const dir = tempVntraderDir();
  const secrets = new MemorySecretStore();
  const engine = await startEngine(dir, { secretStore: secrets, tushareUrl: opts.url ?? fake.url, tushareRowLimit: opts.rowLimit });
  engines.push(engine);
  const progress: MarginImportProgress[] = [];
  engine.bus.on('margin-data-progress', (p) => progress.push(p));
  const call = (name: string, args: unknown) => engine.dispatcher.dispatch(name, args);
  if (opts.token !== null) await call('margin-data/set-token', { token: opts.token ?? TOKEN });
  return { dir, engine, secrets, progress, call };
}

/** Every file under dir, recursively. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

const flagsOf = (r: MarginQueryResult) => r.rows.filter((x) => x.flags.length).map((x) => [x.trade_date, x.flags.map((f) => f.kind)]);

describe('Tushare margin_detail import', () => {
  it('sends Tushare’s request body and stores one code’s rows', async () => {
    const { call, progress } = await engineWith();
    const result = (await call('margin-data/import', { source: 'tushare', ts_code: '000001', start_date: '2024-04-01', end_date: '20240416', importId: 'it-1' })) as { rows: number; codes: string[]; first: string; last: string };
    expect(result).toMatchObject({ importId: 'it-1', rows: 10, codes: ['000001.SZ'], first: '20240401', last: '20240416', warnings: [] });
    expect(fake.requests).toEqual([
      {
        api_name: 'margin_detail',
        token: TOKEN,
        params: { ts_code: '000001.SZ', start_date: '20240401', end_date: '20240416' },
        fields: 'trade_date,ts_code,name,rzye,rqye,rzmre,rqyl,rzche,rqchl,rqmcl,rzrqye',
      },
    ]);
    expect(MARGIN_DETAIL_FIELDS.join(',')).toBe(fake.requests[0]!.fields);
    // Progress: a start, one page, the finish; all for this import.
    expect(progress.every((p) => p.importId === 'it-1' && p.source === 'tushare')).toBe(true);
    expect(progress.at(-1)).toMatchObject({ finished: true, done: 1, total: 1, rows: 10 });
    expect(progress.at(-1)!.error).toBeUndefined();

    const q = (await call('margin-data/query', { ts_code: '000001.SZ' })) as MarginQueryResult;
    expect(q.rows.map((r) => r.trade_date)).toEqual(['20240401', '20240402', '20240403', '20240408', '20240409', '20240410', '20240411', '20240412', '20240415', '20240416']);
    // The stored figures are the recorded ones.
    const recorded = MARGIN_FIXTURE.items.find((r) => r[0] === '20240409' && r[1] === '000001.SZ')!;
    expect(q.rows[4]).toMatchObject({ ts_code: '000001.SZ', name: '平安银行', rzye: recorded[3], rqye: recorded[4], rzmre: recorded[5], rzrqye: recorded[10] });
  });

  it('halves a window whose reply reaches the row limit until none does', async () => {
    const limited = await startFakeTushare({ token: TOKEN, rowLimit: 4 });
    try {
      const { call, progress } = await engineWith({ url: limited.url, rowLimit: 4 });
      const result = (await call('margin-data/import', { source: 'tushare', ts_code: '000001.SZ', start_date: '20240401', end_date: '20240416' })) as { rows: number };
      expect(result.rows).toBe(10);
      expect(limited.requests.map((r) => `${r.params.start_date}-${r.params.end_date}`)).toEqual([
        '20240401-20240416', // 10 rows: cut to 4, so halved
        '20240401-20240408', // 4 rows: at the limit, halved again
        '20240401-20240404',
        '20240405-20240408',
        '20240409-20240416', // 6 rows: cut
        '20240409-20240412', // 4 rows: at the limit
        '20240409-20240410',
        '20240411-20240412',
        '20240413-20240416',
      ]);
      expect(progress.at(-1)).toMatchObject({ finished: true, done: 5, total: 5, rows: 10 });
      expect(((await call('margin-data/query', { ts_code: '000001.SZ' })) as MarginQueryResult).rows).toHaveLength(10);
    } finally {
      await limited.close();
    }
  });

  it('imports every code a day at a time, and warns about a day that reaches the limit', async () => {
    const limited = await startFakeTushare({ token: TOKEN, rowLimit: 2 });
    try {
      const { call } = await engineWith({ url: limited.url, rowLimit: 2 });
      const result = (await call('margin-data/import', { source: 'tushare', start_date: '20240401', end_date: '20240403' })) as { rows: number; warnings: string[] };
      expect(limited.requests.map((r) => r.params)).toEqual([
        { start_date: '20240401', end_date: '20240401' },
        { start_date: '20240402', end_date: '20240402' },
        { start_date: '20240403', end_date: '20240403' },
      ]);
      expect(result.rows).toBe(6);
      expect(result.warnings).toHaveLength(3);
      expect(result.warnings[0]).toMatch(/20240401 返回 2 行，达到 Tushare 单次上限，可能不完整/);
    } finally {
      await limited.close();
    }
  });

  it('says 无权限 for Tushare’s 2002, in the progress too, without the token', async () => {
    const { call, progress } = await engineWith({ token: 'token-without-points' });
    const err = await call('margin-data/import', { source: 'tushare', ts_code: '600000.SH', start_date: '20240401', end_date: '20240416', importId: 'denied' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'TUSHARE_NO_PERMISSION' });
    expect((err as Error).message).toMatch(/^Tushare margin_detail 无权限.*（代码 2002：抱歉，您没有访问该接口的权限/);
    expect((err as Error).message).not.toContain('token-without-points');
    expect(progress.at(-1)).toMatchObject({ importId: 'denied', finished: true, error: { code: 'TUSHARE_NO_PERMISSION' } });
  });

  it('stops a running import when cancelled, keeping the pages already stored', async () => {
    const slow = await startFakeTushare({ token: TOKEN, delayMs: 150 });
    try {
      const { call, progress } = await engineWith({ url: slow.url });
      const running = call('margin-data/import', { source: 'tushare', start_date: '20240401', end_date: '20240416', importId: 'slow' }).catch((e: unknown) => e);
      await new Promise<void>((resolve) => {
        const poll = () => (progress.some((p) => p.done >= 1) ? resolve() : setTimeout(poll, 10));
        poll();
      });
      expect(await call('margin-data/cancel', { importId: 'slow' })).toEqual({ cancelled: true });
      expect(await running).toMatchObject({ code: 'CANCELLED', message: '导入已取消' });
      expect(progress.at(-1)).toMatchObject({ importId: 'slow', finished: true, error: { code: 'CANCELLED' } });
      expect(slow.requests.length).toBeLessThan(16);
      expect(progress.at(-1)!.message).toMatch(/已保存的 3 行保留$/);
      expect(await call('margin-data/cancel', { importId: 'slow' })).toEqual({ cancelled: false });
    } finally {
      await slow.close();
    }
  });

  it('reports an HTTP error, an unreachable server and a missing token in Chinese', async () => {
    const broken = await startFakeTushare({ token: TOKEN, httpStatus: 502 });
    const args = { source: 'tushare', ts_code: '600000.SH', start_date: '20240401', end_date: '20240416' };
    try {
      const a = await engineWith({ url: broken.url });
      await expect(a.call('margin-data/import', args)).rejects.toMatchObject({ code: 'TUSHARE_HTTP', message: expect.stringContaining('HTTP 502') });
    } finally {
      await broken.close();
    }
    // The closed server's port now refuses connections.
    const b = await engineWith({ url: broken.url });
    await expect(b.call('margin-data/import', args)).rejects.toMatchObject({ code: 'TUSHARE_NETWORK', message: expect.stringMatching(/^无法连接 Tushare/) });
    const c = await engineWith({ token: null });
    await expect(c.call('margin-data/import', args)).rejects.toMatchObject({ code: 'TUSHARE_NO_TOKEN' });
    await expect(c.call('margin-data/import', { ...args, start_date: '20240416', end_date: '20240401' })).rejects.toMatchObject({ code: 'BAD_DATE' });
    await expect(c.call('margin-data/import', { source: 'ftp', path: '/etc/passwd' })).rejects.toMatchObject({ code: 'BAD_ARGS' });
  });
});

describe('stored rows and the identity flags', () => {
  it('flags the fixture’s broken rows, and not those within the tolerance', async () => {
    const { call } = await engineWith();
    await call('margin-data/import', { source: 'tushare', start_date: '20240401', end_date: '20240416' });
    // One call per calendar day, 16 days, 清明 and weekends answered empty.
    expect(fake.requests).toHaveLength(16);
    expect(await call('margin-data/codes', {})).toEqual([
      { ts_code: '000001.SZ', name: '平安银行', rows: 10, first: '20240401', last: '20240416' },
      { ts_code: '300750.SZ', name: '宁德时代', rows: 10, first: '20240401', last: '20240416' },
      { ts_code: '600000.SH', name: '浦发银行', rows: 10, first: '20240401', last: '20240416' },
    ]);

    const pingan = (await call('margin-data/query', { ts_code: '000001.SZ' })) as MarginQueryResult;
    expect(flagsOf(pingan)).toEqual([['20240409', ['balance-sum']]]);
    const bad = pingan.rows.find((r) => r.trade_date === '20240409')!;
    expect(bad.flags[0]).toEqual({ kind: 'balance-sum', expected: bad.rzye! + bad.rqye!, actual: bad.rzye! + bad.rqye! + 5000 });
    expect(pingan.flagged).toBe(1);
    expect(pingan.tolerances).toEqual({ balanceSum: 1, financingFlow: 2 });
    // The market import fetched 4 and 5 April completely: the flow is checked across 清明.
    expect(pingan.rows.find((r) => r.trade_date === '20240408')!.flowChecked).toBe(true);
    expect(pingan.rows[0]!.flowChecked).toBe(false);

    const spdb = (await call('margin-data/query', { ts_code: '600000' })) as MarginQueryResult;
    expect(flagsOf(spdb)).toEqual([['20240411', ['financing-flow']]]);
    const flow = spdb.rows.find((r) => r.trade_date === '20240411')!.flags[0]!;
    expect(flow.prevDate).toBe('20240410');
    expect(flow.actual - flow.expected).toBe(1_200_000);

    // 300750.SZ is 1 元 off in the sum and 2 元 off in the flow: within the tolerances.
    expect(flagsOf((await call('margin-data/query', { ts_code: '300750.SZ' })) as MarginQueryResult)).toEqual([]);

    // A range starts from the row before it for the flow identity.
    const part = (await call('margin-data/query', { ts_code: '600000.SH', start_date: '20240411', end_date: '20240412' })) as MarginQueryResult;
    expect(part.rows.map((r) => [r.trade_date, r.flowChecked, r.flags.length])).toEqual([
      ['20240411', true, 1],
      ['20240412', true, 0],
    ]);
  });

  it('does not check the flow across a holiday two code imports left uncovered', async () => {
    const { call } = await engineWith();
    await call('margin-data/import', { source: 'tushare', ts_code: '000001.SZ', start_date: '20240401', end_date: '20240403' });
    await call('margin-data/import', { source: 'tushare', ts_code: '000001.SZ', start_date: '20240408', end_date: '20240416' });
    const q = (await call('margin-data/query', { ts_code: '000001.SZ' })) as MarginQueryResult;
    expect(q.rows.find((r) => r.trade_date === '20240408')!.flowChecked).toBe(false);
    expect(q.rows.find((r) => r.trade_date === '20240409')!.flowChecked).toBe(true);
  });

  it('upserts: importing the same days again replaces, never duplicates', async () => {
    const { call } = await engineWith();
    const args = { source: 'tushare', ts_code: '000001.SZ', start_date: '20240401', end_date: '20240416' };
    await call('margin-data/import', args);
    await call('margin-data/import', args);
    expect(await call('margin-data/codes', {})).toEqual([{ ts_code: '000001.SZ', name: '平安银行', rows: 10, first: '20240401', last: '20240416' }]);
  });
});

describe('CSV import', () => {
  /** The fixture as a spreadsheet would save it: Chinese headers, ISO dates, bare codes. */
  function fixtureCsv(code: string): string {
    const header = '交易日期,代码,名称,融资余额(元),融券余额(元),融资买入额(元),融券余量(股),融资偿还额(元),融券偿还量(股),融券卖出量(股，份，手),融资融券余额(元)';
    const lines = MARGIN_FIXTURE.items
      .filter((r) => r[1] === code)
      .map((r) => [`${String(r[0]).slice(0, 4)}-${String(r[0]).slice(4, 6)}-${String(r[0]).slice(6)}`, String(r[1]).slice(0, 6), ...r.slice(2)].join(','));
    return [header, ...lines, '2024-04-17,600000,浦发银行,not-a-number,1,1,1,1,1,1,1'].join('\r\n');
  }

  it('stores the rows, reports the bad line, and flags like the Tushare import', async () => {
    const { call, progress } = await engineWith({ token: null });
    const result = (await call('margin-data/import', { source: 'csv', text: fixtureCsv('600000.SH'), importId: 'csv-1' })) as { rows: number; codes: string[]; warnings: string[] };
    expect(result).toMatchObject({ rows: 10, codes: ['600000.SH'] });
    expect(result.warnings).toEqual([expect.stringMatching(/^第 12 行：rzye 不是数字/)]);
    expect(progress.at(-1)).toMatchObject({ importId: 'csv-1', source: 'csv', finished: true, rows: 10 });
    const q = (await call('margin-data/query', { ts_code: '600000.SH' })) as MarginQueryResult;
    expect(flagsOf(q)).toEqual([['20240411', ['financing-flow']]]);
    // The file ran from 1 to 16 April: 清明 inside it counts as fetched.
    expect(q.rows.find((r) => r.trade_date === '20240408')!.flowChecked).toBe(true);
  });

  it('refuses a file with no usable rows', async () => {
    const { call } = await engineWith({ token: null });
    await expect(call('margin-data/import', { source: 'csv', text: 'trade_date,ts_code,rzye\n20240401,000001.SZ,abc' })).rejects.toMatchObject({ code: 'CSV_NO_ROWS' });
    await expect(call('margin-data/import', { source: 'csv', text: 'a,b\n1,2' })).rejects.toMatchObject({ code: 'CSV_HEADER' });
  });
});

describe('the token', () => {
  it('lives in the secret store, and in no file of the .vntrader folder', async () => {
    const { call, secrets, dir, engine } = await engineWith({ token: null });
    expect(await call('margin-data/token', {})).toEqual({ stored: false, persistent: false });
    expect(await call('margin-data/set-token', { token: `  ${TOKEN} ` })).toEqual({ stored: true, persistent: false });
    expect(await secrets.get(TUSHARE_TOKEN_ACCOUNT)).toBe(TOKEN);
    await call('margin-data/import', { source: 'tushare', ts_code: '000001.SZ', start_date: '20240401', end_date: '20240416' });
    await call('margin-data/import', { source: 'tushare', ts_code: '000001.SZ', start_date: '20240401', end_date: '20240416' }).catch(() => undefined);
    expect(engine.main.snapshot().logs.some((l) => l.msg.includes('两融数据导入完成'))).toBe(true);
    await engine.close();
    engines.splice(engines.indexOf(engine), 1);
    const files = filesUnder(dir);
    expect(files.some((f) => f.endsWith('margin.db'))).toBe(true);
    for (const file of files) expect(fs.readFileSync(file).includes(TOKEN), file).toBe(false);
    expect(JSON.stringify(engine.main.snapshot().logs)).not.toContain(TOKEN);
  });

  it('is deleted by saving an empty one', async () => {
    const { call, secrets } = await engineWith();
    expect(await call('margin-data/set-token', { token: '' })).toEqual({ stored: false, persistent: false });
    expect(await secrets.get(TUSHARE_TOKEN_ACCOUNT)).toBeNull();
  });
});
