/**
 * The shared ring carries ticks and JSON messages intact, in order, across wrap-around,
 * refuses a write when full (never overwrites unread data), and the tick codec keeps every
 * number.
 */
import { describe, expect, it } from 'vitest';
import { Exchange } from '../../../../common/constants';
import type { TickData } from '../../../../common/objects';
import { createRingBuffer, KIND_JSON, KIND_TICK, SharedRing } from '../../../../apps/strategy-manager/engine/transport/shared-ring';
import { readTick, writeTick } from '../../../../apps/strategy-manager/engine/transport/tick-codec';

function tick(i: number): TickData {
  const t: Record<string, unknown> = { gateway_name: 'SIM', symbol: '600000', exchange: Exchange.SSE, vt_symbol: '600000.SSE', name: '浦发银行' };
  const fields = ['datetime', 'volume', 'turnover', 'last_price', 'last_volume', 'limit_up', 'limit_down', 'open_price', 'high_price', 'low_price', 'pre_close'];
  for (const side of ['bid', 'ask']) for (let l = 1; l <= 5; l++) fields.push(`${side}_price_${l}`, `${side}_volume_${l}`);
  fields.forEach((f, k) => (t[f] = i * 1000 + k + 0.25));
  return t as unknown as TickData;
}

function readAll(ring: SharedRing): unknown[] {
  const out: unknown[] = [];
  const peek = new Int32Array(2);
  for (let off = ring.peek(peek); off >= 0; off = ring.peek(peek)) {
    const len = peek[1]!;
    out.push(peek[0] === KIND_TICK ? readTick(ring, off, len, (vt) => `code:${vt}`) : ring.readJson(off, len));
    ring.release(off, len);
  }
  return out;
}

describe('SharedRing', () => {
  it('keeps order and content across many wrap-arounds', () => {
    const ring = new SharedRing(createRingBuffer(1024));
    let next = 0;
    let expectNext = 0;
    for (let round = 0; round < 200; round++) {
      for (let k = 0; k < 3; k++) expect(ring.writeJson({ n: next++, pad: 'x'.repeat((round * 7) % 90), 中文: '委托' })).toBe(true);
      for (const m of readAll(ring) as { n: number; 中文: string }[]) {
        expect(m.n).toBe(expectNext++);
        expect(m.中文).toBe('委托');
      }
    }
    expect(expectNext).toBe(600);
  });

  it('refuses to write when full and accepts again once read', () => {
    const ring = new SharedRing(createRingBuffer(256));
    let written = 0;
    while (ring.writeJson({ n: written, pad: 'y'.repeat(20) })) written++;
    expect(written).toBeGreaterThan(2);
    const got = readAll(ring) as { n: number }[];
    expect(got.map((m) => m.n)).toEqual([...Array(written).keys()]);
    expect(ring.writeJson({ n: -1 })).toBe(true);
  });

  it('carries a tick with every number intact, mixed with JSON', () => {
    const ring = new SharedRing(createRingBuffer(4096));
    expect(writeTick(ring, tick(3))).toBe(true);
    expect(ring.writeJson({ t: 'x' })).toBe(true);
    const peek = new Int32Array(2);
    const off = ring.peek(peek);
    expect(peek[0]).toBe(KIND_TICK);
    const got = readTick(ring, off, peek[1]!, (vt) => `code:${vt}`);
    ring.release(off, peek[1]!);
    const want = tick(3);
    for (const [k, v] of Object.entries(want)) if (typeof v === 'number') expect(got[k as keyof typeof got], k).toBe(v);
    expect(got).toMatchObject({ code: 'code:600000.SSE', symbol: '600000', exchange: 'SSE', vt_symbol: '600000.SSE' });
    ring.peek(peek);
    expect(peek[0]).toBe(KIND_JSON);
  });
});
