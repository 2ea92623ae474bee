/**
 * data_recorder_setting.json: the codes 行情记录 records, in vn.py DataRecorder's layout
 * ({"tick": {}, "bar": {"600000.SSE": {"symbol", "exchange", "gateway_name"}}}), so a vn.py
 * user's file carries over. We record bars only; the "tick" part and unknown keys are kept
 * as found. Written atomically; a file that does not parse is moved aside and reported.
 */
import path from 'node:path';
import { readJsonFile, writeJsonAtomic, type JsonObject } from './json-file';
import type { StoreLog } from './store-log';

export const RECORDING_FILE = 'data_recorder_setting.json';

export interface RecordingEntry {
  symbol: string;
  exchange: string;
  gateway_name: string;
}

export class RecordingList {
  private data: JsonObject | undefined;
  private readonly file: string;

  constructor(
    dir: string,
    private readonly log: StoreLog,
  ) {
    this.file = path.join(dir, RECORDING_FILE);
  }

  /** The recorded codes by vt_symbol, in the file's order. */
  bars(): Map<string, RecordingEntry> {
    const raw = this.all().bar;
    const out = new Map<string, RecordingEntry>();
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      for (const [vt, v] of Object.entries(raw as Record<string, unknown>)) {
        const e = (v ?? {}) as Partial<RecordingEntry>;
        const dot = vt.lastIndexOf('.');
        out.set(vt, { symbol: typeof e.symbol === 'string' ? e.symbol : vt.slice(0, dot), exchange: typeof e.exchange === 'string' ? e.exchange : vt.slice(dot + 1), gateway_name: typeof e.gateway_name === 'string' ? e.gateway_name : '' });
      }
    }
    return out;
  }

  setBars(entries: ReadonlyMap<string, RecordingEntry>): void {
    this.data = { tick: {}, ...this.all(), bar: Object.fromEntries(entries) };
    writeJsonAtomic(this.file, this.data);
  }

  private all(): JsonObject {
    if (!this.data) {
      const r = readJsonFile(this.file);
      if (r.status === 'corrupt') this.log(`${RECORDING_FILE} 无法解析，已另存为 ${path.basename(r.movedTo)}，行情记录列表为空：${r.error}`, 'WARNING');
      this.data = r.status === 'ok' ? r.data : {};
    }
    return this.data;
  }
}
