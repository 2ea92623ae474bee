/**
 * Security codes in every form traders bring from other platforms, parsed to the internal
 * vn.py form `600000.SSE`. See docs/a-share-rules.md, "Code forms".
 */
import { Exchange } from './constants';
import { TraderError } from './errors';

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

function build(symbol: string, exchange: Exchange | undefined, input: string): ParsedCode {
  if (!SIX_DIGITS.test(symbol)) throw badCode(input, '代码应为6位数字');
  if (!exchange) throw badCode(input, '无法确定交易所');
  return { symbol, exchange, vt_symbol: `${symbol}.${exchange}` };
}

/**
 * Parse any supported form: 600000.SSE, 600000.SH, 600570.SS, 000001.XSHE, 600000.XSHG,
 * SH600000, sh.600000, SHSE.600000 or a bare 600000. Throws TraderError('BAD_CODE').
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
    throw badCode(input, '代码应为6位数字');
  }

  const prefixed = /^(SH|SZ|BJ)(\d{6})$/.exec(upper);
  if (prefixed) return build(prefixed[2]!, PREFIX_EXCHANGE[prefixed[1]!], input);
  if (SIX_DIGITS.test(upper)) return build(upper, inferExchange(upper), input);
  throw badCode(input, '格式应如 600000、600000.SH 或 SH600000');
}

/** XtQuant / Tushare form: 600000.SH, 000001.SZ, 430047.BJ */
export function toXtQuantCode(symbol: string, exchange: Exchange): string {
  const suffix = exchange === Exchange.SSE ? 'SH' : exchange === Exchange.SZSE ? 'SZ' : 'BJ';
  return `${symbol}.${suffix}`;
}

/** Ptrade form: 600570.SS, 000001.SZ (Ptrade has no BSE suffix; .BJ is used). */
export function toPtradeCode(symbol: string, exchange: Exchange): string {
  const suffix = exchange === Exchange.SSE ? 'SS' : exchange === Exchange.SZSE ? 'SZ' : 'BJ';
  return `${symbol}.${suffix}`;
}

/** JoinQuant form: 600000.XSHG, 000001.XSHE (JoinQuant has no BSE suffix; .BJ is used). */
export function toJoinQuantCode(symbol: string, exchange: Exchange): string {
  const suffix = exchange === Exchange.SSE ? 'XSHG' : exchange === Exchange.SZSE ? 'XSHE' : 'BJ';
  return `${symbol}.${suffix}`;
}
