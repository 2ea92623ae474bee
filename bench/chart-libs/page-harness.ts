/**
 * The page side of bench/chart-libs.ts (browser code: type-checked with renderer/tsconfig.json), bundled with each library's adapter by esbuild the
 * way the renderer is bundled. It draws 100,000 one-minute candles with volume, then:
 *  - first draw: from handing the data over to the second animation frame after it;
 *  - panning: 3 s of scrolling a few bars every frame, back and forth: frames per second
 *    and the longest frame;
 *  - live update: the last bar changing 20 times a second for 3 s: the synchronous cost of
 *    each update call, and the frame rate meanwhile.
 * The result goes to window.__benchResult; CSP violations to window.__cspViolations.
 */

export interface Candle {
  /** epoch ms */
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

export interface ChartAdapter {
  /** create the chart in `el` and give it every candle */
  mount(el: HTMLElement, candles: Candle[]): void | Promise<void>;
  /** move the view by `bars` (positive: towards older bars) */
  pan(bars: number): void;
  /** the last bar, changed */
  update(bar: Candle): void;
}

/** candles drawn: 100,000, or ?n= in the page's address */
export const CANDLES = Number(new URLSearchParams(location.search).get('n') ?? '') || 100_000;
const PAN_SECONDS = 3;
const LIVE_SECONDS = 3;
const LIVE_HZ = 20;

declare global {
  interface Window {
    __benchResult?: unknown;
    __benchError?: string;
    __cspViolations?: string[];
  }
}

window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations!.push(`${e.violatedDirective} ${e.blockedURI}`));

export function makeCandles(n = CANDLES): Candle[] {
  const out: Candle[] = [];
  let price = 10;
  let seed = 42;
  const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const t0 = Date.UTC(2024, 0, 2, 1, 30);
  for (let i = 0; i < n; i++) {
    const open = price;
    price = Math.max(1, Math.round((price * (1 + (rand() - 0.5) * 0.004)) * 100) / 100);
    const high = Math.max(open, price) + Math.round(rand() * 3) / 100;
    const low = Math.min(open, price) - Math.round(rand() * 3) / 100;
    out.push({ time: t0 + i * 60_000, open, high, low, close: price, volume: 100 * Math.round(1 + rand() * 500) });
  }
  return out;
}

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2) : NaN;
}

const round = (x: number) => Math.round(x * 100) / 100;

export async function runBench(name: string, version: string, adapter: ChartAdapter): Promise<void> {
  try {
    const el = document.getElementById('chart')!;
    const candles = makeCandles();
    await frame();
    const t0 = performance.now();
    await adapter.mount(el, candles);
    const mountedSync = performance.now() - t0;
    await frame();
    await frame();
    const firstDraw = performance.now() - t0;

    // Panning: a few bars a frame, 1.5 s one way, 1.5 s back.
    const frames: number[] = [];
    let last = await frame();
    const panEnd = last + PAN_SECONDS * 1000;
    let step = 3;
    while (last < panEnd) {
      if (last > panEnd - (PAN_SECONDS * 1000) / 2) step = -3;
      adapter.pan(step);
      const t = await frame();
      frames.push(t - last);
      last = t;
    }

    // Live: the last bar moves 20× a second; count frames meanwhile.
    const costs: number[] = [];
    let liveFrames = 0;
    let live = true;
    const counter = async () => {
      while (live) {
        await frame();
        liveFrames++;
      }
    };
    const counting = counter();
    const lastBar = { ...candles[candles.length - 1]! };
    const tl = performance.now();
    await new Promise<void>((resolve) => {
      let k = 0;
      const timer = setInterval(() => {
        lastBar.close = Math.round((lastBar.close + (k % 2 ? 0.01 : -0.01)) * 100) / 100;
        lastBar.high = Math.max(lastBar.high, lastBar.close);
        lastBar.low = Math.min(lastBar.low, lastBar.close);
        lastBar.volume += 100;
        const t = performance.now();
        adapter.update({ ...lastBar });
        costs.push(performance.now() - t);
        if (++k >= LIVE_SECONDS * LIVE_HZ) {
          clearInterval(timer);
          resolve();
        }
      }, 1000 / LIVE_HZ);
    });
    const liveMs = performance.now() - tl;
    live = false;
    await counting;
    costs.sort((a, b) => a - b);
    window.__benchResult = {
      library: name,
      version,
      candles: CANDLES,
      first_draw_ms: round(firstDraw),
      mount_sync_ms: round(mountedSync),
      pan_fps: round((frames.length * 1000) / frames.reduce((a, b) => a + b, 0)),
      pan_longest_frame_ms: round(Math.max(...frames)),
      pan_median_frame_ms: round(median(frames)),
      live_updates: costs.length,
      live_update_ms_median: round(median(costs)),
      live_update_ms_p95: round(costs[Math.floor(costs.length * 0.95)]!),
      live_fps: round((liveFrames * 1000) / liveMs),
    };
  } catch (error) {
    window.__benchError = error instanceof Error ? `${error.message}\n${error.stack}` : String(error);
  }
}
