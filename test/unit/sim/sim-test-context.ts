/**
 * A GatewayContext for SIM tests: records every event, keeps storage in memory (JSON
 * round-tripped, like a real store) and has a clock the test moves by hand.
 */
import { Direction, Exchange, type GatewayStatus, type LogLevel, Offset, OrderType } from '../../../common/constants';
import type { CompactData, CreditAssetData, CreditDetail } from '../../../common/credit';
import type { GatewayContext, GatewayEventSink, GatewayHistory } from '../../../common/gateway-api';
import type { AccountData, ContractData, OrderData, OrderRequest, PositionData, TickData, TradeData } from '../../../common/objects';
import { DEFAULT_FEES } from '../../../common/markets/cn-stock/fees';
import { SimExchange, type SimConfig } from '../../../gateways/sim/sim-exchange';
import type { SimSnapshot } from '../../../gateways/sim/snapshot';

import { MemoryStorage } from '../../fixtures/memory-storage';

export { MemoryStorage };

export class RecordingSink implements GatewayEventSink {
  ticks: TickData[] = [];
  orders: OrderData[] = [];
  trades: TradeData[] = [];
  positions: PositionData[] = [];
  accounts: AccountData[] = [];
  contracts: ContractData[] = [];
  logs: { msg: string; level: LogLevel | undefined }[] = [];
  statuses: { status: GatewayStatus; message: string | undefined }[] = [];

  onTick(t: TickData): void { this.ticks.push(t); }
  onOrder(o: OrderData): void { this.orders.push(o); }
  onTrade(t: TradeData): void { this.trades.push(t); }
  onPosition(p: PositionData): void { this.positions.push(p); }
  onAccount(a: AccountData): void { this.accounts.push(a); }
  onContract(c: ContractData): void { this.contracts.push(c); }
  onLog(msg: string, level?: LogLevel): void { this.logs.push({ msg, level }); }
  onStatus(status: GatewayStatus, message?: string): void { this.statuses.push({ status, message }); }
  readonly credits: CreditDetail[] = [];
  readonly compacts: CompactData[] = [];
  readonly creditAssets: CreditAssetData[] = [];
  onCredit(v: CreditDetail): void { this.credits.push(v); }
  onCompact(v: CompactData): void { this.compacts.push(v); }
  onCreditAsset(v: CreditAssetData): void { this.creditAssets.push(v); }

  /** Latest update of one order. */
  lastOrder(vtOrderid: string): OrderData {
    const o = this.orders.filter((x) => x.vt_orderid === vtOrderid).at(-1);
    if (!o) throw new Error(`no order event for ${vtOrderid}`);
    return o;
  }

  lastAccount(): AccountData {
    const a = this.accounts.at(-1);
    if (!a) throw new Error('no account event');
    return a;
  }

  tradesOf(vtOrderid: string): TradeData[] {
    return this.trades.filter((t) => t.vt_orderid === vtOrderid);
  }
}

/** 2025-03-05 10:00 in UTC+8, a Wednesday. */
export const WEDNESDAY_10AM = Date.UTC(2025, 2, 5, 2, 0, 0);

export interface TestContext extends GatewayContext {
  readonly events: RecordingSink;
  readonly storage: MemoryStorage;
  clock: number;
  /** the journal's latest order id for this instance, as a test sets it */
  lastOrderId: string | undefined;
}

export function makeContext(name = 'SIM', storage = new MemoryStorage()): TestContext {
  const history: GatewayHistory = { lastOrderId: () => ctx.lastOrderId };
  const ctx: TestContext = {
    name,
    events: new RecordingSink(),
    storage,
    history,
    lastOrderId: undefined,
    clock: WEDNESDAY_10AM,
    now: (): number => ctx.clock,
  };
  return ctx;
}

export function simConfig(over: Partial<SimConfig> = {}): SimConfig {
  return {
    gatewayName: 'SIM',
    accountId: 'sim001',
    initialCash: 1_000_000,
    seed: 42,
    fees: { ...DEFAULT_FEES },
    now: () => WEDNESDAY_10AM,
    session: 1,
    ...over,
  };
}

export function makeExchange(over: Partial<SimConfig> = {}, snapshot?: SimSnapshot): { ex: SimExchange; sink: RecordingSink } {
  const sink = new RecordingSink();
  return { ex: new SimExchange(simConfig(over), sink, snapshot), sink };
}

export function order(vtSymbol: string, direction: Direction, volume: number, price: number, type = OrderType.LIMIT): OrderRequest {
  const [symbol, exchange] = vtSymbol.split('.') as [string, Exchange];
  return { symbol, exchange, direction, type, volume, price, offset: Offset.NONE, reference: 'test' };
}

export const buy = (vt: string, volume: number, price: number, type = OrderType.LIMIT): OrderRequest => order(vt, Direction.LONG, volume, price, type);
export const sell = (vt: string, volume: number, price: number, type = OrderType.LIMIT): OrderRequest => order(vt, Direction.SHORT, volume, price, type);

export { Exchange };
