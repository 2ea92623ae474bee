/**
 * The headless host as a real process (`npm run host`): the URL line, token and Origin
 * checks, framing errors, and a plain WebSocket client trading on SIM end to end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { tempVntraderDir, waitFor } from './harness';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
let host: ChildProcess;
let url: URL;
let stdoutLines: string[] = [];

beforeAll(async () => {
  host = spawn(path.join(root, 'node_modules/.bin/tsx'), ['electron/host.ts', '--port', '0'], {
    cwd: root,
    env: { ...process.env, VNTRADER_DIR: tempVntraderDir() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffer = '';
  url = await new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start: ${buffer}`)), 30_000);
    host.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      stdoutLines = buffer.split('\n').filter(Boolean);
      const line = stdoutLines.find((l) => l.startsWith('TSTRADER_URL='));
      if (line) {
        clearTimeout(timer);
        resolve(new URL(line.slice('TSTRADER_URL='.length)));
      }
    });
    host.on('exit', (code) => reject(new Error(`host exited ${code}: ${buffer}`)));
  });
}, 40_000);

afterAll(async () => {
  host.kill('SIGTERM');
  await new Promise((r) => host.once('exit', r));
});

function wsUrl(token: string | null): string {
  return `ws://127.0.0.1:${url.port}/ws${token === null ? '' : `?token=${token}`}`;
}

/** Open a socket, or resolve with the HTTP status the upgrade was refused with. */
function open(address: string, headers: Record<string, string> = {}): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(address, { headers });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

class Client {
  private next = 1;
  private readonly pending = new Map<number, (frame: { result?: unknown; error?: { code: string; message: string } }) => void>();
  readonly events: { event: string; data: Record<string, unknown> }[] = [];
  readonly raw: Record<string, unknown>[] = [];

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as Record<string, unknown>;
      this.raw.push(frame);
      if ('event' in frame) this.events.push(frame as never);
      else this.pending.get(frame.id as number)?.(frame as never);
    });
  }

  call(method: string, params: unknown = {}) {
    const id = this.next++;
    return new Promise<{ result?: unknown; error?: { code: string; message: string } }>((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(JSON.stringify({ id, method, params }));
    });
  }

  async waitEvent(pred: (e: { event: string; data: Record<string, unknown> }) => boolean, ms = 5000) {
    const end = Date.now() + ms;
    for (;;) {
      const hit = this.events.find(pred);
      if (hit) return hit;
      if (Date.now() > end) throw new Error('event not received');
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

describe('headless host', () => {
  it('prints exactly one TSTRADER_URL line on 127.0.0.1 with a token', () => {
    expect(stdoutLines.filter((l) => l.startsWith('TSTRADER_URL='))).toHaveLength(1);
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('token')).toMatch(/^[0-9a-f]{48}$/);
  });

  it('refuses a wrong or missing token and a foreign Origin', async () => {
    expect(await open(wsUrl('0'.repeat(48)))).toBe(401);
    expect(await open(wsUrl(null))).toBe(401);
    expect(await open(wsUrl(url.searchParams.get('token')), { Origin: 'http://evil.example' })).toBe(403);
    expect(await open(wsUrl(url.searchParams.get('token')), { Origin: `http://127.0.0.1:${Number(url.port) + 1}` })).toBe(403);
    const page = await fetch(`http://127.0.0.1:${url.port}/`);
    expect(page.status).toBe(401);
    const ok = await fetch(url);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toMatch(/^default-src 'none'/);
  });

  it('accepts its own Origin', async () => {
    const ws = await open(wsUrl(url.searchParams.get('token')), { Origin: `http://127.0.0.1:${url.port}` });
    expect(ws).toBeInstanceOf(WebSocket);
    (ws as WebSocket).close();
  });

  it('answers bad frames, unknown methods and bad arguments with typed errors', async () => {
    const client = new Client((await open(wsUrl(url.searchParams.get('token')))) as WebSocket);
    client.ws.send('not json');
    expect((await client.call('nope')).error?.code).toBe('UNKNOWN_METHOD');
    const bad = await client.call('order/send', { code: '600000', direction: '多', type: '限价', volume: 'many', price: 10 });
    expect(bad.error?.code).toBe('BAD_ARGS');
    expect(bad.error?.message).toContain('args.volume');
    expect(client.raw.some((f) => (f.error as { code?: string } | undefined)?.code === 'BAD_FRAME')).toBe(true);
    client.ws.close();
  });

  it('lets a plain WebSocket client connect SIM, buy, and receive order, trade, position and account events', async () => {
    const client = new Client((await open(wsUrl(url.searchParams.get('token')))) as WebSocket);
    const connected = await client.call('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 60000 } });
    expect(connected.result).toMatchObject({ name: 'SIM', status: '已连接' });
    const contract = await client.call('market/subscribe', { code: '600000.SH' });
    expect(contract.result).toMatchObject({ vt_symbol: '600000.SSE', name: '浦发银行' });
    const tick = await client.waitEvent((e) => e.event === 'tick' && e.data.vt_symbol === '600000.SSE');

    const sent = await client.call('order/send', { code: '600000', direction: '多', type: '限价', volume: 100, price: tick.data.ask_price_1 });
    const vtOrderId = (sent.result as { vt_orderid: string }).vt_orderid;
    expect(vtOrderId).toMatch(/^SIM\./);
    await client.waitEvent((e) => e.event === 'order' && e.data.vt_orderid === vtOrderId && e.data.status === '全部成交');
    await client.waitEvent((e) => e.event === 'trade' && e.data.vt_orderid === vtOrderId);
    await client.waitEvent((e) => e.event === 'position' && e.data.vt_symbol === '600000.SSE' && e.data.volume === 100);
    await client.waitEvent((e) => e.event === 'account' && (e.data.balance as number) < 1_000_000);

    // The response came before every event about the order it created (issue #11 item 13).
    const responseAt = client.raw.findIndex((f) => f.id !== undefined && (f.result as { vt_orderid?: string } | undefined)?.vt_orderid === vtOrderId);
    const firstEventAt = client.raw.findIndex((f) => (f.event === 'order' || f.event === 'trade') && (f.data as { vt_orderid?: string }).vt_orderid === vtOrderId);
    expect(responseAt).toBeGreaterThanOrEqual(0);
    expect(firstEventAt).toBeGreaterThan(responseAt);

    const refused = await client.call('order/send', { code: '600000', direction: '多', type: '限价', volume: 150, price: tick.data.ask_price_1 });
    expect(refused.error).toMatchObject({ code: 'LOT_SIZE' });
    client.ws.close();
  });

  it('with ?batch=50 sends events as coalesced batch frames, the latest state of each row once', async () => {
    const ws = (await open(`${wsUrl(url.searchParams.get('token'))}&batch=50`)) as WebSocket;
    const frames: { batch?: [string, Record<string, unknown>][]; event?: string }[] = [];
    ws.on('message', (d) => frames.push(JSON.parse(d.toString())));
    const client = new Client((await open(wsUrl(url.searchParams.get('token')))) as WebSocket);
    // Ten quick orders far below the market: each produces order events within one 50 ms window.
    const tick = (await client.call('market/subscribe', { code: '000001' })).result as { limit_down: number };
    for (let i = 0; i < 10; i++) await client.call('order/send', { code: '000001', direction: '多', type: '限价', volume: 100, price: tick.limit_down });
    await client.call('order/cancel-all', {});
    // until the ten cancellations have arrived (frames come every 50 ms)
    await waitFor(() => {
      const cancelled = new Set(frames.flatMap((f) => f.batch ?? []).filter(([e, o]) => e === 'order' && o.status === '已撤销').map(([, o]) => o.vt_orderid));
      return cancelled.size >= 10;
    }, 10_000, 'ten cancellations');
    expect(frames.every((f) => Array.isArray(f.batch) && f.event === undefined)).toBe(true);
    const orderRows = frames.flatMap((f) => f.batch!).filter(([e]) => e === 'order');
    const perFrameKeys = frames.map((f) => f.batch!.filter(([e]) => e === 'order').map(([, o]) => o.vt_orderid));
    // Within a frame each order appears once, in its latest state.
    for (const keys of perFrameKeys) expect(new Set(keys).size).toBe(keys.length);
    const last = new Map(orderRows.map(([, o]) => [o.vt_orderid as string, o.status as string]));
    expect([...last.values()].filter((s) => s === '已撤销').length).toBeGreaterThanOrEqual(10);
    ws.close();
    client.ws.close();
  });
});
