import { afterEach, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../../electron/engine/event-bus';

interface Events {
  a: number;
  b: string;
  timer: number;
}

describe('EventBus', () => {
  afterEach(() => vi.useRealTimers());

  it('dispatches synchronously to per-type handlers, then general handlers', () => {
    const bus = new EventBus<Events>();
    const seen: string[] = [];
    bus.on('a', (n) => seen.push(`a:${n}`));
    bus.onAny((type, payload) => seen.push(`any:${String(type)}:${String(payload)}`));
    bus.on('b', (s) => seen.push(`b:${s}`));
    bus.emit('a', 1);
    expect(seen).toEqual(['a:1', 'any:a:1']);
    bus.emit('b', 'x');
    expect(seen).toEqual(['a:1', 'any:a:1', 'b:x', 'any:b:x']);
  });

  it('reports a throwing handler and still runs the others', () => {
    const errors: string[] = [];
    const bus = new EventBus<Events>((type, error) => errors.push(`${type}:${(error as Error).message}`));
    const seen: number[] = [];
    bus.on('a', () => {
      throw new Error('boom');
    });
    bus.on('a', (n) => seen.push(n));
    bus.onAny(() => {
      throw new Error('general boom');
    });
    bus.onAny((_t, n) => seen.push((n as number) * 10));
    bus.emit('a', 7);
    expect(seen).toEqual([7, 70]);
    expect(errors).toEqual(['a:boom', 'a:general boom']);
  });

  it('does not recurse when the reporter itself emits an event whose handler throws', () => {
    let reports = 0;
    const bus: EventBus<Events> = new EventBus<Events>(() => {
      reports++;
      bus.emit('b', 'log line');
    });
    bus.on('b', () => {
      throw new Error('log handler broken');
    });
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    bus.emit('b', 'first');
    spy.mockRestore();
    expect(reports).toBe(1);
  });

  it('unsubscribes', () => {
    const bus = new EventBus<Events>();
    const seen: number[] = [];
    const off = bus.on('a', (n) => seen.push(n));
    const offAny = bus.onAny(() => seen.push(-1));
    bus.emit('a', 1);
    off();
    offAny();
    bus.emit('a', 2);
    expect(seen).toEqual([1, -1]);
  });

  it('fires the timer event every interval until stopped', () => {
    vi.useFakeTimers();
    const bus = new EventBus<Events>();
    const ticks: number[] = [];
    bus.on('timer', (t) => ticks.push(t));
    let clock = 0;
    bus.startTimer('timer', () => ++clock, 1000);
    vi.advanceTimersByTime(3500);
    bus.stopTimer();
    vi.advanceTimersByTime(5000);
    expect(ticks).toEqual([1, 2, 3]);
  });
});
