/**
 * Shared by the native gateway's tests, leak probe and benchmark: builds the libraries once,
 * and runs a NativeGateway against the simulator with a recording sink instead of the engine.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GatewayStatus, type LogLevel } from '../../../common/constants';
import type { GatewayContext, GatewayEventSink, GatewaySettings } from '../../../common/gateway-api';
import type { AccountData, ContractData, OrderData, PositionData, TickData, TradeData } from '../../../common/objects';
import { NativeGateway } from '../../../gateways/native';
import { MemoryStorage, NO_HISTORY } from '../../fixtures/memory-storage';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES_DIR = path.join(REPO_ROOT, 'native', 'build', 'fixtures');

/** Build the simulator and the fixture libraries (make is incremental: cheap when up to date). */
export function buildNative(): void {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-native.mjs'), '--strict', '--quiet'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`native build failed:\n${r.stdout}\n${r.stderr}`);
}

/** Settings for the built simulator with its quote walk off, so tests decide every price. */
export function simSettings(over: GatewaySettings = {}): GatewaySettings {
  const base: GatewaySettings = { 动态库路径: '', 交易服务器: 'tcp://127.0.0.1:17001?quote_ms=0', 用户名: 'sim001', 密码: '123456', 编码: 'UTF-8' };
  for (const [k, v] of Object.entries(over)) base[k] = v;
  return base;
}

/** What a gateway reported, kept by id (latest wins) plus counters for the hot paths. */
export class RecordingSink implements GatewayEventSink {
  readonly orders = new Map<string, OrderData>();
  readonly tradeIds = new Map<string, number>();
  trades = 0;
  orderEvents = 0;
  account: AccountData | undefined;
  status: GatewayStatus = GatewayStatus.DISCONNECTED;
  readonly logs: string[] = [];
  /** called with every trade (benchmarks hook in here) */
  onTradeHook: ((t: TradeData) => void) | undefined;
  onOrderHook: ((o: OrderData) => void) | undefined;
  keepOrders = true;

  onTick(_tick: TickData): void {}
  onOrder(order: OrderData): void {
    this.orderEvents++;
    if (this.keepOrders) this.orders.set(order.vt_orderid, order);
    this.onOrderHook?.(order);
  }
  onTrade(trade: TradeData): void {
    this.trades++;
    if (this.keepOrders) this.tradeIds.set(trade.vt_tradeid, (this.tradeIds.get(trade.vt_tradeid) ?? 0) + 1);
    this.onTradeHook?.(trade);
  }
  onPosition(_position: PositionData): void {}
  onAccount(account: AccountData): void {
    this.account = account;
  }
  onContract(_contract: ContractData): void {}
  onLog(msg: string, _level?: LogLevel): void {
    this.logs.push(msg);
  }
  onStatus(status: GatewayStatus): void {
    this.status = status;
  }
  onCredit(): void {}
  onCompact(): void {}
  onCreditAsset(): void {}
}

export function contextFor(sink: GatewayEventSink, name = 'NATIVE'): GatewayContext {
  return { name, events: sink, storage: new MemoryStorage(), history: NO_HISTORY, now: Date.now };
}

export async function connectedGateway(settings: GatewaySettings = simSettings()): Promise<{ gw: NativeGateway; sink: RecordingSink }> {
  const sink = new RecordingSink();
  const gw = new NativeGateway(contextFor(sink), { backoff: { first: 20, max: 200, jitter: 0 } });
  await gw.connect(settings);
  return { gw, sink };
}

/** Resolve when `check` holds, polling each event-loop turn; fail after `ms`. */
export async function until(check: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}
