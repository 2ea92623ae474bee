/**
 * #11 item 18: `npm install` on a fresh clone must leave package-lock.json as it is, whichever
 * npm a developer has (Node 22.12 ships npm 10, this machine has npm 11), and must not end
 * with the install-scripts advisory. Real npm, run offline: a complete lock needs no network.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const lockText = fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8');
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });
const npmVersion = npm(['--version'], root).trim().split('.').map(Number);

describe('package-lock.json', () => {
  it('has no per-package libc fields: npm 11 writes them and npm 10 drops them, so a lock with them is rewritten by npm 10', () => {
    // `node scripts/normalize-lock.mjs` takes them out after an npm 11 `npm install <pkg>`.
    expect(lockText.match(/"libc":/g) ?? []).toEqual([]);
  });

  it('is what this npm writes for package.json: an install on a fresh copy changes nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tstrader-lock-'));
    try {
      fs.copyFileSync(path.join(root, 'package.json'), path.join(dir, 'package.json'));
      fs.writeFileSync(path.join(dir, 'package-lock.json'), lockText);
      npm(['install', '--package-lock-only', '--ignore-scripts', '--offline', '--no-audit', '--no-fund', '--cache', path.join(dir, 'cache')], dir);
      expect(fs.readFileSync(path.join(dir, 'package-lock.json'), 'utf8') === lockText).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  // npm 11.16 added allowScripts and the advisory; older npm has neither.
  it.runIf(npmVersion[0]! > 11 || (npmVersion[0] === 11 && npmVersion[1]! >= 16))('covers every dependency install script in allowScripts', () => {
    expect(npm(['install-scripts', 'ls'], root)).toContain('No packages with unreviewed install scripts');
  }, 60_000);
});
