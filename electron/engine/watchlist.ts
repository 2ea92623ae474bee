/**
 * 自选: the codes the 行情 monitor shows, in the trader's order, kept in
 * watchlist_setting.json. Each code is subscribed on the gateway it trades on as soon as that
 * gateway is connected — at once when added, after every (re)connect, after a restart once the
 * trader logs in again, and when a slow counter publishes the contract after its login.
 */
import { GatewayStatus, LogLevel } from '../../common/constants';
import type { WatchEntry } from '../../common/contract/watchlist-contract';
import { TraderError } from '../../common/errors';
import type { ContractData } from '../../common/objects';
import { parseCode } from '../../common/symbol';
import type { EventBus } from './event-bus';
import type { EngineEvents } from './engine-events';
import type { WatchlistFile } from './store';

/** What the watchlist needs of the main engine. */
export interface WatchlistEngine {
  subscribe(code: string, gatewayName?: string): ContractData;
}

export interface WatchlistOptions {
  bus: EventBus<EngineEvents>;
  main: WatchlistEngine;
  contracts: ReadonlyMap<string, ContractData>;
  /** gateway names currently connected */
  connectedGateways: () => string[];
  file: WatchlistFile;
  log: (msg: string, level?: LogLevel) => void;
  /** the whole list after any change */
  onChange?: (codes: WatchEntry[]) => void;
}

export class Watchlist {
  private entries: WatchEntry[];
  /** vt_symbol → the gateway it is subscribed on in this login */
  private readonly subscribedOn = new Map<string, string>();
  private readonly off: (() => void)[] = [];

  constructor(private readonly opts: WatchlistOptions) {
    this.entries = opts.file.load();
    this.off.push(
      opts.bus.on('gateway', (g) => {
        if (g.status === GatewayStatus.CONNECTED) this.subscribeAll(g.name);
        else for (const [vt, on] of this.subscribedOn) if (on === g.name) this.subscribedOn.delete(vt);
      }),
      opts.bus.on('contract', (c) => {
        // A contract published after the login (a slow counter): subscribe it now.
        const e = this.entry(c.vt_symbol);
        if (e && this.gatewayFor(e, c) === c.gateway_name && this.opts.connectedGateways().includes(c.gateway_name)) this.subscribe(e, c.gateway_name);
      }),
    );
    for (const name of opts.connectedGateways()) this.subscribeAll(name);
  }

  list(): WatchEntry[] {
    return this.entries.map((e) => ({ ...e }));
  }

  /**
   * Add a code at the end; a code already listed stays where it is. While a gateway is
   * connected the code must be one it lists (a typo is refused, not kept); with none
   * connected any well-formed code is kept and subscribed at the next login.
   */
  add(code: string, gatewayName?: string): WatchEntry[] {
    const { symbol, exchange, vt_symbol } = parseCode(code);
    const contract = this.opts.contracts.get(vt_symbol);
    const connected = this.opts.connectedGateways();
    if (!contract && connected.length) throw new TraderError('UNKNOWN_CONTRACT', `未找到合约 ${vt_symbol}，无法加入自选`);
    let e = this.entry(vt_symbol);
    if (!e) {
      e = { vt_symbol, symbol, exchange, name: contract?.name ?? '', gateway_name: gatewayName ?? contract?.gateway_name ?? '' };
      this.entries.push(e);
      this.changed();
    } else if (gatewayName && e.gateway_name !== gatewayName) {
      e.gateway_name = gatewayName;
      this.subscribedOn.delete(vt_symbol);
      this.changed();
    }
    const on = this.gatewayFor(e, contract);
    if (on && connected.includes(on)) this.subscribe(e, on);
    return this.list();
  }

  /** Take a code off the list. Its quotes are not stopped: a strategy or a K线图 may still want them. */
  remove(code: string): WatchEntry[] {
    const { vt_symbol } = parseCode(code);
    const at = this.entries.findIndex((e) => e.vt_symbol === vt_symbol);
    if (at >= 0) {
      this.entries.splice(at, 1);
      this.subscribedOn.delete(vt_symbol);
      this.changed();
    }
    return this.list();
  }

  /** Move a code to position `to` (clamped to the list). */
  move(code: string, to: number): WatchEntry[] {
    const { vt_symbol } = parseCode(code);
    const at = this.entries.findIndex((e) => e.vt_symbol === vt_symbol);
    if (at < 0) throw new TraderError('NOT_IN_WATCHLIST', `${vt_symbol} 不在自选中`);
    const target = Math.min(Math.max(0, to), this.entries.length - 1);
    if (target !== at) {
      const [e] = this.entries.splice(at, 1);
      this.entries.splice(target, 0, e!);
      this.changed();
    }
    return this.list();
  }

  close(): void {
    for (const off of this.off.splice(0)) off();
  }

  private entry(vt: string): WatchEntry | undefined {
    return this.entries.find((e) => e.vt_symbol === vt);
  }

  /** The gateway a code is subscribed on: the one it was last subscribed on, else its contract's. */
  private gatewayFor(e: WatchEntry, contract: ContractData | undefined): string | undefined {
    return e.gateway_name || contract?.gateway_name;
  }

  private subscribeAll(gatewayName: string): void {
    let count = 0;
    for (const e of this.entries) {
      if (this.subscribedOn.get(e.vt_symbol) === gatewayName) continue;
      if (this.gatewayFor(e, this.opts.contracts.get(e.vt_symbol)) !== gatewayName) continue;
      if (this.subscribe(e, gatewayName)) count++;
    }
    if (count) this.opts.log(`已订阅自选行情 ${count} 个（${gatewayName}）`);
  }

  private subscribe(e: WatchEntry, gatewayName: string): boolean {
    if (this.subscribedOn.get(e.vt_symbol) === gatewayName) return false;
    try {
      this.opts.main.subscribe(e.vt_symbol, gatewayName);
    } catch (error) {
      this.opts.log(`自选 ${e.vt_symbol} 订阅失败：${error instanceof Error ? error.message : String(error)}`, LogLevel.WARNING);
      return false;
    }
    this.subscribedOn.set(e.vt_symbol, gatewayName);
    const name = this.opts.contracts.get(e.vt_symbol)?.name || e.name;
    if (e.gateway_name !== gatewayName || e.name !== name) {
      e.gateway_name = gatewayName;
      e.name = name;
      this.changed();
    }
    return true;
  }

  private changed(): void {
    this.opts.file.save(this.entries);
    this.opts.onChange?.(this.list());
  }
}
