import { describe, expect, it } from 'vitest';
import { Exchange } from '../../../../../common/constants';
import { czceFullYear, deliveryMonthOf, formatFuturesSymbol, normaliseFuturesSymbol, productIdOf } from '../../../../../common/markets/cn-futures/contract-codes';
import { badCodeError } from '../../../../fixtures/bad-code';
import { parseCode, toJoinQuantCode, toPtradeCode, toXtQuantCode } from '../../../../../common/symbol';

const at = (iso: string): number => Date.parse(iso);

describe('futures codes in every platform form', () => {
  it.each([
    ['rb2701.SHFE', 'rb2701.SHFE'],
    ['RB2701.SHF', 'rb2701.SHFE'], // Tushare
    ['RB2701.XSGE', 'rb2701.SHFE'], // JoinQuant
    ['rb2701.SF', 'rb2701.SHFE'], // XtQuant
    ['SHFE.rb2701', 'rb2701.SHFE'], // TqSdk, 掘金
    ['rb2701.shfe', 'rb2701.SHFE'],
    ['IF2612.CFFEX', 'IF2612.CFFEX'],
    ['if2612.cffex', 'IF2612.CFFEX'],
    ['IF2612.CFX', 'IF2612.CFFEX'],
    ['IF2612.CCFX', 'IF2612.CFFEX'],
    ['MA701.CZCE', 'MA701.CZCE'],
    ['MA2701.ZCE', 'MA701.CZCE'], // four-digit year from Tushare → CZCE's own three digits
    ['MA2701.XZCE', 'MA701.CZCE'],
    ['ma701.czce', 'MA701.CZCE'],
    ['i2701.DCE', 'i2701.DCE'],
    ['I2701.XDCE', 'i2701.DCE'],
    ['sc2701.INE', 'sc2701.INE'],
    ['SC2701.XINE', 'sc2701.INE'],
    ['si2701.GFEX', 'si2701.GFEX'],
    ['SI2701.GFE', 'si2701.GFEX'],
  ])('%s → %s', (input, expected) => {
    expect(parseCode(input).vt_symbol).toBe(expected);
  });

  it.each([
    ['rb2701', 'rb2701.SHFE'],
    ['IF2612', 'IF2612.CFFEX'],
    ['MA701', 'MA701.CZCE'],
    ['m2701', 'm2701.DCE'],
    ['T2612', 'T2612.CFFEX'],
    ['sc2702', 'sc2702.INE'],
    ['SR2701', 'SR701.CZCE'],
  ])('bare %s is %s (the product tells the exchange)', (input, expected) => {
    const parsed = parseCode(input);
    expect(parsed.vt_symbol).toBe(expected);
    expect(`${parsed.symbol}.${parsed.exchange}`).toBe(expected);
  });

  it('keeps the A-share forms', () => {
    expect(parseCode('600000.SH').vt_symbol).toBe('600000.SSE');
    expect(parseCode('SH600000').vt_symbol).toBe('600000.SSE');
    expect(parseCode('000001').vt_symbol).toBe('000001.SZSE');
  });

  it.each([
    ['rb271.SHFE', /上期所合约代码的年月为4位，如 cu2701$/],
    ['rb2713.SHFE', /月份应为 01–12，当前为 13$/],
    ['rb2700.SHFE', /月份应为 01–12，当前为 00$/],
    ['MA713.CZCE', /月份应为 01–12，当前为 13$/], // CZCE's three digits: the month is the last two
    ['rb2701.XX', /未知的期货交易所后缀/],
    ['rb2701.SH', /未知的期货交易所后缀/],
    ['XX.rb2701', /未知的期货交易所前缀/],
    ['zz2701', /未知的期货品种“ZZ”/],
  ])('rejects %s with a clear Chinese reason', (input, why) => {
    const caught = badCodeError(input);
    expect(caught.message).toMatch(/无法识别的证券代码/);
    expect(caught.message).toMatch(why);
  });

  it('writes the other platforms’ futures forms', () => {
    const oct2026 = at('2026-10-15T10:00:00+08:00');
    expect(toXtQuantCode('rb2701', Exchange.SHFE)).toBe('rb2701.SF');
    expect(toXtQuantCode('IF2612', Exchange.CFFEX)).toBe('IF2612.IF');
    expect(toXtQuantCode('MA701', Exchange.CZCE)).toBe('MA701.ZF');
    expect(toJoinQuantCode('rb2701', Exchange.SHFE, oct2026)).toBe('RB2701.XSGE');
    expect(toJoinQuantCode('MA701', Exchange.CZCE, oct2026)).toBe('MA2701.XZCE');
    expect(toJoinQuantCode('si2701', Exchange.GFEX, oct2026)).toBe('SI2701.GFEX');
    expect(toPtradeCode('IF2612', Exchange.CFFEX, oct2026)).toBe('IF2612.CCFX');
    // and the A-share forms are unchanged
    expect(toJoinQuantCode('600000', Exchange.SSE)).toBe('600000.XSHG');
    expect(toXtQuantCode('000001', Exchange.SZSE)).toBe('000001.SZ');
  });

  it('says what an exchange’s code looks like, with one of its own products', () => {
    expect(normaliseFuturesSymbol('rb27', Exchange.SHFE)).toEqual({ ok: false, why: '期货合约代码应为品种字母加年月，如 cu2701' });
    expect(normaliseFuturesSymbol('MA', Exchange.CZCE)).toEqual({ ok: false, why: '期货合约代码应为品种字母加年月，如 WH701' });
    expect(normaliseFuturesSymbol('IF26123', Exchange.CFFEX)).toEqual({ ok: false, why: '期货合约代码应为品种字母加年月，如 IF2701' });
    expect(normaliseFuturesSymbol('MA2701', Exchange.CZCE)).toEqual({ ok: true, symbol: 'MA701', product_id: 'MA' });
  });

  it('formats each exchange’s own code', () => {
    expect(formatFuturesSymbol('RB', Exchange.SHFE, 2027, 1)).toBe('rb2701');
    expect(formatFuturesSymbol('cu', Exchange.SHFE, 2009, 3)).toBe('cu0903'); // a two-digit year keeps its 0
    expect(formatFuturesSymbol('if', Exchange.CFFEX, 2026, 12)).toBe('IF2612');
    expect(formatFuturesSymbol('MA', Exchange.CZCE, 2027, 1)).toBe('MA701');
    expect(formatFuturesSymbol('i', Exchange.DCE, 2030, 5)).toBe('i3005');
  });

  it('reads CZCE’s one-digit year as the nearest listed decade', () => {
    // listed at most a year ahead, so in 2026: 7 → 2027, 8 → 2018, 0 → 2020, 6 → 2026
    expect(czceFullYear(7, 2026)).toBe(2027);
    expect(czceFullYear(8, 2026)).toBe(2018);
    expect(czceFullYear(0, 2026)).toBe(2020);
    expect(czceFullYear(6, 2026)).toBe(2026);
  });

  it('reads the delivery month back from a code', () => {
    expect(deliveryMonthOf('rb2701', 2026)).toEqual({ year: 2027, month: 1 });
    expect(deliveryMonthOf('IF2612', 2026)).toEqual({ year: 2026, month: 12 });
    expect(deliveryMonthOf('MA701', 2026)).toEqual({ year: 2027, month: 1 });
    expect(deliveryMonthOf('MA712', 2026)).toEqual({ year: 2027, month: 12 });
    expect(deliveryMonthOf('MA909', 2026)).toEqual({ year: 2019, month: 9 });
    // four digits carry the year itself, far from refYear or not, on CZCE too
    expect(deliveryMonthOf('i3005', 2026)).toEqual({ year: 2030, month: 5 });
    expect(deliveryMonthOf('MA3005', 2026)).toEqual({ year: 2030, month: 5 });
    expect(productIdOf('MA701')).toBe('MA');
    expect(productIdOf('i2705')).toBe('i');
    expect(productIdOf('600000')).toBe('');
    expect(() => deliveryMonthOf('600000', 2026)).toThrow(expect.objectContaining({ code: 'BAD_CODE', message: '无法识别的期货合约代码“600000”' }));
  });
});
