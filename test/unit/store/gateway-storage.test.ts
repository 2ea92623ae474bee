import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGatewayStorage } from '../../../electron/engine/store/gateway-storage';
import { captureLog, tempDir } from './helpers';

describe('createGatewayStorage', () => {
  it('saves keys to gateway_state/<name>.json and reads them back after a restart', () => {
    const dir = tempDir();
    const a = createGatewayStorage(dir, 'SIM_2', captureLog().log);
    expect(a.load('book')).toBeUndefined();
    a.save('book', { 资金: 1000, positions: ['600000.SSE'] });
    a.save('day', '2026-11-20');
    const b = createGatewayStorage(dir, 'SIM_2', captureLog().log);
    expect(b.load('book')).toEqual({ 资金: 1000, positions: ['600000.SSE'] });
    expect(b.load<string>('day')).toBe('2026-11-20');
    expect(fs.readdirSync(path.join(dir, 'gateway_state'))).toEqual(['SIM_2.json']);
  });

  it('hands out copies, so mutating a loaded value does not change the state', () => {
    const s = createGatewayStorage(tempDir(), 'SIM', captureLog().log);
    s.save('k', { n: 1 });
    const v = s.load<{ n: number }>('k');
    if (v) v.n = 2;
    expect(s.load('k')).toEqual({ n: 1 });
  });

  it('moves a corrupt state file aside, reports it, and starts empty', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'gateway_state'));
    const file = path.join(dir, 'gateway_state', 'SIM.json');
    fs.writeFileSync(file, '{"book": {');
    const cap = captureLog();
    const s = createGatewayStorage(dir, 'SIM', cap.log);
    expect(s.load('book')).toBeUndefined();
    expect(cap.lines.map((l) => l.level)).toEqual(['ERROR']);
    const aside = fs.readdirSync(path.join(dir, 'gateway_state')).filter((f) => f.includes('.corrupt-'));
    expect(aside).toHaveLength(1);
    s.save('book', {});
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ book: {} });
  });

  it('rejects instance names that could escape the folder', () => {
    expect(() => createGatewayStorage(tempDir(), '../evil')).toThrow();
    expect(() => createGatewayStorage(tempDir(), 'a/b')).toThrow();
  });
});
