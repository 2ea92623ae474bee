/**
 * 行情记录's engine part, after vn.py's DataRecorder (bars only): the codes in
 * data_recorder_setting.json are subscribed whenever a gateway holding their contract
 * connects (so recording survives reconnects and restarts), their ticks become 1-minute
 * bars through the session-aware BarGenerator, and finished bars are written to the bar
 * store in batches on the engine's 1 s timer. A bar still being built when the app stops is
 * not written: it would be a partial minute.
 */
import { BarGenerator, seriesOf, type BarData } from '../../../common/bars';
import { GatewayStatus, LogLevel } from '../../../common/constants';
import type { RecordingInfo } from '../../../common/history';
import type { ContractData } from '../../../common/objects';
import { parseCode } from '../../../common/symbol';
import type { EventBus } from '../event-bus';
import type { EngineEvents } from '../engine-events';
import type { BarStore, RecordingEntry, RecordingList } from '../store';

/** What the recorder needs of the main engine. */
export interface RecorderEngine {
  subscribe(code: string, gatewayName?: string): ContractData;
}

export interface BarRecorderOptions {
  bus: EventBus<EngineEvents>;
  main: RecorderEngine;
  contracts: ReadonlyMap<string, ContractData>;
  /** gateway names currently connected */
  connectedGateways: () => string[];
  store: BarStore;
  list: RecordingList;
  now: () => number;
  log: (msg: string, level?: LogLevel) => void;
  /** notified when the list or a code's status changes */
  onChange?: (list: RecordingInfo[]) => void;
}

/** Write at once when this many bars wait, whatever the timer. */
const MAX_PENDING = 2000;

interface CodeState {
  entry: RecordingEntry;
  subscribedOn?: string;
  ticks: number;
  bars: number;
  lastBar?: number;
}

export class BarRecorder {
  private readonly codes = new Map<string, CodeState>();
  private readonly generator: BarGenerator;
  private pending: BarData[] = [];
  private readonly off: (() => void)[] = [];

  constructor(private readonly opts: BarRecorderOptions) {
    for (const [vt, entry] of opts.list.bars()) this.codes.set(vt, { entry, ticks: 0, bars: 0 });
    this.generator = new BarGenerator({ onBar: (bar) => this.onBar(bar) });
    this.off.push(
      opts.bus.on('tick', (tick) => {
        const st = this.codes.get(tick.vt_symbol);
        if (!st) return;
        st.ticks++;
        this.generator.updateTick(tick);
        if (st.ticks === 1) this.changed();
      }),
      opts.bus.on('gateway', (g) => {
        if (g.status === GatewayStatus.CONNECTED) this.subscribeAll(g.name);
        else for (const st of this.codes.values()) if (st.subscribedOn === g.name) [st.subscribedOn, st.ticks] = [undefined, 0];
        this.changed();
      }),
      opts.bus.on('contract', (c) => {
        // A contract published after the connect (a slow counter): subscribe it then.
        const st = this.codes.get(c.vt_symbol);
        if (st && !st.subscribedOn && opts.connectedGateways().includes(c.gateway_name)) this.subscribe(c.vt_symbol, st, c.gateway_name);
      }),
      opts.bus.on('timer', () => this.flush()),
    );
    for (const name of opts.connectedGateways()) this.subscribeAll(name);
  }

  /** What is recorded, in the list's order. */
  list(): RecordingInfo[] {
    return [...this.codes].map(([vt, st]) => ({
      vt_symbol: vt,
      status: !st.subscribedOn ? '等待连接' : st.ticks ? '录制中' : '等待行情',
      gateway_name: st.subscribedOn ?? st.entry.gateway_name,
      bars: st.bars,
      ...(st.lastBar !== undefined ? { last_bar: st.lastBar } : {}),
    }));
  }

  /** Start recording a code (any code form); subscribes at once when a gateway can. */
  add(code: string): RecordingInfo[] {
    const { symbol, exchange, vt_symbol } = parseCode(code);
    if (!this.codes.has(vt_symbol)) {
      const contract = this.opts.contracts.get(vt_symbol);
      const st: CodeState = { entry: { symbol, exchange, gateway_name: contract?.gateway_name ?? '' }, ticks: 0, bars: 0 };
      this.codes.set(vt_symbol, st);
      this.save();
      this.opts.log(`开始记录 ${vt_symbol} 的 1 分钟K线`);
      if (contract && this.opts.connectedGateways().includes(contract.gateway_name)) this.subscribe(vt_symbol, st, contract.gateway_name);
      this.changed();
    }
    return this.list();
  }

  /** Stop recording a code. Bars already stored stay. */
  remove(code: string): RecordingInfo[] {
    const { vt_symbol } = parseCode(code);
    if (this.codes.delete(vt_symbol)) {
      this.save();
      this.opts.log(`停止记录 ${vt_symbol}`);
      this.changed();
    }
    return this.list();
  }

  /** Finish bars whose minute is over and write every finished bar. */
  flush(): void {
    this.generator.flush(this.opts.now());
    if (!this.pending.length) return;
    const batch = this.pending;
    this.pending = [];
    const byCode = new Map<string, BarData[]>();
    for (const b of batch) {
      // A code removed while its last bar was being built is not written.
      if (!this.codes.has(b.vt_symbol)) continue;
      const list = byCode.get(b.vt_symbol) ?? [];
      list.push(b);
      byCode.set(b.vt_symbol, list);
    }
    try {
      for (const [vt, bars] of byCode) {
        const st = this.codes.get(vt)!;
        this.opts.store.saveSeries(seriesOf(bars, bars[0]!));
        st.bars += bars.length;
        st.lastBar = bars[bars.length - 1]!.datetime;
      }
    } catch (error) {
      this.opts.log(`行情记录写入失败：${error instanceof Error ? error.message : String(error)}`, LogLevel.ERROR);
    }
    if (byCode.size) this.changed();
  }

  close(): void {
    this.flush();
    for (const off of this.off.splice(0)) off();
  }

  private onBar(bar: BarData): void {
    this.pending.push(bar);
    if (this.pending.length >= MAX_PENDING) this.flush();
  }

  private subscribeAll(gatewayName: string): void {
    for (const [vt, st] of this.codes) {
      const c = this.opts.contracts.get(vt);
      if (c && c.gateway_name === gatewayName) this.subscribe(vt, st, gatewayName);
    }
  }

  private subscribe(vt: string, st: CodeState, gatewayName: string): void {
    try {
      this.opts.main.subscribe(vt, gatewayName);
      st.subscribedOn = gatewayName;
      if (st.entry.gateway_name !== gatewayName) {
        st.entry = { ...st.entry, gateway_name: gatewayName };
        this.save();
      }
    } catch (error) {
      this.opts.log(`行情记录订阅 ${vt} 失败：${error instanceof Error ? error.message : String(error)}`, LogLevel.WARNING);
    }
  }

  private save(): void {
    this.opts.list.setBars(new Map([...this.codes].map(([vt, st]) => [vt, st.entry])));
  }

  private changed(): void {
    this.opts.onChange?.(this.list());
  }
}
