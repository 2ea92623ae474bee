import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createGatewayStorage, LEASE_STALE_MS } from '../../../electron/engine/store/gateway-storage';
import { Journal } from '../../../electron/engine/store/journal';
import { captureLog, tempDir } from './helpers';

/** The recorder's part, committing each burst by hand: what JournalRecorder does on setImmediate. */
class Stager {
  private staged = new Map<string, { gateway: string; key: string; read: () => string | undefined }>();
  constructor(private readonly journal: Journal) {}
  stage(gateway: string, key: string, read: () => string | undefined): void {
    this.staged.set(`${gateway}/${key}`, { gateway, key, read });
  }
  commit(): void {
    const list = [...this.staged.values()];
    this.staged.clear();
    this.journal.batch(() => {
      for (const s of list) this.journal.saveGatewayState(s.gateway, s.key, s.read());
    });
  }
}

function open(dir: string, name = 'SIM', pid?: number, isAlive?: (pid: number) => boolean, now?: () => number) {
  const journal = Journal.openIn(dir);
  const recorder = new Stager(journal);
  const cap = captureLog();
  const storage = createGatewayStorage({ dir, gatewayName: name, journal, recorder, log: cap.log, pid, isAlive, now });
  return { journal, recorder, storage, cap };
}

describe('createGatewayStorage', () => {
  it('keeps keys in database.db, written when the burst commits, and reads them back after a restart', () => {
    const dir = tempDir();
    const a = open(dir, 'SIM_2');
    expect(a.storage.load('book')).toBeUndefined();
    a.storage.save('book', { 资金: 1000, positions: ['600000.SSE'] });
    let n = 0;
    a.storage.stage('day', () => `2026-11-2${++n}`);
    a.storage.stage('day', () => `2026-11-2${++n}`);
    // Not in the file until the burst commits; the reader runs once, at the commit.
    expect(Journal.openIn(dir).loadGatewayState('SIM_2').size).toBe(0);
    a.recorder.commit();
    expect(n).toBe(1);
    a.journal.close();
    const b = open(dir, 'SIM_2');
    expect(b.storage.load('book')).toEqual({ 资金: 1000, positions: ['600000.SSE'] });
    expect(b.storage.load<string>('day')).toBe('2026-11-21');
    expect(fs.existsSync(path.join(dir, 'gateway_state'))).toBe(false);
    // Instances do not see each other's keys.
    expect(open(dir, 'SIM').storage.load('book')).toBeUndefined();
  });

  it('hands out copies, so mutating a loaded value does not change the state', () => {
    const { storage } = open(tempDir());
    storage.save('k', { n: 1 });
    const v = storage.load<{ n: number }>('k');
    if (v) v.n = 2;
    expect(storage.load('k')).toEqual({ n: 1 });
  });

  it('imports an earlier gateway_state/<name>.json once, keeping the file as .migrated', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'gateway_state'));
    const file = path.join(dir, 'gateway_state', 'SIM.json');
    fs.writeFileSync(file, JSON.stringify({ session: 7, 'account.sim001': { cash_cents: 5 } }));
    const a = open(dir);
    expect(a.storage.load('session')).toBe(7);
    expect(a.cap.lines).toEqual([expect.objectContaining({ level: 'INFO', msg: expect.stringContaining('已迁入 database.db') })]);
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(`${file}.migrated`)).toBe(true);
    a.journal.close();
    expect(open(dir).storage.load('account.sim001')).toEqual({ cash_cents: 5 });
  });

  it('moves a corrupt legacy state file aside, reports it, and starts empty', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'gateway_state'));
    fs.writeFileSync(path.join(dir, 'gateway_state', 'SIM.json'), '{"book": {');
    const { storage, cap } = open(dir);
    expect(storage.load('book')).toBeUndefined();
    expect(cap.lines.map((l) => l.level)).toEqual(['ERROR']);
    expect(fs.readdirSync(path.join(dir, 'gateway_state')).filter((f) => f.includes('.corrupt-'))).toHaveLength(1);
  });

  it('lets one process at a time hold an instance; a dead holder does not count', () => {
    const dir = tempDir();
    const alive = new Set([100, 200]);
    const isAlive = (pid: number) => alive.has(pid);
    const first = open(dir, 'SIM', 100, isAlive).storage;
    const second = open(dir, 'SIM', 200, isAlive).storage;
    expect(first.claim()).toBeUndefined();
    expect(first.claim()).toBeUndefined();
    expect(second.claim()).toMatch(/^进程 100（自 .+ 起）$/);
    // Another instance is another lease.
    expect(open(dir, 'SIM_2', 200, isAlive).storage.claim()).toBeUndefined();
    first.release();
    expect(second.claim()).toBeUndefined();
    // Killed: its lease is stale.
    alive.delete(200);
    expect(first.claim()).toBeUndefined();
    // Two engines in one process are two holders.
    expect(open(dir, 'SIM', 100, isAlive).storage.claim()).toMatch(/^本进程中的另一个引擎/);
    first.release();
  });

  it('treats a lease whose holder stopped renewing it for a minute as stale, even if its pid is in use again', () => {
    const dir = tempDir();
    let clock = Date.UTC(2026, 0, 5, 1, 0);
    const everyoneAlive = () => true;
    const crashed = open(dir, 'SIM', 100, everyoneAlive, () => clock).storage;
    expect(crashed.claim()).toBeUndefined();
    clock += 30_000;
    const other = open(dir, 'SIM', 200, everyoneAlive, () => clock).storage;
    expect(other.claim()).toMatch(/^进程 100/);
    clock += LEASE_STALE_MS;
    expect(other.claim()).toBeUndefined();
    other.release();
    crashed.release();
  });

  it('rejects instance names that could escape the folder', () => {
    const dir = tempDir();
    expect(() => open(dir, '../evil')).toThrow();
    expect(() => open(dir, 'a/b')).toThrow();
  });
});
