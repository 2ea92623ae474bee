/**
 * Two panes with a splitter between them. Dragging it resizes them; the size is saved in the
 * engine's layout store under `layoutKey`, like the grids' columns, and 还原窗口 forgets it.
 * `unit` px sizes the first pane in pixels (the trading panel), fraction as a share of the
 * whole (the two monitor groups).
 */
import { Children, useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { AppClient } from '../bridge/transport';
import { useApp } from '../state/store';

export interface SplitPaneProps {
  className: string;
  /** rows: one pane above the other; columns: side by side */
  orientation: 'rows' | 'columns';
  layoutKey: string;
  unit?: 'px' | 'fraction';
  /** the first pane's size before any drag */
  initial: number;
  min: number;
  max: number;
  client: AppClient;
  children: ReactNode;
}

export function SplitPane({ className, orientation, layoutKey, unit = 'fraction', initial, min, max, client, children }: SplitPaneProps) {
  const saved = useApp((s) => s.layout[layoutKey]);
  const layoutEpoch = useApp((s) => s.layoutEpoch);
  const [dragged, setDragged] = useState<number | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const clamp = (v: number) => Math.min(max, Math.max(min, v));
  const size = clamp(dragged ?? (typeof saved === 'number' ? saved : initial));

  useEffect(() => {
    if (layoutEpoch > 0) setDragged(null);
  }, [layoutEpoch]);

  const startDrag = useCallback((down: React.PointerEvent<HTMLDivElement>) => {
    down.preventDefault();
    const el = box.current;
    if (!el) return;
    const rect = el.getBoundingClientRect();
    let last = size;
    const move = (e: PointerEvent) => {
      const offset = orientation === 'rows' ? e.clientY - rect.top : e.clientX - rect.left;
      const total = orientation === 'rows' ? rect.height : rect.width;
      last = clamp(unit === 'px' ? offset : offset / total);
      setDragged(last);
    };
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
      useApp.getState().setLayout({ ...useApp.getState().layout, [layoutKey]: last });
      void client.request('layout/set', { key: layoutKey, value: last }).catch(() => undefined);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  }, [size, orientation, unit, layoutKey, client, min, max]);

  const [first, second] = Children.toArray(children);
  const track = unit === 'px' ? `${size}px 5px minmax(0, 1fr)` : `minmax(0, ${size}fr) 5px minmax(0, ${1 - size}fr)`;
  const style = orientation === 'rows' ? { gridTemplateRows: track } : { gridTemplateColumns: track };
  return (
    <div ref={box} className={`split ${className}`} style={style} data-split={layoutKey}>
      {first}
      <div className={`splitter splitter-${orientation}`} role="separator" aria-orientation={orientation === 'rows' ? 'horizontal' : 'vertical'} data-splitter={layoutKey} onPointerDown={startDrag} />
      {second}
    </div>
  );
}
