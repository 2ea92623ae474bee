/**
 * The best K results of a sweep by one objective, kept sorted as they stream in: a sweep of
 * any size holds only K results. Ties keep the earlier combination first, so the ranking is
 * the same whatever order the workers finish in.
 */
import type { SweepResult } from '../job/backtest-job';
import { score, type Objective } from './objectives';

export class TopResults {
  private readonly items: { result: SweepResult; score: number }[] = [];

  constructor(
    readonly objective: Objective,
    readonly capacity: number,
  ) {}

  add(result: SweepResult): void {
    const s = score(result, this.objective);
    const better = (a: { score: number; index: number }, b: { score: number; index: number }): boolean =>
      a.score > b.score || (a.score === b.score && a.index < b.index);
    const entry = { result, score: s, index: result.index };
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const m = this.items[mid]!;
      if (better({ score: m.score, index: m.result.index }, entry)) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= this.capacity) return;
    this.items.splice(lo, 0, { result, score: s });
    if (this.items.length > this.capacity) this.items.pop();
  }

  /** Best first. */
  list(): SweepResult[] {
    return this.items.map((i) => i.result);
  }
}
