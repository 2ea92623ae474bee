import { afterEach, describe, expect, it, vi } from 'vitest';
import { createQuitGuard } from '../../../electron/shell/quit-guard';

const quitEvent = () => {
  const e = { prevented: false, preventDefault: () => (e.prevented = true) };
  return e;
};

afterEach(() => vi.useRealTimers());

describe('createQuitGuard', () => {
  it('holds the first quit until the engine has closed, then quits once', async () => {
    let finish: () => void = () => undefined;
    const close = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const quit = vi.fn();
    const guard = createQuitGuard({ close, quit, onError: vi.fn() });

    const first = quitEvent();
    guard(first);
    expect(first.prevented).toBe(true);
    expect(close).toHaveBeenCalledOnce();
    expect(quit).not.toHaveBeenCalled();

    const again = quitEvent();
    guard(again);
    expect(again.prevented).toBe(true);
    expect(close).toHaveBeenCalledOnce();

    finish();
    await vi.waitFor(() => expect(quit).toHaveBeenCalledOnce());
    const last = quitEvent();
    guard(last);
    expect(last.prevented).toBe(false);
  });

  it('quits anyway when closing fails, and reports it', async () => {
    const quit = vi.fn();
    const onError = vi.fn();
    const guard = createQuitGuard({ close: () => Promise.reject(new Error('journal locked')), quit, onError });
    guard(quitEvent());
    await vi.waitFor(() => expect(quit).toHaveBeenCalledOnce());
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'journal locked' }));
  });

  it('quits after the time limit when closing hangs', async () => {
    vi.useFakeTimers();
    const quit = vi.fn();
    const onError = vi.fn();
    const guard = createQuitGuard({ close: () => new Promise<void>(() => undefined), quit, onError, timeoutMs: 1000 });
    guard(quitEvent());
    await vi.advanceTimersByTimeAsync(999);
    expect(quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(quit).toHaveBeenCalledOnce();
    expect(onError).toHaveBeenCalledOnce();
  });
});
