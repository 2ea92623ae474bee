/**
 * K线图's slice of the bridge contract: a code's stored bars (复权 chosen at read time), the
 * trader's fills of the code (today's and the journal's of earlier days), and live 1-minute bars built from its ticks while a window
 * watches it.
 */
import { rowEvent, defineContract, type EventsOf, type RequestsOf } from '../../../common/contract/contract-map';
import { code } from '../../../common/contract/fields';
import { s } from '../../../common/schema';
import { Adjustment, INTERVALS, type BarData, type WireSeries } from '../../../common/bars';
import type { TradeData } from '../../../common/objects';

export const klineContract = defineContract({
  feature: 'K线图',
  requests: {
    /** a code's bars of one interval (built from finer stored bars when that interval is not stored) */
    'kline/bars': s.object({
      code,
      interval: s.enumOf(INTERVALS),
      adjustment: s.optional(s.enumOf([Adjustment.NONE, Adjustment.FORWARD, Adjustment.BACKWARD] as const)),
      start: s.optional(s.number()),
      end: s.optional(s.number()),
    }),
    /** the trader's fills of a code: today's, and earlier days' from the journal between start and end (epoch ms) */
    'kline/trades': s.object({ code, start: s.optional(s.number()), end: s.optional(s.number()) }),
    /** start building live 1-minute bars of a code from its ticks (subscribing it); they come as 'kline-minute' */
    'kline/watch': s.object({ code }),
  },
  events: {
    /** a watched code's finished minute (if any) and the minute being built, latest last */
    'kline-minute': rowEvent((m: LiveMinutes) => m.vt_symbol),
  },
});

export interface LiveMinutes {
  vt_symbol: string;
  minutes: BarData[];
}

export interface KlineBars {
  vt_symbol: string;
  /** the contract's name when the engine knows it */
  name: string;
  /** decimals of the contract's price tick (2 when unknown) */
  precision: number;
  series: WireSeries;
}

export interface KlineWatch {
  live: boolean;
  /** why there are no live bars, or on which gateway they come */
  message: string;
}

export interface KlineResults {
  'kline/bars': KlineBars;
  'kline/trades': TradeData[];
  'kline/watch': KlineWatch;
}

declare module '../../../common/contract/contract-map' {
  interface RequestMap extends RequestsOf<typeof klineContract, KlineResults> {}
  interface BridgeEvents extends EventsOf<typeof klineContract> {}
}
