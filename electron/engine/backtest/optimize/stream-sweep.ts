/**
 * Feeds tasks to an evaluator with a bounded number in flight and hands results back as
 * they finish. Tasks are pulled from the iterator only when there is room, so neither the
 * combinations nor their results pile up, whatever the sweep's size.
 */
import type { SweepEvaluator, SweepResult, SweepTask } from '../job/backtest-job';

export async function* streamSweep(evaluator: SweepEvaluator, tasks: Iterable<SweepTask>, window = Math.max(2, evaluator.parallelism * 2)): AsyncGenerator<SweepResult> {
  const source = tasks[Symbol.iterator]();
  const inFlight = new Map<number, Promise<{ slot: number; result: SweepResult }>>();
  let slotSeq = 0;
  let exhausted = false;
  const refill = (): void => {
    while (!exhausted && inFlight.size < window) {
      const next = source.next();
      if (next.done) {
        exhausted = true;
        return;
      }
      const slot = slotSeq++;
      inFlight.set(slot, evaluator.evaluate(next.value).then((result) => ({ slot, result })));
    }
  };
  refill();
  while (inFlight.size) {
    const { slot, result } = await Promise.race(inFlight.values());
    inFlight.delete(slot);
    refill();
    yield result;
  }
}
