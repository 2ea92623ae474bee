/**
 * 行情记录 end to end: the SIM's ticks for a recorded code become 1-minute bars in bar.db,
 * recording goes on across a reconnect and a restart of the engine (the list is kept in
 * data_recorder_setting.json, vn.py's layout), and the recorder says what it records. The
 * engine runs on a test clock set inside the A-share session, since the SIM quotes around
 * the clock but bars are cut by the exchange's sessions. Expected bars are computed here
 * from the ticks seen on the bus.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { barsOf, Interval, type BarData } from '../../common/bars';
import type { RecordingInfo } from '../../common/history';
import type { TickData } from '../../common/objects';
import type { Engine } from '../../electron/engine/create-engine';
import { createHistory, type History } from '../../electron/engine/history';
import { MemorySecretStore } from '../../electron/engine/store';
import { startEngine, tempVntraderDir, waitFor } from './harness';
import { cst } from '../fixtures/china-time';

const VT = '600000.SSE';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Rig {
  engine: Engine;
  history: History;
  ticks: TickData[];
  lists: RecordingInfo[][];
  clock: { t: number };
}

async function start(dir: string, clock: { t: number }): Promise<Rig> {
  const engine = await startEngine(dir, { secretStore: new MemorySecretStore(), now: () => clock.t, timer: true });
  const ticks: TickData[] = [];
  const lists: RecordingInfo[][] = [];
  engine.bus.on('tick', (t) => {
    if (t.vt_symbol === VT) ticks.push(t);
  });
  const history = createHistory({
    dir, bus: engine.bus, main: engine.main, oms: engine.oms, secrets: engine.secrets, now: () => clock.t, env: {},
    log: (msg, level) => engine.main.log(msg, level, '行情记录'), storeLog: () => undefined, emit: () => undefined, onRecording: (l) => lists.push(l),
  });
  const rig = { engine, history, ticks, lists, clock };
  cleanups.push(async () => {
    history.close();
    await engine.close();
  });
  return rig;
}

const connect = (r: Rig) => r.engine.dispatcher.dispatch('gateway/connect', { gateway: 'SIM', settings: { '行情间隔(ms)': 50 } });
const disconnect = (r: Rig) => r.engine.dispatcher.dispatch('gateway/close', { gateway: 'SIM' });

/** Let the SIM print `n` more ticks of the code at the current clock. */
async function ticksAt(r: Rig, n: number): Promise<TickData[]> {
  const from = r.ticks.length;
  await waitFor(() => r.ticks.length - from >= n, 20_000, `${n} ticks`);
  return r.ticks.slice(from).filter((t) => t.datetime === r.clock.t);
}

/** The bar a minute's ticks make (open, high, low, close), computed from the ticks alone. */
function ohlc(ticks: TickData[]): Pick<BarData, 'open' | 'high' | 'low' | 'close'> {
  const prices = ticks.map((t) => t.last_price);
  return { open: prices[0]!, high: Math.max(...prices), low: Math.min(...prices), close: prices.at(-1)! };
}

const stored = (r: Rig) => barsOf(r.history.service.loadBars({ vt_symbol: VT, interval: Interval.MINUTE }));
const statusOf = (r: Rig) => r.history.service.recordings().find((x) => x.vt_symbol === VT)?.status;

describe('recording ticks into bars', () => {
  it('records SIM ticks into minute bars, across a reconnect, and reads them back', async () => {
    const dir = tempVntraderDir();
    const clock = { t: cst('2025-01-06 09:30:05') };
    const r = await start(dir, clock);
    expect(r.history.service.addRecording('600000')).toEqual([{ vt_symbol: VT, status: '等待连接', gateway_name: '', bars: 0 }]);
    await connect(r);
    await waitFor(() => statusOf(r) === '录制中', 20_000, 'recording');
    expect(r.history.service.recordings()[0]).toMatchObject({ gateway_name: 'SIM' });

    const m0 = await ticksAt(r, 3);
    clock.t = cst('2025-01-06 09:31:05');
    const m1 = await ticksAt(r, 3);
    await disconnect(r);
    expect(statusOf(r)).toBe('等待连接');
    clock.t = cst('2025-01-06 09:32:05');
    await connect(r); // subscribed again by the recorder, nobody asked
    const m2 = await ticksAt(r, 3);
    clock.t = cst('2025-01-06 09:33:05');
    await ticksAt(r, 1);
    // The engine's 1 s timer writes finished bars.
    await waitFor(() => stored(r).length >= 3, 20_000, 'three stored bars');

    const bars = stored(r);
    // Every tick at the clock's minute went into that minute's bar (the ones collected here
    // are a subset: ticksAt starts counting after the clock moved).
    const all = (t0: number) => r.ticks.filter((t) => t.datetime === t0);
    expect(bars.slice(0, 3).map((b) => b.datetime)).toEqual([cst('2025-01-06 09:30:00'), cst('2025-01-06 09:31:00'), cst('2025-01-06 09:32:00')]);
    expect(bars[0]).toMatchObject({ ...ohlc(all(cst('2025-01-06 09:30:05'))), interval: '1m', symbol: '600000', exchange: 'SSE' });
    expect(bars[1]).toMatchObject(ohlc(all(cst('2025-01-06 09:31:05'))));
    expect(bars[2]).toMatchObject(ohlc(all(cst('2025-01-06 09:32:05'))));
    expect(m0.length + m1.length + m2.length).toBeGreaterThanOrEqual(9);
    // 09:30 is the day's first minute: its volume counts from zero; 09:31's is the difference.
    const lastCum = (t0: number) => all(t0).at(-1)!.volume;
    expect(bars[0]!.volume).toBe(lastCum(cst('2025-01-06 09:30:05')));
    expect(bars[1]!.volume).toBe(lastCum(cst('2025-01-06 09:31:05')) - lastCum(cst('2025-01-06 09:30:05')));
    expect(r.history.service.recordings()[0]).toMatchObject({ status: '录制中', bars: bars.length, last_bar: bars.at(-1)!.datetime });
    expect(r.lists.length).toBeGreaterThan(0);

    // Lunch: ticks keep coming from the SIM, no bar is made.
    clock.t = cst('2025-01-06 12:00:05');
    await ticksAt(r, 3);
    r.history.recorder.flush();
    expect(stored(r).every((b) => b.datetime < cst('2025-01-06 11:31:00'))).toBe(true);
  });

  it('keeps the list in data_recorder_setting.json and records again after a restart', async () => {
    const dir = tempVntraderDir();
    const clock = { t: cst('2025-01-07 10:00:05') };
    const first = await start(dir, clock);
    await connect(first);
    first.history.service.addRecording('600000.SH');
    first.history.service.addRecording('000001');
    first.history.service.removeRecording('000001.SZSE');
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'data_recorder_setting.json'), 'utf8'))).toEqual({
      tick: {},
      bar: { [VT]: { symbol: '600000', exchange: 'SSE', gateway_name: 'SIM' } },
    });
    await cleanups.pop()!();

    const second = await start(dir, clock);
    expect(second.history.service.recordings()).toEqual([{ vt_symbol: VT, status: '等待连接', gateway_name: 'SIM', bars: 0 }]);
    await connect(second);
    await ticksAt(second, 2);
    clock.t = cst('2025-01-07 10:01:05');
    await ticksAt(second, 1);
    await waitFor(() => stored(second).some((b) => b.datetime === cst('2025-01-07 10:00:00')), 20_000, 'the 10:00 bar');
    expect(statusOf(second)).toBe('录制中');
  });

  it('moves a corrupt list aside, says so, and starts empty', async () => {
    // The engine builds its own history in its folder: this one reads another folder, where
    // the corrupt file is, so its own warning can be heard.
    const dir = tempVntraderDir();
    const engine = await startEngine(tempVntraderDir(), { secretStore: new MemorySecretStore() });
    fs.writeFileSync(path.join(dir, 'data_recorder_setting.json'), '{"bar": {oops');
    const warnings: string[] = [];
    const history = createHistory({
      dir, bus: engine.bus, main: engine.main, oms: engine.oms, secrets: engine.secrets, now: Date.now, env: {},
      log: () => undefined, storeLog: (msg) => warnings.push(msg), emit: () => undefined,
    });
    cleanups.push(async () => {
      history.close();
      await engine.close();
    });
    expect(history.service.recordings()).toEqual([]);
    expect(warnings.join('\n')).toMatch(/data_recorder_setting\.json 无法解析，已另存为 data_recorder_setting\.json\.corrupt-/);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('data_recorder_setting.json.corrupt-'))).toBe(true);
  });
});
