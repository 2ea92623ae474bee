/**
 * creditStateOf: the credit state one order is checked against is that gateway's account and
 * that code's compacts, 融资融券 terms and tick — never another gateway's or another code's.
 */
import { describe, expect, it } from 'vitest';
import type { CompactData, CreditAssetData, CreditDetail } from '../../../../common/credit';
import { creditStateOf, type CreditMaps } from '../../../../common/markets/credit-state';
import type { TickData } from '../../../../common/objects';

const credit = (gateway_name: string) => ({ gateway_name, vt_accountid: `${gateway_name}.c` }) as CreditDetail;
const compact = (gateway_name: string, vt_symbol: string, id: string) => ({ gateway_name, vt_symbol, vt_compactid: `${gateway_name}.${id}` }) as CompactData;
const asset = (gateway_name: string, vt_symbol: string) => ({ gateway_name, vt_symbol, vt_assetid: `${gateway_name}.${vt_symbol}` }) as CreditAssetData;

function maps(): CreditMaps {
  const credits = [credit('A'), credit('B')];
  const compacts = [compact('A', '600000.SSE', '1'), compact('B', '600000.SSE', '2'), compact('A', '000001.SZSE', '3'), compact('A', '600000.SSE', '4')];
  const assets = [asset('A', '600000.SSE'), asset('B', '600000.SSE'), asset('A', '000001.SZSE')];
  return {
    credits: new Map(credits.map((c) => [c.vt_accountid, c])),
    compacts: new Map(compacts.map((c) => [c.vt_compactid, c])),
    creditAssets: new Map(assets.map((a) => [a.vt_assetid, a])),
    ticks: new Map([['600000.SSE', { vt_symbol: '600000.SSE', last_price: 10 } as TickData]]),
  };
}

describe('creditStateOf', () => {
  it('takes the gateway’s own account, and that code’s compacts, terms and tick', () => {
    const m = maps();
    const s = creditStateOf(m, 'A', '600000.SSE');
    expect(s.credit).toBe(m.credits.get('A.c'));
    expect(s.compacts.map((c) => c.vt_compactid)).toEqual(['A.1', 'A.4']);
    expect(s.asset).toBe(m.creditAssets.get('A.600000.SSE'));
    expect(s.tick?.last_price).toBe(10);

    const b = creditStateOf(m, 'B', '600000.SSE');
    expect(b.credit).toBe(m.credits.get('B.c'));
    expect(b.compacts.map((c) => c.vt_compactid)).toEqual(['B.2']);
    expect(b.asset).toBe(m.creditAssets.get('B.600000.SSE'));
  });

  it('finds nothing for a gateway without a credit account or a code without terms', () => {
    const s = creditStateOf(maps(), 'C', '000001.SZSE');
    expect(s).toEqual({ credit: undefined, asset: undefined, compacts: [], tick: undefined });
  });
});
