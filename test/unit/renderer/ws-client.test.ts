/**
 * The browser-mode bridge client against a real WebSocket server (the `ws` package on
 * 127.0.0.1; its client class stands in for the browser's WebSocket, which Node 20 lacks).
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket as NodeWebSocket, WebSocketServer } from 'ws';
import { WebSocketBridgeClient } from '../../../renderer/src/bridge/ws-client';

/** As a browser's: a failed connection is an event, never a thrown error. */
class BrowserLikeWebSocket extends NodeWebSocket {
  constructor(address: string) {
    super(address);
    this.on('error', () => undefined);
  }
}

let server: WebSocketServer;
let url: string;
const clients: WebSocketBridgeClient[] = [];
const saved = (globalThis as { WebSocket?: unknown }).WebSocket;

function connect(): WebSocketBridgeClient {
  const client = new WebSocketBridgeClient(url);
  clients.push(client);
  return client;
}

beforeEach(async () => {
  (globalThis as { WebSocket?: unknown }).WebSocket = BrowserLikeWebSocket;
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await once(server, 'listening');
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
  // Answers every request with its own method name.
  server.on('connection', (socket) =>
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as { id: number; method: string };
      socket.send(JSON.stringify({ id: frame.id, result: frame.method }));
    }),
  );
});

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const c of server.clients) c.terminate();
  await new Promise((resolve) => server.close(resolve));
  (globalThis as { WebSocket?: unknown }).WebSocket = saved;
});

describe('WebSocketBridgeClient', () => {
  it('tells a connection listener registered after the socket opened that it is open', async () => {
    const client = connect();
    // A round trip proves the socket is open before anyone listens (the app's effect can run after the handshake).
    expect(await client.request('app/info', {} as never)).toBe('app/info');
    const heard: string[] = [];
    client.onConnection((state) => heard.push(state));
    await expect.poll(() => heard).toEqual(['open']);
  });

  it('tells a listener registered before the socket opened exactly once', async () => {
    const client = connect();
    const heard: string[] = [];
    client.onConnection((state) => heard.push(state));
    expect(await client.request('app/info', {} as never)).toBe('app/info');
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard).toEqual(['open']);
  });

  it('says closed when the host goes away, and open again after it reconnects', async () => {
    const client = connect();
    const heard: string[] = [];
    client.onConnection((state) => heard.push(state));
    await expect.poll(() => heard).toEqual(['open']);
    for (const c of server.clients) c.terminate();
    await expect.poll(() => heard, { timeout: 5_000 }).toEqual(['open', 'closed', 'open']);
    expect(await client.request('app/snapshot', {} as never)).toBe('app/snapshot');
  });
});
