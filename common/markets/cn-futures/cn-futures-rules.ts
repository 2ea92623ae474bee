/**
 * China futures behind the MarketRules seam: lots (手), ticks and limits, the exchanges'
 * order types, offsets (开仓/平仓/平今/平昨) with each exchange's close rule, T+0, margin and
 * commission from the contract. Two positions per contract, 多 and 空: an open adds to the
 * position of its own direction, a close (a sell closes the long, a buy the short) takes from
 * the other one's today's (今仓) or yesterday's (昨仓) lots as the exchange's rule gives it.
 *
 * The seam's Holding keeps volumes and one exact cost, not lots: here the cost of a holding
 * is Σ open price × lots × size (yesterday's lots at the settlement price after a 日终结算, as
 * 逐日盯市 marks them), and a close takes the average cost out. The SIM keeps the lots
 * themselves (position.ts) and reports the exact figures; a counter's report replaces ours.
 */
import { Direction, Exchange, Market, MARKET_TYPES_BY_EXCHANGE, Offset, OrderType, Product } from '../../constants';
import type { CommissionRates, ContractData, OrderRequest } from '../../objects';
import type { AccountView, FeeBreakdown, FillTarget, HeldVolumes, Holding, MarketRules, OrderAmount, RuleViolation } from '../market-rules';
import { roundCents, roundTo } from '../price';
import { openCommission, closeCommission } from './commission';
import { productIdOf } from './contract-codes';
import { type FuturesExchange, type PositionBucket, isFuturesExchange } from './exchanges';
import { type FuturesContract, marginRatioOf } from './futures-contract';
import { freezePriceOf, marginOf } from './margin';
import { closableWith, closeBucketOrder, isCloseOffset } from './offset-converter';
import { checkFuturesOrder, checkFuturesDirection, checkFuturesOffset, checkFuturesOrderType, checkFuturesPrice, checkFuturesVolume } from './order-checks';
import { orderFreeze } from './account';
import { type FuturesHolding, type FuturesPosition, type PositionDirection } from './position';
import { productSpecOf } from './products';

const FUTURES_EXCHANGES: readonly FuturesExchange[] = [Exchange.CFFEX, Exchange.SHFE, Exchange.DCE, Exchange.CZCE, Exchange.INE, Exchange.GFEX];
const OFFSETS: readonly Offset[] = [Offset.OPEN, Offset.CLOSE, Offset.CLOSETODAY, Offset.CLOSEYESTERDAY];
const NO_FEES: CommissionRates = {
  open_ratio_by_money: 0, open_ratio_by_volume: 0,
  close_ratio_by_money: 0, close_ratio_by_volume: 0,
  close_today_ratio_by_money: 0, close_today_ratio_by_volume: 0,
};

/** The direction of the position an order closes: a sell (空) closes the long, a buy (多) the short. */
export function closedDirectionOf(orderDirection: Direction): PositionDirection {
  return orderDirection === Direction.LONG ? Direction.SHORT : Direction.LONG;
}

/**
 * The contract with every futures field present: a counter's contract may lack margin or fee
 * rates (CTP queries them separately), so the product table's typical figures fill the gaps,
 * then zero. Undefined for a contract these rules cannot trade (an option, a spread, a
 * contract on a non-futures exchange).
 */
export function futuresTermsOf(contract: ContractData): FuturesContract | undefined {
  if (contract.product !== Product.FUTURES || !isFuturesExchange(contract.exchange)) return undefined;
  const productId = contract.product_id ?? productIdOf(contract.symbol);
  const spec = productSpecOf(productId);
  const margin = spec?.margin_ratio ?? 0;
  return {
    ...contract,
    exchange: contract.exchange,
    product_id: productId,
    min_market_volume: contract.min_market_volume ?? 1,
    long_margin_ratio: contract.long_margin_ratio ?? margin,
    short_margin_ratio: contract.short_margin_ratio ?? margin,
    commission: contract.commission ?? spec?.commission ?? NO_FEES,
    expiry: contract.expiry ?? '9999-12-31',
    limit_ratio: contract.limit_ratio ?? spec?.limit_ratio ?? 0,
    pre_settlement: contract.pre_settlement ?? contract.pre_close,
  };
}

function notTradable(contract: ContractData): RuleViolation {
  return { code: 'PRODUCT', message: `${contract.symbol} 为${contract.product}，期货交易规则暂不支持该品种的委托` };
}

/**
 * A PositionData's volumes as a position by buckets. Lots are at one price (the volumes are
 * all the seam carries); only the volumes matter to what may be closed and frozen. Frozen lots
 * without a split (`yd_frozen` absent) are put where the exchange's plain 平仓 takes first.
 */
export function positionFromHeld(direction: PositionDirection, held: HeldVolumes | undefined, exchange: FuturesExchange, price = 0): FuturesPosition {
  const yesterday = held ? Math.max(0, Math.min(held.yd_volume, held.volume)) : 0;
  const today = held ? Math.max(0, held.volume - yesterday) : 0;
  const frozen = held ? Math.max(0, held.frozen) : 0;
  let ydFrozen: number;
  if (held?.yd_frozen !== undefined) ydFrozen = Math.min(held.yd_frozen, yesterday);
  else {
    const first = closeBucketOrder(exchange, Offset.CLOSE)[0];
    ydFrozen = first === 'yesterday' ? Math.min(frozen, yesterday) : Math.max(0, frozen - today);
  }
  return {
    direction,
    today: today > 0 ? [{ price, volume: today }] : [],
    yesterday: yesterday > 0 ? [{ price, volume: yesterday }] : [],
    pre_settlement: price,
    today_frozen: Math.min(today, Math.max(0, frozen - ydFrozen)),
    yesterday_frozen: ydFrozen,
  };
}

function holdingOfAccount(account: AccountView, exchange: FuturesExchange): FuturesHolding {
  return {
    long: positionFromHeld(Direction.LONG, account.position(Direction.LONG), exchange),
    short: positionFromHeld(Direction.SHORT, account.position(Direction.SHORT), exchange),
  };
}

/** Which bucket a close fill or order takes first when only its offset is known (no lots at hand). */
function firstBucket(exchange: FuturesExchange | undefined, offset: Offset): PositionBucket {
  if (!exchange) return 'yesterday';
  return closeBucketOrder(exchange, offset)[0] ?? 'yesterday';
}

/** The checks that need only the order and the contract, in the order a trader wants to hear them. */
function checkTerms(req: OrderRequest, c: FuturesContract): RuleViolation | null {
  return (
    checkFuturesDirection(req.direction) ??
    checkFuturesOffset(req.offset) ??
    checkFuturesOrderType(c, req.type, req.price) ??
    checkFuturesVolume(c, req.type, req.price, req.volume) ??
    checkFuturesPrice(c, req.type, req.price)
  );
}

/** The futures rulebook. */
export function createCnFuturesRules(): MarketRules {
  return {
    id: Market.CN_FUTURES,
    displayName: '期货',
    exchanges: FUTURES_EXCHANGES,

    volumeUnit: () => '手',
    orderTypes: (contract) => [OrderType.LIMIT, ...MARKET_TYPES_BY_EXCHANGE[contract.exchange]],
    offsets: () => OFFSETS,

    checkContract(req, contract, closable) {
      const c = futuresTermsOf(contract);
      if (!c) return notTradable(contract);
      const terms = checkTerms(req, c);
      if (terms) return terms;
      if (closable !== undefined && isCloseOffset(req.offset) && req.volume > closable) {
        return { code: 'OVER_CLOSE', message: `可平仓位不足：可平 ${closable} 手，委托平仓 ${req.volume} 手` };
      }
      return null;
    },

    checkOrder(req, contract, account) {
      const c = futuresTermsOf(contract);
      if (!c) return notTradable(contract);
      const holding = holdingOfAccount(account, c.exchange);
      if (!account.account) {
        const terms = checkFuturesOrder(req, c, { holding, available: Number.POSITIVE_INFINITY, freeze: { margin: 0, commission: 0 } });
        return terms ?? { code: 'NO_ACCOUNT', message: `接口 ${contract.gateway_name} 尚未返回资金账户，暂不能下单` };
      }
      const freeze = orderFreeze(c, holding, req);
      return checkFuturesOrder(req, c, { holding, available: account.account.available, freeze });
    },

    closable(order, contract, positions) {
      if (!isCloseOffset(order.offset) || !isFuturesExchange(contract.exchange)) return undefined;
      const direction = closedDirectionOf(order.direction);
      const position = positionFromHeld(direction, positions(direction), contract.exchange);
      // T+0: today's lots are closable today; on SHFE/INE the offset picks the bucket, not the day's rule.
      return { volume: closableWith(position, contract.exchange, order.offset), lockedToday: 0 };
    },

    requiredFunds(order: OrderAmount, contract) {
      const c = futuresTermsOf(contract);
      if (!c) return 0;
      const price = freezePriceOf(c, order.direction, order.price);
      if (order.offset === Offset.OPEN) {
        return roundCents(marginOf(price, order.volume, c.size, marginRatioOf(c, order.direction)) + openCommission(c.commission, price, order.volume, c.size));
      }
      if (!isCloseOffset(order.offset)) return 0;
      const split = firstBucket(c.exchange, order.offset) === 'today' ? { today: order.volume, yesterday: 0 } : { today: 0, yesterday: order.volume };
      return closeCommission(c.commission, price, split, c.size);
    },

    fillFees(contract, fill): FeeBreakdown {
      const c = futuresTermsOf(contract);
      let commission = 0;
      if (c && fill.offset === Offset.OPEN) commission = openCommission(c.commission, fill.price, fill.volume, c.size);
      else if (c && isCloseOffset(fill.offset)) {
        // Without the lots at hand the fill is charged at the rate of the bucket its offset takes first.
        const today = firstBucket(c.exchange, fill.offset) === 'today';
        commission = closeCommission(c.commission, fill.price, today ? { today: fill.volume, yesterday: 0 } : { today: 0, yesterday: fill.volume }, c.size);
      }
      return { commission, stamp_duty: 0, transfer_fee: 0, total: commission };
    },

    positionOfFill(fill): FillTarget | undefined {
      if (fill.offset === Offset.OPEN) return fill.direction === Direction.NET ? undefined : { direction: fill.direction, opens: true };
      if (isCloseOffset(fill.offset)) return { direction: closedDirectionOf(fill.direction), opens: false };
      // A fill without an offset (an old counter library) moves nothing: the counter's position report rules.
      return undefined;
    },

    applyFill(h, fill, contract): Holding {
      const size = contract?.size ?? 1;
      if (fill.opens) return { ...h, volume: h.volume + fill.volume, cost: h.cost + fill.price * fill.volume * size };
      const closed = Math.min(fill.volume, h.volume);
      const exchange = contract && isFuturesExchange(contract.exchange) ? contract.exchange : undefined;
      const todayHeld = h.volume - h.yd_volume;
      // The buckets in the exchange's order for this offset; whatever is left (a counter that
      // closed more than we think it could) comes out of the other bucket.
      const fromToday = firstBucket(exchange, fill.offset) === 'today' ? Math.min(closed, todayHeld) : Math.max(0, closed - h.yd_volume);
      const fromYesterday = closed - fromToday;
      return {
        volume: h.volume - closed,
        yd_volume: Math.max(0, h.yd_volume - fromYesterday),
        frozen: Math.max(0, h.frozen - closed),
        cost: h.volume > 0 ? h.cost * ((h.volume - closed) / h.volume) : 0,
      };
    },

    holdingCost: (price, volume, contract) => price * volume * (contract?.size ?? 1),

    holdingPrice: (h, contract) => (h.volume > 0 ? roundTo(h.cost / (h.volume * (contract?.size ?? 1)), 4) : 0),

    holdingPnl(h, direction, lastPrice, contract) {
      const value = lastPrice * h.volume * (contract?.size ?? 1);
      return roundCents(direction === Direction.SHORT ? h.cost - value : value - h.cost);
    },

    settleHolding(h, contract, settlementPrice) {
      // 逐日盯市: the day's PnL is settled into the balance, tomorrow's lots are marked from the settlement price.
      const cost = settlementPrice !== undefined && settlementPrice > 0 ? settlementPrice * h.volume * (contract?.size ?? 1) : h.cost;
      return { volume: h.volume, yd_volume: h.volume, frozen: 0, cost };
    },
  };
}

/** The futures rulebook, one instance (it has no settings). */
export const CN_FUTURES_RULES: MarketRules = createCnFuturesRules();
