import { beforeEach, describe, expect, it, vi } from 'vitest';
import { EVENT_CHANNEL, REQUEST_CHANNEL, type BridgeReply } from '../../../electron/shell/ipc-channels';

// The preload runs in a sandboxed renderer; here `electron` is replaced by recorders.
const h = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(),
  onEvent: undefined as undefined | ((event: unknown, ...args: unknown[]) => void),
  channels: [] as string[],
}));

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => h.exposed.set(key, api) },
  ipcRenderer: {
    invoke: h.invoke,
    on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
      h.channels.push(channel);
      h.onEvent = listener;
    },
  },
}));

interface Transport {
  request(name: string, args: unknown): Promise<unknown>;
  subscribe(event: string, cb: (payload: unknown) => void): () => void;
}

let api: Transport;

beforeEach(async () => {
  vi.resetModules();
  h.exposed.clear();
  h.channels.length = 0;
  h.invoke.mockReset();
  await import('../../../electron/preload');
  api = h.exposed.get('tstrader') as Transport;
});

const push = (name: string, payload: unknown) => h.onEvent?.({ sender: 'ipc' }, [[name, payload]]);

describe('preload', () => {
  it('exposes exactly window.tstrader = { request, subscribe }', () => {
    expect([...h.exposed.keys()]).toEqual(['tstrader']);
    expect(Object.keys(api).sort()).toEqual(['request', 'subscribe']);
    expect(h.channels).toEqual([EVENT_CHANNEL]);
  });

  it('sends requests on the request channel and resolves with the result', async () => {
    h.invoke.mockResolvedValue({ ok: true, result: [1, 2] } satisfies BridgeReply);
    await expect(api.request('gateway/list', {})).resolves.toEqual([1, 2]);
    expect(h.invoke).toHaveBeenCalledWith(REQUEST_CHANNEL, 'gateway/list', {});
  });

  it('rejects with the code and message of a failed request', async () => {
    h.invoke.mockResolvedValue({ ok: false, error: { code: 'LOGIN_FAILED', message: '密码错误' } } satisfies BridgeReply);
    await expect(api.request('gateway/connect', {})).rejects.toMatchObject({ code: 'LOGIN_FAILED', message: '密码错误' });
  });

  it('delivers events to subscribers of that event only, until they unsubscribe', () => {
    const ticks: unknown[] = [];
    const orders: unknown[] = [];
    const stop = api.subscribe('tick', (p) => ticks.push(p));
    api.subscribe('order', (p) => orders.push(p));
    push('tick', { last_price: 10 });
    push('order', { vt_orderid: 'x' });
    stop();
    push('tick', { last_price: 11 });
    expect(ticks).toEqual([{ last_price: 10 }]);
    expect(orders).toEqual([{ vt_orderid: 'x' }]);
  });

  it('keeps delivering when one subscriber throws', () => {
    const seen: unknown[] = [];
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    api.subscribe('log', () => {
      throw new Error('bad subscriber');
    });
    api.subscribe('log', (p) => seen.push(p));
    push('log', 'hello');
    expect(seen).toEqual(['hello']);
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });

  it.each(['ticks', 'bridge:request', '__proto__', 'constructor', ''])('refuses to subscribe to unknown event %j', (name) => {
    expect(() => api.subscribe(name, () => undefined)).toThrow(TypeError);
  });

  it('refuses a subscriber that is not a function', () => {
    expect(() => api.subscribe('tick', 'nope' as unknown as () => void)).toThrow(TypeError);
  });
});
