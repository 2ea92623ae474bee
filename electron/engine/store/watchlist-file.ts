/**
 * watchlist_setting.json: the 自选 codes in the trader's order, named and laid out the way
 * vn.py names its settings files ({"symbols": [{"vt_symbol", "symbol", "exchange", "name",
 * "gateway_name"}]}; an array, because the order is the point). Other keys are kept as found.
 * Written atomically. A file we cannot use as a whole — not JSON, not an object, "symbols"
 * not a list, an entry without a code — is moved aside and reported, never overwritten: the
 * list starts empty and the next change writes a fresh file beside the kept one.
 */
import path from 'node:path';
import type { WatchEntry } from '../../../common/contract/watchlist-contract';
import { readJsonFile, writeJsonAtomic, type JsonObject } from './json-file';
import { moveAside } from './move-aside';
import type { StoreLog } from './store-log';

export const WATCHLIST_FILE = 'watchlist_setting.json';

export class WatchlistFile {
  private data: JsonObject | undefined;
  private readonly file: string;

  constructor(
    dir: string,
    private readonly log: StoreLog,
    /** injectable so tests can pin the .corrupt- stamp */
    private readonly now: () => Date = () => new Date(),
  ) {
    this.file = path.join(dir, WATCHLIST_FILE);
  }

  /** The saved codes, in order; a code listed twice counts once, where it first appears. */
  load(): WatchEntry[] {
    const raw = this.all().symbols;
    if (raw === undefined) return [];
    const out: WatchEntry[] = [];
    const seen = new Set<string>();
    for (const e of raw as unknown[]) {
      const entry = entryOf(e);
      if (!entry || seen.has(entry.vt_symbol)) continue;
      seen.add(entry.vt_symbol);
      out.push(entry);
    }
    return out;
  }

  save(entries: readonly WatchEntry[]): void {
    this.data = { ...this.all(), symbols: entries.map((e) => ({ vt_symbol: e.vt_symbol, symbol: e.symbol, exchange: e.exchange, name: e.name, gateway_name: e.gateway_name })) };
    writeJsonAtomic(this.file, this.data);
  }

  private all(): JsonObject {
    if (this.data) return this.data;
    const r = readJsonFile(this.file, this.now);
    if (r.status === 'corrupt') {
      this.report(r.movedTo, r.error);
      this.data = {};
    } else if (r.status === 'ok') {
      const problem = problemOf(r.data);
      if (problem) {
        this.report(moveAside(this.file, this.now()), problem);
        this.data = {};
      } else this.data = r.data;
    } else this.data = {};
    return this.data;
  }

  private report(movedTo: string, why: string): void {
    this.log(`${WATCHLIST_FILE} 无法使用，已另存为 ${path.basename(movedTo)}，自选列表为空：${why}`, 'WARNING');
  }
}

/** Why a parsed file cannot be used as a whole, or undefined when it can. */
function problemOf(data: JsonObject): string | undefined {
  const raw = data.symbols;
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) return '"symbols" 应为列表';
  const bad = raw.findIndex((e) => !entryOf(e));
  return bad >= 0 ? `"symbols" 第 ${bad + 1} 项不是有效的代码` : undefined;
}

/** An entry as written by save(); symbol/exchange may be left out and are read from vt_symbol, name and gateway_name default to ''. */
function entryOf(e: unknown): WatchEntry | undefined {
  if (!e || typeof e !== 'object' || Array.isArray(e)) return undefined;
  const o = e as Record<string, unknown>;
  const vt = o.vt_symbol;
  if (typeof vt !== 'string') return undefined;
  const dot = vt.lastIndexOf('.');
  if (dot <= 0 || dot === vt.length - 1) return undefined;
  return {
    vt_symbol: vt,
    symbol: typeof o.symbol === 'string' && o.symbol ? o.symbol : vt.slice(0, dot),
    exchange: typeof o.exchange === 'string' && o.exchange ? o.exchange : vt.slice(dot + 1),
    name: typeof o.name === 'string' ? o.name : '',
    gateway_name: typeof o.gateway_name === 'string' ? o.gateway_name : '',
  };
}
