/**
 * One contract's simulated quote: a random walk of the last price in whole ticks, clamped to
 * the day's limits, with five levels of depth around it. Prices are kept as integer tick
 * counts so the book never drifts off the tick grid.
 */
import type { ContractData, TickData } from '../../common/objects';
import { roundCents, tickDecimals } from '../../common/markets/price';
import type { Prng } from './prng';

/** A depth level; price in ticks. volume 0 means the level is empty (or eaten by our fills). */
export interface Level {
  price: number;
  volume: number;
}

export const DEPTH = 5;

/** Per-interval volatility of the walk as a fraction of the price (about 0.15 %). */
const STEP_SIGMA = 0.0015;
/** Pull towards the previous close per interval, so a long run stays mostly inside the limits. */
const MEAN_REVERSION = 0.002;

export class QuoteBook {
  readonly tick: number;
  private readonly decimals: number;
  /** the contract multiplier: turnover is price × volume × size (1 for A-shares) */
  private readonly size: number;
  preClose = 0;
  limitUp = 0;
  limitDown = 0;
  last = 0;
  open = 0;
  high = 0;
  low = 0;
  /** cumulative shares of the day */
  volume = 0;
  /** cumulative CNY of the day, kept to the cent */
  turnover = 0;
  lastVolume = 0;
  /** best first: bids descending, asks ascending */
  bids: Level[] = [];
  asks: Level[] = [];

  /**
   * `lot`: the unit the depth's and the market's volumes come in (100 shares for A-shares, 1
   * for futures, whose books show a few lots to a few hundred per level).
   */
  constructor(contract: ContractData, private readonly lot = 100) {
    this.tick = contract.pricetick;
    this.size = contract.size > 0 ? contract.size : 1;
    this.decimals = tickDecimals(contract.pricetick);
    this.setLimits(contract);
    this.last = this.open = this.high = this.low = this.preClose;
  }

  /** Price in CNY of a tick count. */
  priceOf(ticks: number): number {
    return Number((ticks * this.tick).toFixed(this.decimals));
  }

  /** Tick count of a CNY price (prices reaching here are already on the grid). */
  ticksOf(price: number): number {
    return Math.round(price / this.tick);
  }

  setLimits(contract: ContractData): void {
    this.preClose = this.ticksOf(contract.pre_close);
    this.limitUp = this.ticksOf(contract.limit_up);
    this.limitDown = this.ticksOf(contract.limit_down);
  }

  private clamp(ticks: number): number {
    return Math.min(this.limitUp, Math.max(this.limitDown, ticks));
  }

  private sigmaTicks(): number {
    return Math.max(1, this.last * STEP_SIGMA);
  }

  /** Opening of a new day: a small gap from the previous close and a fresh book. */
  openDay(rng: Prng): void {
    this.last = this.preClose;
    const gap = Math.round(rng.gaussian() * this.sigmaTicks() * 3);
    this.last = this.open = this.high = this.low = this.clamp(this.preClose + gap);
    this.volume = 0;
    this.turnover = 0;
    this.recordTrade(rng.int(10, 200) * this.lot);
    this.rebuildDepth(rng);
  }

  /** One interval: move the price, print some market volume, redraw the depth. */
  step(rng: Prng): void {
    const drift = (this.preClose - this.last) * MEAN_REVERSION;
    const move = Math.round(rng.gaussian() * this.sigmaTicks() + drift);
    this.last = this.clamp(this.last + move);
    this.high = Math.max(this.high, this.last);
    this.low = Math.min(this.low, this.last);
    this.recordTrade(rng.int(1, 50) * this.lot);
    this.rebuildDepth(rng);
  }

  /** A scripted quote (CNY prices); levels outside the limits are dropped. */
  setQuote(last: number, bids: readonly (readonly [number, number])[], asks: readonly (readonly [number, number])[]): void {
    this.last = this.clamp(this.ticksOf(last));
    this.high = Math.max(this.high, this.last);
    this.low = Math.min(this.low, this.last);
    const inside = (l: Level): boolean => l.price >= this.limitDown && l.price <= this.limitUp;
    const toLevels = (pairs: readonly (readonly [number, number])[]): Level[] =>
      pairs.map(([price, volume]) => ({ price: this.ticksOf(price), volume })).filter(inside);
    this.bids = toLevels(bids);
    this.asks = toLevels(asks);
  }

  /** Add a print to the day's volume and turnover (the market's own, or one of our fills). */
  recordTrade(shares: number, priceTicks = this.last): void {
    this.volume += shares;
    this.turnover = roundCents(this.turnover + this.priceOf(priceTicks) * shares * this.size);
    this.lastVolume = shares;
  }

  /**
   * Depth one tick apart, bid1 < ask1. At limit-up nobody sells, so the ask side is empty and
   * bids queue at the limit; limit-down mirrors it.
   */
  private rebuildDepth(rng: Prng): void {
    let ask1: number;
    let bid1: number;
    if (this.last >= this.limitUp) {
      ask1 = Number.POSITIVE_INFINITY;
      bid1 = this.limitUp;
    } else if (this.last <= this.limitDown) {
      ask1 = this.limitDown;
      bid1 = Number.NEGATIVE_INFINITY;
    } else {
      ask1 = rng.next() < 0.5 ? this.last : this.last + 1;
      bid1 = ask1 - 1;
    }
    this.asks = [];
    this.bids = [];
    for (let i = 0; i < DEPTH; i++) {
      const a = ask1 + i;
      if (a <= this.limitUp) this.asks.push({ price: a, volume: rng.int(1, 60) * this.lot });
      const b = bid1 - i;
      if (b >= this.limitDown) this.bids.push({ price: b, volume: rng.int(1, 60) * this.lot });
    }
  }

  toTick(contract: ContractData, now: number): TickData {
    const bids = this.bids.filter((l) => l.volume > 0);
    const asks = this.asks.filter((l) => l.volume > 0);
    const bp = (i: number): number => (bids[i] ? this.priceOf(bids[i].price) : 0);
    const bv = (i: number): number => bids[i]?.volume ?? 0;
    const ap = (i: number): number => (asks[i] ? this.priceOf(asks[i].price) : 0);
    const av = (i: number): number => asks[i]?.volume ?? 0;
    return {
      gateway_name: contract.gateway_name,
      symbol: contract.symbol,
      exchange: contract.exchange,
      vt_symbol: contract.vt_symbol,
      datetime: now,
      name: contract.name,
      volume: this.volume,
      turnover: this.turnover,
      last_price: this.priceOf(this.last),
      last_volume: this.lastVolume,
      limit_up: contract.limit_up,
      limit_down: contract.limit_down,
      open_price: this.priceOf(this.open),
      high_price: this.priceOf(this.high),
      low_price: this.priceOf(this.low),
      pre_close: contract.pre_close,
      bid_price_1: bp(0), bid_price_2: bp(1), bid_price_3: bp(2), bid_price_4: bp(3), bid_price_5: bp(4),
      ask_price_1: ap(0), ask_price_2: ap(1), ask_price_3: ap(2), ask_price_4: ap(3), ask_price_5: ap(4),
      bid_volume_1: bv(0), bid_volume_2: bv(1), bid_volume_3: bv(2), bid_volume_4: bv(3), bid_volume_5: bv(4),
      ask_volume_1: av(0), ask_volume_2: av(1), ask_volume_3: av(2), ask_volume_4: av(3), ask_volume_5: av(4),
    };
  }

  /** What persists across restarts: enough to carry on the same day's quote. */
  snapshot(): QuoteSnapshot {
    return {
      pre_close: this.priceOf(this.preClose), last: this.priceOf(this.last), open: this.priceOf(this.open),
      high: this.priceOf(this.high), low: this.priceOf(this.low), volume: this.volume, turnover: this.turnover,
      bids: this.bids.map((l) => ({ ...l })),
      asks: this.asks.map((l) => ({ ...l })),
    };
  }

  /** Restore the day's figures and depth exactly, drawing nothing from the PRNG. */
  restore(s: QuoteSnapshot): void {
    this.last = this.clamp(this.ticksOf(s.last));
    this.open = this.ticksOf(s.open);
    this.high = this.ticksOf(s.high);
    this.low = this.ticksOf(s.low);
    this.volume = s.volume;
    this.turnover = s.turnover;
    const inside = (l: Level): boolean => l.price >= this.limitDown && l.price <= this.limitUp;
    this.bids = s.bids.filter(inside).map((l) => ({ ...l }));
    this.asks = s.asks.filter(inside).map((l) => ({ ...l }));
  }
}

export interface QuoteSnapshot {
  pre_close: number;
  last: number;
  open: number;
  high: number;
  low: number;
  volume: number;
  turnover: number;
  /** depth, prices in ticks */
  bids: Level[];
  asks: Level[];
}
