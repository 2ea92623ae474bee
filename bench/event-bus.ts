/**
 * Event bus throughput: events per second delivered to one handler, median of 7 runs.
 * `npx tsx bench/event-bus.ts` prints one JSON line. With Python available it also runs
 * bench/reference/vnpy_event_engine.py (a model of vn.py's queue-and-thread EventEngine) in
 * the same run, so the ratio is measured under the same machine noise.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EventBus } from '../electron/engine/event-bus';
import type { EngineEvents } from '../electron/engine/engine-events';
import { isMain, median, rates } from './stats';

const N = 5_000_000;

function measureReference(): number | null {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'reference', 'vnpy_event_engine.py');
  const r = spawnSync('python3', [script, '1000000'], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  const parsed = JSON.parse(r.stdout.trim().split('\n').pop()!) as { events_per_s: number };
  return parsed.events_per_s;
}

export function runEventBusBench(): Record<string, unknown> {
  const bus = new EventBus<EngineEvents>();
  let sink = 0;
  bus.on('timer', (n) => {
    sink += n;
  });
  const perRun = rates(7, N, () => {
    for (let i = 0; i < N; i++) bus.emit('timer', i);
  });
  const ours = median(perRun);
  const reference = measureReference();
  return {
    bench: 'event-bus',
    events: N,
    events_per_s: Math.round(ours),
    runs: perRun.map(Math.round),
    vnpy_model_events_per_s: reference === null ? null : Math.round(reference),
    ratio_vs_vnpy_model: reference === null ? null : Number((ours / reference).toFixed(1)),
    checksum: sink > 0,
  };
}

if (isMain(import.meta.url)) console.log(JSON.stringify(runEventBusBench()));
