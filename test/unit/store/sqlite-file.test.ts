/**
 * Opening our SQLite files fails soft: a file another connection holds is waited for, two
 * processes opening a fresh folder at once both get in, and a file that is not (or no longer)
 * a database is renamed aside with its WAL and a fresh one started.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Journal } from '../../../electron/engine/store/journal';
import { MarginStore } from '../../../apps/margin-data/engine/margin-store';
import { isBusy, isCorruption, openSqlite } from '../../../electron/engine/store/sqlite-file';
import { captureLog, tempDir } from './helpers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SCHEMA = 'CREATE TABLE IF NOT EXISTS t (a TEXT);';

/**
 * Hold a write transaction on `file` from another thread for `ms`, then let go. Meeting it,
 * the switch to WAL fails with SQLITE_BUSY at once: SQLite does not call the busy handler
 * where waiting could deadlock (what two processes opening a fresh folder run into).
 */
async function holdLock(file: string, ms: number): Promise<Worker> {
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     const Database = require(workerData.module);
     const db = new Database(workerData.file);
     db.exec('BEGIN IMMEDIATE; CREATE TABLE held (a)');
     parentPort.postMessage('locked');
     setTimeout(() => { db.exec('COMMIT'); db.close(); parentPort.postMessage('released'); }, workerData.ms);`,
    { eval: true, workerData: { file, ms, module: path.join(root, 'node_modules', 'better-sqlite3') } },
  );
  await new Promise((resolve) => worker.once('message', resolve));
  return worker;
}

/** Overwrite a run of pages in the middle of a database: the header still says "SQLite format 3". */
function overwriteMiddlePages(file: string): void {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(4096 * 4, 0x5a), 0, 4096 * 4, Math.floor(fs.statSync(file).size / 2 / 4096) * 4096);
  fs.closeSync(fd);
}

describe('openSqlite', () => {
  it('retries the switch to WAL while another connection writes to the fresh file, instead of failing', async () => {
    const file = path.join(tempDir(), 'database.db');
    const worker = await holdLock(file, 300);
    const released = new Promise((resolve) => worker.once('message', resolve));
    // Without the retry this throws SQLITE_BUSY at once; with it, the open goes through once the writer is done.
    const db = openSqlite(file, SCHEMA, 1);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'held'").get()).toEqual({ name: 'held' });
    db.close();
    await released;
    await worker.terminate();
  });

  it('gives up, with SQLITE_BUSY, once the lock has outlasted the retry period', async () => {
    const file = path.join(tempDir(), 'database.db');
    const worker = await holdLock(file, 3000);
    const released = new Promise((resolve) => worker.once('message', resolve));
    try {
      // retried for 100 ms of a lock held for 3 s: the error goes up rather than the open waiting it out
      expect(() => openSqlite(file, SCHEMA, 1, { busyRetryMs: 100 })).toThrow(expect.objectContaining({ code: expect.stringMatching(/^SQLITE_BUSY/) }));
    } finally {
      await released;
      await worker.terminate();
    }
  });

  it('lets two processes open the same fresh folder at once, every time', async () => {
    // Two long-lived children open each fresh database.db at the same moment (the app and a
    // `tstrader start_task`), 25 times; every open must succeed in both.
    const script = `
      import { Journal } from ${JSON.stringify(path.join(root, 'electron/engine/store/journal.ts'))};
      import readline from 'node:readline';
      for await (const dir of readline.createInterface({ input: process.stdin })) {
        try { const j = Journal.openIn(dir); j.saveLog({ datetime: 1, level: 'INFO', msg: 'x', gateway_name: 'T' }); j.close(); console.log('ok'); }
        catch (e) { console.log(String(e.code) + ' ' + e.message); }
      }`;
    const children = [0, 1].map(() => spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] }));
    const lines = children.map((c) => {
      const queue: string[] = [];
      const waiting: ((line: string) => void)[] = [];
      let buffer = '';
      c.stdout!.on('data', (d: Buffer) => {
        buffer += d.toString();
        for (let i = buffer.indexOf('\n'); i >= 0; i = buffer.indexOf('\n')) {
          const line = buffer.slice(0, i);
          buffer = buffer.slice(i + 1);
          const w = waiting.shift();
          if (w) w(line);
          else queue.push(line);
        }
      });
      return () => new Promise<string>((resolve) => (queue.length ? resolve(queue.shift()!) : waiting.push(resolve)));
    });
    try {
      const answers: string[] = [];
      for (let i = 0; i < 25; i++) {
        const dir = tempDir('tstrader-race-');
        for (const c of children) c.stdin!.write(`${dir}\n`);
        answers.push(...(await Promise.all(lines.map((next) => next()))));
      }
      expect(answers.filter((a) => a !== 'ok')).toEqual([]);
      expect(answers).toHaveLength(50);
    } finally {
      for (const c of children) c.stdin!.end();
    }
  }, 60_000);

  it('renames a file that is not a database aside, with its WAL, and starts a fresh one', () => {
    const dir = tempDir();
    const file = path.join(dir, 'database.db');
    fs.writeFileSync(file, 'this is not an SQLite file, but it is the trader’s data');
    fs.writeFileSync(`${file}-wal`, 'an old write-ahead log');
    const cap = captureLog();
    const journal = Journal.openIn(dir, cap.log);
    journal.saveLog({ datetime: 1, level: 'INFO' as never, msg: '新库可用', gateway_name: 'T' });
    expect(journal.recentLogs(5).map((l) => l.msg)).toEqual(['新库可用']);
    journal.close();
    const aside = fs.readdirSync(dir).filter((f) => f.includes('.corrupt-'));
    const main = aside.find((f) => /corrupt-[\d-]+$/.test(f))!;
    expect(fs.readFileSync(path.join(dir, main), 'utf8')).toContain('trader’s data');
    expect(fs.readFileSync(path.join(dir, `${main}-wal`), 'utf8')).toBe('an old write-ahead log');
    expect(cap.lines).toEqual([{ level: 'ERROR', msg: expect.stringMatching(/^交易数据库 database\.db 已损坏.*已改名为 database\.db\.corrupt-.* 保留，已新建空数据库/) }]);
  });

  it('finds damage deep inside the journal at open (quick_check), not in the middle of a session', () => {
    const dir = tempDir();
    const file = path.join(dir, 'database.db');
    const j = Journal.openIn(dir);
    j.batch(() => {
      for (let i = 0; i < 3000; i++) j.saveLog({ datetime: i, level: 'INFO' as never, msg: `第 ${i} 行日志，足够长以占满许多页`.repeat(3), gateway_name: 'T' });
    });
    j.close();
    overwriteMiddlePages(file);
    expect(new Database(file).pragma('quick_check', { simple: true })).not.toBe('ok');
    const cap = captureLog();
    const again = Journal.openIn(dir, cap.log);
    expect(again.recentLogs(1)).toEqual([]);
    again.close();
    expect(cap.lines.map((l) => l.level)).toEqual(['ERROR']);
    // Without a log to report to, the error goes up rather than the file being moved.
    fs.writeFileSync(path.join(dir, 'other.db'), 'garbage garbage garbage garbage');
    expect(() => Journal.open(path.join(dir, 'other.db'))).toThrow(expect.objectContaining({ code: 'SQLITE_NOTADB' }));
  });

  it('renames a corrupt margin.db aside and offers the import again', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'margin.db'), Buffer.alloc(8192, 7));
    const cap = captureLog();
    const store = MarginStore.openIn(dir, cap.log);
    expect(store.codes()).toEqual([]);
    store.close();
    expect(cap.lines).toEqual([{ level: 'ERROR', msg: expect.stringContaining('请在“功能→两融数据”中重新导入') }]);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('margin.db.corrupt-'))).toBe(true);
  });
});

describe('openSqlite: versions, reasons and what is moved', () => {
  /** A database of 3,000 long rows in t, with a run of pages in its middle overwritten. */
  function damagedDeepInside(file: string): void {
    const db = new Database(file);
    db.exec(SCHEMA);
    const insert = db.prepare('INSERT INTO t VALUES (?)');
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`第 ${i} 行，足够长以占满许多页`.repeat(4));
    })();
    db.close();
    overwriteMiddlePages(file);
  }

  it('stamps a fresh file with the schema version, raises an older one, and never lowers a newer one', () => {
    const file = path.join(tempDir(), 'v.db');
    const version = (): unknown => {
      const db = new Database(file, { readonly: true });
      try {
        return db.pragma('user_version', { simple: true });
      } finally {
        db.close();
      }
    };
    openSqlite(file, SCHEMA, 3).close();
    expect(version()).toBe(3);
    openSqlite(file, SCHEMA, 5).close();
    expect(version()).toBe(5);
    // written by a newer release: left as it is for that release
    openSqlite(file, SCHEMA, 2).close();
    expect(version()).toBe(5);
  });

  it('keeps a file in place, and the error going up, when opening fails for another reason than damage', () => {
    const dir = tempDir();
    const file = path.join(dir, 'good.db');
    openSqlite(file, SCHEMA, 1).close();
    const moved: string[] = [];
    expect(() => openSqlite(file, 'CREATE TABL broken (', 1, { onCorrupt: (to) => moved.push(to) })).toThrow(expect.objectContaining({ code: 'SQLITE_ERROR' }));
    expect(moved).toEqual([]);
    expect(fs.readdirSync(dir).sort()).toEqual(['good.db']);
  });

  it('runs quick_check only when asked, and gives its finding as the reason', () => {
    const dir = tempDir();
    const file = path.join(dir, 'deep.db');
    damagedDeepInside(file);
    const moved: { to: string; reason: string }[] = [];
    // not asked: the header is fine, so the file opens (damage would show when its pages are read)
    openSqlite(file, SCHEMA, 1, { onCorrupt: (to, reason) => moved.push({ to, reason }) }).close();
    expect(moved).toEqual([]);
    openSqlite(file, SCHEMA, 1, { verify: true, onCorrupt: (to, reason) => moved.push({ to, reason }) }).close();
    expect(moved).toEqual([{ to: expect.stringContaining('deep.db.corrupt-'), reason: expect.stringMatching(/^quick_check: \S/) }]);
  });

  it('moves the -wal and -shm with the file, to the first free name (one whose -wal alone is left counts as taken)', () => {
    const dir = tempDir();
    const file = path.join(dir, 'database.db');
    fs.writeFileSync(file, 'not a database at all, but the trader’s');
    fs.writeFileSync(`${file}-wal`, 'old wal');
    fs.writeFileSync(`${file}-shm`, 'old shm');
    const stamp = '20261203-090507';
    fs.writeFileSync(`${file}.corrupt-${stamp}-wal`, 'an earlier move’s wal');
    const moved: string[] = [];
    openSqlite(file, SCHEMA, 1, { now: () => new Date(2026, 11, 3, 9, 5, 7), onCorrupt: (to) => moved.push(to) }).close();
    const target = `${file}.corrupt-${stamp}-2`;
    expect(moved).toEqual([target]);
    expect(fs.readFileSync(target, 'utf8')).toBe('not a database at all, but the trader’s');
    expect(fs.readFileSync(`${target}-wal`, 'utf8')).toBe('old wal');
    // SQLite had already mapped (and rewritten) the -shm: that it moved is what counts
    expect(fs.existsSync(`${target}-shm`)).toBe(true);
    expect(fs.readFileSync(`${file}.corrupt-${stamp}-wal`, 'utf8')).toBe('an earlier move’s wal');
  });
});

describe('isBusy', () => {
  it('is every BUSY and LOCKED code, nothing else', () => {
    for (const code of ['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_LOCKED', 'SQLITE_LOCKED_SHAREDCACHE']) expect([code, isBusy({ code })]).toEqual([code, true]);
    for (const code of ['SQLITE_CORRUPT', 'X_SQLITE_BUSY', 'SQLITE_IOERR', '', 5]) expect([code, isBusy({ code })]).toEqual([code, false]);
    expect(isBusy(null)).toBe(false);
    expect(isBusy(new Error('SQLITE_BUSY'))).toBe(false);
  });
});

describe('isCorruption', () => {
  it('is SQLite’s NOTADB and every CORRUPT code, nothing else', () => {
    for (const code of ['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_VTAB', 'SQLITE_CORRUPT_INDEX']) expect([code, isCorruption({ code })]).toEqual([code, true]);
    for (const code of ['SQLITE_BUSY', 'SQLITE_IOERR_CORRUPTFS', 'X_SQLITE_CORRUPT', '', 7]) expect([code, isCorruption({ code })]).toEqual([code, false]);
    expect(isCorruption(null)).toBe(false);
    expect(isCorruption(new Error('SQLITE_CORRUPT'))).toBe(false); // the message is not the code
  });
});
