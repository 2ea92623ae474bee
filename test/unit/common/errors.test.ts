/** The errors a trader sees: a stable code and a Chinese message, the same across a process boundary. */
import { describe, expect, it } from 'vitest';
import { toErrorInfo, TraderError } from '../../../common/errors';

describe('TraderError', () => {
  it('is an Error named TraderError with its code and message (the name shows in stack traces and logs)', () => {
    const e = new TraderError('REJECTED', '价格超出涨跌停');
    expect(e).toBeInstanceOf(Error);
    expect([e.name, e.code, e.message]).toEqual(['TraderError', 'REJECTED', '价格超出涨跌停']);
    expect(String(e)).toBe('TraderError: 价格超出涨跌停');
  });
});

describe('toErrorInfo', () => {
  it('keeps a TraderError’s code and message as they are', () => {
    expect(toErrorInfo(new TraderError('NOT_CONNECTED', '接口未连接'))).toEqual({ code: 'NOT_CONNECTED', message: '接口未连接' });
  });

  it('reports anything else as INTERNAL, with its message (or its text) after 内部错误：', () => {
    expect(toErrorInfo(new TypeError('x is undefined'))).toEqual({ code: 'INTERNAL', message: '内部错误：x is undefined' });
    expect(toErrorInfo('磁盘已满')).toEqual({ code: 'INTERNAL', message: '内部错误：磁盘已满' });
    expect(toErrorInfo(42)).toEqual({ code: 'INTERNAL', message: '内部错误：42' });
  });
});
