/**
 * The bridge server's own guards (electron/engine/bridge/ws-server.ts), with a stub dispatcher
 * behind it and real HTTP and WebSocket clients in front: static files never leave the root in
 * any encoding, pages need the token, only /ws upgrades, a browser's Origin must be this
 * server's own, other methods get 405 with Allow, frames are size-limited and well-formed,
 * and a client that stops reading is closed and then cut.
 */
import fs from 'node:fs';
import type http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BRIDGE_CONTRACT } from '../../../../apps/registry';
import type { EventName } from '../../../../common/bridge-contract';
import { rowEvent, type CombinedContract } from '../../../../common/contract/contract-map';
import { TraderError } from '../../../../common/errors';
import type { Dispatcher, EventListener, Outcome } from '../../../../electron/engine/bridge/dispatcher';
import { parseBatchMs, startBridgeServer, type BridgeServer, type BridgeServerOptions } from '../../../../electron/engine/bridge/ws-server';
import { waitFor } from '../../../fixtures/poll';

const TOKEN = 'test-token-0123456789';

/** Answers `echo` with its params, anything else as unknown; pushes events on demand. */
class StubDispatcher implements Dispatcher {
  constructor(readonly contract: CombinedContract = BRIDGE_CONTRACT) {}
  readonly listeners = new Set<EventListener>();
  readonly calls: { name: unknown; args: unknown }[] = [];
  serve(name: unknown, args: unknown, reply: (outcome: Outcome) => void): void {
    this.calls.push({ name, args });
    reply(name === 'echo' ? { result: args } : { error: new TraderError('UNKNOWN_METHOD', '未知的请求') });
  }
  dispatch(name: unknown, args: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => this.serve(name, args, (o) => ('error' in o ? reject(o.error) : resolve(o.result))));
  }
  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: string, payload: unknown): void {
    for (const l of this.listeners) l(event as EventName, payload as never);
  }
}

/** root/ holds the renderer's files; secret.txt sits beside it, outside the root. */
let tmp: string;
let root: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tstrader-ws-server-'));
  root = path.join(tmp, 'root');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>page</title>');
  fs.writeFileSync(path.join(root, 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'a.css'), 'body{}');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'SECRET');
  fs.writeFileSync(path.join(tmp, 'secret.html'), 'SECRET PAGE');
  fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(root, 'link.txt'));
  fs.symlinkSync(tmp, path.join(root, 'up'));
  fs.writeFileSync(path.join(root, 'data.bin'), 'BIN');
  // outside the root, but pointing back into it: still refused, the path itself left the root
  fs.symlinkSync(path.join(root, 'app.js'), path.join(tmp, 'back.js'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let server: BridgeServer | undefined;
let stub: StubDispatcher;
const sockets: WebSocket[] = [];
afterEach(async () => {
  for (const ws of sockets.splice(0)) ws.terminate();
  await server?.close();
  server = undefined;
});

async function start(opts: Partial<BridgeServerOptions> = {}, contract?: CombinedContract): Promise<BridgeServer> {
  stub = new StubDispatcher(contract);
  server = await startBridgeServer({ dispatcher: stub, staticDir: root, token: TOKEN, ...opts });
  return server;
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One raw HTTP request: the path goes on the wire exactly as written (no client-side
 * normalisation of `..`, `%2e` or backslashes, which fetch() would apply).
 */
function raw(port: number, requestPath: string, method = 'GET', headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => {
      const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
      // HTTP/1.0: the body comes whole, not chunked
      socket.write(`${method} ${requestPath} HTTP/1.0\r\nHost: 127.0.0.1:${port}\r\n${extra}\r\n`);
    });
    const chunks: Buffer[] = [];
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.on('end', () => {
      const data = Buffer.concat(chunks).toString('utf8');
      const [head, ...rest] = data.split('\r\n\r\n');
      const [statusLine, ...lines] = head!.split('\r\n');
      const parsed: http.IncomingHttpHeaders = {};
      for (const line of lines) {
        const i = line.indexOf(':');
        parsed[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
      }
      resolve({ status: Number(statusLine!.split(' ')[1]), headers: parsed, body: rest.join('\r\n\r\n') });
    });
  });
}

/** A WebSocket attempt: the open socket, or the HTTP refusal with its JSON body. */
function connect(s: BridgeServer, pathAndQuery = `/ws?token=${TOKEN}`, options: WebSocket.ClientOptions = {}): Promise<WebSocket | { status: number; body: { error?: { code: string; message: string } } }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${s.port}${pathAndQuery}`, options);
    ws.once('open', () => {
      sockets.push(ws);
      resolve(ws);
    });
    ws.once('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(body) as { error?: { code: string; message: string } } }));
    });
    ws.once('error', reject);
  });
}

/** An admitted client; `query` is added to the token (e.g. `&batch=20`). */
async function client(s: BridgeServer, options: WebSocket.ClientOptions = {}, query = ''): Promise<WebSocket> {
  const ws = await connect(s, `/ws?token=${TOKEN}${query}`, options);
  if (!(ws instanceof WebSocket)) throw new Error(`refused: ${ws.status} ${JSON.stringify(ws.body)}`);
  return ws;
}

/** The next frame a socket receives, parsed. */
function nextFrame(ws: WebSocket): Promise<Record<string, unknown>> {
  return new Promise((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()) as Record<string, unknown>)));
}

describe('static files stay under the root', () => {
  it('serves a file under the root, with the CSP and nosniff', async () => {
    const s = await start();
    const r = await raw(s.port, '/app.js');
    expect(r.status).toBe(200);
    expect(r.body).toBe('console.log(1)');
    expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cache-control']).toBe('no-store');
    expect((await raw(s.port, '/assets/a.css')).body).toBe('body{}');
  });

  it('serves a file of an unknown kind as application/octet-stream', async () => {
    const s = await start();
    const r = await raw(s.port, '/data.bin');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/octet-stream');
    expect(r.body).toBe('BIN');
  });

  it('refuses a path that leaves the root even when it resolves back inside (a symlink outside pointing in)', async () => {
    const s = await start();
    const r = await raw(s.port, '/..%2fback.js');
    expect(r.status).toBe(404);
    expect(r.body).toBe('未找到');
  });

  it.each(['/%zz', '/%00secret.txt', '/app.js%00'])('answers 400 in Chinese for a malformed escape or a NUL byte: %s', async (p) => {
    const s = await start();
    const r = await raw(s.port, p);
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.headers['content-security-policy']).toContain("default-src 'none'");
    expect(r.body).toBe('路径格式错误');
  });

  it.each([
    ['/../secret.txt', 'plain ..'],
    ['/..%2fsecret.txt', 'an encoded slash'],
    ['/..%2Fsecret.txt', 'an encoded slash, upper case'],
    ['/%2e%2e/secret.txt', 'encoded dots'],
    ['/%2e%2e%2fsecret.txt', 'encoded dots and slash'],
    ['/%252e%252e%252fsecret.txt', 'double encoding'],
    ['/assets/..%2f..%2fsecret.txt', 'two levels from a subfolder'],
    ['/..%5csecret.txt', 'an encoded backslash'],
    ['/..\\secret.txt', 'a backslash'],
    ['/assets/%2e%2e%5c%2e%2e%5csecret.txt', 'encoded dots and backslashes'],
    ['/link.txt', 'a symlink to a file outside'],
    ['/up/secret.txt', 'a symlinked folder outside'],
    ['/%00secret.txt', 'a NUL byte'],
    ['/%zz', 'a malformed escape'],
  ])('never serves the file outside the root: %s (%s)', async (p) => {
    const s = await start();
    const r = await raw(s.port, p);
    expect(r.body).not.toContain('SECRET');
    expect([400, 404]).toContain(r.status);
  });

  it('answers 404 in Chinese for a missing file', async () => {
    const s = await start();
    const r = await raw(s.port, '/nope.js');
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.body).toBe('未找到');
  });

  it('without a built renderer, serves a status page at / (with the token) and nothing else', async () => {
    const s = await start({ staticDir: undefined });
    const page = await raw(s.port, `/?token=${TOKEN}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('TS Trader 主机正在运行');
    expect((await raw(s.port, '/')).status).toBe(401);
    expect((await raw(s.port, '/app.js')).status).toBe(404);
    expect((await raw(s.port, `/index.html?token=${TOKEN}`)).status).toBe(404);
  });
});

describe('pages need the token', () => {
  // .htm and upper-case names are pages too (INDEX.HTML does not exist: 401, not 404, shows it was taken for one)
  it.each(['/', '/index.html', '/index%2ehtml', '/index%2Ehtml', '/%69ndex.html', '/assets/../index.html', '/other.htm', '/INDEX.HTML', '/x.HtM'])('%s without the token: 401', async (p) => {
    const s = await start();
    const r = await raw(s.port, p);
    expect(r.status).toBe(401);
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.body).toBe('令牌无效：请使用主机启动时打印的完整地址');
  });

  it('a page outside the root is not served even with the token', async () => {
    const s = await start();
    const r = await raw(s.port, `/..%2fsecret.html?token=${TOKEN}`);
    expect(r.body).not.toContain('SECRET');
    expect(r.status).toBe(404);
  });

  it('serves the page with the token, and refuses a wrong one of the same length', async () => {
    const s = await start();
    expect((await raw(s.port, `/?token=${TOKEN}`)).body).toContain('<title>page</title>');
    expect((await raw(s.port, `/index%2ehtml?token=${TOKEN}`)).status).toBe(200);
    expect((await raw(s.port, `/?token=${TOKEN.replace(/.$/, 'X')}`)).status).toBe(401);
  });
});

describe('methods', () => {
  it.each(['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'])('%s: 405 with Allow: GET, HEAD', async (method) => {
    const s = await start();
    const r = await raw(s.port, `/?token=${TOKEN}`, method, { 'Content-Length': '0' });
    expect(r.status).toBe(405);
    expect(r.headers['allow']).toBe('GET, HEAD');
  });

  it('HEAD is allowed', async () => {
    const s = await start();
    expect((await raw(s.port, '/app.js', 'HEAD')).status).toBe(200);
  });
});

describe('WebSocket upgrade', () => {
  it('answers a wrong path with its own code, before looking at the token', async () => {
    const s = await start();
    for (const p of ['/', '/wss', '/ws/', `/other?token=${TOKEN}`, `/WS?token=${TOKEN}`]) {
      const r = await connect(s, p);
      expect(r, p).toMatchObject({ status: 404, body: { error: { code: 'BAD_PATH', message: '未知路径：WebSocket 只在 /ws' } } });
    }
  });

  it('refuses a missing or wrong token with BAD_TOKEN', async () => {
    const s = await start();
    const refused = { status: 401, body: { error: { code: 'BAD_TOKEN', message: '令牌无效' } } };
    expect(await connect(s, '/ws')).toEqual(refused);
    expect(await connect(s, `/ws?token=${TOKEN}x`)).toEqual(refused);
  });

  it('admits maxClients at once, refuses one more with 503, and admits again once one has left', async () => {
    const s = await start({ maxClients: 2 });
    const first = await client(s);
    await client(s);
    expect(await connect(s)).toEqual({ status: 503, body: { error: { code: 'TOO_MANY_CLIENTS', message: '连接数已达上限 2' } } });
    expect(s.clientCount()).toBe(2);
    first.close();
    await waitFor(() => s.clientCount() === 1, 5000, 'the first client gone');
    expect(await client(s)).toBeInstanceOf(WebSocket);
  });

  it('lets a client without Origin in (scripts), and a browser from this server on 127.0.0.1 or localhost', async () => {
    const s = await start();
    expect(await client(s)).toBeInstanceOf(WebSocket);
    expect(await client(s, { origin: `http://127.0.0.1:${s.port}` })).toBeInstanceOf(WebSocket);
    expect(await client(s, { origin: `http://localhost:${s.port}` })).toBeInstanceOf(WebSocket);
    expect(await client(s, { origin: `http://LOCALHOST:${s.port}` })).toBeInstanceOf(WebSocket);
  });

  it('refuses any other Origin: scheme, host or port', async () => {
    const s = await start();
    const other = s.port === 65535 ? s.port - 1 : s.port + 1;
    for (const origin of [
      `https://127.0.0.1:${s.port}`,
      `ws://127.0.0.1:${s.port}`,
      `file://127.0.0.1:${s.port}`,
      `http://127.0.0.1:${other}`,
      'http://127.0.0.1',
      `http://127.0.0.2:${s.port}`,
      `http://evil.example:${s.port}`,
      `http://127.0.0.1.evil.example:${s.port}`,
      `http://localhost.evil.example:${s.port}`,
      `http://[::1]:${s.port}`,
      'null',
      'not a url',
    ]) {
      const r = await connect(s, `/ws?token=${TOKEN}`, { origin });
      expect(r, origin).toMatchObject({ status: 403, body: { error: { code: 'BAD_ORIGIN', message: `不允许的来源：${origin}` } } });
    }
    expect(stub.listeners.size).toBe(0);
  });
});

describe('the server', () => {
  it('listens on the port it is given and prints its URL with the token', async () => {
    const free = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const s = await start({ port: free });
    expect(s.port).toBe(free);
    expect(s.url).toBe(`http://127.0.0.1:${free}/?token=${TOKEN}`);
    expect(s.token).toBe(TOKEN);
  });

  it('picks a free port when given none, and a random 48-digit hex token when given none', async () => {
    stub = new StubDispatcher();
    server = await startBridgeServer({ dispatcher: stub });
    expect(server.port).toBeGreaterThan(0);
    expect(server.token).toMatch(/^[0-9a-f]{48}$/);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
  });

  it('fails to start, with the error, on a port already taken', async () => {
    const taken = await start();
    await expect(startBridgeServer({ dispatcher: new StubDispatcher(), port: taken.port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});

describe('batched events (?batch=N)', () => {
  it('reads N as milliseconds, held to 20–1000; no N or not an integer is unbatched (0)', () => {
    expect(parseBatchMs(null)).toBe(0);
    expect(parseBatchMs('50')).toBe(50);
    expect(parseBatchMs('5')).toBe(20);
    expect(parseBatchMs('20')).toBe(20);
    expect(parseBatchMs('1000')).toBe(1000);
    expect(parseBatchMs('5000')).toBe(1000);
    expect(parseBatchMs('12.5')).toBe(0);
    expect(parseBatchMs('fast')).toBe(0);
  });

  it('sends each event as its own frame without ?batch', async () => {
    const s = await start();
    const ws = await client(s);
    const frame = nextFrame(ws);
    stub.emit('log', { msg: 'a' });
    expect(await frame).toEqual({ event: 'log', data: { msg: 'a' } });
  });

  it('coalesces rows by the dispatcher contract’s key and sends them as one frame', async () => {
    // A contract of the dispatcher's own: rows of `quote` keyed by k, `note` kept line by line.
    const contract = { ...BRIDGE_CONTRACT, events: { quote: rowEvent((q: { k: string }) => q.k), note: {} } } as unknown as CombinedContract;
    const s = await start({}, contract);
    const ws = await client(s, {}, '&batch=20');
    const frame = nextFrame(ws);
    stub.emit('quote', { k: 'a', v: 1 });
    stub.emit('note', { n: 1 });
    stub.emit('quote', { k: 'b', v: 1 });
    stub.emit('quote', { k: 'a', v: 2 });
    stub.emit('note', { n: 2 });
    expect(await frame).toEqual({
      batch: [
        ['quote', { k: 'b', v: 1 }],
        ['quote', { k: 'a', v: 2 }],
        ['note', { n: 1 }],
        ['note', { n: 2 }],
      ],
    });
    // nothing pending, nothing sent: the next frame carries only what came after
    const next = nextFrame(ws);
    await new Promise((r) => setTimeout(r, 60));
    stub.emit('note', { n: 3 });
    expect(await next).toEqual({ batch: [['note', { n: 3 }]] });
  });
});

describe('frames', () => {
  it('answers a request with its id', async () => {
    const s = await start();
    const ws = await client(s);
    const reply = nextFrame(ws);
    ws.send(JSON.stringify({ id: 7, method: 'echo', params: { a: 1 } }));
    expect(await reply).toEqual({ id: 7, result: { a: 1 } });
  });

  it.each([
    ['not JSON', '{'],
    ['an array', '[1,2]'],
    ['a number', '42'],
    ['null', 'null'],
  ])('refuses %s with BAD_FRAME', async (_what, text) => {
    const s = await start();
    const ws = await client(s);
    const reply = nextFrame(ws);
    ws.send(text);
    expect(await reply).toEqual({ id: null, error: { code: 'BAD_FRAME', message: '帧格式错误：应为 JSON 对象 {"id","method","params"}' } });
    expect(stub.calls).toEqual([]);
  });

  it('keeps a string id, answers an id of any other kind with null, and reports an error reply with its code', async () => {
    const s = await start();
    const ws = await client(s);
    for (const [id, expected] of [['abc', 'abc'], [0, 0], [{ x: 1 }, null], [[1], null], [true, null], [undefined, null]] as const) {
      const reply = nextFrame(ws);
      ws.send(JSON.stringify({ id, method: 'nope', params: {} }));
      expect(await reply, JSON.stringify(id)).toEqual({ id: expected, error: { code: 'UNKNOWN_METHOD', message: '未知的请求' } });
    }
  });

  it('refuses a binary frame with BAD_FRAME', async () => {
    const s = await start();
    const ws = await client(s);
    const reply = nextFrame(ws);
    ws.send(Buffer.from(JSON.stringify({ id: 1, method: 'echo' })), { binary: true });
    expect(await reply).toEqual({ id: null, error: { code: 'BAD_FRAME', message: '帧格式错误：应为 JSON 对象 {"id","method","params"}' } });
    expect(stub.calls).toEqual([]);
  });

  it('refuses a method that is not a string with BAD_FRAME, however deeply nested, keeping the id', async () => {
    const s = await start();
    const ws = await client(s);
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    for (const method of [deep, '{"__proto__":{"x":1}}', '123', 'null']) {
      const reply = nextFrame(ws);
      ws.send(`{"id":3,"method":${method},"params":{}}`);
      expect(await reply).toEqual({ id: 3, error: { code: 'BAD_FRAME', message: '帧格式错误：method 应为字符串' } });
    }
    expect(stub.calls).toEqual([]);
  });

  it('closes a client that sends a frame over the size limit with 1009', async () => {
    const s = await start({ maxPayload: 1024 });
    const ws = await client(s);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(JSON.stringify({ id: 1, method: 'echo', params: { pad: 'x'.repeat(2048) } }));
    expect(await closed).toBe(1009);
    expect(stub.calls).toEqual([]);
    // one just under the limit goes through on a new connection
    const ok = await client(s);
    const reply = nextFrame(ok);
    ok.send(JSON.stringify({ id: 2, method: 'echo', params: { pad: 'x'.repeat(900) } }));
    expect(await reply).toMatchObject({ id: 2 });
  });
});

describe('a client that stops reading', () => {
  it('is closed with 1013 once its queue passes its share, cut after the grace period, and its listener removed', async () => {
    const logs: string[] = [];
    const s = await start({ bufferBudget: 256 * 1024, closeGraceMs: 200, log: (m) => logs.push(m) });
    const slow = await client(s);
    const fast = await client(s);
    const fastFrames: unknown[] = [];
    fast.on('message', (d) => fastFrames.push(JSON.parse(d.toString())));
    (slow as unknown as { _socket: net.Socket })._socket.pause();
    // 128 KB each share; push 64 KB events until the slow client is dropped
    const big = { vt_symbol: 'X', pad: 'y'.repeat(64 * 1024) };
    for (let i = 0; i < 400 && logs.length === 0; i++) {
      stub.emit('log', { ...big, i });
      await new Promise((r) => setImmediate(r));
    }
    expect(logs[0]).toMatch(/^WebSocket 客户端读取过慢（待发送 [\d.]+ MB，超过其份额 0\.1 MB），已断开（1013）$/);
    // dropped once: what comes after is neither sent nor reported again
    for (let i = 0; i < 5; i++) stub.emit('log', { ...big, i });
    expect(logs).toHaveLength(1);
    // it never reads, so the close frame never reaches it: the server cuts the connection
    await waitFor(() => s.clientCount() === 1, 10_000, 'the slow client cut');
    expect(stub.listeners.size).toBe(1);
    // the fast one kept getting everything
    await waitFor(() => fastFrames.length >= 1, 5000, 'the fast client still served');
    const reply = nextFrame(fast);
    fast.send(JSON.stringify({ id: 9, method: 'echo', params: {} }));
    expect(await reply).toMatchObject({ id: 9 });
  });

  /** One `log` event whose frame ({"event":"log","data":…}) is exactly `bytes` long. */
  function eventOfSize(bytes: number): { pad: string } {
    const overhead = Buffer.byteLength(JSON.stringify({ event: 'log', data: { pad: '' } }));
    return { pad: 'x'.repeat(bytes - overhead) };
  }

  // Each on a fresh connection: nothing sent yet, so nothing queued but the frame itself.
  it('sends a frame that fills its share exactly', async () => {
    const logs: string[] = [];
    const s = await start({ bufferBudget: 1048576, log: (m) => logs.push(m) });
    const ws = await client(s);
    const frame = nextFrame(ws);
    stub.emit('log', eventOfSize(1048576));
    expect(await frame).toEqual({ event: 'log', data: eventOfSize(1048576) });
    expect(logs).toEqual([]);
  });

  it('closes a client with 1013 when one frame alone is over its share, and says by how much', async () => {
    const logs: string[] = [];
    const s = await start({ bufferBudget: 1048576, log: (m) => logs.push(m) });
    const ws = await client(s);
    const closed = new Promise<[number, string]>((resolve) => ws.once('close', (code, reason) => resolve([code, reason.toString()])));
    stub.emit('log', eventOfSize(1048576 + 1));
    expect(await closed).toEqual([1013, 'client too slow']);
    expect(logs).toEqual(['WebSocket 客户端读取过慢（待发送 1.0 MB，超过其份额 1.0 MB），已断开（1013）']);
  });

  it('gives each client an equal share of the budget', async () => {
    const logs: string[] = [];
    const s = await start({ bufferBudget: 4 * 1048576, log: (m) => logs.push(m) });
    const ws = await client(s);
    await client(s);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    // 3 MB: inside the whole budget, over a half of it
    stub.emit('log', eventOfSize(3 * 1048576));
    expect(await closed).toBe(1013);
    expect(logs[0]).toBe('WebSocket 客户端读取过慢（待发送 3.0 MB，超过其份额 2.0 MB），已断开（1013）');
  });
});
