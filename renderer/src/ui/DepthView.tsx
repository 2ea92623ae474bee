/** Five levels each side, latest price and change: the A-share 盘口. Clicking a price copies it to the panel. */
import type { TickData } from '../../../common/objects';
import { changePercent, formatInt, formatPercent, formatPriceAuto } from '../monitors/format';

const LEVELS = [1, 2, 3, 4, 5] as const;
type Level = (typeof LEVELS)[number];

function side(tick: TickData, kind: 'bid' | 'ask', n: Level): { price: number; volume: number } {
  return { price: tick[`${kind}_price_${n}`], volume: tick[`${kind}_volume_${n}`] };
}

function tone(price: number, preClose: number): string {
  return price > preClose ? 'cell-up' : price < preClose && price > 0 ? 'cell-down' : '';
}

export interface DepthViewProps {
  tick: TickData | undefined;
  /** the unit volumes are counted in (股, 手): the same the 行情 monitor shows */
  unit: string;
  /** no quote for a while: the prices are old and shown so */
  stale: boolean;
  onPrice: (price: number) => void;
}

export function DepthView({ tick, unit, stale, onPrice }: DepthViewProps) {
  if (!tick) return <div className="depth empty" data-testid="depth">无行情</div>;
  const change = changePercent(tick.last_price, tick.pre_close);
  const row = (label: string, kind: 'bid' | 'ask', n: Level) => {
    const { price, volume } = side(tick, kind, n);
    return (
      <tr key={label} data-level={label}>
        <td>{label}</td>
        <td className={`price ${tone(price, tick.pre_close)}`} onClick={() => price > 0 && onPrice(price)}>{price > 0 ? formatPriceAuto(price) : '-'}</td>
        <td className="volume">{volume > 0 ? formatInt(volume) : ''}</td>
      </tr>
    );
  };
  return (
    <div className={stale ? 'depth stale' : 'depth'} data-testid="depth" data-stale={stale}>
      <table>
        <tbody>
          {[...LEVELS].reverse().map((n) => row(`卖${n}`, 'ask', n))}
          <tr className="last">
            <td>最新</td>
            <td className={`price ${tone(tick.last_price, tick.pre_close)}`} data-testid="depth-last" onClick={() => onPrice(tick.last_price)}>{formatPriceAuto(tick.last_price)}</td>
            <td className={change !== null && change > 0 ? 'cell-up' : change !== null && change < 0 ? 'cell-down' : ''} data-testid="depth-change">{formatPercent(change)}</td>
          </tr>
          {LEVELS.map((n) => row(`买${n}`, 'bid', n))}
        </tbody>
      </table>
      <div className="depth-note" data-testid="depth-unit">量：{unit || '-'}</div>
      {stale && <div className="depth-stale" data-testid="depth-stale">行情已停止更新，价格可能已过时</div>}
    </div>
  );
}
