/**
 * Holds app quitting until the engine has closed: gateways logged out, the journal flushed
 * and closed. Electron's before-quit cannot await, so the first quit is cancelled, the
 * engine closes, and quit is called again. A close that hangs (a counter that never
 * answers) must not keep the app from exiting, hence the time limit.
 */
export interface QuitGuardOptions {
  close: () => Promise<void>;
  /** app.quit(); called once the engine is closed (or gave up) */
  quit: () => void;
  /** told about a close that failed or timed out */
  onError: (error: unknown) => void;
  timeoutMs?: number;
}

/** Returns the before-quit listener. */
export function createQuitGuard(opts: QuitGuardOptions): (event: { preventDefault(): void }) => void {
  let state: 'running' | 'closing' | 'closed' = 'running';
  const timeoutMs = opts.timeoutMs ?? 5000;
  return (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`引擎 ${timeoutMs} ms 内未能关闭，强制退出`)), timeoutMs);
    });
    Promise.race([opts.close(), timeout])
      .catch((error: unknown) => opts.onError(error))
      .finally(() => {
        clearTimeout(timer);
        state = 'closed';
        opts.quit();
      });
  };
}
