/**
 * The crash test: the headless host as a real process on one data folder, SIM connected,
 * orders streamed from a WebSocket client, killed with SIGKILL — at a random moment, or the
 * instant the client has received its K-th fill of the round — and started again on the
 * same folder, over and over. After every kill:
 *
 * - every order and fill any client received is in the restored state, exactly once (the
 *   journal on disk, and app/snapshot after the restart), with the content the client saw;
 * - no fill is doubled: each order's fills add up to its traded volume, never beyond;
 * - the SIM's cash and positions on disk equal what the journal's fills imply, to the cent;
 * - working orders restored from the journal are live at the counter (a cancel of them is
 *   accepted) or closed with a stated reason;
 * - new orders are accepted.
 *
 * It prints one JSON line of figures (kills, events received, lost, doubled).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ACTIVE_STATUSES, Direction, Status } from '../../common/constants';
import type { OrderData, TickData, TradeData } from '../../common/objects';
import { tradingDayOf } from '../../common/time';
import { tempVntraderDir } from './harness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** At least 20 in CI; CRASH_KILLS may lower it while debugging (and CRASH_SEED repeat a run). */
const KILLS = Number(process.env.CRASH_KILLS ?? 22);
const INITIAL_CASH = 100_000_000;
const CODES = ['601398.SSE', '600000.SSE', '000001.SZSE', '601988.SSE'];

/** A deterministic PRNG, so a failing run can be repeated with the seed it prints. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** CNY → integer cents, by hand (half away from zero). */
const cents = (yuan: number): number => Math.round(yuan * 100 + (yuan >= 0 ? 1e-7 : -1e-7));

interface Host {
  child: ChildProcess;
  port: number;
  token: string;
  exited: Promise<void>;
}

let live: Host | undefined;
afterAll(async () => {
  if (live && live.child.exitCode === null) {
    live.child.kill('SIGKILL');
    await live.exited;
  }
});

async function startHost(dir: string): Promise<Host> {
  // One process (no tsx CLI wrapper in between), so SIGKILL reaches the engine itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/host.ts', '--port', '0'], {
    cwd: root,
    env: { ...process.env, VNTRADER_DIR: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start: ${out}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('TSTRADER_URL='));
      if (line) {
        clearTimeout(timer);
        resolve(new URL(line.slice('TSTRADER_URL='.length)));
      }
    });
    child.once('exit', (code) => reject(new Error(`host exited ${code}: ${out}`)));
  });
  live = { child, port: Number(url.port), token: url.searchParams.get('token')!, exited };
  return live;
}

/** Everything a client ever received, over every round. */
class Ledger {
  readonly orders = new Map<string, OrderData>();
  readonly trades = new Map<string, TradeData>();
  /** vt_orderids handed back by order/send */
  readonly accepted = new Set<string>();
  events = 0;

  order(o: OrderData): void {
    const had = this.orders.get(o.vt_orderid);
    // Keep the most advanced state seen (events of one order arrive in order anyway).
    if (!had || o.traded >= had.traded) this.orders.set(o.vt_orderid, o);
  }
}

interface Client {
  ws: WebSocket;
  /** app/snapshot, with what the client had received when the answer arrived */
  snapshot(): Promise<{ orders: OrderData[]; trades: TradeData[]; seenOrders: OrderData[]; seenTrades: TradeData[] }>;
  call(method: string, params?: unknown): Promise<{ result?: unknown; error?: { code: string; message: string } }>;
  /** fire and forget; the answer, if any, still lands in the ledger */
  send(method: string, params?: unknown): void;
  ticks: Map<string, TickData>;
  positions: Map<string, { yd: number; frozen: number }>;
  closed: Promise<void>;
}

function connect(host: Host, ledger: Ledger, onTrade: () => void): Promise<Client> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ws?token=${host.token}`);
  let next = 1;
  const pending = new Map<number, (f: { result?: unknown; error?: { code: string; message: string } }) => void>();
  const ticks = new Map<string, TickData>();
  const positions = new Map<string, { yd: number; frozen: number }>();
  const closed = new Promise<void>((resolve) =>
    ws.once('close', () => {
      // A request the dead host never answered gets an answer all the same.
      for (const answer of pending.values()) answer({ error: { code: 'CLOSED', message: 'connection closed' } });
      pending.clear();
      resolve();
    }),
  );
  ws.on('message', (raw) => {
    const frame = JSON.parse(raw.toString()) as { id?: number; event?: string; data?: unknown; result?: unknown; error?: { code: string; message: string } };
    if (frame.event) {
      ledger.events++;
      if (frame.event === 'order') ledger.order(frame.data as OrderData);
      else if (frame.event === 'trade') {
        const t = frame.data as TradeData;
        ledger.trades.set(t.vt_tradeid, t);
        onTrade();
      } else if (frame.event === 'tick') ticks.set((frame.data as TickData).vt_symbol, frame.data as TickData);
      else if (frame.event === 'position') {
        const p = frame.data as { vt_symbol: string; yd_volume: number; frozen: number; direction: string };
        if (p.direction === Direction.LONG) positions.set(p.vt_symbol, { yd: p.yd_volume, frozen: p.frozen });
      }
      return;
    }
    const result = frame.result as { vt_orderid?: string; orders?: unknown } | undefined;
    if (result?.vt_orderid) ledger.accepted.add(result.vt_orderid);
    // Messages in one socket read are handled before the caller resumes: note now what came before.
    if (result?.orders) snapshotSeen = { orders: [...ledger.orders.values()], trades: [...ledger.trades.values()] };
    if (typeof frame.id === 'number') pending.get(frame.id)?.(frame);
    if (typeof frame.id === 'number') pending.delete(frame.id);
  });
  let snapshotSeen: { orders: OrderData[]; trades: TradeData[] } | undefined;
  const request = (method: string, params: unknown = {}) => {
    const id = next++;
    return new Promise<{ result?: unknown; error?: { code: string; message: string } }>((resolve) => {
      pending.set(id, resolve);
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id, method, params }));
    });
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () =>
      resolve({
        ws, ticks, positions, closed,
        async snapshot() {
          const r = await request('app/snapshot');
          const snap = r.result as { orders: OrderData[]; trades: TradeData[] };
          return { ...snap, seenOrders: snapshotSeen!.orders, seenTrades: snapshotSeen!.trades };
        },
        call: request,
        send: (method, params = {}) => void request(method, params),
      }),
    );
    ws.once('error', reject);
  });
}

/** What is on disk after a kill: the journal (every day) and the SIM's own state. */
function readDisk(dir: string): { orders: Map<string, OrderData>; trades: TradeData[]; sim: { cash_cents: number; positions: { symbol: string; exchange: string; volume: number }[]; working?: { orderid: string }[] } } {
  // Opened read-write: SQLite recovers the committed transactions from the WAL, as the next host will.
  const db = new Database(path.join(dir, 'database.db'));
  try {
    const orders = new Map((db.prepare('SELECT data FROM orders').all() as { data: string }[]).map((r) => {
      const o = JSON.parse(r.data) as OrderData;
      return [o.vt_orderid, o] as const;
    }));
    const trades = (db.prepare('SELECT data FROM trades ORDER BY rowid').all() as { data: string }[]).map((r) => JSON.parse(r.data) as TradeData);
    const row = db.prepare("SELECT value FROM gateway_state WHERE gateway_name = 'SIM' AND key = 'account.sim001'").get() as { value: string } | undefined;
    if (!row) throw new Error('no SIM state on disk');
    // One key per working order.
    const working = (db.prepare("SELECT value FROM gateway_state WHERE gateway_name = 'SIM' AND key LIKE 'working.sim001.%'").all() as { value: string }[]).map((r) => JSON.parse(r.value) as { orderid: string });
    return { orders, trades, sim: { ...JSON.parse(row.value), working } };
  } finally {
    db.close();
  }
}

describe('crash recovery', () => {
  it(`survives ${KILLS} SIGKILLs while orders stream: nothing a client saw is lost or doubled`, async () => {
    const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
    const random = prng(seed);
    const dir = tempVntraderDir();
    fs.writeFileSync(path.join(dir, 'connect_sim.json'), JSON.stringify({ 资金账号: 'sim001', 初始资金: INITIAL_CASH, '行情间隔(ms)': 50, 随机种子: seed % 1000 }));
    fs.writeFileSync(path.join(dir, 'vt_setting.json'), JSON.stringify({ 'risk.active': false }));
    const ledger = new Ledger();
    const stats = { kills: 0, killedOnTrade: 0, restoredWorking: 0, restoredLive: 0, closedWithReason: 0, checkedCancels: 0, lost: 0, doubled: 0 };
    const context = (round: number) => `seed ${seed}, round ${round}`;

    for (let round = 0; round <= KILLS; round++) {
      // ---- what the last kill left on disk -------------------------------------------
      let workingBefore = new Set<string>();
      if (round > 0) {
        const disk = readDisk(dir);
        const lost = [...ledger.orders.keys(), ...ledger.accepted].filter((id) => !disk.orders.has(id));
        const tradeIds = new Set(disk.trades.map((t) => t.vt_tradeid));
        const lostTrades = [...ledger.trades.keys()].filter((id) => !tradeIds.has(id));
        stats.lost += lost.length + lostTrades.length;
        expect(lost, `orders a client saw, missing on disk (${context(round)})`).toEqual([]);
        expect(lostTrades, `fills a client saw, missing on disk (${context(round)})`).toEqual([]);
        for (const t of ledger.trades.values()) {
          expect(disk.trades.find((d) => d.vt_tradeid === t.vt_tradeid), context(round)).toMatchObject({ vt_orderid: t.vt_orderid, price: t.price, volume: t.volume, direction: t.direction });
        }
        for (const o of ledger.orders.values()) expect(disk.orders.get(o.vt_orderid)!.traded, context(round)).toBeGreaterThanOrEqual(o.traded);
        // Doubled: an order's fills add up to exactly its traded volume.
        const filled = new Map<string, number>();
        for (const t of disk.trades) filled.set(t.vt_orderid, (filled.get(t.vt_orderid) ?? 0) + t.volume);
        for (const [id, volume] of filled) {
          const o = disk.orders.get(id);
          if (!o || volume !== o.traded || volume > o.volume) stats.doubled++;
          expect({ id, volume }, context(round)).toEqual({ id, volume: o?.traded });
        }
        // The SIM's cash and holdings are what the journal's fills imply, to the cent.
        let cash = cents(INITIAL_CASH);
        const held = new Map<string, number>();
        for (const t of disk.trades) {
          const amount = cents(t.price * t.volume);
          const buy = t.direction === Direction.LONG;
          cash += buy ? -(amount + cents(t.fee)) : amount - cents(t.fee);
          held.set(t.vt_symbol, (held.get(t.vt_symbol) ?? 0) + (buy ? t.volume : -t.volume));
        }
        expect(disk.sim.cash_cents, `SIM cash vs journal (${context(round)})`).toBe(cash);
        const simHeld = new Map(disk.sim.positions.filter((p) => p.volume > 0).map((p) => [`${p.symbol}.${p.exchange}`, p.volume]));
        expect(simHeld, `SIM positions vs journal (${context(round)})`).toEqual(new Map([...held].filter(([, v]) => v !== 0)));
        // Working orders at the counter are exactly those working in the journal.
        workingBefore = new Set([...disk.orders.values()].filter((o) => ACTIVE_STATUSES.has(o.status)).map((o) => o.vt_orderid));
        expect(new Set((disk.sim.working ?? []).map((w) => `SIM.${w.orderid}`)), context(round)).toEqual(workingBefore);
      }

      if (process.env.CRASH_DEBUG) console.error(`round ${round}`, JSON.stringify(stats));
      // ---- restart on the same folder --------------------------------------------------
      const dayAtStart = tradingDayOf(Date.now());
      const host = await startHost(dir);
      let roundTrades = 0;
      const killOnTrade = round % 2 === 1 ? 1 + Math.floor(random() * 25) : 0;
      // Armed once the checks are done and the orders start to flow.
      let armed = false;
      let killed = false;
      const kill = () => {
        if (killed) return;
        killed = true;
        host.child.kill('SIGKILL');
      };
      const client = await connect(host, ledger, () => {
        if (!armed) return;
        roundTrades++;
        if (killOnTrade && roundTrades === killOnTrade && round < KILLS) {
          kill();
          stats.killedOnTrade++;
        }
      });
      const connected = await client.call('gateway/connect', { gateway: 'SIM', settings: {} });
      expect(connected.error, context(round)).toBeUndefined();

      // ---- the restored state as a client sees it --------------------------------------
      const snap = await client.snapshot();
      // The host restores the trading day it started in; across midnight (UTC+8) nothing is "today" twice.
      const today = tradingDayOf(Date.now()) === dayAtStart ? dayAtStart : 'none';
      const snapOrders = new Map(snap.orders.map((o) => [o.vt_orderid, o]));
      const snapTrades = new Map(snap.trades.map((t) => [t.vt_tradeid, t]));
      // Everything received before the snapshot answer is in it; what follows is newer.
      for (const t of snap.seenTrades) if (tradingDayOf(t.datetime) === today) expect(snapTrades.get(t.vt_tradeid), context(round)).toMatchObject({ price: t.price, volume: t.volume });
      for (const o of snap.seenOrders) if (tradingDayOf(o.datetime) === today) expect(snapOrders.get(o.vt_orderid)?.traded, context(round)).toBeGreaterThanOrEqual(o.traded);
      for (const id of workingBefore) {
        const o = snapOrders.get(id);
        if (!o || tradingDayOf(o.datetime) !== today) continue;
        stats.restoredWorking++;
        if (ACTIVE_STATUSES.has(o.status) || o.status === Status.ALLTRADED) stats.restoredLive++;
        else if (o.status_msg) stats.closedWithReason++;
        else throw new Error(`restored order ${id} ended ${o.status} without a reason (${context(round)})`);
      }
      // Live means live: the counter accepts a cancel of a restored working order.
      const stillWorking = [...workingBefore].filter((id) => ACTIVE_STATUSES.has(snapOrders.get(id)?.status ?? Status.CANCELLED)).slice(0, 2);
      for (const id of stillWorking) {
        const r = await client.call('order/cancel', { vt_orderid: id });
        // It may have filled in the meantime: then the refusal must say so.
        if (r.error) expect(r.error.code, context(round)).toBe('ORDER_NOT_ACTIVE');
        else stats.checkedCancels++;
      }
      if (round === KILLS) {
        // The last restart: a new order is accepted, then a clean stop.
        const { limit_down } = (await client.call('contract/lookup', { code: CODES[0] })).result as { limit_down: number };
        const sent = await client.call('order/send', { code: CODES[0], direction: '多', type: '限价', volume: 100, price: limit_down });
        expect(sent.result, context(round)).toMatchObject({ vt_orderid: expect.stringMatching(/^SIM\./) });
        host.child.kill('SIGTERM');
        await host.exited;
        break;
      }

      // ---- stream orders until the kill --------------------------------------------------
      if (round % 4 === 1) await client.call('gateway/action', { gateway: 'SIM', action: 'settle-day' }); // yesterday's buys become sellable
      for (const code of CODES) await client.call('market/subscribe', { code });
      const killAfter = killOnTrade ? 8_000 : 150 + random() * 1200;
      const deadline = Date.now() + killAfter;
      armed = true;
      let sent = 0;
      while (!killed && Date.now() < deadline) {
        const code = CODES[Math.floor(random() * CODES.length)]!;
        const tick = client.ticks.get(code);
        if (!tick) {
          await new Promise((r) => setTimeout(r, 5));
          continue;
        }
        const dice = random();
        const pos = client.positions.get(code);
        if (dice < 0.5) client.send('order/send', { code, direction: '多', type: '限价', volume: 100, price: tick.ask_price_1 });
        else if (dice < 0.75) client.send('order/send', { code, direction: '多', type: '限价', volume: 100, price: tick.bid_price_2 || tick.bid_price_1 });
        else if (dice < 0.9 && pos && pos.yd - pos.frozen >= 100) client.send('order/send', { code, direction: '空', type: '限价', volume: 100, price: tick.bid_price_1 });
        else {
          const working = [...ledger.orders.values()].filter((o) => ACTIVE_STATUSES.has(o.status));
          const victim = working[Math.floor(random() * working.length)];
          if (victim) client.send('order/cancel', { vt_orderid: victim.vt_orderid });
        }
        sent++;
        // Pipelined, a few ms apart: the host always has a burst in flight.
        if (sent % 4 === 0) await new Promise((r) => setTimeout(r, 2));
      }
      kill();
      stats.kills++;
      await host.exited;
      await client.closed;
      expect(sent, `orders streamed (${context(round)})`).toBeGreaterThan(0);
    }

    const figures = {
      ...stats,
      seed,
      orders_received: ledger.orders.size,
      trades_received: ledger.trades.size,
      events_received: ledger.events,
    };
    console.log(`CRASH-TEST ${JSON.stringify(figures)}`);
    expect(stats.kills).toBe(KILLS);
    expect(stats.killedOnTrade).toBeGreaterThanOrEqual(Math.floor(KILLS / 4));
    expect(ledger.trades.size).toBeGreaterThan(KILLS * 5);
    expect(stats.lost).toBe(0);
    expect(stats.doubled).toBe(0);
    expect(stats.closedWithReason).toBe(0);
  }, 600_000);
});
