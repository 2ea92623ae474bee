import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveVntraderDir } from '../../../electron/engine/store/vntrader-dir';
import { tempDir } from './helpers';

describe('resolveVntraderDir', () => {
  it('prefers VNTRADER_DIR, made absolute against cwd, and creates it', () => {
    const root = tempDir();
    const cwd = path.join(root, 'proj');
    fs.mkdirSync(path.join(cwd, '.vntrader'), { recursive: true });
    const dir = resolveVntraderDir({ cwd, env: { VNTRADER_DIR: 'custom/cfg' }, home: path.join(root, 'home') });
    expect(dir).toBe(path.join(cwd, 'custom/cfg'));
    expect(fs.statSync(dir).isDirectory()).toBe(true);
  });

  it('uses <cwd>/.vntrader when it exists (vn.py rule)', () => {
    const root = tempDir();
    const cwd = path.join(root, 'proj');
    fs.mkdirSync(path.join(cwd, '.vntrader'), { recursive: true });
    expect(resolveVntraderDir({ cwd, env: {}, home: path.join(root, 'home') })).toBe(path.join(cwd, '.vntrader'));
  });

  it('falls back to <home>/.vntrader, creating it; an empty VNTRADER_DIR counts as unset', () => {
    const root = tempDir();
    const cwd = path.join(root, 'proj');
    fs.mkdirSync(cwd);
    const home = path.join(root, 'home');
    const dir = resolveVntraderDir({ cwd, env: { VNTRADER_DIR: '' }, home });
    expect(dir).toBe(path.join(home, '.vntrader'));
    expect(fs.existsSync(dir)).toBe(true);
    expect(fs.existsSync(path.join(cwd, '.vntrader'))).toBe(false);
  });

  it('ignores a .vntrader in cwd that is a file, not a folder', () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, '.vntrader'), 'x');
    const home = path.join(root, 'home');
    expect(resolveVntraderDir({ cwd: root, env: {}, home })).toBe(path.join(home, '.vntrader'));
  });
});
