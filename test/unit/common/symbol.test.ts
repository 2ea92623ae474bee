import { describe, expect, it } from 'vitest';
import { Exchange } from '../../../common/constants';
import { badCodeError } from '../../fixtures/bad-code';
import { inferExchange, parseCode, toJoinQuantCode, toPtradeCode, toXtQuantCode } from '../../../common/symbol';

describe('parseCode', () => {
  it.each([
    ['600000.SSE', '600000.SSE'],
    ['600000.SH', '600000.SSE'],
    ['600570.SS', '600570.SSE'],
    ['000001.XSHE', '000001.SZSE'],
    ['600000.XSHG', '600000.SSE'],
    ['SH600000', '600000.SSE'],
    ['sh.600000', '600000.SSE'],
    ['sz000001', '000001.SZSE'],
    ['SHSE.600000', '600000.SSE'],
    ['430047.BJ', '430047.BSE'],
    ['bj.430047', '430047.BSE'],
    ['000001.SZ', '000001.SZSE'],
    [' 600000 ', '600000.SSE'],
  ])('%s → %s', (input, expected) => {
    expect(parseCode(input).vt_symbol).toBe(expected);
  });

  it.each([
    ['600000', Exchange.SSE],
    ['510300', Exchange.SSE],
    ['900901', Exchange.SSE],
    ['000001', Exchange.SZSE],
    ['159915', Exchange.SZSE],
    ['200002', Exchange.SZSE],
    ['300750', Exchange.SZSE],
    ['430047', Exchange.BSE],
    ['830799', Exchange.BSE],
    ['920118', Exchange.BSE],
  ])('bare %s is on %s', (code, exchange) => {
    expect(parseCode(code).exchange).toBe(exchange);
    expect(inferExchange(code)).toBe(exchange);
  });

  it.each(['', '60000', '6000000', 'ABCDEF', '600000.XX', 'XX600000', '700000', '600000.'])('rejects %j with a clear Chinese error', (input) => {
    const caught = badCodeError(input);
    expect(caught.message).toMatch(/无法识别的证券代码/);
  });

  it.each([
    // an empty code, and a caller passing no code at all, say so rather than "wrong format"
    ['', '代码为空'],
    ['   ', '代码为空'],
    // 7xxxxx is on no exchange
    ['700000', '无法确定交易所'],
    // the unknown suffix or prefix is echoed as the trader typed it
    ['600000.xx', '未知的交易所后缀“xx”'],
    ['xx.600000', '未知的交易所前缀“xx”'],
    ['.600000', '未知的交易所前缀“”'],
    ['600000.', '未知的交易所后缀“”'],
    ['rb2701.xx', '未知的期货交易所后缀“xx”'],
    ['xx.rb2701', '未知的期货交易所前缀“xx”'],
    // a dotted code that is neither a stock nor a futures code
    ['60000.SH', '股票代码应为6位数字，期货代码应如 rb2701'],
    ['abc.def', '股票代码应为6位数字，期货代码应如 rb2701'],
    // 通达信's prefix form is exactly SH/SZ/BJ and six digits, nothing before or after
    ['ABCDEF', '格式应如 600000、600000.SH、SH600000 或 rb2701.SHFE'],
    ['XSH600000', '格式应如 600000、600000.SH、SH600000 或 rb2701.SHFE'],
    ['SH6000001', '格式应如 600000、600000.SH、SH600000 或 rb2701.SHFE'],
  ])('rejects %j saying why: %s', (input, why) => {
    const caught = badCodeError(input);
    expect(caught.message).toBe(`无法识别的证券代码“${input}”：${why}`);
  });

  it('rejects a missing code as empty', () => {
    for (const input of [null, undefined]) {
      expect(() => parseCode(input as unknown as string)).toThrow(/：代码为空$/);
    }
  });

  it('infers no exchange for a code that is not six digits', () => {
    expect(inferExchange('60000')).toBeUndefined();
    expect(inferExchange('6000000')).toBeUndefined();
    expect(inferExchange('00001')).toBeUndefined();
    expect(inferExchange('4300470')).toBeUndefined();
    expect(inferExchange('700000')).toBeUndefined();
  });

  it('writes each exchange’s suffix in Ptrade’s and JoinQuant’s forms', () => {
    expect(toPtradeCode('600570', Exchange.SSE)).toBe('600570.SS');
    expect(toPtradeCode('000001', Exchange.SZSE)).toBe('000001.SZ');
    expect(toPtradeCode('430047', Exchange.BSE)).toBe('430047.BJ');
    expect(toJoinQuantCode('600000', Exchange.SSE)).toBe('600000.XSHG');
    expect(toJoinQuantCode('000001', Exchange.SZSE)).toBe('000001.XSHE');
    expect(toJoinQuantCode('430047', Exchange.BSE)).toBe('430047.BJ');
    expect(toXtQuantCode('000001', Exchange.SZSE)).toBe('000001.SZ');
  });

  it('writes every futures exchange’s suffix in XtQuant’s and JoinQuant’s (Ptrade’s) forms', () => {
    const oct2026 = Date.parse('2026-10-15T10:00:00+08:00');
    const codes: [string, Exchange, string, string][] = [
      ['rb2701', Exchange.SHFE, 'rb2701.SF', 'RB2701.XSGE'],
      ['m2701', Exchange.DCE, 'm2701.DF', 'M2701.XDCE'],
      ['MA701', Exchange.CZCE, 'MA701.ZF', 'MA2701.XZCE'],
      ['IF2612', Exchange.CFFEX, 'IF2612.IF', 'IF2612.CCFX'],
      ['sc2701', Exchange.INE, 'sc2701.INE', 'SC2701.XINE'],
      ['si2701', Exchange.GFEX, 'si2701.GF', 'SI2701.GFEX'],
    ];
    for (const [code, exchange, xt, jq] of codes) {
      expect([code, toXtQuantCode(code, exchange), toJoinQuantCode(code, exchange, oct2026), toPtradeCode(code, exchange, oct2026)]).toEqual([code, xt, jq, jq]);
    }
  });

  it('widens CZCE’s one-digit year for JoinQuant and Ptrade, keeping a leading 0', () => {
    const oct2026 = Date.parse('2026-10-15T10:00:00+08:00');
    expect(toJoinQuantCode('MA701', Exchange.CZCE, oct2026)).toBe('MA2701.XZCE');
    // cotton for January 2005, written in 2004: 05, not 5
    expect(toPtradeCode('CF501', Exchange.CZCE, Date.parse('2004-06-15T10:00:00+08:00'))).toBe('CF0501.XZCE');
    expect(toJoinQuantCode('CF501', Exchange.CZCE, Date.parse('2004-06-15T10:00:00+08:00'))).toBe('CF0501.XZCE');
    // already four digits (JoinQuant's own MA2701): left as it is
    expect(toJoinQuantCode('MA2701', Exchange.CZCE, oct2026)).toBe('MA2701.XZCE');
  });

  it('never turns a code that is not CZCE’s three-digit form into another contract', () => {
    const oct2026 = Date.parse('2026-10-15T10:00:00+08:00');
    // only CZCE writes a one-digit year; a malformed SHFE rb701 must not become RB2701
    expect(toJoinQuantCode('rb701', Exchange.SHFE, oct2026)).toBe('RB701.XSGE');
    expect(toPtradeCode('IF612', Exchange.CFFEX, oct2026)).toBe('IF612.CCFX');
    // text before the product letters is not dropped to make a real contract of it
    expect(toJoinQuantCode('1MA701', Exchange.CZCE, oct2026)).toBe('1MA701.XZCE');
    // nor a trailing digit cut off
    expect(toJoinQuantCode('MA7011', Exchange.CZCE, oct2026)).toBe('MA7011.XZCE');
  });

  it('formats the other platforms’ forms', () => {
    expect(toXtQuantCode('600000', Exchange.SSE)).toBe('600000.SH');
    expect(toPtradeCode('600570', Exchange.SSE)).toBe('600570.SS');
    expect(toJoinQuantCode('000001', Exchange.SZSE)).toBe('000001.XSHE');
    expect(toXtQuantCode('430047', Exchange.BSE)).toBe('430047.BJ');
  });
});
