/**
 * "Sellable under T+1", table-driven from test/cases/cn-stock/t1-sellable.json — the same
 * table the C simulator's tests read (native/simcounter/tests/test_cases.c), so the one
 * TypeScript computation and the C counter's copy cannot drift apart. Checked here through
 * sellableOf, through the market interface (what the OMS, the panel, the SIM and the strategy
 * runner call) and through the engine's pre-trade check.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Direction, Exchange, Offset, OrderType } from '../../../../../common/constants';
import { CN_STOCK_RULES } from '../../../../../common/markets/cn-stock/cn-stock-rules';
import { sellableOf } from '../../../../../common/markets/cn-stock/account-rules';
import type { OrderRequest, PositionData } from '../../../../../common/objects';
import { makeContract } from '../../../../fixtures/contracts';
import { makePosition } from '../../../../fixtures/objects';

interface Case {
  name: string;
  held: boolean;
  t0: boolean;
  volume: number;
  yd_volume: number;
  frozen: number;
  sellable: number;
  bought_today: number;
}

const FILE = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../../cases/cn-stock/t1-sellable.json');
const CASES = (JSON.parse(fs.readFileSync(FILE, 'utf8')) as { cases: Case[] }).cases;

const positionOf = (c: Case): PositionData | undefined => (c.held ? makePosition({ volume: c.volume, yd_volume: c.yd_volume, frozen: c.frozen }) : undefined);
const contractOf = (c: Case) => makeContract('600000', Exchange.SSE, 10, { t0: c.t0 });
const sell = (volume: number): OrderRequest => ({ symbol: '600000', exchange: Exchange.SSE, direction: Direction.SHORT, type: OrderType.LIMIT, volume, price: 10, offset: Offset.NONE, reference: 't' });

describe('T+1 sellable (shared table with the C simulator)', () => {
  it('has cases of every kind', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(10);
    expect(CASES.some((c) => c.t0) && CASES.some((c) => !c.t0) && CASES.some((c) => !c.held)).toBe(true);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: sellableOf', (_name, c) => {
    expect(sellableOf(contractOf(c), positionOf(c))).toEqual({ sellable: c.sellable, boughtToday: c.held ? c.bought_today : 0 });
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: MarketRules.closable', (_name, c) => {
    const position = positionOf(c);
    const closable = CN_STOCK_RULES.closable({ direction: Direction.SHORT, offset: Offset.NONE }, contractOf(c), (d) => (d === Direction.LONG ? position : undefined));
    // What is held but may not be sold today: only under T+1.
    expect(closable).toEqual({ volume: c.sellable, lockedToday: c.t0 ? 0 : c.bought_today });
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s: the pre-trade check refuses one share more', (_name, c) => {
    const contract = contractOf(c);
    const position = positionOf(c);
    const account = { account: undefined, position: (d: Direction) => (d === Direction.LONG ? position : undefined) };
    expect(CN_STOCK_RULES.checkOrder(sell(c.sellable + 1), contract, account)?.code).toBe('POSITION');
    if (c.sellable > 0) expect(CN_STOCK_RULES.checkOrder(sell(c.sellable), contract, account)?.code).not.toBe('POSITION');
  });
});
