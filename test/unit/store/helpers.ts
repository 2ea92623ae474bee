import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { StoreLog, StoreLogLevel } from '../../../electron/engine/store/store-log';

/** A fresh temp folder per test; never the real home. */
export function tempDir(prefix = 'tstrader-store-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface CapturedLog {
  log: StoreLog;
  lines: { msg: string; level: StoreLogLevel }[];
  text(): string;
}

export function captureLog(): CapturedLog {
  const lines: { msg: string; level: StoreLogLevel }[] = [];
  return {
    log: (msg, level) => lines.push({ msg, level }),
    lines,
    text: () => lines.map((l) => `${l.level} ${l.msg}`).join('\n'),
  };
}
