/**
 * Strategy files the 策略管理 window offers: the shipped examples and the trader's own
 * folder (<vntrader>/strategies/). A window in browser mode cannot hand the engine a local
 * path from a file picker, so it picks from these (or types a path).
 */
import fs from 'node:fs';
import path from 'node:path';

const STRATEGY_FILE = /\.(ts|js|mjs|cjs)$/;

export function listStrategyFiles(dirs: readonly string[]): string[] {
  const out: string[] = [];
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      // .d.ts files are typings for editors, not strategies.
      if (STRATEGY_FILE.test(name) && !name.endsWith('.d.ts')) out.push(path.join(dir, name));
    }
  }
  return out;
}
