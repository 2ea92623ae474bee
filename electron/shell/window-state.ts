/**
 * The main window's geometry across runs, kept in the engine's LayoutStore under
 * 'window.main' (so 帮助→还原窗口 forgets it with the rest of the layout). What was saved is
 * untrusted on the way back: the file may be hand-edited, and a monitor may have been
 * unplugged since, so a window is never restored too small or off every screen.
 * Displays come in as data, which keeps all of this a pure function.
 */

export const WINDOW_STATE_KEY = 'window.main';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is saved: the normal (un-maximized) bounds plus whether the window was maximized. */
export interface WindowState extends Rect {
  maximized: boolean;
}

/** BrowserWindow options to open with; no x/y means "let Electron center it". */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface PlacementLimits {
  defaultWidth: number;
  defaultHeight: number;
  minWidth: number;
  minHeight: number;
}

export const MAIN_WINDOW_LIMITS: PlacementLimits = { defaultWidth: 1400, defaultHeight: 900, minWidth: 900, minHeight: 600 };

/** A window overlapping a work area by less than this (px, each way) counts as off-screen. */
const MIN_VISIBLE = 64;

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** The saved value if it has the right shape, else undefined. */
export function parseWindowState(raw: unknown): WindowState | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const r = raw as Record<string, unknown>;
  if (!isFiniteNumber(r.x) || !isFiniteNumber(r.y) || !isFiniteNumber(r.width) || !isFiniteNumber(r.height)) return undefined;
  if (r.width <= 0 || r.height <= 0) return undefined;
  return { x: Math.round(r.x), y: Math.round(r.y), width: Math.round(r.width), height: Math.round(r.height), maximized: r.maximized === true };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/**
 * Where to open the main window. `workAreas` are the displays' work areas (screen minus
 * task bars), primary first. The saved window goes to the display it overlaps most, shrunk
 * to fit and moved fully inside it; with no usable saved state or no display it overlaps,
 * it opens at the default size, centered.
 */
export function placeWindow(saved: unknown, workAreas: readonly Rect[], limits: PlacementLimits = MAIN_WINDOW_LIMITS): WindowPlacement {
  const primary = workAreas[0];
  const fitSize = (width: number, height: number, area: Rect | undefined) => ({
    width: Math.max(limits.minWidth, area ? Math.min(width, area.width) : width),
    height: Math.max(limits.minHeight, area ? Math.min(height, area.height) : height),
  });
  const fallback = (maximized: boolean): WindowPlacement => ({ ...fitSize(limits.defaultWidth, limits.defaultHeight, primary), maximized });

  const state = parseWindowState(saved);
  if (!state) return fallback(false);

  let best: { area: Rect; size: number } | undefined;
  for (const area of workAreas) {
    const o = overlap(state, area);
    if (o.width < MIN_VISIBLE || o.height < MIN_VISIBLE) continue;
    const size = o.width * o.height;
    if (!best || size > best.size) best = { area, size };
  }
  if (!best) return fallback(state.maximized);

  const { area } = best;
  const { width, height } = fitSize(state.width, state.height, area);
  return {
    // When the minimum size exceeds a tiny display the window starts at its top-left corner.
    x: clamp(state.x, area.x, Math.max(area.x, area.x + area.width - width)),
    y: clamp(state.y, area.y, Math.max(area.y, area.y + area.height - height)),
    width,
    height,
    maximized: state.maximized,
  };
}

/** What to save from a window: its normal bounds, so a maximized window restores to its old size. */
export function captureWindowState(win: { getNormalBounds(): Rect; isMaximized(): boolean }): WindowState {
  const b = win.getNormalBounds();
  return { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() };
}
