/** watchlist_setting.json: the 自选 codes in order, written atomically, a file we cannot use kept aside. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WATCHLIST_FILE, WatchlistFile } from '../../../electron/engine/store/watchlist-file';
import { captureLog, tempDir } from './helpers';

const at = (): Date => new Date(2026, 11, 2, 9, 31, 5);
const entry = (vt: string, gateway = 'SIM', name = `名称${vt}`) => {
  const [symbol, exchange] = vt.split('.') as [string, string];
  return { vt_symbol: vt, symbol, exchange, name, gateway_name: gateway };
};

describe('WatchlistFile', () => {
  it('is empty when there is no file, and writes none until something changes', () => {
    const dir = tempDir();
    expect(new WatchlistFile(dir, captureLog().log).load()).toEqual([]);
    expect(fs.existsSync(path.join(dir, WATCHLIST_FILE))).toBe(false);
  });

  it('keeps the order it was given, across a fresh read of the file', () => {
    const dir = tempDir();
    const codes = [entry('600000.SSE'), entry('000001.SZSE'), entry('600036.SSE'), entry('rb2701.SHFE', 'CTP')];
    new WatchlistFile(dir, captureLog().log).save(codes);
    expect(new WatchlistFile(dir, captureLog().log).load()).toEqual(codes);
    const reordered = [codes[2]!, codes[0]!, codes[3]!, codes[1]!];
    new WatchlistFile(dir, captureLog().log).save(reordered);
    expect(new WatchlistFile(dir, captureLog().log).load().map((e) => e.vt_symbol)).toEqual(['600036.SSE', '600000.SSE', 'rb2701.SHFE', '000001.SZSE']);
  });

  it('writes vn.py layout with the list under "symbols", keeping keys it does not know', () => {
    const dir = tempDir();
    const file = path.join(dir, WATCHLIST_FILE);
    fs.writeFileSync(file, JSON.stringify({ 备注: '我的自选', symbols: [] }));
    new WatchlistFile(dir, captureLog().log).save([entry('600000.SSE')]);
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ 备注: '我的自选', symbols: [entry('600000.SSE')] });
    expect(fs.readFileSync(file, 'utf8')).toContain('\n    "备注": "我的自选"');
    expect(fs.readdirSync(dir)).toEqual([WATCHLIST_FILE]);
  });

  it('counts a code listed twice once, where it first appears', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, WATCHLIST_FILE), JSON.stringify({ symbols: [entry('000001.SZSE'), entry('600000.SSE'), entry('000001.SZSE', 'OTHER')] }));
    expect(new WatchlistFile(dir, captureLog().log).load()).toEqual([entry('000001.SZSE'), entry('600000.SSE')]);
  });

  it('reads an entry written by hand with only its vt_symbol', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, WATCHLIST_FILE), JSON.stringify({ symbols: [{ vt_symbol: '600000.SSE' }] }));
    expect(new WatchlistFile(dir, captureLog().log).load()).toEqual([entry('600000.SSE', '', '')]);
  });

  for (const [what, text] of [
    ['not JSON', '{"symbols": [{"vt_symbol": "600000.SSE"'],
    ['not an object', '["600000.SSE"]'],
    ['"symbols" not a list', '{"symbols": {"600000.SSE": {}}}'],
    ['an entry without a code', '{"symbols": [{"vt_symbol": "600000.SSE"}, {"symbol": "000001"}]}'],
  ] as const) {
    it(`keeps a file that is ${what} aside, says so, and never overwrites it`, () => {
      const dir = tempDir();
      const file = path.join(dir, WATCHLIST_FILE);
      fs.writeFileSync(file, text);
      const log = captureLog();
      const store = new WatchlistFile(dir, log.log, at);
      expect(store.load()).toEqual([]);
      const kept = `${file}.corrupt-20261202-093105`;
      expect(fs.readFileSync(kept, 'utf8')).toBe(text);
      expect(log.lines).toHaveLength(1);
      expect(log.lines[0]!.level).toBe('WARNING');
      expect(log.lines[0]!.msg).toContain(`${WATCHLIST_FILE} 无法使用，已另存为 ${path.basename(kept)}，自选列表为空`);

      // The next change writes a fresh file; the kept one is untouched.
      store.save([entry('600036.SSE')]);
      expect(fs.readFileSync(kept, 'utf8')).toBe(text);
      expect(new WatchlistFile(dir, captureLog().log).load()).toEqual([entry('600036.SSE')]);
    });
  }
});
