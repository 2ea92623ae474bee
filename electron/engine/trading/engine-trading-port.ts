/**
 * The live trading port: the main engine, the OMS and the published events behind
 * TradingPort. A strategy hears of an order or a fill only once the journal holds it (the
 * outbound gate), as a window does; ticks pass at once.
 */
import type { MarketRegistry } from '../../../common/markets';
import type { EngineEvents } from '../engine-events';
import type { EventSource } from '../outbound-gate';
import type { MainEngine } from '../main-engine';
import type { OrderManagementSystem } from '../oms';
import type { TradingPort } from './trading-port';

export interface EngineTradingPortDeps {
  /** the events as they leave the engine (after their journal commit) */
  events: EventSource<EngineEvents>;
  oms: OrderManagementSystem;
  main: MainEngine;
  markets: MarketRegistry;
  now: () => number;
}

export function createEngineTradingPort({ events, oms, main, markets, now }: EngineTradingPortDeps): TradingPort {
  return {
    lookupContract: (code) => main.lookupContract(code),
    contract: (vtSymbol) => oms.contracts.get(vtSymbol),
    rulesFor: (target) => markets.rulesFor(target),
    subscribe: (vtSymbol, gateway) => void main.subscribe(vtSymbol, gateway),
    lastTick: (vtSymbol) => oms.ticks.get(vtSymbol),
    gatewayStatus: (gateway) => main.gatewayInfos().find((g) => g.name === gateway)?.status,
    gatewayNames: () => main.gatewayInfos().map((g) => g.name),
    sendOrder: (req, gateway) => main.sendOrder(req, gateway),
    cancelOrder: (vtOrderId) => main.cancelOrder(vtOrderId),
    creditRepay: (gateway, req) => main.creditRepay(gateway, req),
    order: (vtOrderId) => oms.orders.get(vtOrderId),
    orders: () => oms.orders.values(),
    activeOrders: () => oms.activeOrders.values(),
    trades: () => oms.trades.values(),
    account: (gateway) => oms.getAccount(gateway),
    positions: (gateway) => [...oms.positions.values()].filter((p) => p.gateway_name === gateway),
    credit: (gateway) => oms.getCredit(gateway),
    openCompacts: (gateway) => [...oms.compacts.values()].filter((c) => c.gateway_name === gateway && !c.closed),
    on: (event, handler) => events.on(event, handler),
    log: (msg, level, source) => main.log(msg, level, source),
    now,
  };
}
