/** Helpers shared by the benchmarks: repeat a measurement and keep the median. */

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Run `fn` `runs` times after one warm-up; returns each run's rate (units per second). */
export function rates(runs: number, units: number, fn: () => void): number[] {
  fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    const ns = Number(process.hrtime.bigint() - t0);
    out.push((units * 1e9) / ns);
  }
  return out;
}

/** True when this module is the process's entry point (so each bench runs alone or from run-all). */
export function isMain(metaUrl: string): boolean {
  return process.argv[1] !== undefined && metaUrl.endsWith(process.argv[1].replace(/\\/g, '/').split('/').pop()!);
}
