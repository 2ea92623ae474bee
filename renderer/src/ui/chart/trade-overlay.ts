/**
 * The trade marker drawn by klinecharts: a triangle at the fill's bar, buy red ▲ under the
 * bar's low, sell green ▼ over its high (A-share colours: red up, green down), registered
 * once as an overlay named TRADE_OVERLAY.
 */
import { registerOverlay } from 'klinecharts';

export const TRADE_OVERLAY = 'tsTradeMarker';
export const BUY_COLOR = '#f04848';
export const SELL_COLOR = '#20b26c';
const SIZE = 7;
const GAP = 6;

export interface TradeOverlayData {
  side: 'buy' | 'sell';
  /** the bar's low (buy) or high (sell), where the triangle's tip points */
  low: number;
  high: number;
}

let registered = false;

export function registerTradeOverlay(): void {
  if (registered) return;
  registered = true;
  registerOverlay<TradeOverlayData>({
    name: TRADE_OVERLAY,
    totalStep: 1,
    lock: true,
    needDefaultPointFigure: false,
    needDefaultXAxisFigure: false,
    needDefaultYAxisFigure: false,
    createPointFigures: ({ overlay, coordinates, yAxis }) => {
      const at = coordinates[0];
      const data = overlay.extendData;
      if (!at || !data || !yAxis) return [];
      const buy = data.side === 'buy';
      const tipY = yAxis.convertToPixel(buy ? data.low : data.high) + (buy ? GAP : -GAP);
      const baseY = tipY + (buy ? SIZE * 1.6 : -SIZE * 1.6);
      return [
        {
          type: 'polygon',
          attrs: { coordinates: [{ x: at.x, y: tipY }, { x: at.x - SIZE, y: baseY }, { x: at.x + SIZE, y: baseY }] },
          styles: { style: 'fill', color: buy ? BUY_COLOR : SELL_COLOR },
          ignoreEvent: true,
        },
      ];
    },
  });
}
