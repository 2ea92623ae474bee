/**
 * Counter instruments (as decoded by koffi) → ContractData. A stock takes the board rules for
 * whatever its counter does not state; a futures-family instrument is taken as its counter
 * states it.
 */
import { type Exchange, Product } from '../../common/constants';
import type { ContractData } from '../../common/objects';
import { boardOf, rulesFor } from '../../common/markets/cn-stock/board';
import { limitPrices } from '../../common/markets/price';
import { TSC_PRODUCT_BOND, TSC_PRODUCT_FUND, TSC_PRODUCT_FUTURES, TSC_PRODUCT_OPTION, TSC_PRODUCT_SPREAD } from './abi';
import type { RawInstrument } from './abi-layout';
import { exchangeOf } from './convert';
import type { TextCodec } from './text-codec';

function productOf(code: number): Product {
  if (code === TSC_PRODUCT_FUND) return Product.ETF;
  if (code === TSC_PRODUCT_BOND) return Product.BOND;
  if (code === TSC_PRODUCT_FUTURES) return Product.FUTURES;
  if (code === TSC_PRODUCT_OPTION) return Product.OPTION;
  if (code === TSC_PRODUCT_SPREAD) return Product.SPREAD;
  return Product.EQUITY;
}

/** Futures, options and combinations: the counter's own figures, no stock-board rules. */
export function isDerivative(product: number): boolean {
  return product === TSC_PRODUCT_FUTURES || product === TSC_PRODUCT_OPTION || product === TSC_PRODUCT_SPREAD;
}

/**
 * The counter says what it knows (tick, lots, limits); the board rules fill in what it does
 * not (per-order caps, and limits when it reports none).
 */
export function toContract(raw: RawInstrument, codec: TextCodec, gateway: string): ContractData | undefined {
  // Only a futures-family product (an ABI v2 code) may sit on a futures exchange; a stock's
  // board rules would be nonsense there.
  const derivative = isDerivative(raw.product);
  const exchange = exchangeOf(codec.decode(raw.exchange), derivative);
  if (!exchange) return undefined;
  if (derivative) return toFuturesContract(raw, exchange, codec, gateway);
  const symbol = codec.decode(raw.symbol);
  const board = boardOf(symbol, exchange);
  const isSt = raw.is_st !== 0;
  const rules = rulesFor(board, isSt);
  const pricetick = raw.pricetick > 0 ? raw.pricetick : rules.pricetick;
  const limits = raw.limit_up > 0 ? { up: raw.limit_up, down: raw.limit_down } : limitPrices(raw.pre_close, rules.limitRatio, pricetick);
  return {
    gateway_name: gateway,
    symbol,
    exchange,
    vt_symbol: `${symbol}.${exchange}`,
    name: codec.decode(raw.name),
    product: productOf(raw.product),
    board,
    size: 1,
    pricetick,
    min_volume: raw.min_volume > 0 ? raw.min_volume : rules.minBuy,
    volume_step: raw.volume_step > 0 ? raw.volume_step : rules.buyStep,
    max_limit_volume: rules.maxLimitVolume,
    max_market_volume: rules.maxMarketVolume,
    pre_close: raw.pre_close,
    limit_up: limits.up,
    limit_down: limits.down,
    is_st: isSt,
    t0: raw.t0 !== 0,
    fin_eligible: false,
    slo_eligible: false,
  };
}

/** The counter's YYYYMMDD as the app's YYYY-MM-DD; undefined when it states none. */
function isoDate(yyyymmdd: string): string | undefined {
  return /^\d{8}$/.test(yyyymmdd) ? `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6)}` : undefined;
}

/**
 * A futures-family instrument as the counter states it: no board, lots of 1, T+0. Price limits
 * and the previous settlement are not instrument data in CTP (they come with each quote), nor
 * are the commission rates: those fields stay absent (limits 0) until something states them.
 */
function toFuturesContract(raw: RawInstrument, exchange: Exchange, codec: TextCodec, gateway: string): ContractData {
  const symbol = codec.decode(raw.symbol);
  const minVolume = raw.min_volume > 0 ? raw.min_volume : 1;
  const contract: ContractData = {
    gateway_name: gateway,
    symbol,
    exchange,
    vt_symbol: `${symbol}.${exchange}`,
    name: codec.decode(raw.name),
    product: productOf(raw.product),
    size: raw.size && raw.size > 0 ? raw.size : 1,
    pricetick: raw.pricetick,
    min_volume: minVolume,
    volume_step: raw.volume_step > 0 ? raw.volume_step : 1,
    max_limit_volume: raw.max_limit_volume && raw.max_limit_volume > 0 ? raw.max_limit_volume : minVolume,
    max_market_volume: raw.max_market_volume && raw.max_market_volume > 0 ? raw.max_market_volume : minVolume,
    pre_close: raw.pre_close,
    limit_up: raw.limit_up,
    limit_down: raw.limit_down,
    is_st: false,
    t0: true,
    fin_eligible: false,
    slo_eligible: false,
  };
  if (raw.min_market_volume && raw.min_market_volume > 0) contract.min_market_volume = raw.min_market_volume;
  if (raw.long_margin_ratio) contract.long_margin_ratio = raw.long_margin_ratio;
  if (raw.short_margin_ratio) contract.short_margin_ratio = raw.short_margin_ratio;
  const expiry = raw.expiry ? isoDate(codec.decode(raw.expiry)) : undefined;
  if (expiry) contract.expiry = expiry;
  const productId = raw.product_id ? codec.decode(raw.product_id) : '';
  if (productId) contract.product_id = productId;
  return contract;
}
