/** #11 items 3–6, 9: what the monitors print — time of day for today, labels in Chinese, 万/亿, 市价 with its protection price. */
import { describe, expect, it } from 'vitest';
import { OrderType } from '../../../common/constants';
import { formatWanYi, formatWhen, positionSideLabel, referenceLabel } from '../../../renderer/src/monitors/format';
import { orderPriceLabel, orderTypeLabel } from '../../../renderer/src/monitors/columns';
import { Direction } from '../../../common/constants';

// 2026-12-02 10:15:30 in UTC+8
const now = Date.UTC(2026, 11, 2, 2, 15, 30);

describe('formatWhen', () => {
  it('shows the time of day for today (UTC+8) and date + time for older rows', () => {
    expect(formatWhen(Date.UTC(2026, 11, 2, 1, 30, 0), now)).toBe('09:30:00');
    // 23:59 on the 1st in UTC+8 is yesterday, though the same UTC day as `now`
    expect(formatWhen(Date.UTC(2026, 11, 1, 15, 59, 0), now)).toBe('2026-12-01 23:59:00');
    expect(formatWhen(0, now)).toBe('');
  });
});

describe('labels', () => {
  it('names the source in Chinese and keeps a strategy’s own name', () => {
    expect(referenceLabel('manual')).toBe('手动');
    expect(referenceLabel('')).toBe('手动');
    expect(referenceLabel('双均线')).toBe('双均线');
  });

  it('names a position’s side 多/空', () => {
    expect(positionSideLabel(Direction.LONG)).toBe('多');
    expect(positionSideLabel(Direction.SHORT)).toBe('空');
  });

  it('shows a market order as 市价, with its protection price where it has one', () => {
    expect(orderTypeLabel(OrderType.LIMIT)).toBe('限价');
    expect(orderTypeLabel(OrderType.BEST5_IOC)).toBe('市价·最优五档剩余撤销');
    expect(orderPriceLabel({ type: OrderType.LIMIT, price: 10.5 })).toBe('10.50');
    expect(orderPriceLabel({ type: OrderType.BEST_COUNTERPARTY, price: 0 })).toBe('市价');
    expect(orderPriceLabel({ type: OrderType.BEST5_TO_LIMIT, price: 10.55 })).toBe('市价（保护 10.55）');
  });
});

describe('formatWanYi', () => {
  it('uses 亿 from 1e8 and 万 from 1e4, two decimals always', () => {
    expect(formatWanYi(123_456_789)).toBe('1.23亿');
    expect(formatWanYi(45_678_900)).toBe('4,567.89万');
    expect(formatWanYi(10_000)).toBe('1.00万');
    expect(formatWanYi(987)).toBe('987.00');
    expect(formatWanYi(-2e8)).toBe('-2.00亿');
    expect(formatWanYi(undefined)).toBe('');
  });
});
