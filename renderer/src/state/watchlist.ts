/**
 * 自选 in the main window: the engine's list of codes in order (the `watchlist` event and
 * request), and the 行情 monitor's rows made from it — each code's latest quote, or a row with
 * only the code and its last known name until its first quote arrives (before a login, after
 * a restart). Rows
 * come in the list's order; quotes of codes not on the list (a strategy's, a K线图's) stay out.
 */
import type { WatchEntry } from '../../../common/bridge-contract';
import type { ContractData, TickData } from '../../../common/objects';
import { feeds } from './feeds';
import { RowFeed } from './row-feed';

/** A row standing in for a code with no quote yet: the prices are left out, so the cells are empty. */
function waitingRow(e: WatchEntry, contract: ContractData | undefined): TickData {
  return { vt_symbol: e.vt_symbol, symbol: e.symbol, exchange: e.exchange, gateway_name: e.gateway_name, name: contract?.name || e.name } as TickData;
}

export class WatchRows {
  /** what the 行情 monitor shows */
  readonly feed = new RowFeed<TickData>((t) => t.vt_symbol);
  private codes: readonly WatchEntry[] = [];
  private listed = new Set<string>();

  constructor(
    private readonly ticks: RowFeed<TickData>,
    private readonly contracts: RowFeed<ContractData>,
  ) {
    ticks.listen({
      onReset: () => this.rebuild(),
      onBatch: (rows) => this.feed.apply(rows.filter((t) => this.listed.has(t.vt_symbol))),
    });
    // A waiting row's name arrives with the contracts, at login.
    contracts.listen({ onReset: () => this.rebuild(), onBatch: (rows) => rows.some((c) => this.waiting(c.vt_symbol)) && this.rebuild() });
  }

  /** The engine's list (from `watchlist/list` or a `watchlist` event). */
  set(codes: readonly WatchEntry[]): void {
    this.codes = codes;
    this.listed = new Set(codes.map((e) => e.vt_symbol));
    this.rebuild();
  }

  entries(): readonly WatchEntry[] {
    return this.codes;
  }

  /** The position of a code in the list, -1 when it is not on it. */
  indexOf(vtSymbol: string): number {
    return this.codes.findIndex((e) => e.vt_symbol === vtSymbol);
  }

  private waiting(vtSymbol: string): boolean {
    return this.listed.has(vtSymbol) && !this.ticks.rows.has(vtSymbol);
  }

  private rebuild(): void {
    this.feed.reset(this.codes.map((e) => this.ticks.rows.get(e.vt_symbol) ?? waitingRow(e, this.contracts.rows.get(e.vt_symbol))));
  }
}

export const watchlist = new WatchRows(feeds.ticks, feeds.contracts);
