/**
 * The exchange's order rules that need only the order and the contract (plus, for sells,
 * how many shares are sellable). The engine's pre-trade check, the SIM exchange and the
 * trading panel all call these, so a trader sees the same reason everywhere.
 */
import { Board, Direction, Exchange, MARKET_TYPES_BY_EXCHANGE, OrderType } from '../../constants';
import type { ContractData, OrderRequest } from '../../objects';
import type { RuleViolation } from '../market-rules';
import { isOnTick } from '../price';

export type { RuleViolation } from '../market-rules';

function violation(code: string, message: string): RuleViolation {
  return { code, message };
}

/** Volume must be a positive whole number of shares. */
export function checkVolumeIsPositiveInteger(volume: number): RuleViolation | null {
  if (!Number.isInteger(volume) || volume <= 0) {
    return violation('VOLUME_INVALID', `委托数量必须为正整数，当前为 ${volume}`);
  }
  return null;
}

/**
 * Board lots. Buys: main board, ChiNext and funds in multiples of 100; STAR at least 200 then
 * steps of 1; BSE at least 100 then steps of 1. Sells may carry an odd lot, but the whole
 * odd lot in one order: on a 100-share board the volume's remainder mod 100 must be 0 or the
 * holding's remainder; on STAR/BSE a sell under the minimum must be the whole holding.
 */
export function checkLot(contract: ContractData, direction: Direction, volume: number, sellable?: number): RuleViolation | null {
  const min = contract.min_volume;
  const step = contract.volume_step;
  const validLot = volume >= min && (volume - min) % step === 0;
  if (direction === Direction.LONG) {
    if (validLot) return null;
    if (contract.board === Board.STAR || contract.board === Board.BSE) {
      return violation('LOT_SIZE', `${contract.board}买入数量不得少于 ${min} 股（超出部分以 1 股递增），当前为 ${volume} 股`);
    }
    return violation('LOT_SIZE', `买入数量必须为 ${step} 股的整数倍，当前为 ${volume} 股`);
  }
  if (validLot) return null;
  const held = sellable ?? 0;
  if (step > 1) {
    // 100-share boards: the odd part of this order must be exactly the odd part of the holding.
    if (volume % step === held % step && volume <= held) return null;
    return violation('ODD_LOT', `卖出数量须为 ${step} 股的整数倍；零股（不足 ${step} 股部分，可卖 ${held % step} 股）须一次性全部卖出，当前为 ${volume} 股`);
  }
  if (volume === held) return null;
  return violation('ODD_LOT', `${contract.board}卖出不足 ${min} 股时须一次性卖出全部余股（可卖 ${held} 股），当前为 ${volume} 股`);
}

/** Largest single order: limit and market caps per board. */
export function checkMaxVolume(contract: ContractData, type: OrderType, volume: number): RuleViolation | null {
  const isMarket = type !== OrderType.LIMIT;
  const cap = isMarket ? contract.max_market_volume : contract.max_limit_volume;
  if (volume > cap) {
    return violation('MAX_ORDER_VOLUME', `${contract.board}${isMarket ? '市价' : '限价'}单每笔最多 ${cap.toLocaleString('en-US')} 股，当前为 ${volume.toLocaleString('en-US')} 股`);
  }
  return null;
}

/** The market order type must be one the exchange accepts. */
export function checkOrderType(contract: ContractData, type: OrderType): RuleViolation | null {
  if (type === OrderType.LIMIT) return null;
  if (!MARKET_TYPES_BY_EXCHANGE[contract.exchange].includes(type)) {
    return violation('ORDER_TYPE', `${contract.exchange}不支持“${type}”市价委托`);
  }
  return null;
}

/**
 * Limit orders: price on the tick and within limit-down..limit-up. Market orders are checked
 * only if they carry a protection price (SSE), which must obey the same bounds.
 */
export function checkPrice(contract: ContractData, type: OrderType, price: number): RuleViolation | null {
  if (type !== OrderType.LIMIT && !(price > 0)) return null;
  if (!Number.isFinite(price) || price <= 0) {
    return violation('PRICE_INVALID', `委托价格必须大于 0，当前为 ${price}`);
  }
  if (!isOnTick(price, contract.pricetick)) {
    return violation('PRICE_TICK', `委托价格须为最小价位 ${contract.pricetick} 元的整数倍，当前为 ${price}`);
  }
  if (contract.limit_up > 0 && price > contract.limit_up + 1e-9) {
    return violation('PRICE_LIMIT', `委托价格 ${price} 高于涨停价 ${contract.limit_up}`);
  }
  if (contract.limit_down > 0 && price < contract.limit_down - 1e-9) {
    return violation('PRICE_LIMIT', `委托价格 ${price} 低于跌停价 ${contract.limit_down}`);
  }
  return null;
}

/**
 * SSE market orders must carry a protection price (买入: the highest price it may fill at,
 * 卖出: the lowest); SZSE and BSE market orders need none. The counter refuses one without.
 */
export function checkProtectionPrice(contract: ContractData, type: OrderType, price: number): RuleViolation | null {
  if (type === OrderType.LIMIT || contract.exchange !== Exchange.SSE || price > 0) return null;
  return violation('PROTECTION_PRICE', '上交所市价委托须填写保护限价（买入为最高成交价，卖出为最低成交价）');
}

/**
 * All the contract-level rules in the order a trader would want to hear them. `sellable` is
 * the volume a sell may draw on (T+1 available); it also decides the odd-lot rule.
 */
export function checkOrderAgainstContract(req: OrderRequest, contract: ContractData, sellable?: number): RuleViolation | null {
  return (
    checkVolumeIsPositiveInteger(req.volume) ??
    checkOrderType(contract, req.type) ??
    checkLot(contract, req.direction, req.volume, sellable) ??
    checkMaxVolume(contract, req.type, req.volume) ??
    checkPrice(contract, req.type, req.price) ??
    checkProtectionPrice(contract, req.type, req.price)
  );
}
