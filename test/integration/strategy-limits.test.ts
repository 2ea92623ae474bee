/**
 * A strategy's memory limit covers what it holds outside the V8 heap (Buffers and
 * ArrayBuffers), and strategy/add refuses at once what could only fail at start: a missing
 * or non-script file, one that does not compile, an unknown gateway.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StrategyStatus } from '../../apps/strategy-manager/engine';
import type { Engine } from '../../electron/engine/create-engine';
import { rejection, startEngine, tempVntraderDir, waitFor } from './harness';
import { linesOf, startStrategyRig, type StrategyRig } from './strategy-helpers';

let rig: StrategyRig | undefined;
let engine: Engine | undefined;
afterEach(async () => {
  await rig?.close();
  await engine?.close();
  rig = undefined;
  engine = undefined;
});

// 48 MB per tick, outside the heap; allocUnsafeSlow leaves the pages untouched, so the test
// costs address space, not RAM, while the worker's external memory counts every byte.
const BUFFER_HOG = `
  const held = [];
  function process_initialize() { subscribe('600036'); }
  function on_tick() {
    held.push(Buffer.allocUnsafeSlow(48 * 1024 * 1024));
    log.info('holding ' + held.length * 48 + ' MB');
  }
`;

describe('strategy memory', () => {
  it('stops a strategy whose Buffers pass its memory_mb, with 出错 and the figure, while the heap is small', async () => {
    rig = await startStrategyRig();
    rig.strategies.add({ name: 'buffers', file: rig.file('buffers.js', BUFFER_HOG), memory_mb: 100 });
    await rig.strategies.start('buffers');
    await waitFor(() => rig!.strategies.status('buffers').status === StrategyStatus.ERROR, 15_000, 'buffer hog stopped');
    const info = rig.strategies.status('buffers');
    expect(info.message).toMatch(/^内存 \d+ MB 超过上限 100 MB（含 Buffer 等堆外内存），策略线程已终止$/);
    expect(Number(/内存 (\d+) MB/.exec(info.message)![1])).toBeGreaterThan(100);
    // Two Buffers (96 MB) and the heap pass 100 MB; it was stopped within a few ticks (50 ms each) of that.
    const held = Math.max(...linesOf(rig, 'buffers').filter((l) => l.startsWith('holding')).map((l) => Number(l.split(' ')[1])));
    expect(held).toBeGreaterThanOrEqual(96);
    expect(held).toBeLessThanOrEqual(10 * 48);
    await waitFor(() => rig!.strategies.status('buffers').threadId === null, 5_000, 'its thread gone');
  }, 30_000);
});

describe('strategy/add', () => {
  it('refuses a missing file, a non-script, a file that does not compile and an unknown gateway, and adds nothing', async () => {
    const dir = tempVntraderDir();
    engine = await startEngine(dir);
    const file = (name: string, text: string) => {
      const p = path.join(dir, name);
      fs.writeFileSync(p, text);
      return p;
    };
    const add = (input: Record<string, unknown>) => engine!.dispatcher.dispatch('strategy/add', input);

    expect(await rejection(add({ name: 'a', file: path.join(dir, 'nope.ts') }))).toMatchObject({ code: 'STRATEGY_FILE', message: expect.stringContaining('策略文件不存在') });
    expect(await rejection(add({ name: 'b', file: file('notes.txt', 'buy low') }))).toMatchObject({ code: 'STRATEGY_FILE', message: expect.stringContaining('应为 .ts 或 .js') });
    expect(await rejection(add({ name: 'c', file: file('bad.ts', 'function on_tick() {\n  const x = ;\n}\n') }))).toMatchObject({ code: 'STRATEGY_COMPILE', message: expect.stringContaining('第 2 行') });
    const good = file('good.js', 'function on_tick() {}');
    expect(await rejection(add({ name: 'd', file: good, gateway: 'CTP_X' }))).toMatchObject({ code: 'UNKNOWN_GATEWAY', message: expect.stringContaining('CTP_X') });
    expect(await engine.dispatcher.dispatch('strategy/list', {})).toEqual([]);

    await add({ name: 'e', file: good });
    expect((await engine.dispatcher.dispatch('strategy/list', {}) as { settings: { name: string } }[]).map((i) => i.settings.name)).toEqual(['e']);
    // Changing the file is checked the same way.
    expect(await rejection(engine.dispatcher.dispatch('strategy/update', { name: 'e', file: path.join(dir, 'gone.js') }))).toMatchObject({ code: 'STRATEGY_FILE' });
  });
});
