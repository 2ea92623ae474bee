import { describe, expect, it, vi } from 'vitest';
import type { BridgeEvents, EventName } from '../../../common/bridge-contract';
import { TraderError } from '../../../common/errors';
import type { Dispatcher, EventListener } from '../../../electron/engine/bridge/dispatcher';
import {
  createIpcAdapter,
  createSenderCheck,
  FORBIDDEN_SENDER,
  EVENT_BATCH_MS,
  forwardEvents,
  TrustedContents,
  type IpcRequestEvent,
} from '../../../electron/shell/ipc-adapter';
import { EVENT_CHANNEL } from '../../../electron/shell/ipc-channels';

/** A stand-in for a webContents: records what it was sent. */
function window(id: number) {
  const sent: unknown[][] = [];
  let destroyed = false;
  return {
    id,
    sent,
    isDestroyed: () => destroyed,
    destroy: () => (destroyed = true),
    send: (channel: string, ...args: unknown[]) => sent.push([channel, ...args]),
  };
}

/** A stand-in for IpcMainInvokeEvent. */
const ipcEvent = (senderId: number, url: string | null, parent: unknown = null): IpcRequestEvent => ({
  sender: { id: senderId },
  senderFrame: url === null ? null : { url, parent },
});

function setup(dispatch: Dispatcher['dispatch'] = async () => 'result') {
  const trusted = new TrustedContents();
  const main = window(1);
  trusted.add(main);
  const dispatcher = { dispatch: vi.fn(dispatch) };
  const refused = vi.fn();
  const adapter = createIpcAdapter({ dispatcher, isTrustedSender: createSenderCheck(trusted), onRefused: refused });
  return { trusted, main, dispatcher, adapter, refused };
}

describe('IPC adapter: sender check', () => {
  it('answers a trusted window showing our page', async () => {
    const { adapter, dispatcher } = setup(async (name, args) => ({ name, args }));
    const reply = await adapter.handleRequest(ipcEvent(1, 'app://tstrader/index.html'), 'gateway/list', {});
    expect(reply).toEqual({ ok: true, result: { name: 'gateway/list', args: {} } });
    expect(dispatcher.dispatch).toHaveBeenCalledWith('gateway/list', {});
  });

  it.each([
    ['a webContents the app did not create', ipcEvent(99, 'app://tstrader/index.html')],
    ['our window after navigating to a foreign page', ipcEvent(1, 'https://evil.example/')],
    ['our window showing a file: URL', ipcEvent(1, 'file:///tmp/x.html')],
    ['a look-alike origin', ipcEvent(1, 'app://tstrader.evil/index.html')],
    ['a subframe of our page', ipcEvent(1, 'app://tstrader/index.html', { url: 'app://tstrader/index.html' })],
    ['a destroyed frame', ipcEvent(1, null)],
  ])('refuses %s with a clear error and never dispatches', async (_label, event) => {
    const { adapter, dispatcher, refused } = setup();
    const reply = await adapter.handleRequest(event, 'order/send', { code: '600000' });
    expect(reply).toEqual(FORBIDDEN_SENDER);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('FORBIDDEN_SENDER');
      expect(reply.error.message).toMatch(/拒绝/);
    }
    expect(dispatcher.dispatch).not.toHaveBeenCalled();
    expect(refused).toHaveBeenCalledWith(event, 'order/send');
  });

  it('stops trusting a window once it is removed', async () => {
    const { adapter, trusted, dispatcher } = setup();
    trusted.remove(1);
    expect((await adapter.handleRequest(ipcEvent(1, 'app://tstrader/index.html'), 'gateway/list', {})).ok).toBe(false);
    expect(dispatcher.dispatch).not.toHaveBeenCalled();
  });
});

describe('IPC adapter: replies', () => {
  it('serialises a TraderError as code + message', async () => {
    const { adapter } = setup(async () => {
      throw new TraderError('LOGIN_FAILED', '密码错误');
    });
    const reply = await adapter.handleRequest(ipcEvent(1, 'app://tstrader/index.html'), 'gateway/connect', {});
    expect(reply).toEqual({ ok: false, error: { code: 'LOGIN_FAILED', message: '密码错误' } });
    // Plain data only: it must survive structured clone unchanged.
    expect(structuredClone(reply)).toEqual(reply);
    expect(Object.getPrototypeOf((reply as { error: object }).error)).toBe(Object.prototype);
  });

  it('turns any other failure into INTERNAL without rejecting', async () => {
    const { adapter } = setup(async () => {
      throw new Error('boom');
    });
    const reply = await adapter.handleRequest(ipcEvent(1, 'app://tstrader/index.html'), 'app/info', {});
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.error.code).toBe('INTERNAL');
  });
});

describe('event forwarding', () => {
  function bus() {
    let listener: EventListener | undefined;
    const dispatcher = {
      onEvent: (l: EventListener) => {
        listener = l;
        return () => (listener = undefined);
      },
    };
    const emit = <E extends EventName>(event: E, payload: BridgeEvents[E]) => listener?.(event, payload);
    return { dispatcher, emit };
  }

  it('sends every event to every trusted window, and only to them', () => {
    vi.useFakeTimers();
    const { dispatcher, emit } = bus();
    const trusted = new TrustedContents();
    const main = window(1);
    const query = window(2);
    const stranger = window(3);
    trusted.add(main);
    trusted.add(query);
    forwardEvents(dispatcher, trusted);
    const action = { kind: 'about' } as const;
    emit('menu', action);
    vi.advanceTimersByTime(EVENT_BATCH_MS);
    expect(main.sent).toEqual([[EVENT_CHANNEL, [['menu', action]]]]);
    expect(query.sent).toEqual([[EVENT_CHANNEL, [['menu', action]]]]);
    expect(stranger.sent).toEqual([]);
    vi.useRealTimers();
  });

  it('coalesces rows per key within a batch window and sends one message', () => {
    vi.useFakeTimers();
    const { dispatcher, emit } = bus();
    const trusted = new TrustedContents();
    const main = window(1);
    trusted.add(main);
    forwardEvents(dispatcher, trusted);
    emit('tick', { vt_symbol: '600000.SSE', last_price: 10 } as BridgeEvents['tick']);
    emit('tick', { vt_symbol: '600000.SSE', last_price: 10.01 } as BridgeEvents['tick']);
    emit('log', { msg: 'a' } as BridgeEvents['log']);
    expect(main.sent).toEqual([]);
    vi.advanceTimersByTime(EVENT_BATCH_MS);
    expect(main.sent).toEqual([[EVENT_CHANNEL, [['tick', { vt_symbol: '600000.SSE', last_price: 10.01 }], ['log', { msg: 'a' }]]]]);
    vi.advanceTimersByTime(EVENT_BATCH_MS * 3);
    expect(main.sent).toHaveLength(1);
    vi.useRealTimers();
  });

  it('skips destroyed and removed windows, and stops on unsubscribe', () => {
    vi.useFakeTimers();
    const { dispatcher, emit } = bus();
    const trusted = new TrustedContents();
    const a = window(1);
    const b = window(2);
    trusted.add(a);
    trusted.add(b);
    const stop = forwardEvents(dispatcher, trusted);
    a.destroy();
    trusted.remove(2);
    emit('menu', { kind: 'about' });
    vi.advanceTimersByTime(EVENT_BATCH_MS);
    expect(a.sent).toEqual([]);
    expect(b.sent).toEqual([]);
    const c = window(3);
    trusted.add(c);
    stop();
    emit('menu', { kind: 'about' });
    vi.advanceTimersByTime(EVENT_BATCH_MS);
    expect(c.sent).toEqual([]);
    vi.useRealTimers();
  });
});
