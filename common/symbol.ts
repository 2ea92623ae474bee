/**
 * Security codes in every form traders bring from other platforms, parsed to the internal
 * vn.py form `600000.SSE` or `rb2701.SHFE`. See docs/a-share-rules.md, "Code forms", and
 * docs/futures.md, "Contract codes".
 */
import { Exchange } from './constants';
import { TraderError } from './errors';
import {
  czceFullYear, exchangeOfProduct, looksLikeFuturesCode, normaliseFuturesSymbol,
} from './markets/cn-futures/contract-codes';
import { type FuturesExchange, isFuturesExchange } from './markets/cn-futures/exchanges';

export interface ParsedCode {
  symbol: string;
  exchange: Exchange;
  /** internal form, e.g. 600000.SSE */
  vt_symbol: string;
}

const SUFFIX_EXCHANGE: Readonly<Record<string, Exchange>> = {
  SSE: Exchange.SSE, SH: Exchange.SSE, SS: Exchange.SSE, XSHG: Exchange.SSE,
  SZSE: Exchange.SZSE, SZ: Exchange.SZSE, XSHE: Exchange.SZSE,
  BSE: Exchange.BSE, BJ: Exchange.BSE,
};

/** Prefixes that come before the code: 通达信 SH600000, BaoStock sh.600000, 掘金 SHSE.600000. */
const PREFIX_EXCHANGE: Readonly<Record<string, Exchange>> = {
  SH: Exchange.SSE, SHSE: Exchange.SSE,
  SZ: Exchange.SZSE, SZSE: Exchange.SZSE,
  BJ: Exchange.BSE, BJSE: Exchange.BSE,
};

/**
 * Futures exchange suffixes: vn.py's own names, Tushare's (.SHF .ZCE .CFX .GFE), JoinQuant's
 * and Ptrade's (.XSGE .XDCE .XZCE .CCFX .XINE .GFEX) and XtQuant's (.SF .DF .ZF .IF .GF).
 */
const FUTURES_SUFFIX_EXCHANGE: Readonly<Record<string, FuturesExchange>> = {
  SHFE: Exchange.SHFE, SHF: Exchange.SHFE, XSGE: Exchange.SHFE, SF: Exchange.SHFE,
  DCE: Exchange.DCE, XDCE: Exchange.DCE, DF: Exchange.DCE,
  CZCE: Exchange.CZCE, ZCE: Exchange.CZCE, XZCE: Exchange.CZCE, ZF: Exchange.CZCE,
  CFFEX: Exchange.CFFEX, CFX: Exchange.CFFEX, CCFX: Exchange.CFFEX, IF: Exchange.CFFEX,
  INE: Exchange.INE, XINE: Exchange.INE,
  GFEX: Exchange.GFEX, GFE: Exchange.GFEX, GF: Exchange.GFEX,
};

/** Exchange names written before a futures code (TqSdk, 掘金): SHFE.rb2701, CZCE.MA701. */
const FUTURES_PREFIX_EXCHANGE: Readonly<Record<string, FuturesExchange>> = {
  SHFE: Exchange.SHFE, DCE: Exchange.DCE, CZCE: Exchange.CZCE,
  CFFEX: Exchange.CFFEX, INE: Exchange.INE, GFEX: Exchange.GFEX,
};

const XTQUANT_FUTURES_SUFFIX: Readonly<Record<FuturesExchange, string>> = {
  [Exchange.SHFE]: 'SF', [Exchange.DCE]: 'DF', [Exchange.CZCE]: 'ZF',
  [Exchange.CFFEX]: 'IF', [Exchange.INE]: 'INE', [Exchange.GFEX]: 'GF',
};

const JOINQUANT_FUTURES_SUFFIX: Readonly<Record<FuturesExchange, string>> = {
  [Exchange.SHFE]: 'XSGE', [Exchange.DCE]: 'XDCE', [Exchange.CZCE]: 'XZCE',
  [Exchange.CFFEX]: 'CCFX', [Exchange.INE]: 'XINE', [Exchange.GFEX]: 'GFEX',
};

const SIX_DIGITS = /^\d{6}$/;

/** Exchange of a bare 6-digit code from its prefix; undefined when the prefix says nothing. */
export function inferExchange(symbol: string): Exchange | undefined {
  if (!SIX_DIGITS.test(symbol)) return undefined;
  // 920xxx is the BSE's new range and must win over SSE's 9xxxxx (B shares).
  if (symbol.startsWith('920')) return Exchange.BSE;
  const first = symbol[0];
  if (first === '6' || first === '5' || first === '9') return Exchange.SSE;
  if (first === '0' || first === '1' || first === '2' || first === '3') return Exchange.SZSE;
  if (first === '4' || first === '8') return Exchange.BSE;
  return undefined;
}

function badCode(input: string, why: string): TraderError {
  return new TraderError('BAD_CODE', `无法识别的证券代码“${input}”：${why}`);
}

function buildFutures(code: string, exchange: FuturesExchange, input: string): ParsedCode {
  const n = normaliseFuturesSymbol(code, exchange);
  if (!n.ok) throw badCode(input, n.why);
  return { symbol: n.symbol, exchange, vt_symbol: `${n.symbol}.${exchange}` };
}

/** A stock code: `symbol` is six digits already (every caller has matched them). */
function build(symbol: string, exchange: Exchange | undefined, input: string): ParsedCode {
  if (!exchange) throw badCode(input, '无法确定交易所');
  return { symbol, exchange, vt_symbol: `${symbol}.${exchange}` };
}

/**
 * Parse any supported form. Stocks: 600000.SSE, 600000.SH, 600570.SS, 000001.XSHE,
 * 600000.XSHG, SH600000, sh.600000, SHSE.600000 or a bare 600000. Futures: rb2701.SHFE,
 * RB2701.SHF, RB2701.XSGE, rb2701.SF, SHFE.rb2701, MA701.CZCE, MA2701.ZCE, IF2612.CFFEX,
 * IF2612.CFX, IF2612.CCFX or a bare rb2701 where the product is known; the symbol comes back
 * in the exchange's own form (rb2701, MA701, IF2612). Throws TraderError('BAD_CODE').
 */
export function parseCode(input: string): ParsedCode {
  const text = String(input ?? '').trim();
  if (!text) throw badCode(input, '代码为空');
  const upper = text.toUpperCase();

  const dot = upper.indexOf('.');
  if (dot >= 0) {
    const left = upper.slice(0, dot);
    const right = upper.slice(dot + 1);
    if (SIX_DIGITS.test(left)) {
      const exchange = SUFFIX_EXCHANGE[right];
      if (!exchange) throw badCode(input, `未知的交易所后缀“${text.slice(dot + 1)}”`);
      return build(left, exchange, input);
    }
    if (SIX_DIGITS.test(right)) {
      const exchange = PREFIX_EXCHANGE[left];
      if (!exchange) throw badCode(input, `未知的交易所前缀“${text.slice(0, dot)}”`);
      return build(right, exchange, input);
    }
    if (looksLikeFuturesCode(left)) {
      const exchange = FUTURES_SUFFIX_EXCHANGE[right];
      if (!exchange) throw badCode(input, `未知的期货交易所后缀“${text.slice(dot + 1)}”`);
      return buildFutures(left, exchange, input);
    }
    if (looksLikeFuturesCode(right)) {
      const exchange = FUTURES_PREFIX_EXCHANGE[left];
      if (!exchange) throw badCode(input, `未知的期货交易所前缀“${text.slice(0, dot)}”`);
      return buildFutures(right, exchange, input);
    }
    throw badCode(input, '股票代码应为6位数字，期货代码应如 rb2701');
  }

  const prefixed = /^(SH|SZ|BJ)(\d{6})$/.exec(upper);
  if (prefixed) return build(prefixed[2]!, PREFIX_EXCHANGE[prefixed[1]!], input);
  if (SIX_DIGITS.test(upper)) return build(upper, inferExchange(upper), input);
  if (looksLikeFuturesCode(upper)) {
    const letters = /^[A-Z]+/.exec(upper)![0];
    const exchange = exchangeOfProduct(letters);
    if (!exchange) throw badCode(input, `未知的期货品种“${letters}”，请带交易所后缀，如 rb2701.SHFE`);
    return buildFutures(upper, exchange, input);
  }
  throw badCode(input, '格式应如 600000、600000.SH、SH600000 或 rb2701.SHFE');
}

/**
 * A futures code in JoinQuant's and Ptrade's spelling: upper case, and CZCE's year in four
 * digits (MA701 → MA2701), the decade taken from `refMs`.
 */
function upperFuturesCode(symbol: string, exchange: FuturesExchange, refMs: number): string {
  const upper = symbol.toUpperCase();
  if (exchange !== Exchange.CZCE) return upper;
  const m = /^([A-Z]+)(\d)(\d\d)$/.exec(upper);
  if (!m) return upper;
  const year = czceFullYear(Number(m[2]), new Date(refMs).getUTCFullYear());
  return `${m[1]}${String(year % 100).padStart(2, '0')}${m[3]}`;
}

/** XtQuant / Tushare form: 600000.SH, 000001.SZ, 430047.BJ; futures as XtQuant: rb2701.SF, IF2612.IF. */
export function toXtQuantCode(symbol: string, exchange: Exchange): string {
  if (isFuturesExchange(exchange)) return `${symbol}.${XTQUANT_FUTURES_SUFFIX[exchange]}`;
  const suffix = exchange === Exchange.SSE ? 'SH' : exchange === Exchange.SZSE ? 'SZ' : 'BJ';
  return `${symbol}.${suffix}`;
}

/** Ptrade form: 600570.SS, 000001.SZ (Ptrade has no BSE suffix; .BJ is used); futures IF2612.CCFX, RB2701.XSGE. */
export function toPtradeCode(symbol: string, exchange: Exchange, refMs: number = Date.now()): string {
  if (isFuturesExchange(exchange)) return `${upperFuturesCode(symbol, exchange, refMs)}.${JOINQUANT_FUTURES_SUFFIX[exchange]}`;
  const suffix = exchange === Exchange.SSE ? 'SS' : exchange === Exchange.SZSE ? 'SZ' : 'BJ';
  return `${symbol}.${suffix}`;
}

/**
 * JoinQuant form: 600000.XSHG, 000001.XSHE (JoinQuant has no BSE suffix; .BJ is used);
 * futures RB2701.XSGE, IF2612.CCFX, MA2701.XZCE (CZCE's decade from refMs).
 */
export function toJoinQuantCode(symbol: string, exchange: Exchange, refMs: number = Date.now()): string {
  if (isFuturesExchange(exchange)) return `${upperFuturesCode(symbol, exchange, refMs)}.${JOINQUANT_FUTURES_SUFFIX[exchange]}`;
  const suffix = exchange === Exchange.SSE ? 'XSHG' : exchange === Exchange.SZSE ? 'XSHE' : 'BJ';
  return `${symbol}.${suffix}`;
}
