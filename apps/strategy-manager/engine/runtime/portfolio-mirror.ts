/**
 * The worker's copy of its gateway's account and positions, shown as jqtrade's Portfolio.
 * long_positions accepts any code form as a key (600000, 600000.SH, 600000.XSHG …) and,
 * like jqtrade's demo expects, answers an empty position for a code not held, while `in`
 * still tells whether it is held. short_positions, the same way, shows a credit account's
 * unreturned 融券 shares (from its open compacts), or a futures account's short (空)
 * positions; on a stock cash account it is always empty.
 */
import { parseCode } from '../../../../common/symbol';
import type { AccountUpdate, PositionUpdate, UserPosition } from '../strategy-types';

export interface Portfolio {
  /** jqtrade's spelling, kept */
  readonly total_assert: number;
  readonly total_value: number;
  readonly available_cash: number;
  readonly locked_cash: number;
  readonly long_positions: Record<string, UserPosition>;
  readonly short_positions: Record<string, UserPosition>;
}

function vtOf(key: string): string | undefined {
  try {
    return parseCode(key).vt_symbol;
  } catch {
    return undefined;
  }
}

/** Where short positions come from: the credit mirror's open 融券 compacts. */
export interface ShortSource {
  shorts(): ReadonlyMap<string, { volume: number; balance: number }>;
  lastPrice(vt: string): number | undefined;
}

const NO_SHORTS: ShortSource = { shorts: () => new Map(), lastPrice: () => undefined };

export class PortfolioMirror {
  account: AccountUpdate = { balance: 0, frozen: 0, available: 0, market_value: 0 };
  readonly positions = new Map<string, PositionUpdate>();
  /** futures short (空) positions, pushed by the engine like the longs */
  readonly shorts = new Map<string, PositionUpdate>();
  readonly portfolio: Portfolio;

  constructor(
    private readonly codeOf: (vt: string) => string,
    private readonly shortSource: ShortSource = NO_SHORTS,
  ) {
    // Getters over the live mirror: a strategy that keeps `context.portfolio` sees it move.
    const total = () => this.totalValue();
    const account = () => this.account;
    const longs = () => this.longPositions();
    const shorts = () => this.shortPositions();
    this.portfolio = {
      get total_assert() {
        return total();
      },
      get total_value() {
        return total();
      },
      get available_cash() {
        return account().available;
      },
      get locked_cash() {
        return account().frozen;
      },
      get long_positions() {
        return longs();
      },
      get short_positions() {
        return shorts();
      },
    };
  }

  setPosition(p: PositionUpdate): void {
    const map = p.side === 'short' ? this.shorts : this.positions;
    if (p.volume > 0 || p.frozen > 0) map.set(p.vt_symbol, p);
    else map.delete(p.vt_symbol);
  }

  setAll(list: readonly PositionUpdate[]): void {
    this.positions.clear();
    this.shorts.clear();
    for (const p of list) this.setPosition(p);
  }

  private totalValue(): number {
    return Math.round((this.account.balance + this.account.market_value) * 100) / 100;
  }

  private userPosition(vt: string, p: PositionUpdate | undefined, side: 'long' | 'short' = 'long'): UserPosition {
    const amount = p?.volume ?? 0;
    const last = p?.last_price ?? 0;
    return {
      code: this.codeOf(vt),
      amount,
      locked_amount: p?.frozen ?? 0,
      available_amount: p?.available ?? 0,
      avg_cost: p?.price ?? 0,
      hold_cost: (p?.price ?? 0) * amount,
      side,
      last_price: last,
      position_value: last * amount,
    };
  }

  /** A 融券 position: amount is what is still owed, avg_cost the price it was sold at. */
  private userShort(vt: string, s: { volume: number; balance: number } | undefined): UserPosition {
    const amount = s?.volume ?? 0;
    const last = this.shortSource.lastPrice(vt) ?? 0;
    return {
      code: this.codeOf(vt),
      amount,
      locked_amount: 0,
      available_amount: amount,
      avg_cost: amount > 0 ? s!.balance / amount : 0,
      hold_cost: s?.balance ?? 0,
      side: 'short',
      last_price: last,
      position_value: last * amount,
    };
  }

  private longPositions(): Record<string, UserPosition> {
    return byAnyCode(this.positions, (vt, p) => this.userPosition(vt, p), this.codeOf);
  }

  /** 融券 debts (credit account) or futures shorts: an account has one kind or the other. */
  private shortPositions(): Record<string, UserPosition> {
    if (this.shorts.size > 0) return byAnyCode(this.shorts, (vt, p) => this.userPosition(vt, p, 'short'), this.codeOf);
    return byAnyCode(this.shortSource.shorts(), (vt, s) => this.userShort(vt, s), this.codeOf);
  }
}

/** Positions keyed by the strategy's code style, answering any code form and an empty position for one not held. */
function byAnyCode<T>(held: ReadonlyMap<string, T>, view: (vt: string, p: T | undefined) => UserPosition, codeOf: (vt: string) => string): Record<string, UserPosition> {
  const target: Record<string, UserPosition> = {};
  for (const [vt, p] of held) target[codeOf(vt)] = view(vt, p);
  return new Proxy(target, {
    get: (t, key) => {
      if (typeof key !== 'string' || key in t) return Reflect.get(t, key);
      const vt = vtOf(key);
      return vt === undefined ? undefined : view(vt, held.get(vt));
    },
    has: (t, key) => {
      if (typeof key !== 'string' || key in t) return key in t;
      const vt = vtOf(key);
      return vt !== undefined && held.has(vt);
    },
  });
}
