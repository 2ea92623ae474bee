/**
 * The 行情 monitor's rows from 自选: in the list's order, a waiting row (code and name, no
 * prices) until a code's first quote, and quotes of codes not on the list kept out.
 */
import { describe, expect, it } from 'vitest';
import type { WatchEntry } from '../../../common/bridge-contract';
import type { ContractData, TickData } from '../../../common/objects';
import { RowFeed } from '../../../renderer/src/state/row-feed';
import { WatchRows } from '../../../renderer/src/state/watchlist';

const entry = (vt: string, name = ''): WatchEntry => ({ vt_symbol: vt, symbol: vt.split('.')[0]!, exchange: vt.split('.')[1]!, name, gateway_name: 'SIM' });
const tick = (vt: string, last_price: number) => ({ vt_symbol: vt, symbol: vt.split('.')[0]!, exchange: vt.split('.')[1]!, last_price, name: `名${vt}` }) as TickData;
const contract = (vt: string, name: string) => ({ vt_symbol: vt, name }) as ContractData;

function setup() {
  const ticks = new RowFeed<TickData>((t) => t.vt_symbol);
  const contracts = new RowFeed<ContractData>((c) => c.vt_symbol);
  const rows = new WatchRows(ticks, contracts);
  const shown = () => [...rows.feed.rows.values()];
  const batches: string[][] = [];
  rows.feed.listen({ onReset: () => undefined, onBatch: (b) => batches.push(b.map((t) => t.vt_symbol)) });
  return { ticks, contracts, rows, shown, batches };
}

describe('WatchRows', () => {
  it('shows the list in its order, with the latest quote of each code', () => {
    const t = setup();
    t.ticks.reset([tick('600000.SSE', 13.1), tick('000001.SZSE', 11.2), tick('600036.SSE', 42.5)]);
    t.rows.set([entry('600036.SSE'), entry('600000.SSE'), entry('000001.SZSE')]);
    expect(t.shown().map((r) => [r.vt_symbol, r.last_price])).toEqual([['600036.SSE', 42.5], ['600000.SSE', 13.1], ['000001.SZSE', 11.2]]);
    t.rows.set([entry('600000.SSE'), entry('600036.SSE'), entry('000001.SZSE')]);
    expect(t.shown().map((r) => r.vt_symbol)).toEqual(['600000.SSE', '600036.SSE', '000001.SZSE']);
    expect(t.rows.indexOf('600036.SSE')).toBe(1);
    expect(t.rows.indexOf('601318.SSE')).toBe(-1);
  });

  it('keeps a code with no quote yet as a waiting row without prices, under its last known name, then its contract\'s', () => {
    const t = setup();
    t.rows.set([entry('600000.SSE', '浦发银行'), entry('000001.SZSE')]);
    const waiting = t.shown()[0]!;
    expect([waiting.vt_symbol, waiting.symbol, waiting.exchange, waiting.name, waiting.last_price]).toEqual(['600000.SSE', '600000', 'SSE', '浦发银行', undefined]);
    expect(t.shown()[1]!.name).toBe('');
    t.contracts.apply([contract('000001.SZSE', '平安银行')]);
    expect(t.shown()[1]!.name).toBe('平安银行');
    t.ticks.apply([tick('600000.SSE', 13.1)]);
    expect(t.shown()[0]!.last_price).toBe(13.1);
  });

  it('passes on quotes of listed codes only: a removed code does not come back with its next quote', () => {
    const t = setup();
    t.rows.set([entry('600000.SSE'), entry('000001.SZSE')]);
    t.rows.set([entry('600000.SSE')]);
    t.ticks.apply([tick('000001.SZSE', 11.2), tick('600000.SSE', 13.2), tick('601318.SSE', 56)]);
    expect(t.batches).toEqual([['600000.SSE']]);
    expect(t.shown().map((r) => r.vt_symbol)).toEqual(['600000.SSE']);
  });
});
