/**
 * Write-ahead publish with a real database.db: the JournalRecorder commits a burst's rows and
 * the gateways' staged state in one transaction, and the OutboundGate releases the burst's
 * events only after that commit. "Seen by a client" is checked from the client's side, with
 * a second connection reading the file at the moment the event arrives.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Direction, Exchange, LogLevel, Offset, OrderType, Status } from '../../../common/constants';
import type { OrderData, TickData, TradeData } from '../../../common/objects';
import type { EngineEvents } from '../../../electron/engine/engine-events';
import { EventBus } from '../../../electron/engine/event-bus';
import { JournalRecorder } from '../../../electron/engine/journal-recorder';
import { OutboundGate } from '../../../electron/engine/outbound-gate';
import { Journal } from '../../../electron/engine/store/journal';
import { tempDir } from '../store/helpers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const T0 = Date.UTC(2026, 10, 20, 1, 30);

function order(id: string, over: Partial<OrderData> = {}): OrderData {
  return {
    gateway_name: 'SIM', symbol: '600000', exchange: Exchange.SSE, vt_symbol: '600000.SSE', orderid: id, vt_orderid: `SIM.${id}`,
    type: OrderType.LIMIT, direction: Direction.LONG, offset: Offset.NONE, price: 10, volume: 100, traded: 0,
    status: Status.NOTTRADED, datetime: T0, reference: 'manual', status_msg: '', ...over,
  };
}

function trade(id: string, orderid: string): TradeData {
  return {
    gateway_name: 'SIM', symbol: '600000', exchange: Exchange.SSE, vt_symbol: '600000.SSE', orderid, vt_orderid: `SIM.${orderid}`,
    tradeid: id, vt_tradeid: `SIM.${id}`, direction: Direction.LONG, offset: Offset.NONE, price: 10, volume: 100,
    datetime: T0 + 1, fee: 5, commission: 5, stamp_duty: 0, transfer_fee: 0,
  };
}

const tick = { vt_symbol: '600000.SSE', last_price: 10 } as TickData;

interface Rig {
  file: string;
  bus: EventBus<EngineEvents>;
  recorder: JournalRecorder;
  gate: OutboundGate<EngineEvents>;
  errors: string[];
  /** what a second connection finds in the file right now */
  reader: Database.Database;
  close(): void;
}

const rigs: Rig[] = [];
afterEach(() => {
  for (const r of rigs.splice(0)) r.close();
});

function rig(): Rig {
  const file = path.join(tempDir(), 'database.db');
  const journal = Journal.open(file);
  const bus = new EventBus<EngineEvents>();
  const errors: string[] = [];
  const recorder = new JournalRecorder(journal, bus, (what) => errors.push(what));
  const gate = new OutboundGate(bus, recorder);
  const reader = new Database(file, { readonly: true });
  const r: Rig = {
    file, bus, recorder, gate, errors, reader,
    close() {
      recorder.stop();
      gate.openUp();
      reader.close();
      journal.close();
    },
  };
  rigs.push(r);
  return r;
}

const rowsIn = (r: Rig, table: 'orders' | 'trades'): string[] =>
  r.reader.prepare(`SELECT ${table === 'orders' ? 'vt_orderid' : 'vt_tradeid'} AS id FROM ${table}`).all().map((x) => (x as { id: string }).id);

describe('write-ahead publish', () => {
  it('a client sees an order or a fill only once its journal row is in the file', async () => {
    const r = rig();
    const seen: { event: string; id: string; inFile: boolean }[] = [];
    r.gate.onAny((event, payload) => {
      if (event === 'order') seen.push({ event, id: (payload as OrderData).vt_orderid, inFile: rowsIn(r, 'orders').includes((payload as OrderData).vt_orderid) });
      if (event === 'trade') seen.push({ event, id: (payload as TradeData).vt_tradeid, inFile: rowsIn(r, 'trades').includes((payload as TradeData).vt_tradeid) });
    });
    r.bus.emit('order', order('1-1'));
    r.bus.emit('trade', trade('1-1', '1-1'));
    r.bus.emit('order', order('1-1', { status: Status.ALLTRADED, traded: 100 }));
    expect(seen).toEqual([]);
    await r.recorder.committed();
    expect(seen).toEqual([
      { event: 'order', id: 'SIM.1-1', inFile: true },
      { event: 'trade', id: 'SIM.1-1', inFile: true },
      { event: 'order', id: 'SIM.1-1', inFile: true },
    ]);
  });

  it('writes a gateway’s staged state in the same transaction as the burst’s events, read once at the commit', async () => {
    const r = rig();
    let cash = 1000;
    let reads = 0;
    const stateInFile = () => (r.reader.prepare("SELECT value FROM gateway_state WHERE gateway_name = 'SIM' AND key = 'account'").get() as { value: string } | undefined)?.value;
    const atRelease: (string | undefined)[] = [];
    r.gate.on('trade', () => atRelease.push(stateInFile()));
    for (let i = 1; i <= 3; i++) {
      cash -= 100;
      r.recorder.stage('SIM', 'account', () => {
        reads++;
        return JSON.stringify({ cash });
      });
      r.bus.emit('trade', trade(`1-${i}`, '1-1'));
    }
    expect(stateInFile()).toBeUndefined();
    await r.recorder.committed();
    expect(reads).toBe(1);
    expect(atRelease).toEqual(['{"cash":700}', '{"cash":700}', '{"cash":700}']);
  });

  it('lets ticks through at once and keeps the order of everything else, burst by burst', async () => {
    const r = rig();
    const seen: string[] = [];
    r.gate.onAny((event, payload) => {
      seen.push(event === 'order' ? `order ${(payload as OrderData).status}` : event);
      // An event emitted while a burst is released belongs to the next burst.
      if (event === 'order' && (payload as OrderData).status === Status.NOTTRADED) r.bus.emit('log', { datetime: T0, level: LogLevel.INFO, msg: '下一批', gateway_name: 'T' });
    });
    r.bus.emit('order', order('1-1'));
    r.bus.emit('tick', tick);
    expect(seen).toEqual(['tick']);
    r.bus.emit('order', order('1-1', { status: Status.CANCELLED }));
    await r.recorder.committed();
    expect(seen).toEqual(['tick', `order ${Status.NOTTRADED}`, `order ${Status.CANCELLED}`]);
    expect(r.recorder.pending).toBe(true);
    await r.recorder.committed();
    expect(seen.at(-1)).toBe('log');
  });

  it('reads a snapshot between two bursts: after the held events are released, before anything newer', async () => {
    const r = rig();
    const seq: string[] = [];
    r.gate.on('order', (o) => seq.push(`event ${o.status}`));
    expect(await r.gate.atBoundary(() => 'now')).toBe('now');
    r.bus.emit('order', order('1-1'));
    const read = r.gate.atBoundary(() => {
      seq.push('read');
      // Something the engine does meanwhile belongs to the next burst, after the read.
      r.bus.emit('order', order('1-1', { status: Status.CANCELLED }));
      return rowsIn(r, 'orders');
    });
    expect(await read).toEqual(['SIM.1-1']);
    expect(seq).toEqual([`event ${Status.NOTTRADED}`, 'read']);
    await r.recorder.committed();
    expect(seq).toEqual([`event ${Status.NOTTRADED}`, 'read', `event ${Status.CANCELLED}`]);
  });

  it('sends a response after its burst has committed and before that burst’s events; at once when nothing waits', async () => {
    const r = rig();
    const seq: string[] = [];
    r.gate.on('order', (o) => seq.push(`event ${o.status}`));
    r.gate.afterCommit(() => seq.push('idle response'));
    expect(seq).toEqual(['idle response']);
    r.bus.emit('order', order('1-1'));
    r.gate.afterCommit(() => seq.push(`response, row in file: ${rowsIn(r, 'orders').includes('SIM.1-1')}`));
    expect(seq).toEqual(['idle response']);
    await r.recorder.committed();
    expect(seq).toEqual(['idle response', 'response, row in file: true', `event ${Status.NOTTRADED}`]);
  });

  it('committed() resolves at once when nothing is waiting', async () => {
    const r = rig();
    expect(r.recorder.pending).toBe(false);
    let done = false;
    void r.recorder.committed().then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(true);
  });

  it('a refused commit is reported once, the events still go out, and the rows are written with a later burst', async () => {
    const r = rig();
    const seen: string[] = [];
    r.gate.on('order', (o) => seen.push(o.vt_orderid));
    // Another connection holds the write lock longer than the journal's busy timeout (5 s).
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const Database = require(workerData.module);
       const db = new Database(workerData.file, { timeout: 0 });
       db.exec('BEGIN IMMEDIATE');
       parentPort.postMessage('locked');
       parentPort.once('message', () => { db.exec('COMMIT'); db.close(); parentPort.postMessage('released'); });`,
      { eval: true, workerData: { file: r.file, module: path.join(root, 'node_modules', 'better-sqlite3') } },
    );
    await new Promise((resolve) => worker.once('message', resolve));
    r.bus.emit('order', order('1-1'));
    await r.recorder.committed();
    expect(r.errors).toEqual(['写入数据库失败，将随下一批重试']);
    expect(seen).toEqual(['SIM.1-1']);
    expect(rowsIn(r, 'orders')).toEqual([]);
    worker.postMessage('release');
    await new Promise((resolve) => worker.once('message', resolve));
    await worker.terminate();
    r.bus.emit('order', order('1-2'));
    await r.recorder.committed();
    expect(rowsIn(r, 'orders').sort()).toEqual(['SIM.1-1', 'SIM.1-2']);
    expect(r.errors).toHaveLength(1);
  }, 30_000);

  /**
   * Make every commit that writes an order fail, at once, until `allow()`: a trigger added by
   * another connection (the journal's prepared statements are re-prepared by SQLite).
   */
  function refuseOrders(r: Rig): { allow(): void } {
    const writer = new Database(r.file);
    writer.exec("CREATE TRIGGER refuse_orders BEFORE INSERT ON orders BEGIN SELECT RAISE(ABORT, '测试：拒绝写入'); END");
    return {
      allow() {
        writer.exec('DROP TRIGGER refuse_orders');
        writer.close();
      },
    };
  }

  it('reports a run of refused commits once, and again after a commit has gone through', async () => {
    const r = rig();
    const db = refuseOrders(r);
    r.bus.emit('order', order('1-1'));
    await r.recorder.committed();
    r.bus.emit('order', order('1-2'));
    await r.recorder.committed();
    expect(r.errors).toEqual(['写入数据库失败，将随下一批重试']);
    expect(rowsIn(r, 'orders')).toEqual([]);
    db.allow();
    r.bus.emit('order', order('1-3'));
    await r.recorder.committed();
    expect(rowsIn(r, 'orders').sort()).toEqual(['SIM.1-1', 'SIM.1-2', 'SIM.1-3']);
    const again = refuseOrders(r);
    r.bus.emit('order', order('1-4'));
    await r.recorder.committed();
    expect(r.errors).toEqual(['写入数据库失败，将随下一批重试', '写入数据库失败，将随下一批重试']);
    again.allow();
  });

  it('keeps a refused burst’s staged state for the next commit, unless the key was staged anew meanwhile', async () => {
    const r = rig();
    const db = refuseOrders(r);
    r.recorder.stage('SIM', 'kept', () => '"first burst"');
    r.recorder.stage('SIM', 'also kept', () => '"first burst too"');
    // a reader that stages its own key again while it is read: the newer reader wins
    r.recorder.stage('SIM', 'restaged', () => {
      r.recorder.stage('SIM', 'restaged', () => '"newer"');
      return '"older"';
    });
    r.bus.emit('order', order('1-1'));
    await r.recorder.committed();
    expect(r.reader.prepare('SELECT key FROM gateway_state').all()).toEqual([]);
    db.allow();
    r.bus.emit('order', order('1-2'));
    await r.recorder.committed();
    expect(r.reader.prepare('SELECT key, value FROM gateway_state ORDER BY key').all()).toEqual([
      { key: 'also kept', value: '"first burst too"' },
      { key: 'kept', value: '"first burst"' },
      { key: 'restaged', value: '"newer"' },
    ]);
  });

  it('keeps at most 100,000 refused rows for retry, dropping the oldest', async () => {
    const r = rig();
    const db = refuseOrders(r);
    // the order (oldest) makes the commit fail; then 100,000 log lines: one row too many
    r.bus.emit('order', order('1-1'));
    for (let i = 0; i < 100_000; i++) r.bus.emit('log', { datetime: T0, level: LogLevel.INFO, msg: String(i), gateway_name: 'T' });
    await r.recorder.committed();
    db.allow();
    r.recorder.schedule();
    await r.recorder.committed();
    expect(rowsIn(r, 'orders')).toEqual([]);
    expect(r.reader.prepare('SELECT count(*) AS n, min(CAST(msg AS INTEGER)) AS lo, max(CAST(msg AS INTEGER)) AS hi FROM logs').get()).toEqual({ n: 100_000, lo: 0, hi: 99_999 });
  });

  it('calls an onCommitted listener after each commit until it unsubscribes', async () => {
    const r = rig();
    const seen: string[][] = [];
    const off = r.recorder.onCommitted(() => seen.push(rowsIn(r, 'orders')));
    r.bus.emit('order', order('1-1'));
    await r.recorder.committed();
    off();
    r.bus.emit('order', order('1-2'));
    await r.recorder.committed();
    expect(seen).toEqual([['SIM.1-1']]);
  });

  it('journals the log from INFO up, never DEBUG (a debug burst would flood the file)', async () => {
    const r = rig();
    r.bus.emit('log', { datetime: T0, level: LogLevel.DEBUG, msg: '调试', gateway_name: 'T' });
    r.bus.emit('log', { datetime: T0, level: LogLevel.INFO, msg: '信息', gateway_name: 'T' });
    r.bus.emit('log', { datetime: T0, level: LogLevel.ERROR, msg: '错误', gateway_name: 'T' });
    await r.recorder.committed();
    expect(r.reader.prepare('SELECT msg FROM logs ORDER BY id').all()).toEqual([{ msg: '信息' }, { msg: '错误' }]);
  });

  it('a state reader that throws loses its own key only, and is reported', async () => {
    const r = rig();
    r.recorder.stage('SIM', 'broken', () => {
      throw new Error('boom');
    });
    r.recorder.stage('SIM', 'fine', () => '{"n":1}');
    // the same key of another gateway is a key of its own
    r.recorder.stage('CTP', 'fine', () => '{"n":2}');
    await r.recorder.committed();
    expect(r.reader.prepare('SELECT gateway_name, key, value FROM gateway_state ORDER BY gateway_name').all()).toEqual([
      { gateway_name: 'CTP', key: 'fine', value: '{"n":2}' },
      { gateway_name: 'SIM', key: 'fine', value: '{"n":1}' },
    ]);
    expect(r.errors).toEqual(['读取接口 SIM 的状态“broken”失败，本次未保存']);
  });

  it('stop() commits what is pending at once, then records and stages nothing more', async () => {
    const r = rig();
    r.bus.emit('order', order('1-1'));
    r.recorder.stop();
    expect(rowsIn(r, 'orders')).toEqual(['SIM.1-1']); // without waiting for the burst
    r.recorder.stage('SIM', 'late', () => '{}');
    r.bus.emit('order', order('1-2'));
    expect(r.recorder.pending).toBe(false);
    // one turn of the event loop, where a burst scheduled by mistake would commit
    await new Promise((resolve) => setImmediate(resolve));
    expect(rowsIn(r, 'orders')).toEqual(['SIM.1-1']);
    expect(r.reader.prepare('SELECT key FROM gateway_state').all()).toEqual([]);
  });

  it('does not overwrite another trading day’s order row that has the same id, and says so', async () => {
    const r = rig();
    r.bus.emit('order', order('1-1'));
    await r.recorder.committed();
    r.bus.emit('order', order('1-1', { datetime: T0 + 86_400_000, volume: 300 }));
    await r.recorder.committed();
    const row = r.reader.prepare("SELECT data FROM orders WHERE vt_orderid = 'SIM.1-1'").get() as { data: string };
    expect((JSON.parse(row.data) as OrderData).volume).toBe(100);
    expect(r.errors).toEqual(['委托编号 SIM.1-1 与数据库中另一交易日的委托相同，未覆盖原记录']);
  });
});
