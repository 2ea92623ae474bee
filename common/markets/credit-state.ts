/**
 * The credit (融资融券) account state one order is checked against, and where it is looked
 * up: the OMS's maps in the engine, the mirrored feeds in the UI. Kept apart from the rules
 * so the market interface can name it without depending on one market's rule file.
 */
import type { CompactData, CreditAssetData, CreditDetail } from '../credit';
import type { TickData } from '../objects';

export interface CreditState {
  credit: CreditDetail | undefined;
  asset: CreditAssetData | undefined;
  /** open compacts of this account for this code */
  compacts: readonly CompactData[];
  tick: TickData | undefined;
}

/** Where the credit state lives: the OMS's maps in the engine, the mirrored feeds in the UI. */
export interface CreditMaps {
  credits: ReadonlyMap<string, CreditDetail>;
  compacts: ReadonlyMap<string, CompactData>;
  /** keyed by vt_assetid (gateway_name.vt_symbol) */
  creditAssets: ReadonlyMap<string, CreditAssetData>;
  ticks: ReadonlyMap<string, TickData>;
}

/** The credit state one order on `gateway` for `vtSymbol` is checked against. */
export function creditStateOf(maps: CreditMaps, gateway: string, vtSymbol: string): CreditState {
  let credit: CreditDetail | undefined;
  for (const c of maps.credits.values()) if (c.gateway_name === gateway) credit = c;
  const compacts = [...maps.compacts.values()].filter((c) => c.gateway_name === gateway && c.vt_symbol === vtSymbol);
  return { credit, asset: maps.creditAssets.get(`${gateway}.${vtSymbol}`), compacts, tick: maps.ticks.get(vtSymbol) };
}

