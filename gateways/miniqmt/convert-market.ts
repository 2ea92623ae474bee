/**
 * xtdata's instrument details and ticks → our contracts and ticks. xtdata reports what the
 * exchange publishes (name, previous close, limits, tick size); the A-share board rules
 * (common/markets/cn-stock) fill in the rest (lots, per-order caps), as for every other gateway.
 */
import type { Exchange } from '../../common/constants';
import type { ContractData, TickData } from '../../common/objects';
import { boardOf, productOf, rulesFor } from '../../common/markets/cn-stock/board';
import { limitPrices } from '../../common/markets/price';
import { epochMs, num, numbers, str, type XtInstrument, type XtTick } from './xt-wire';

/**
 * xtdata's level-1 tick counts stock volumes (volume, askVol, bidVol) in 手 of 100 shares;
 * pvolume, where present, is the raw share count and wins.
 */
export const SHARES_PER_HAND = 100;

export function toContract(raw: XtInstrument, symbol: string, exchange: Exchange, gateway: string): ContractData {
  const name = str(raw.InstrumentName) || symbol;
  const isSt = /ST/i.test(name);
  const board = boardOf(symbol, exchange);
  const rules = rulesFor(board, isSt);
  const pricetick = num(raw.PriceTick) > 0 ? num(raw.PriceTick) : rules.pricetick;
  const preClose = num(raw.PreClose);
  const up = num(raw.UpStopPrice);
  const down = num(raw.DownStopPrice);
  // No limits from xtdata (a new listing, or a quiet data feed): derive them from the close.
  const limits = up > 0 && down > 0 ? { up, down } : preClose > 0 ? limitPrices(preClose, rules.limitRatio, pricetick) : { up: 0, down: 0 };
  return {
    gateway_name: gateway,
    symbol,
    exchange,
    vt_symbol: `${symbol}.${exchange}`,
    name,
    product: productOf(symbol, exchange),
    board,
    size: 1,
    pricetick,
    min_volume: rules.minBuy,
    volume_step: rules.buyStep,
    max_limit_volume: rules.maxLimitVolume,
    max_market_volume: rules.maxMarketVolume,
    pre_close: preClose,
    limit_up: limits.up,
    limit_down: limits.down,
    is_st: isSt,
    // The counter's can_use_volume already says what T+0 lets a holding sell today (see
    // toPosition), so the engine's T+1 check reads it as it is.
    t0: false,
    fin_eligible: false,
    slo_eligible: false,
  };
}

/** A contract for a code xtdata could not describe (a holding when xtdata is unavailable). */
export function fallbackContract(symbol: string, exchange: Exchange, gateway: string): ContractData {
  return toContract({}, symbol, exchange, gateway);
}

export function toTick(raw: XtTick, contract: ContractData, now: number): TickData {
  const hands = (v: unknown) => numbers(v, 5).map((x) => x * SHARES_PER_HAND);
  const bidPrice = numbers(raw.bidPrice, 5);
  const askPrice = numbers(raw.askPrice, 5);
  const bidVolume = hands(raw.bidVol);
  const askVolume = hands(raw.askVol);
  const pvolume = num(raw.pvolume);
  return {
    gateway_name: contract.gateway_name,
    symbol: contract.symbol,
    exchange: contract.exchange,
    vt_symbol: contract.vt_symbol,
    datetime: epochMs(raw.time, now),
    name: contract.name,
    volume: pvolume > 0 ? pvolume : num(raw.volume) * SHARES_PER_HAND,
    turnover: num(raw.amount),
    last_price: num(raw.lastPrice),
    last_volume: 0,
    limit_up: contract.limit_up,
    limit_down: contract.limit_down,
    open_price: num(raw.open),
    high_price: num(raw.high),
    low_price: num(raw.low),
    pre_close: num(raw.lastClose) || contract.pre_close,
    bid_price_1: bidPrice[0]!, bid_price_2: bidPrice[1]!, bid_price_3: bidPrice[2]!, bid_price_4: bidPrice[3]!, bid_price_5: bidPrice[4]!,
    ask_price_1: askPrice[0]!, ask_price_2: askPrice[1]!, ask_price_3: askPrice[2]!, ask_price_4: askPrice[3]!, ask_price_5: askPrice[4]!,
    bid_volume_1: bidVolume[0]!, bid_volume_2: bidVolume[1]!, bid_volume_3: bidVolume[2]!, bid_volume_4: bidVolume[3]!, bid_volume_5: bidVolume[4]!,
    ask_volume_1: askVolume[0]!, ask_volume_2: askVolume[1]!, ask_volume_3: askVolume[2]!, ask_volume_4: askVolume[3]!, ask_volume_5: askVolume[4]!,
  };
}
