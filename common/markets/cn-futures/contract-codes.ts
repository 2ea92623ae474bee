/**
 * Futures contract codes as each exchange writes them: product letters then the delivery
 * year and month. CFFEX and CZCE write the product in upper case (IF2612, MA701), the others
 * in lower case (rb2701, i2701, sc2701, si2701); CZCE writes one digit of the year (MA701 is
 * January 2027), the others two. Other platforms' forms (RB2701, MA2701) are normalised to
 * the exchange's own, which is what vn.py and CTP use.
 */
import { Exchange } from '../../constants';
import { TraderError } from '../../errors';
import { type FuturesExchange, futuresExchangeRules } from './exchanges';

/**
 * Products listed on each exchange (2025), to tell the exchange of a code given without a
 * suffix. A product not here still parses when the code carries its exchange.
 */
export const LISTED_PRODUCTS: Readonly<Record<FuturesExchange, readonly string[]>> = {
  [Exchange.CFFEX]: ['IF', 'IH', 'IC', 'IM', 'TS', 'TF', 'T', 'TL'],
  [Exchange.SHFE]: ['cu', 'al', 'zn', 'pb', 'ni', 'sn', 'ao', 'ad', 'au', 'ag', 'rb', 'wr', 'hc', 'ss', 'bu', 'ru', 'fu', 'sp', 'br', 'op'],
  [Exchange.DCE]: ['a', 'b', 'm', 'y', 'p', 'c', 'cs', 'jd', 'rr', 'l', 'v', 'pp', 'eg', 'eb', 'pg', 'lh', 'i', 'j', 'jm', 'fb', 'bb', 'lg'],
  [Exchange.CZCE]: ['WH', 'PM', 'CF', 'SR', 'OI', 'RI', 'RS', 'RM', 'JR', 'LR', 'CY', 'AP', 'CJ', 'PK', 'TA', 'MA', 'FG', 'ZC', 'SF', 'SM', 'UR', 'SA', 'PF', 'PX', 'SH', 'PR'],
  [Exchange.INE]: ['sc', 'lu', 'nr', 'bc', 'ec'],
  [Exchange.GFEX]: ['si', 'lc', 'ps', 'pt', 'pd'],
};

const PRODUCT_EXCHANGE: ReadonlyMap<string, FuturesExchange> = new Map(
  (Object.entries(LISTED_PRODUCTS) as [FuturesExchange, readonly string[]][]).flatMap(([exchange, products]) =>
    products.map((p) => [p.toUpperCase(), exchange] as const),
  ),
);

/** Product letters followed by 3 or 4 digits of year and month. */
const FUTURES_CODE = /^([A-Za-z]{1,2})(\d{3,4})$/;

/** True when the text has the shape of a futures code (letters + 3 or 4 digits). */
export function looksLikeFuturesCode(text: string): boolean {
  return FUTURES_CODE.test(text);
}

/** The exchange listing a product, by its letters in any case; undefined when unknown. */
export function exchangeOfProduct(letters: string): FuturesExchange | undefined {
  return PRODUCT_EXCHANGE.get(letters.toUpperCase());
}

/** A code in the exchange's own form, or why it cannot be one. */
export type NormalisedSymbol = { ok: true; symbol: string; product_id: string } | { ok: false; why: string };

/**
 * A futures code in the exchange's own form: rb2701 for RB2701.SHFE, MA701 for MA2701.CZCE.
 * `why` (Chinese) says what is wrong when the code cannot be one of the exchange's.
 */
export function normaliseFuturesSymbol(text: string, exchange: FuturesExchange): NormalisedSymbol {
  const m = FUTURES_CODE.exec(text);
  const rules = futuresExchangeRules(exchange);
  if (!m) return { ok: false, why: `期货合约代码应为品种字母加年月，如 ${exampleOf(exchange)}` };
  const letters = m[1]!;
  let digits = m[2]!;
  if (rules.yearDigits === 1) {
    // CZCE: MA2701 from JoinQuant or Tushare is MA701 on the exchange.
    if (digits.length === 4) digits = digits.slice(1);
  } else if (digits.length !== 4) {
    return { ok: false, why: `${rules.name}合约代码的年月为4位，如 ${exampleOf(exchange)}` };
  }
  const month = Number(digits.slice(-2));
  if (month < 1 || month > 12) return { ok: false, why: `月份应为 01–12，当前为 ${digits.slice(-2)}` };
  const product_id = rules.upperCaseProduct ? letters.toUpperCase() : letters.toLowerCase();
  return { ok: true, symbol: `${product_id}${digits}`, product_id };
}

function exampleOf(exchange: FuturesExchange): string {
  const product = LISTED_PRODUCTS[exchange][0]!;
  return futuresExchangeRules(exchange).yearDigits === 1 ? `${product}701` : `${product}2701`;
}

/** The code of a product's contract for a delivery year and month: rb2701, IF2612, MA701. */
export function formatFuturesSymbol(productId: string, exchange: FuturesExchange, year: number, month: number): string {
  const rules = futuresExchangeRules(exchange);
  const product = rules.upperCaseProduct ? productId.toUpperCase() : productId.toLowerCase();
  const yy = rules.yearDigits === 1 ? String(year % 10) : String(year % 100).padStart(2, '0');
  return `${product}${yy}${String(month).padStart(2, '0')}`;
}

/**
 * The four-digit year of CZCE's one-digit year: the year ending in that digit from eight
 * years before `refYear` to one year after, since contracts are listed at most a year ahead.
 */
export function czceFullYear(digit: number, refYear: number): number {
  const low = refYear - 8;
  return low + ((((digit - low) % 10) + 10) % 10);
}

/**
 * Delivery year and month of a futures code. Three digits (CZCE's own form, MA701) give one
 * digit of the year, read as the decade nearest refYear; four (rb2701, and CZCE's in the
 * other platforms' form, MA2701) give the year itself.
 */
export function deliveryMonthOf(symbol: string, refYear: number): { year: number; month: number } {
  const m = FUTURES_CODE.exec(symbol);
  if (!m) throw new TraderError('BAD_CODE', `无法识别的期货合约代码“${symbol}”`);
  const digits = m[2]!;
  const month = Number(digits.slice(-2));
  if (digits.length === 3) return { year: czceFullYear(Number(digits[0]), refYear), month };
  return { year: 2000 + Number(digits.slice(0, 2)), month };
}

/** The product letters of a futures code: rb of rb2701, MA of MA701. */
export function productIdOf(symbol: string): string {
  return FUTURES_CODE.exec(symbol)?.[1] ?? '';
}
