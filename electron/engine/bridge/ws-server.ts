/**
 * The headless host's transport: HTTP for the renderer's files and a WebSocket at /ws
 * carrying the bridge contract (docs/bridge.md). Binds 127.0.0.1 only; every WebSocket must
 * present the run's random token, and a browser's Origin must be this server's own.
 *
 * Back-pressure with a budget: the bytes queued for all clients together are bounded, each
 * client getting an equal share, and so is the number of clients. A client whose queue would
 * pass its share is sent nothing more and closed with 1013 at once; if it does not read its
 * way to the close frame within a few seconds, its connection is cut.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { toErrorInfo } from '../../../common/errors';
import { EventCoalescer, flattenBatch } from '../../../common/event-coalescer';
import type { CombinedContract } from '../../../common/contract/contract-map';
import type { Dispatcher, EventListener } from './dispatcher';

export interface BridgeServerOptions {
  dispatcher: Dispatcher;
  /** 0 = any free port */
  port?: number;
  /** folder of the built renderer; when absent a short status page is served */
  staticDir?: string;
  /** fixed token for tests; a random one per run otherwise */
  token?: string;
  /** largest frame a client may send, bytes */
  maxPayload?: number;
  /** bytes queued for all clients together; each client's share is this over the client count */
  bufferBudget?: number;
  /** clients at once; one more is refused with HTTP 503 */
  maxClients?: number;
  /** how long a client closed for slowness has to read up to the close frame before it is cut, ms */
  closeGraceMs?: number;
  /** how the server reports a client it drops (Chinese) */
  log?: (msg: string) => void;
}

export interface BridgeServer {
  readonly port: number;
  readonly token: string;
  /** the line-printed URL: http://127.0.0.1:<port>/?token=<token> */
  readonly url: string;
  /** WebSocket clients connected now */
  clientCount(): number;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
/** Bytes queued for all clients together: a client that stops reading cannot grow the host past it. */
export const DEFAULT_BUFFER_BUDGET = 64 * 1024 * 1024;
/** Clients at once (the UI is one; scripts a few more). */
export const DEFAULT_MAX_CLIENTS = 16;
/** How long a client closed for slowness has to read up to the close frame before it is cut. */
const DEFAULT_CLOSE_GRACE_MS = 3000;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

function tokenMatches(expected: string, given: string | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Browsers always send Origin on a WebSocket; other clients may omit it. */
function originAllowed(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && (u.hostname === HOST || u.hostname === 'localhost') && Number(u.port) === port;
  } catch {
    return false;
  }
}

const REFUSALS: Readonly<Record<number, { code: string; text: string }>> = {
  401: { code: 'BAD_TOKEN', text: 'Unauthorized' },
  403: { code: 'BAD_ORIGIN', text: 'Forbidden' },
  404: { code: 'BAD_PATH', text: 'Not Found' },
  503: { code: 'TOO_MANY_CLIENTS', text: 'Service Unavailable' },
};

function reject(socket: Duplex, status: 401 | 403 | 404 | 503, reason: string): void {
  const { code, text } = REFUSALS[status]!;
  const body = JSON.stringify({ error: { code, message: reason } });
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

export async function startBridgeServer(opts: BridgeServerOptions): Promise<BridgeServer> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxPayload ?? 1024 * 1024 });
  const server = http.createServer((req, res) => serveHttp(req, res, opts.staticDir, token));
  let port = 0;
  const maxClients = opts.maxClients ?? DEFAULT_MAX_CLIENTS;
  const budget = opts.bufferBudget ?? DEFAULT_BUFFER_BUDGET;
  const limits: ClientLimits = {
    share: () => budget / Math.max(1, wss.clients.size),
    closeGraceMs: opts.closeGraceMs ?? DEFAULT_CLOSE_GRACE_MS,
    log: opts.log ?? (() => undefined),
  };

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://${HOST}`);
    // A wrong path is a client's mistake, not a foreign origin: say which it is.
    if (url.pathname !== '/ws') return reject(socket, 404, '未知路径：WebSocket 只在 /ws');
    if (!tokenMatches(token, url.searchParams.get('token'))) return reject(socket, 401, '令牌无效');
    if (!originAllowed(req.headers.origin, port)) return reject(socket, 403, `不允许的来源：${req.headers.origin}`);
    if (wss.clients.size >= maxClients) return reject(socket, 503, `连接数已达上限 ${maxClients}`);
    const batchMs = parseBatchMs(url.searchParams.get('batch'));
    wss.handleUpgrade(req, socket, head, (ws) => attachClient(ws, opts.dispatcher, batchMs, limits));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    port,
    token,
    url: `http://${HOST}:${port}/?token=${token}`,
    clientCount: () => wss.clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** `?batch=N`: coalesce events per row for N ms (20–1000) and send them as one frame; 0 = unbatched. */
export function parseBatchMs(value: string | null): number {
  if (value === null) return 0;
  const n = Number(value);
  return Number.isInteger(n) ? Math.min(1000, Math.max(20, n)) : 0;
}

/**
 * Events to one client. Unbatched, each event is its own frame (simplest for other
 * languages). Batched, rows are coalesced by key and flushed every `batchMs` as
 * {"batch": [[event, data], …]}: a UI then parses only the latest state of each row.
 */
function eventSender(send: (msg: unknown) => void, batchMs: number, contract: Pick<CombinedContract, 'events'>): { push: EventListener; stop(): void } {
  if (batchMs === 0) return { push: (event, data) => send({ event, data }), stop: () => undefined };
  const coalescer = new EventCoalescer(contract.events);
  const timer = setInterval(() => {
    if (coalescer.pending) send({ batch: flattenBatch(coalescer.drain()) });
  }, batchMs);
  return { push: (event, data) => coalescer.push(event, data), stop: () => clearInterval(timer) };
}

interface ClientLimits {
  /** bytes one client may have queued now */
  share(): number;
  closeGraceMs: number;
  log(msg: string): void;
}

/** One WebSocket client: requests in, responses and events out. */
function attachClient(ws: WebSocket, dispatcher: Dispatcher, batchMs: number, limits: ClientLimits): void {
  const send = (msg: unknown) => {
    // Closing a client (below, or by its own close frame) leaves OPEN at once, so this also
    // keeps a dropped client from being sent or logged about again.
    if (ws.readyState !== ws.OPEN) return;
    const text = JSON.stringify(msg);
    const queued = ws.bufferedAmount + Buffer.byteLength(text);
    const share = limits.share();
    if (queued > share) {
      // Nothing more for it, and the close frame right behind what it has not read yet.
      limits.log(`WebSocket 客户端读取过慢（待发送 ${(queued / 1048576).toFixed(1)} MB，超过其份额 ${(share / 1048576).toFixed(1)} MB），已断开（1013）`);
      ws.close(1013, 'client too slow');
      const cut = setTimeout(() => ws.terminate(), limits.closeGraceMs);
      cut.unref();
      ws.once('close', () => clearTimeout(cut));
      return;
    }
    ws.send(text);
  };
  const events = eventSender(send, batchMs, dispatcher.contract);
  const unsubscribe = dispatcher.onEvent(events.push);
  const stop = () => {
    unsubscribe();
    events.stop();
  };
  ws.on('close', stop);
  ws.on('error', stop);
  ws.on('message', (raw, isBinary) => {
    const frame = isBinary ? undefined : parseFrame(raw.toString());
    if (frame === undefined) {
      send({ id: null, error: { code: 'BAD_FRAME', message: '帧格式错误：应为 JSON 对象 {"id","method","params"}' } });
      return;
    }
    const id = typeof frame.id === 'number' || typeof frame.id === 'string' ? frame.id : null;
    // Only a string names a request; anything else (a nested array, an object) is refused here,
    // before any code would turn it into text.
    if (typeof frame.method !== 'string') {
      send({ id, error: { code: 'BAD_FRAME', message: '帧格式错误：method 应为字符串' } });
      return;
    }
    // The response leaves before the events its request caused (Dispatcher.serve).
    dispatcher.serve(frame.method, frame.params, (outcome) => send('result' in outcome ? { id, result: outcome.result } : { id, error: toErrorInfo(outcome.error) }));
  });
}

interface Frame {
  id?: unknown;
  method?: unknown;
  params?: unknown;
}

/** A text frame as a JSON object, or undefined when it is not JSON or not an object. */
function parseFrame(text: string): Frame | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Frame) : undefined;
}

function serveHttp(req: http.IncomingMessage, res: http.ServerResponse, staticDir: string | undefined, token: string): void {
  const url = new URL(req.url ?? '/', `http://${HOST}`);
  const headers = { 'Content-Security-Policy': CSP, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer', 'Cache-Control': 'no-store' };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
    return;
  }
  // Decide on the decoded path, the one a file is looked up by: /index%2ehtml is a page too.
  const pathname = decodePath(url.pathname);
  if (pathname === undefined) {
    res.writeHead(400, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('路径格式错误');
    return;
  }
  const isPage = pathname === '/' || pathname.toLowerCase().endsWith('.html') || pathname.toLowerCase().endsWith('.htm');
  // Pages need the token (it is how the page learns it); static assets are public code.
  if (isPage && !tokenMatches(token, url.searchParams.get('token'))) {
    res.writeHead(401, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('令牌无效：请使用主机启动时打印的完整地址');
    return;
  }
  const file = staticDir ? resolveStatic(staticDir, pathname === '/' ? '/index.html' : pathname) : undefined;
  if (file) {
    res.writeHead(200, { ...headers, 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
    return;
  }
  if (url.pathname === '/') {
    res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><meta charset="utf-8"><title>TS Trader</title><p>TS Trader 主机正在运行。界面尚未构建；WebSocket 协议见 docs/bridge.md。</p>');
    return;
  }
  res.writeHead(404, { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }).end('未找到');
}

/** The URL path decoded once; undefined for a malformed escape or a NUL byte. */
function decodePath(pathname: string): string | undefined {
  try {
    const decoded = decodeURIComponent(pathname);
    return decoded.includes('\0') ? undefined : decoded;
  } catch {
    return undefined;
  }
}

/** A decoded path under the static root, or undefined; `..` and symlinks out of the root are refused. */
function resolveStatic(root: string, decoded: string): string | undefined {
  const base = path.resolve(root);
  const file = path.resolve(base, '.' + decoded);
  if (!file.startsWith(base + path.sep)) return undefined;
  try {
    const real = fs.realpathSync(file);
    return real.startsWith(fs.realpathSync(base) + path.sep) && fs.statSync(real).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}
