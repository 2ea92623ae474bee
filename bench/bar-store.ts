/**
 * Bar store (`npm run bench:bars`): write 1,000,000 one-minute bars of one code into a
 * fresh bar.db (≈17 years of A-share minutes, in pages of 50,000 as an import writes them),
 * then load them all back as columns, raw and 前复权, median of 7 runs after one warm-up.
 * Prints one JSON line. Options: --bars N --runs N.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Adjustment, adjustInPlace, factorAt, Interval } from '../common/bars';
import { Exchange } from '../common/constants';
import { BarStore } from '../electron/engine/store';
import { syntheticMinuteSeries } from '../test/fixtures/bars';
import { isMain, median } from './stats';

export function runBarStoreBench(bars = 1_000_000, runs = 7): Record<string, unknown> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tstrader-bench-bars-'));
  const store = BarStore.openIn(dir);
  try {
    const series = syntheticMinuteSeries(bars);
    const PAGE = 50_000;
    const t0 = performance.now();
    for (let from = 0; from < bars; from += PAGE) {
      const to = Math.min(bars, from + PAGE);
      const page = { ...series, length: to - from };
      for (const c of ['datetime', 'open', 'high', 'low', 'close', 'volume', 'turnover', 'open_interest'] as const) page[c] = series[c].subarray(from, to);
      store.saveSeries(page);
    }
    const writeMs = performance.now() - t0;
    // A factor step every year or so, as dividends come.
    const factors = [];
    for (let i = 0, f = 1; i < bars; i += 60_000, f *= 1.03) factors.push({ tradingDay: new Date(series.datetime[i]! + 8 * 3_600_000).toISOString().slice(0, 10), factor: f });
    store.saveFactors('600000', Exchange.SSE, factors);

    const load = () => store.loadSeries('600000', Exchange.SSE, Interval.MINUTE);
    const rawMs: number[] = [];
    const adjMs: number[] = [];
    let loaded = 0;
    load();
    for (let r = 0; r < runs; r++) {
      let t = performance.now();
      loaded = load().length;
      rawMs.push(performance.now() - t);
      t = performance.now();
      const s = load();
      const fs_ = store.factors('600000', Exchange.SSE);
      adjustInPlace(s, fs_, Adjustment.FORWARD, factorAt(fs_, s.datetime[s.length - 1]!));
      adjMs.push(performance.now() - t);
    }
    const round = (x: number) => Math.round(x * 10) / 10;
    return {
      bench: 'bar-store',
      bars,
      loaded,
      write_ms: Math.round(writeMs),
      write_bars_per_s: Math.round((bars * 1000) / writeMs),
      load_ms_median: round(median(rawMs)),
      load_forward_adjusted_ms_median: round(median(adjMs)),
      load_ms_runs: rawMs.map(round),
      file_mb: round(fs.statSync(path.join(dir, 'bar.db')).size / 1e6),
    };
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({ options: { bars: { type: 'string', default: '1000000' }, runs: { type: 'string', default: '7' } } });
  console.log(JSON.stringify(runBarStoreBench(Number(values.bars), Number(values.runs))));
}
