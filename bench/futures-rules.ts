/**
 * The futures rules on the paths the engine will put them on: the pre-trade check of an
 * order (its freeze and every rule), a fill moving a holding and the account, and the
 * account's figures re-marked over a book of contracts (what a tick-driven 资金 refresh
 * costs). Each figure is the median of 5 runs after a warm-up.
 *
 *   npx tsx bench/futures-rules.ts   → one JSON line
 */
import { Direction, Offset, OrderType } from '../common/constants';
import { accountFigures, newFuturesAccount, orderFreeze, recordFill, type MarkedHolding } from '../common/markets/cn-futures/account';
import { buildFuturesContract } from '../common/markets/cn-futures/contract-calendar';
import { applyFill } from '../common/markets/cn-futures/fills';
import { isFuturesContract, type FuturesContract } from '../common/markets/cn-futures/futures-contract';
import { checkFuturesOrder } from '../common/markets/cn-futures/order-checks';
import { type FuturesHolding, emptyHolding } from '../common/markets/cn-futures/position';
import { FUTURES_PRODUCTS } from '../common/markets/cn-futures/products';
import type { OrderRequest } from '../common/objects';
import { isMain, median, rates } from './stats';

export interface FuturesRulesResult {
  bench: 'futures-rules';
  /** orderFreeze + checkFuturesOrder per second, alternating opens and closes */
  checks_per_s: number;
  /** applyFill + recordFill per second, opens and closes on a holding of ~100 lots */
  fills_per_s: number;
  /** accountFigures over the book per second */
  account_marks_per_s: number;
  /** contracts in the marked book, and lots held in each direction of each */
  book_contracts: number;
  lots_per_side: number;
}

function contractsOf(): FuturesContract[] {
  return FUTURES_PRODUCTS.map((spec) => {
    const c = buildFuturesContract(spec, { year: 2027, month: 1 }, { gateway_name: 'BENCH', pre_settlement: spec.reference_price });
    if (!isFuturesContract(c)) throw new Error(`incomplete contract ${c.vt_symbol}`);
    return c;
  });
}

/** A holding with `lots` lots a side at prices a tick apart: the worst case for FIFO arrays. */
function holdingWithLots(contract: FuturesContract, lots: number): FuturesHolding {
  let h = emptyHolding(contract.pre_settlement);
  for (let i = 0; i < lots; i++) {
    const price = contract.pre_settlement + (i % 5) * contract.pricetick;
    h = applyFill(h, contract, { direction: Direction.LONG, offset: Offset.OPEN, price, volume: 1 }).holding;
    h = applyFill(h, contract, { direction: Direction.SHORT, offset: Offset.OPEN, price, volume: 1 }).holding;
  }
  return h;
}

export function runFuturesRulesBench(units = 20_000): FuturesRulesResult {
  const contracts = contractsOf();
  const lotsPerSide = 50;
  const book: MarkedHolding[] = contracts.map((contract) => ({ contract, holding: holdingWithLots(contract, lotsPerSide), price: contract.pre_settlement }));
  const target = book[4]!; // rb on SHFE: closes split by offset
  const orders: OrderRequest[] = [];
  for (let i = 0; i < 64; i++) {
    const close = i % 2 === 1;
    orders.push({
      symbol: target.contract.symbol, exchange: target.contract.exchange, type: OrderType.LIMIT, reference: 'bench',
      direction: i % 4 < 2 ? Direction.LONG : Direction.SHORT,
      offset: close ? Offset.CLOSETODAY : Offset.OPEN, volume: 1 + (i % 3),
      price: target.contract.pre_settlement + (i % 7) * target.contract.pricetick,
    });
  }

  let sink = 0;
  const checks = rates(5, units, () => {
    for (let i = 0; i < units; i++) {
      const req = orders[i % orders.length]!;
      const freeze = orderFreeze(target.contract, target.holding, req);
      if (checkFuturesOrder(req, target.contract, { holding: target.holding, available: 1e9, freeze, trading_day: '2026-10-19' })) sink++;
    }
  });

  const fills = rates(5, units, () => {
    let h = target.holding;
    let s = newFuturesAccount(1e9);
    for (let i = 0; i < units; i++) {
      // open then close the same lot, so the holding stays at its size
      const direction = i % 2 === 0 ? Direction.LONG : Direction.SHORT;
      const offset = i % 4 < 2 ? Offset.OPEN : Offset.CLOSETODAY;
      const e = applyFill(h, target.contract, { direction: offset === Offset.OPEN ? direction : direction === Direction.LONG ? Direction.SHORT : Direction.LONG, offset, price: target.contract.pre_settlement, volume: 1 });
      h = e.holding;
      s = recordFill(s, e);
    }
    sink += s.commission > 0 ? 1 : 0;
  });

  const markUnits = Math.max(1, Math.floor(units / 20));
  const state = newFuturesAccount(1e9);
  const marks = rates(5, markUnits, () => {
    for (let i = 0; i < markUnits; i++) sink += accountFigures(state, book).balance > 0 ? 1 : 0;
  });

  if (sink < 0) console.log(sink); // keep the work observable
  return {
    bench: 'futures-rules',
    checks_per_s: Math.round(median(checks)),
    fills_per_s: Math.round(median(fills)),
    account_marks_per_s: Math.round(median(marks)),
    book_contracts: book.length,
    lots_per_side: lotsPerSide,
  };
}

if (isMain(import.meta.url)) console.log(JSON.stringify(runFuturesRulesBench()));
