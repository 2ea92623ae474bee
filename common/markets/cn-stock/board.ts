/**
 * Which board a code trades on, and the order rules of each board (docs/a-share-rules.md,
 * "Orders"). Every figure is a default that a gateway or the settings may override.
 */
import { Board, Exchange, Product } from '../../constants';

export interface BoardRules {
  /** smallest buy order */
  minBuy: number;
  /** step above the minimum for buys */
  buyStep: number;
  maxLimitVolume: number;
  maxMarketVolume: number;
  /** daily price limit as a fraction of the previous close */
  limitRatio: number;
  pricetick: number;
}

/**
 * Main-board ST names moved from ±5 % to ±10 % on 2026-07-06 (docs/a-share-rules.md). Kept as a
 * named constant so a broker or a back-dated simulation can change it in one place.
 */
export const ST_LIMIT_RATIO = 0.1;

export const BOARD_RULES: Readonly<Record<Board, BoardRules>> = {
  [Board.MAIN]: { minBuy: 100, buyStep: 100, maxLimitVolume: 1_000_000, maxMarketVolume: 1_000_000, limitRatio: 0.1, pricetick: 0.01 },
  [Board.CHINEXT]: { minBuy: 100, buyStep: 100, maxLimitVolume: 300_000, maxMarketVolume: 150_000, limitRatio: 0.2, pricetick: 0.01 },
  [Board.STAR]: { minBuy: 200, buyStep: 1, maxLimitVolume: 100_000, maxMarketVolume: 50_000, limitRatio: 0.2, pricetick: 0.01 },
  [Board.BSE]: { minBuy: 100, buyStep: 1, maxLimitVolume: 1_000_000, maxMarketVolume: 1_000_000, limitRatio: 0.3, pricetick: 0.01 },
  [Board.FUND]: { minBuy: 100, buyStep: 100, maxLimitVolume: 1_000_000, maxMarketVolume: 1_000_000, limitRatio: 0.1, pricetick: 0.001 },
};

/** Board of a 6-digit code on its exchange. */
export function boardOf(symbol: string, exchange: Exchange): Board {
  if (exchange === Exchange.BSE) return Board.BSE;
  if (exchange === Exchange.SSE) {
    if (symbol.startsWith('688') || symbol.startsWith('689')) return Board.STAR;
    if (symbol.startsWith('5')) return Board.FUND;
    return Board.MAIN;
  }
  if (symbol.startsWith('300') || symbol.startsWith('301')) return Board.CHINEXT;
  if (symbol.startsWith('15') || symbol.startsWith('16') || symbol.startsWith('18')) return Board.FUND;
  return Board.MAIN;
}

/** Product class of a code: funds (ETFs, LOFs) or equities. */
export function productOf(symbol: string, exchange: Exchange): Product {
  return boardOf(symbol, exchange) === Board.FUND ? Product.ETF : Product.EQUITY;
}

/**
 * The board rules for a contract, with the ST price limit applied to main-board ST names.
 * `stLimitRatio` is for a back-dated simulation (±5 % before 2026-07-06) or a broker's own.
 */
export function rulesFor(board: Board, isSt: boolean, stLimitRatio: number = ST_LIMIT_RATIO): BoardRules {
  const base = BOARD_RULES[board];
  if (isSt && board === Board.MAIN) return { ...base, limitRatio: stLimitRatio };
  return base;
}
