/**
 * The futures the SIM lists: every product of the product table (IF/IH/IC/IM, rb/cu/au/ag,
 * sc, i/m, MA/SR, si) in its main and next contract months on the simulated trading day,
 * with the table's sizes, ticks, margin ratios, fees and limit ratios, and today's limits from
 * the previous settlement price. A contract the account still holds stays listed until its
 * last trading day has passed, even when it is no longer the main or next month.
 */
import { FUTURES_PRODUCTS, type FuturesProductSpec } from '../../../common/markets/cn-futures/products';
import { buildFuturesContract, mainAndNextMonths } from '../../../common/markets/cn-futures/contract-calendar';
import { deliveryMonthOf, productIdOf } from '../../../common/markets/cn-futures/contract-codes';
import { type FuturesContract, isFuturesContract } from '../../../common/markets/cn-futures/futures-contract';
import { priceOfTicks, ticksOf } from '../../../common/markets/cn-futures/ticks';

/** A contract on the list and the product it belongs to. */
export interface ListedFuture {
  spec: FuturesProductSpec;
  contract: FuturesContract;
}

/** A price on the product's tick grid. */
function onGrid(price: number, tick: number): number {
  return priceOfTicks(ticksOf(price, tick), tick);
}

/**
 * The list for `day`. `settlements` holds yesterday's settlement price by vt_symbol; a contract
 * without one starts from its product's other listed month, else the table's reference price.
 * `held` names contracts to keep listed (while not expired) beyond the main and next months.
 */
export function listFutures(gatewayName: string, day: string, settlements: ReadonlyMap<string, number>, held: ReadonlySet<string> = new Set()): ListedFuture[] {
  const out: ListedFuture[] = [];
  for (const spec of FUTURES_PRODUCTS) {
    const { main, next } = mainAndNextMonths(spec, day);
    const months = [main, next];
    for (const vt of held) {
      const [symbol, exchange] = vt.split('.');
      if (exchange !== spec.exchange || !symbol || productIdOf(symbol) !== spec.product_id) continue;
      const m = deliveryMonthOf(symbol, Number(day.slice(0, 4)));
      if (!months.some((x) => x.year === m.year && x.month === m.month)) months.push(m);
    }
    const productPrice = [...settlements].find(([vt]) => vt.split('.')[1] === spec.exchange && productIdOf(vt.split('.')[0]!) === spec.product_id)?.[1];
    for (const month of months) {
      const probe = buildFuturesContract(spec, month, { gateway_name: gatewayName, pre_settlement: spec.reference_price });
      const pre = settlements.get(probe.vt_symbol) ?? productPrice ?? spec.reference_price;
      const contract = buildFuturesContract(spec, month, { gateway_name: gatewayName, pre_settlement: onGrid(pre, spec.pricetick) });
      if (!isFuturesContract(contract)) continue;
      // A contract past its last trading day is no longer listed (held lots would go to delivery).
      if (contract.expiry < day) continue;
      out.push({ spec, contract });
    }
  }
  return out;
}
