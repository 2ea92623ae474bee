/**
 * ui_layout.json: what the UI asks to keep across restarts (column order and widths,
 * window geometry). Kept by the engine, not the browser, because in browser mode the
 * page's origin (and so its localStorage) changes with the host's port on every run.
 */
import path from 'node:path';
import { readJsonFile, writeJsonAtomic, type JsonObject } from './json-file';
import type { StoreLog } from './store-log';

export const LAYOUT_FILE = 'ui_layout.json';

export class LayoutStore {
  private data: JsonObject | undefined;
  private readonly file: string;

  constructor(
    dir: string,
    private readonly log: StoreLog,
  ) {
    this.file = path.join(dir, LAYOUT_FILE);
  }

  all(): JsonObject {
    if (!this.data) {
      const r = readJsonFile(this.file);
      if (r.status === 'corrupt') this.log(`${LAYOUT_FILE} 无法解析，已另存为 ${path.basename(r.movedTo)}，界面布局恢复默认：${r.error}`, 'WARNING');
      this.data = r.status === 'ok' ? r.data : {};
    }
    return this.data;
  }

  set(key: string, value: unknown): void {
    this.data = { ...this.all(), [key]: value };
    writeJsonAtomic(this.file, this.data);
  }

  reset(): void {
    this.data = {};
    writeJsonAtomic(this.file, this.data);
  }
}
