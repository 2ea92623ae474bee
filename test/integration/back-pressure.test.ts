/**
 * WebSocket back-pressure with a budget, with real clients over real sockets: the number of
 * clients is capped, and a client that stops reading is closed with 1013 as soon as its
 * queue would pass its share of the byte budget — while the others carry on — and cut a few
 * seconds later if it never reads up to the close frame.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LogLevel } from '../../common/constants';
import type { Engine } from '../../electron/engine/create-engine';
import { startBridgeServer, type BridgeServer, type BridgeServerOptions } from '../../electron/engine/bridge/ws-server';
import { startEngine, tempVntraderDir, waitFor } from './harness';

const MIB = 1024 * 1024;
let engine: Engine | undefined;
let server: BridgeServer | undefined;
const sockets: WebSocket[] = [];

afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await server?.close();
  await engine?.close();
  server = undefined;
  engine = undefined;
});

async function host(opts: Partial<BridgeServerOptions>): Promise<{ server: BridgeServer; engine: Engine; drops: string[] }> {
  engine = await startEngine(tempVntraderDir());
  const drops: string[] = [];
  const e = engine;
  server = await startBridgeServer({ dispatcher: e.dispatcher, log: (msg) => { drops.push(msg); e.main.log(msg, LogLevel.WARNING); }, ...opts });
  // Contracts to ask for: contract/query answers ~40 KB each.
  await e.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 60_000 } });
  return { server, engine: e, drops };
}

function open(s: BridgeServer): Promise<WebSocket | { status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${s.port}/ws?token=${s.token}`);
    ws.once('open', () => {
      sockets.push(ws);
      resolve(ws);
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.once('error', reject);
  });
}

async function client(s: BridgeServer): Promise<WebSocket> {
  const ws = await open(s);
  if (!(ws instanceof WebSocket)) throw new Error(`refused: ${ws.status}`);
  return ws;
}

/** A request/response helper on an open socket. */
function caller(ws: WebSocket) {
  let next = 1;
  const pending = new Map<number, (frame: Record<string, unknown>) => void>();
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Record<string, unknown>;
    if (typeof frame.id === 'number') pending.get(frame.id)?.(frame);
  });
  return (method: string, params: unknown = {}) => {
    const id = next++;
    return new Promise<Record<string, unknown>>((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  };
}

/** Stop reading: the socket's bytes stay in the kernel and then in the server's queue. */
const pause = (ws: WebSocket) => (ws as unknown as { _socket: { pause(): void } })._socket.pause();
const resume = (ws: WebSocket) => (ws as unknown as { _socket: { resume(): void } })._socket.resume();

describe('WebSocket back-pressure', () => {
  it('refuses a client beyond the cap with 503, and takes one again once a place is free', async () => {
    const { server: s } = await host({ maxClients: 2 });
    const a = await client(s);
    await client(s);
    const refused = await open(s);
    expect(refused).toMatchObject({ status: 503 });
    expect(JSON.parse((refused as { body: string }).body)).toEqual({ error: { code: 'TOO_MANY_CLIENTS', message: '连接数已达上限 2' } });
    a.close();
    await waitFor(() => s.clientCount() === 1, 5000, 'a place free');
    expect(await open(s)).toBeInstanceOf(WebSocket);
  });

  it('closes a client that stops reading with 1013 once over its share, while another keeps working', async () => {
    const { server: s, drops } = await host({ bufferBudget: 4 * MIB, closeGraceMs: 30_000 });
    const fast = await client(s);
    const call = caller(fast);
    const slow = await client(s);
    let closed: { code: number; at: number } | undefined;
    slow.on('close', (code) => (closed = { code, at: Date.now() }));
    pause(slow);
    // Ask for much more than its 2 MB share (plus what the kernel buffers hold) without reading.
    for (let i = 0; i < 600 && drops.length === 0; i++) {
      slow.send(JSON.stringify({ id: i, method: 'contract/query', params: {} }));
      if (i % 50 === 49) await new Promise((r) => setTimeout(r, 20));
    }
    await waitFor(() => drops.length > 0, 20_000, 'the slow client dropped');
    const droppedAt = Date.now();
    // The queue never grew past the share by more than one frame.
    const [queued, share] = /待发送 ([\d.]+) MB，超过其份额 ([\d.]+) MB/.exec(drops[0]!)!.slice(1).map(Number) as [number, number];
    expect(share).toBe(2);
    expect(queued - share).toBeLessThan(0.1);
    // The other client is not held up.
    expect((await call('contract/lookup', { code: '600000' })).result).toMatchObject({ vt_symbol: '600000.SSE' });
    // Reading again, the slow client reaches the close frame: 1013, not 1006 after a timeout.
    resume(slow);
    await waitFor(() => closed, 20_000, 'the slow client sees the close');
    expect(closed!.code).toBe(1013);
    expect(closed!.at - droppedAt).toBeLessThan(20_000);
    expect(s.clientCount()).toBe(1);
  }, 60_000);

  it('cuts a client that never reads up to the close frame after the grace period', async () => {
    const { server: s, drops } = await host({ bufferBudget: 2 * MIB, closeGraceMs: 500 });
    await client(s);
    const stuck = await client(s);
    pause(stuck);
    for (let i = 0; i < 600 && drops.length === 0; i++) {
      stuck.send(JSON.stringify({ id: i, method: 'contract/query', params: {} }));
      if (i % 50 === 49) await new Promise((r) => setTimeout(r, 20));
    }
    await waitFor(() => drops.length > 0, 20_000, 'the stuck client dropped');
    await waitFor(() => s.clientCount() === 1, 10_000, 'the stuck client cut');
  }, 60_000);
});
