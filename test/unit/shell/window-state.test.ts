import { describe, expect, it } from 'vitest';
import { captureWindowState, parseWindowState, placeWindow, type PlacementLimits, type Rect } from '../../../electron/shell/window-state';

const limits: PlacementLimits = { defaultWidth: 1400, defaultHeight: 900, minWidth: 900, minHeight: 600 };
const primary: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const right: Rect = { x: 1920, y: 0, width: 2560, height: 1400 };

describe('parseWindowState', () => {
  it('accepts a well-formed state and rounds it', () => {
    expect(parseWindowState({ x: 10.4, y: 20, width: 1000, height: 700, maximized: true })).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: true });
  });

  it.each([undefined, null, 'x', 42, {}, { x: 0, y: 0, width: '1000', height: 700 }, { x: 0, y: 0, width: 0, height: 700 }, { x: Number.NaN, y: 0, width: 1000, height: 700 }, { x: 0, y: Infinity, width: 1000, height: 700 }])(
    'refuses %j',
    (raw) => {
      expect(parseWindowState(raw)).toBeUndefined();
    },
  );

  it('reads a missing or odd maximized as false', () => {
    expect(parseWindowState({ x: 0, y: 0, width: 1000, height: 700 })?.maximized).toBe(false);
    expect(parseWindowState({ x: 0, y: 0, width: 1000, height: 700, maximized: 'yes' })?.maximized).toBe(false);
  });
});

describe('placeWindow', () => {
  it('opens at the default size, centered, with nothing saved', () => {
    expect(placeWindow(undefined, [primary], limits)).toEqual({ width: 1400, height: 900, maximized: false });
  });

  it('restores a window that fits', () => {
    const saved = { x: 100, y: 50, width: 1200, height: 800, maximized: false };
    expect(placeWindow(saved, [primary], limits)).toEqual(saved);
  });

  it('restores on a second display', () => {
    const saved = { x: 2000, y: 100, width: 1600, height: 1000, maximized: true };
    expect(placeWindow(saved, [primary, right], limits)).toEqual(saved);
  });

  it('never restores below the minimum size', () => {
    const p = placeWindow({ x: 100, y: 100, width: 200, height: 100 }, [primary], limits);
    expect(p.width).toBe(900);
    expect(p.height).toBe(600);
  });

  it('shrinks a window larger than its display to the work area', () => {
    const p = placeWindow({ x: 0, y: 0, width: 5000, height: 3000 }, [primary], limits);
    expect(p).toEqual({ x: 0, y: 0, width: 1920, height: 1040, maximized: false });
  });

  it('centers a window saved on a display that is gone', () => {
    const p = placeWindow({ x: 2000, y: 100, width: 1600, height: 1000, maximized: false }, [primary], limits);
    expect(p.x).toBeUndefined();
    expect(p.y).toBeUndefined();
    expect(p.width).toBeLessThanOrEqual(primary.width);
  });

  it('centers a window that only grazes a work area', () => {
    const p = placeWindow({ x: 1900, y: 100, width: 1000, height: 700 }, [primary], limits);
    expect(p.x).toBeUndefined();
  });

  it('pulls a partly off-screen window fully inside, title bar included', () => {
    const p = placeWindow({ x: -300, y: -200, width: 1000, height: 700 }, [primary], limits);
    expect(p).toMatchObject({ x: 0, y: 0, width: 1000, height: 700 });
    const q = placeWindow({ x: 1500, y: 800, width: 1000, height: 700 }, [primary], limits);
    expect(q).toMatchObject({ x: 920, y: 340 });
  });

  it('chooses the display the window overlaps most', () => {
    const p = placeWindow({ x: 1800, y: 100, width: 1200, height: 800 }, [primary, right], limits);
    expect(p.x).toBeGreaterThanOrEqual(right.x);
  });

  it('keeps the maximized flag when it has to center', () => {
    expect(placeWindow({ x: 9000, y: 9000, width: 1000, height: 700, maximized: true }, [primary], limits).maximized).toBe(true);
  });

  it('copes with no displays at all', () => {
    expect(placeWindow({ x: 0, y: 0, width: 1000, height: 700 }, [], limits)).toEqual({ width: 1400, height: 900, maximized: false });
  });
});

describe('captureWindowState', () => {
  it('saves the normal bounds, so a maximized window restores to its old size', () => {
    const win = { getNormalBounds: () => ({ x: 5, y: 6, width: 1000, height: 700 }), isMaximized: () => true };
    expect(captureWindowState(win)).toEqual({ x: 5, y: 6, width: 1000, height: 700, maximized: true });
  });
});
