/**
 * One named instance of a gateway plugin (SIM, SIM_2, CTP_A …): its status, its live
 * gateway object, and the sink that turns the gateway's callbacks into bus events. The sink
 * is where a replayed fill is dropped, so no consumer ever sees a trade twice.
 */
import { GatewayStatus, LogLevel } from '../../../common/constants';
import type { GatewayInfo } from '../../../common/bridge-contract';
import type { Gateway, GatewayEventSink, GatewayStorage } from '../../../common/gateway-api';
import type { EventBus } from '../event-bus';
import type { EngineEvents } from '../engine-events';
import type { OrderManagementSystem } from '../oms';
import type { LoadedPlugin } from './plugin-loader';

export interface InstanceServices {
  bus: EventBus<EngineEvents>;
  oms: OrderManagementSystem;
  storage: GatewayStorage;
  now: () => number;
  log: (msg: string, level: LogLevel, source: string) => void;
}

export class GatewayInstance {
  status: GatewayStatus = GatewayStatus.DISCONNECTED;
  message = '';
  private gateway: Gateway | undefined;

  constructor(
    readonly name: string,
    readonly plugin: LoadedPlugin,
    private readonly services: InstanceServices,
  ) {}

  info(): GatewayInfo {
    const m = this.plugin.manifest;
    return {
      name: this.name,
      type: m.name,
      displayName: this.name === m.name ? m.displayName : `${m.displayName}（${this.name}）`,
      ...(m.notice ? { notice: m.notice } : {}),
      settings: m.settings,
      actions: m.actions ?? [],
      status: this.status,
      message: this.message,
    };
  }

  /** The live gateway, created on first use so a plugin's constructor runs only when needed. */
  get(): Gateway {
    if (!this.gateway) {
      this.gateway = this.plugin.create({
        name: this.name,
        events: this.sink(),
        storage: this.services.storage,
        now: this.services.now,
      });
    }
    return this.gateway;
  }

  get connected(): boolean {
    return this.status === GatewayStatus.CONNECTED;
  }

  setStatus(status: GatewayStatus, message = ''): void {
    this.status = status;
    this.message = message;
    this.services.bus.emit('gateway', this.info());
  }

  private sink(): GatewayEventSink {
    const { bus, oms, log } = this.services;
    const name = this.name;
    return {
      onTick: (tick) => bus.emit('tick', tick),
      onOrder: (order) => bus.emit('order', order),
      onTrade: (trade) => {
        if (oms.hasTrade(trade.vt_tradeid)) {
          log(`重复成交回报已忽略：${trade.vt_tradeid}`, LogLevel.DEBUG, name);
          return;
        }
        bus.emit('trade', trade);
      },
      onPosition: (position) => bus.emit('position', position),
      onAccount: (account) => bus.emit('account', account),
      onContract: (contract) => bus.emit('contract', contract),
      onLog: (msg, level = LogLevel.INFO) => log(msg, level, name),
      onStatus: (status, message = '') => this.setStatus(status, message),
      onCredit: (credit) => bus.emit('credit', credit),
      onCompact: (compact) => bus.emit('compact', compact),
      onCreditAsset: (asset) => bus.emit('credit-asset', asset),
    };
  }
}
