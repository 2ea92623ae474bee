/**
 * Contract months of a product: the last trading day of a contract, which contracts are the
 * main (主力) and next ones on a date, and the ContractData of a listed contract.
 */
import { Product } from '../../constants';
import type { ContractData } from '../../objects';
import { formatFuturesSymbol } from './contract-codes';
import { futuresLimitPrices } from './price-limits';
import type { FuturesProductSpec } from './products';
import { addDays, isTradingDay, nextTradingDay } from './sessions';

/** A delivery year and month. */
export interface ContractMonth {
  year: number;
  month: number;
}

function ymd(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function onOrAfter(date: string, holidays: ReadonlySet<string>): string {
  return isTradingDay(date, holidays) ? date : nextTradingDay(date, holidays);
}

function monthPlus(m: ContractMonth, months: number): ContractMonth {
  const index = m.year * 12 + (m.month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/**
 * The last trading day (YYYY-MM-DD) of a product's contract for a delivery month, by the
 * product's rule; a day that falls on a weekend or holiday moves as the exchanges say (the
 * next trading day for a fixed date, the previous one for "last trading day of a month").
 */
export function expiryOf(spec: FuturesProductSpec, year: number, month: number, holidays: ReadonlySet<string> = new Set()): string {
  const rule = spec.expiry;
  switch (rule.kind) {
    case 'third-friday': {
      const first = new Date(Date.UTC(year, month - 1, 1)).getUTCDay();
      const firstFriday = 1 + ((5 - first + 7) % 7);
      return onOrAfter(ymd(year, month, firstFriday + 14), holidays);
    }
    case 'day-of-month':
      return onOrAfter(ymd(year, month, rule.day), holidays);
    case 'nth-trading-day': {
      let day = onOrAfter(ymd(year, month, 1), holidays);
      for (let i = 1; i < rule.n; i++) day = nextTradingDay(day, holidays);
      return day;
    }
    case 'last-trading-day-of-prior-month': {
      let day = addDays(ymd(year, month, 1), -1);
      while (!isTradingDay(day, holidays)) day = addDays(day, -1);
      return day;
    }
  }
}

/**
 * The main and next contracts of a product on a date (YYYY-MM-DD). CFFEX index futures: the
 * current month's contract until its last trading day, then the next month's; next is the
 * month after. Commodities: the first active month at least `leadMonths` ahead, and the
 * active month after it.
 */
export function mainAndNextMonths(spec: FuturesProductSpec, date: string, holidays: ReadonlySet<string> = new Set()): { main: ContractMonth; next: ContractMonth } {
  const current: ContractMonth = { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
  const rule = spec.main;
  if (rule.kind === 'index-monthly') {
    const main = date > expiryOf(spec, current.year, current.month, holidays) ? monthPlus(current, 1) : current;
    return { main, next: monthPlus(main, 1) };
  }
  let ahead = rule.leadMonths;
  while (!rule.months.includes(monthPlus(current, ahead).month)) ahead++;
  const main = monthPlus(current, ahead);
  do ahead++;
  while (!rule.months.includes(monthPlus(current, ahead).month));
  return { main, next: monthPlus(current, ahead) };
}

/** Codes of the main and next contracts on a date, in the exchange's own form (rb2701, MA701). */
export function mainAndNextSymbols(spec: FuturesProductSpec, date: string, holidays: ReadonlySet<string> = new Set()): { main: string; next: string } {
  const { main, next } = mainAndNextMonths(spec, date, holidays);
  return {
    main: formatFuturesSymbol(spec.product_id, spec.exchange, main.year, main.month),
    next: formatFuturesSymbol(spec.product_id, spec.exchange, next.year, next.month),
  };
}

/** What a listing needs beyond the product spec. */
export interface ListingOptions {
  gateway_name: string;
  /** yesterday's settlement price, the base of today's limits */
  pre_settlement: number;
  /** yesterday's close; the settlement price when not given */
  pre_close?: number;
  holidays?: ReadonlySet<string>;
}

/**
 * The ContractData of a product's contract for a delivery month, with every futures field
 * filled from the spec and today's limits from the previous settlement price. The A-share
 * fields get their futures meaning: lots of 1, T+0, no board, no margin-trading eligibility.
 */
export function buildFuturesContract(spec: FuturesProductSpec, month: ContractMonth, options: ListingOptions): ContractData {
  const symbol = formatFuturesSymbol(spec.product_id, spec.exchange, month.year, month.month);
  const { up, down } = futuresLimitPrices(options.pre_settlement, spec.limit_ratio, spec.pricetick);
  const yymm = `${String(month.year % 100).padStart(2, '0')}${String(month.month).padStart(2, '0')}`;
  return {
    gateway_name: options.gateway_name,
    symbol,
    exchange: spec.exchange,
    vt_symbol: `${symbol}.${spec.exchange}`,
    name: `${spec.name}${yymm}`,
    product: Product.FUTURES,
    size: spec.size,
    pricetick: spec.pricetick,
    min_volume: 1,
    volume_step: 1,
    max_limit_volume: spec.max_limit_volume,
    max_market_volume: spec.max_market_volume,
    pre_close: options.pre_close ?? options.pre_settlement,
    limit_up: up,
    limit_down: down,
    is_st: false,
    t0: true,
    fin_eligible: false,
    slo_eligible: false,
    product_id: spec.product_id,
    min_market_volume: 1,
    long_margin_ratio: spec.margin_ratio,
    short_margin_ratio: spec.margin_ratio,
    commission: spec.commission,
    expiry: expiryOf(spec, month.year, month.month, options.holidays),
    limit_ratio: spec.limit_ratio,
    pre_settlement: options.pre_settlement,
  };
}
