/** parseCsv: the one CSV reader behind every import, on the shapes Excel and pandas write. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../common/csv';

describe('parseCsv', () => {
  it('splits LF and CRLF lines and commas, keeping cells as written', () => {
    expect(parseCsv('a,b,c\n1, 2 ,3\n')).toEqual([['a', 'b', 'c'], ['1', ' 2 ', '3']]);
    expect(parseCsv('a,b\r\n1,2\r\n')).toEqual([['a', 'b'], ['1', '2']]);
    // a lone CR (old Mac) ends a line too
    expect(parseCsv('a,b\r1,2')).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('drops the UTF-8 BOM Excel puts in front', () => {
    expect(parseCsv('\uFEFF代码,名称\n600000,浦发银行')).toEqual([['代码', '名称'], ['600000', '浦发银行']]);
    // only in front: a BOM inside a cell stays
    expect(parseCsv('a\n\uFEFFb')).toEqual([['a'], ['\uFEFFb']]);
  });

  it('reads quoted cells with commas, line breaks and doubled quotes', () => {
    expect(parseCsv('"a,b","say ""hi""","x\ny"\n')).toEqual([['a,b', 'say "hi"', 'x\ny']]);
    expect(parseCsv('"",1')).toEqual([['', '1']]);
  });

  it('keeps the last line without a line end, and empty cells at either end', () => {
    expect(parseCsv('1,2')).toEqual([['1', '2']]);
    expect(parseCsv(',x,')).toEqual([['', 'x', '']]);
    expect(parseCsv('a,\nb,')).toEqual([['a', ''], ['b', '']]);
  });

  it('skips blank lines anywhere, and lines of blank cells', () => {
    expect(parseCsv('\n\na\n\r\n\nb\n\n')).toEqual([['a'], ['b']]);
    expect(parseCsv('a\n , \nb')).toEqual([['a'], ['b']]);
    expect(parseCsv('')).toEqual([]);
  });
});
