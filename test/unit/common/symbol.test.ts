import { describe, expect, it } from 'vitest';
import { Exchange } from '../../../common/constants';
import { TraderError } from '../../../common/errors';
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
    let caught: unknown;
    try {
      parseCode(input);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TraderError);
    expect((caught as TraderError).code).toBe('BAD_CODE');
    expect((caught as TraderError).message).toMatch(/无法识别的证券代码/);
  });

  it('formats the other platforms’ forms', () => {
    expect(toXtQuantCode('600000', Exchange.SSE)).toBe('600000.SH');
    expect(toPtradeCode('600570', Exchange.SSE)).toBe('600570.SS');
    expect(toJoinQuantCode('000001', Exchange.SZSE)).toBe('000001.XSHE');
    expect(toXtQuantCode('430047', Exchange.BSE)).toBe('430047.BJ');
  });
});
