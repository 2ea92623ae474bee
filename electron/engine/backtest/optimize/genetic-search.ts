/**
 * Genetic search after NSGA-II (Deb et al. 2002), the algorithm vn.py's run_ga_optimization
 * takes from DEAP: one or more objectives, a population ranked by non-dominated fronts and
 * crowding distance, binary tournaments, uniform crossover and per-gene mutation (to a
 * neighbouring value or anywhere) over the parameters' value lists. Seeded, so the same search gives the same answer. A combination
 * is evaluated once however often it reappears; memory is bounded by population × generations.
 */
import { TraderError } from '../../../../common/errors';
import type { SweepEvaluator, SweepResult, SweepTask } from '../job/backtest-job';
import { seededRandom } from '../job/synthetic-bars';
import { score, type Objective } from './objectives';
import { combinationAt, type ParameterSpace } from './parameter-space';
import { streamSweep } from './stream-sweep';

export interface GeneticSearchOptions {
  objectives: readonly Objective[];
  /** default 100 */
  population?: number;
  /** default 30 */
  generations?: number;
  /** probability that a pair of parents is crossed; default 0.95 */
  crossover?: number;
  /** probability that each gene of a child mutates; default 1 / number of parameters */
  mutation?: number;
  seed?: number;
  onResult?: (result: SweepResult) => void;
  window?: number;
}

export interface GeneticSearchOutcome {
  evaluated: number;
  /** the first non-dominated front of the last population, best by the first objective first */
  front: SweepResult[];
}

type Genome = number[];

function indexOf(space: ParameterSpace, genome: Genome): number {
  let index = 0;
  for (let i = 0; i < genome.length; i++) index = index * space.values[i]!.length + genome[i]!;
  return index;
}

function genomeOf(space: ParameterSpace, index: number): Genome {
  const g = new Array<number>(space.values.length);
  for (let i = space.values.length - 1; i >= 0; i--) {
    const n = space.values[i]!.length;
    g[i] = index % n;
    index = Math.floor(index / n);
  }
  return g;
}

/** a dominates b: no worse in every objective, better in one (scores are larger-is-better). */
function dominates(a: readonly number[], b: readonly number[]): boolean {
  let better = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]! < b[i]!) return false;
    if (a[i]! > b[i]!) better = true;
  }
  return better;
}

/** Fronts of indices into `scores`, best front first. */
export function nonDominatedFronts(scores: readonly (readonly number[])[]): number[][] {
  const n = scores.length;
  const dominatedBy = Array.from({ length: n }, () => 0);
  const dominating: number[][] = Array.from({ length: n }, () => []);
  for (let p = 0; p < n; p++) {
    for (let q = p + 1; q < n; q++) {
      if (dominates(scores[p]!, scores[q]!)) { dominating[p]!.push(q); dominatedBy[q]!++; }
      else if (dominates(scores[q]!, scores[p]!)) { dominating[q]!.push(p); dominatedBy[p]!++; }
    }
  }
  const fronts: number[][] = [];
  let current = [...Array(n).keys()].filter((i) => dominatedBy[i] === 0);
  while (current.length) {
    fronts.push(current);
    const next: number[] = [];
    for (const p of current) for (const q of dominating[p]!) if (--dominatedBy[q]! === 0) next.push(q);
    current = next;
  }
  return fronts;
}

/** Crowding distance of each member of one front (boundary members get +∞). */
export function crowding(front: readonly number[], scores: readonly (readonly number[])[]): Map<number, number> {
  const dist = new Map(front.map((i) => [i, 0]));
  const m = scores[front[0]!]?.length ?? 0;
  for (let k = 0; k < m; k++) {
    const sorted = [...front].sort((a, b) => scores[a]![k]! - scores[b]![k]! || a - b);
    const lo = scores[sorted[0]!]![k]!;
    const hi = scores[sorted[sorted.length - 1]!]![k]!;
    dist.set(sorted[0]!, Infinity);
    dist.set(sorted[sorted.length - 1]!, Infinity);
    if (!(hi > lo) || !Number.isFinite(hi - lo)) continue;
    for (let j = 1; j < sorted.length - 1; j++) {
      const d = dist.get(sorted[j]!)!;
      dist.set(sorted[j]!, d + (scores[sorted[j + 1]!]![k]! - scores[sorted[j - 1]!]![k]!) / (hi - lo));
    }
  }
  return dist;
}

export async function geneticSearch(evaluator: SweepEvaluator, space: ParameterSpace, opts: GeneticSearchOptions): Promise<GeneticSearchOutcome> {
  if (!opts.objectives.length) throw new TraderError('OPT_TARGET', '遗传算法优化至少需要一个目标');
  const popSize = Math.max(4, opts.population ?? 100);
  const generations = Math.max(0, opts.generations ?? 30);
  const cxpb = opts.crossover ?? 0.95;
  const indpb = opts.mutation ?? 1 / space.names.length;
  const rand = seededRandom(opts.seed ?? 1);
  const pick = (n: number): number => Math.floor(rand() * n);
  /**
   * Half the mutations step to a neighbouring value (parameter values are usually ordered,
   * and the optimum's neighbours are where to look late in a search), half jump anywhere.
   */
  const mutate = (gene: number, n: number): number => {
    if (rand() < 0.5) return pick(n);
    const step = rand() < 0.5 ? -1 : 1;
    return Math.min(n - 1, Math.max(0, gene + step));
  };
  const cache = new Map<number, SweepResult>();
  const scoresOf = (index: number): number[] => opts.objectives.map((o) => score(cache.get(index)!, o));

  const evaluateAll = async (indices: readonly number[]): Promise<void> => {
    const missing = [...new Set(indices)].filter((i) => !cache.has(i));
    const tasks: SweepTask[] = missing.map((index) => ({ index, params: combinationAt(space, index) }));
    for await (const result of streamSweep(evaluator, tasks, opts.window)) {
      cache.set(result.index, result);
      opts.onResult?.(result);
    }
  };

  // The first population: distinct random combinations (all of them if the space is small).
  let population: number[] = [];
  if (space.size <= popSize) population = [...Array(space.size).keys()];
  else {
    const seen = new Set<number>();
    while (seen.size < popSize) seen.add(indexOf(space, space.values.map((v) => pick(v.length))));
    population = [...seen];
  }
  await evaluateAll(population);

  for (let gen = 0; gen < generations && space.size > population.length; gen++) {
    const scores = population.map(scoresOf);
    const rank = new Map<number, number>();
    const crowd = new Map<number, number>();
    nonDominatedFronts(scores).forEach((front, r) => {
      for (const [i, d] of crowding(front, scores)) crowd.set(i, d);
      for (const i of front) rank.set(i, r);
    });
    const tournament = (): Genome => {
      const a = pick(population.length);
      const b = pick(population.length);
      const winner = rank.get(a)! < rank.get(b)! || (rank.get(a) === rank.get(b) && crowd.get(a)! >= crowd.get(b)!) ? a : b;
      return genomeOf(space, population[winner]!);
    };
    const offspring: number[] = [];
    while (offspring.length < popSize) {
      const x = tournament();
      const y = tournament();
      if (rand() < cxpb) for (let g = 0; g < x.length; g++) if (rand() < 0.5) [x[g], y[g]] = [y[g]!, x[g]!];
      for (const child of [x, y]) {
        for (let g = 0; g < child.length; g++) if (rand() < indpb) child[g] = mutate(child[g]!, space.values[g]!.length);
        offspring.push(indexOf(space, child));
      }
    }
    await evaluateAll(offspring);

    // Environmental selection over parents and children, each combination once.
    const pool = [...new Set([...population, ...offspring])];
    const poolScores = pool.map(scoresOf);
    const next: number[] = [];
    for (const front of nonDominatedFronts(poolScores)) {
      if (next.length + front.length <= popSize) {
        next.push(...front.map((i) => pool[i]!));
        continue;
      }
      const d = crowding(front, poolScores);
      const byCrowding = [...front].sort((a, b) => d.get(b)! - d.get(a)! || pool[a]! - pool[b]!);
      next.push(...byCrowding.slice(0, popSize - next.length).map((i) => pool[i]!));
      break;
    }
    population = next;
  }

  const finalScores = population.map(scoresOf);
  const first = nonDominatedFronts(finalScores)[0] ?? [];
  const front = first
    .map((i) => cache.get(population[i]!)!)
    .sort((a, b) => score(b, opts.objectives[0]!) - score(a, opts.objectives[0]!) || a.index - b.index);
  return { evaluated: cache.size, front };
}
