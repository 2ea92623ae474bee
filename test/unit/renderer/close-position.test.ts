/** Double-click on a futures position: the closing order the panel gets, by the market's rules. */
import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Offset } from '../../../common/constants';
import { defaultMarkets } from '../../../common/markets';
import type { ContractData, PositionData } from '../../../common/objects';
import { closeFillOf } from '../../../renderer/src/panel/close-position';
import { makeContract } from '../../fixtures/contracts';
import { IF2612, RB2701 } from '../../fixtures/futures-contracts';
import { makePosition } from '../../fixtures/objects';

const markets = defaultMarkets();

function fill(p: Partial<PositionData>, contract: ContractData = RB2701) {
  const position = makePosition({ vt_symbol: contract.vt_symbol, exchange: contract.exchange, ...p });
  return closeFillOf(position, contract, markets.rulesFor(contract), (d) => (d === position.direction ? position : undefined));
}

describe('closeFillOf', () => {
  it('CFFEX: a long fills 卖出平仓 with everything unfrozen (today’s and yesterday’s alike)', () => {
    expect(fill({ direction: Direction.LONG, volume: 3, yd_volume: 1, frozen: 1 }, IF2612)).toEqual({ direction: Direction.SHORT, offset: Offset.CLOSE, volume: 2 });
  });

  it('a short fills 买入平仓', () => {
    expect(fill({ direction: Direction.SHORT, volume: 2, yd_volume: 0 }, IF2612)).toEqual({ direction: Direction.LONG, offset: Offset.CLOSE, volume: 2 });
  });

  it('SHFE: yesterday’s first with 平昨 and a note for today’s; only today’s → 平今; only yesterday’s → 平仓', () => {
    expect(fill({ direction: Direction.LONG, volume: 5, yd_volume: 2 })).toEqual({
      direction: Direction.SHORT, offset: Offset.CLOSEYESTERDAY, volume: 2, note: '已填昨仓 2 手（平昨）；今仓 3 手请用平今',
    });
    expect(fill({ direction: Direction.LONG, volume: 1, yd_volume: 1, frozen: 0 })).toEqual({ direction: Direction.SHORT, offset: Offset.CLOSE, volume: 1 });
    expect(fill({ direction: Direction.LONG, volume: 3, yd_volume: 0 })).toEqual({ direction: Direction.SHORT, offset: Offset.CLOSETODAY, volume: 3 });
    // one lot of each: a plain close would leave today's, so the split applies
    expect(fill({ direction: Direction.LONG, volume: 2, yd_volume: 1 })).toMatchObject({ offset: Offset.CLOSEYESTERDAY, volume: 1, note: '已填昨仓 1 手（平昨）；今仓 1 手请用平今' });
  });

  it('A-shares have no offsets: nothing to fill here', () => {
    const stock = makeContract('600000', Exchange.SSE, 10);
    expect(fill({ direction: Direction.LONG, volume: 100, yd_volume: 100 }, stock)).toBeUndefined();
  });
});
