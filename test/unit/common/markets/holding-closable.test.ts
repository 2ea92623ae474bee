/** #11 item 2: one answer to "how much of this holding may be closed now", by the market's rules. */
import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Offset } from '../../../../common/constants';
import { CreditOrderType } from '../../../../common/credit';
import { closingOrderOf, holdingClosable } from '../../../../common/markets/holding-closable';
import { CN_STOCK_RULES } from '../../../../common/markets/cn-stock/cn-stock-rules';
import type { MarketRules } from '../../../../common/markets/market-rules';
import { makeContract } from '../../../fixtures/contracts';
import { makePosition } from '../../../fixtures/objects';

const stock = makeContract('600000', Exchange.SSE, 10);
const etf = makeContract('510300', Exchange.SSE, 4, { t0: true });

describe('closingOrderOf', () => {
  it('closes an A-share long with a sell and a 融券 short with 买券还券', () => {
    expect(closingOrderOf(CN_STOCK_RULES, stock, Direction.LONG)).toEqual({ direction: Direction.SHORT, offset: Offset.NONE });
    expect(closingOrderOf(CN_STOCK_RULES, stock, Direction.SHORT)).toEqual({ direction: Direction.LONG, offset: Offset.NONE, credit: CreditOrderType.BUY_SECU_REPAY });
  });

  it('closes with 平 in a market that has open/close flags (futures), whichever side', () => {
    const withOffsets = { offsets: () => [Offset.OPEN, Offset.CLOSE, Offset.CLOSETODAY, Offset.CLOSEYESTERDAY] } as Pick<MarketRules, 'offsets'>;
    expect(closingOrderOf(withOffsets, stock, Direction.LONG)).toEqual({ direction: Direction.SHORT, offset: Offset.CLOSE });
    expect(closingOrderOf(withOffsets, stock, Direction.SHORT)).toEqual({ direction: Direction.LONG, offset: Offset.CLOSE });
  });
});

describe('holdingClosable', () => {
  it('is yesterday’s shares less working sells under T+1 (today’s buy is not sellable)', () => {
    const p = makePosition({ volume: 500, yd_volume: 300, frozen: 100 });
    expect(holdingClosable(CN_STOCK_RULES, stock, p)).toBe(200);
    expect(holdingClosable(CN_STOCK_RULES, stock, makePosition({ volume: 200, yd_volume: 0 }))).toBe(0);
  });

  it('is the whole holding less working sells for a T+0 product', () => {
    expect(holdingClosable(CN_STOCK_RULES, etf, makePosition({ vt_symbol: etf.vt_symbol, volume: 500, yd_volume: 0, frozen: 100 }))).toBe(400);
  });

  it('is the 融券 debt not already being repaid, borrowed today or not (买券还券 may repay at once)', () => {
    const short = makePosition({ direction: Direction.SHORT, volume: 200, yd_volume: 0, frozen: 50 });
    expect(holdingClosable(CN_STOCK_RULES, stock, short)).toBe(150);
  });

  it('asks the market with the closing order and this holding only', () => {
    const seen: unknown[] = [];
    const rules: Pick<MarketRules, 'offsets' | 'closable'> = {
      offsets: () => [Offset.OPEN, Offset.CLOSE],
      closable: (order, _c, positions) => {
        seen.push(order, positions(Direction.LONG), positions(Direction.SHORT)?.volume);
        return { volume: 7, lockedToday: 0 };
      },
    };
    expect(holdingClosable(rules, stock, makePosition({ direction: Direction.SHORT, volume: 9 }))).toBe(7);
    expect(seen).toEqual([{ direction: Direction.LONG, offset: Offset.CLOSE }, undefined, 9]);
  });
});
