/** Paging windows, CSV reading and the chart's axis arithmetic: the pure parts of 两融数据. */
import { describe, expect, it } from 'vitest';
import { BRIDGE_CONTRACT } from '../../../../apps/registry';
import { EventCoalescer } from '../../../../common/event-coalescer';
import type { MarginImportProgress } from '../../../../apps/margin-data/common/margin-data';
import { normalizeTradeDate, toTushareCode } from '../../../../apps/margin-data/common/margin-data';
import { fieldOfHeader, halve, marginRowsFromCsv, parseCsv, splitRange } from '../../../../apps/margin-data/engine';
import { niceTicks, tickLabel, yuanUnit } from '../../../../apps/margin-data/view/chart-scale';
import { csvChunks } from '../../../../renderer/src/bridge/csv-chunks';

describe('paging', () => {
  it('cuts a range into windows of N calendar days, the last one short', () => {
    // 2024 has 366 days: a 365-day window leaves 31 December alone.
    expect(splitRange('20240101', '20241231', 365)).toEqual([
      { start: '20240101', end: '20241230' },
      { start: '20241231', end: '20241231' },
    ]);
    expect(splitRange('20240401', '20240403', 1)).toEqual([
      { start: '20240401', end: '20240401' },
      { start: '20240402', end: '20240402' },
      { start: '20240403', end: '20240403' },
    ]);
  });

  it('halves a window (the first half takes the middle day) and cannot halve one day', () => {
    expect(halve({ start: '20240401', end: '20240416' })).toEqual([
      { start: '20240401', end: '20240408' },
      { start: '20240409', end: '20240416' },
    ]);
    expect(halve({ start: '20240228', end: '20240301' })).toEqual([
      { start: '20240228', end: '20240229' },
      { start: '20240301', end: '20240301' },
    ]);
    expect(halve({ start: '20240401', end: '20240401' })).toBeNull();
  });
});

describe('dates and codes', () => {
  it('takes YYYYMMDD, YYYY-MM-DD and YYYY/M/D, and refuses impossible dates', () => {
    expect(normalizeTradeDate('20240401')).toBe('20240401');
    expect(normalizeTradeDate('2024-04-01')).toBe('20240401');
    expect(normalizeTradeDate('2024/4/1')).toBe('20240401');
    expect(() => normalizeTradeDate('20240230')).toThrow(/日期格式错误/);
    expect(() => normalizeTradeDate('202441')).toThrow(/日期格式错误/);
  });

  it('stores codes in Tushare form whatever form they come in', () => {
    expect(['600000', '600000.SSE', 'SH600000', '000001.XSHE', '000001.sz'].map(toTushareCode)).toEqual(['600000.SH', '600000.SH', '600000.SH', '000001.SZ', '000001.SZ']);
    // futures codes parse now, but margin_detail has none
    expect(() => toTushareCode('rb2701.SHFE')).toThrow(/期货合约，融资融券明细只有证券/);
  });
});

describe('CSV', () => {
  it('reads quoted cells, "" inside quotes, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"1,234","say ""hi"""\r\n\r\n')).toEqual([
      ['a', 'b'],
      ['1,234', 'say "hi"'],
    ]);
  });

  it('maps Tushare names and Chinese headers, units in brackets ignored', () => {
    expect(['trade_date', 'TS_CODE', '交易日期', '代码', 'TS代码', '融资余额(元)', '融券卖出量（股，份，手）', '融资融券余额', 'whatever'].map(fieldOfHeader)).toEqual([
      'trade_date', 'ts_code', 'trade_date', 'ts_code', 'ts_code', 'rzye', 'rqmcl', 'rzrqye', undefined,
    ]);
  });

  it('reads rows and reports the ones it cannot, by spreadsheet line', () => {
    const text = ['交易日期,代码,融资余额(元),融券余额(元),融资融券余额(元)', '2024-04-01,000001,"4,512,345,678",100,4512345778', '2024-04-0x,000001,1,2,3', '20240402,000001.SZ,,,'].join('\n');
    const { rows, rejected } = marginRowsFromCsv(text);
    expect(rows.map((r) => [r.trade_date, r.ts_code, r.rzye, r.rqye, r.rzrqye, r.rzmre])).toEqual([
      ['20240401', '000001.SZ', 4_512_345_678, 100, 4_512_345_778, null],
      ['20240402', '000001.SZ', null, null, null, null],
    ]);
    expect(rejected).toEqual([expect.stringMatching(/^第 3 行：日期格式错误/)]);
  });

  it('refuses a file without the date or code column', () => {
    expect(() => marginRowsFromCsv('代码,融资余额\n000001,1')).toThrow(/trade_date/);
  });

  it('is sent in pieces that each start with the header and break between lines', () => {
    const lines = Array.from({ length: 10 }, (_, i) => `2024040${i},000001.SZ,"a\nb",${i}`);
    const chunks = csvChunks(['h1,h2,h3,h4', ...lines].join('\r\n'), 60);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.startsWith('h1,h2,h3,h4\n')).toBe(true);
    expect(chunks.flatMap((c) => parseCsv(c).slice(1))).toEqual(lines.map((l) => parseCsv(l)[0]));
  });
});

describe('chart axes', () => {
  it('picks round ticks covering the data', () => {
    expect(niceTicks(0, 4.5e9, 5)).toMatchObject({ min: 0, max: 5e9, step: 1e9, values: [0, 1e9, 2e9, 3e9, 4e9, 5e9] });
    expect(niceTicks(3.2e9, 3.31e9, 5).values).toEqual([3.2e9, 3.225e9, 3.25e9, 3.275e9, 3.3e9, 3.325e9]);
  });

  it('labels in 亿元 / 万元 with only the decimals the step needs', () => {
    expect(yuanUnit(4.5e9)).toEqual({ divisor: 1e8, label: '亿元' });
    expect(yuanUnit(2.5e7).label).toBe('万元');
    expect(tickLabel(3.225e9, yuanUnit(3.3e9), 2.5e7)).toBe('32.25');
    expect(tickLabel(2e9, yuanUnit(5e9), 1e9)).toBe('20');
  });
});

describe('progress events through the coalescer', () => {
  const progress = (importId: string, done: number, finished = false): MarginImportProgress => ({ importId, source: 'tushare', done, total: 3, rows: done * 10, finished, message: '' });

  it('keeps the latest per import, and every import', () => {
    const c = new EventCoalescer(BRIDGE_CONTRACT.events);
    c.push('margin-data-progress', progress('a', 1));
    c.push('margin-data-progress', progress('b', 1));
    c.push('margin-data-progress', progress('a', 3, true));
    expect(c.drain()['margin-data-progress'].map((p) => [p.importId, p.done, p.finished])).toEqual([
      ['b', 1, false],
      ['a', 3, true],
    ]);
  });
});
