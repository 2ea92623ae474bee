/**
 * The main engine, after vn.py's MainEngine: owns the gateway instances and is the one path
 * by which requests reach a counter (connect, subscribe, send, cancel). Every order passes
 * the pre-trade check first. A gateway that throws is reported; the engine carries on.
 */
import { GatewayStatus, LogLevel } from '../../common/constants';
import type { GatewayInfo, ResolvedCode, Snapshot } from '../../common/bridge-contract';
import { TraderError } from '../../common/errors';
import type { GatewaySettings, GatewayStorage, SettingField } from '../../common/gateway-api';
import { CreditOrderType, type DirectRepayRequest } from '../../common/credit';
import { vtSymbolOf, type ContractData, type LogData, type OrderRequest } from '../../common/objects';
import { normaliseSettings } from '../../common/settings-form';
import { parseCode } from '../../common/symbol';
import type { EventBus } from './event-bus';
import type { EngineEvents } from './engine-events';
import { GatewayInstance, type OrderHistory } from './gateway/gateway-instance';
import type { LoadedPlugin } from './gateway/plugin-loader';
import type { OrderManagementSystem } from './oms';
import type { PreTradeCheck } from './risk/pre-trade-check';

/** What the engine needs from the config store to fill and save a connect form. */
export interface ConnectSettingsStore {
  loadConnectSettings(
    gatewayName: string,
    fields: Record<string, SettingField>,
  ): Promise<{ settings: GatewaySettings; stored: Record<string, boolean>; passwords: Record<string, string> }>;
  saveConnectSettings(gatewayName: string, fields: Record<string, SettingField>, settings: GatewaySettings): Promise<void>;
}

export interface MainEngineDeps {
  bus: EventBus<EngineEvents>;
  oms: OrderManagementSystem;
  risk: PreTradeCheck;
  config: ConnectSettingsStore;
  storageFor: (gatewayName: string) => GatewayStorage;
  /** the journal's memory of earlier orders and fills (ids unique across lost state) */
  history?: OrderHistory;
  now: () => number;
}

/** How many log lines a newly opened window receives. */
const LOG_BACKLOG = 1000;

export class MainEngine {
  private readonly instances = new Map<string, GatewayInstance>();
  private readonly logs: LogData[] = [];

  constructor(private readonly deps: MainEngineDeps) {
    deps.bus.on('log', (log) => {
      this.logs.push(log);
      if (this.logs.length > LOG_BACKLOG) this.logs.splice(0, this.logs.length - LOG_BACKLOG);
    });
  }

  log(msg: string, level: LogLevel = LogLevel.INFO, source = '主引擎'): void {
    this.deps.bus.emit('log', { datetime: this.deps.now(), level, msg, gateway_name: source });
  }

  /** Add an instance of a loaded plugin under a unique name. */
  addGateway(plugin: LoadedPlugin, name = plugin.manifest.name): void {
    // The name becomes file names (connect_<name>.json) and id prefixes: keep it plain.
    if (!/^[A-Za-z][A-Za-z0-9_]{0,31}$/.test(name)) {
      this.log(`接口名称“${name}”无效（只能含字母、数字和下划线），已忽略`, LogLevel.ERROR);
      return;
    }
    if (this.instances.has(name)) {
      this.log(`接口名称重复，已忽略：${name}`, LogLevel.WARNING);
      return;
    }
    const instance = new GatewayInstance(name, plugin, {
      bus: this.deps.bus,
      oms: this.deps.oms,
      storage: this.deps.storageFor(name),
      ...(this.deps.history ? { history: this.deps.history } : {}),
      now: this.deps.now,
      log: (msg, level, source) => this.log(msg, level, source),
    });
    this.instances.set(name, instance);
  }

  gatewayInfos(): GatewayInfo[] {
    return [...this.instances.values()].map((i) => i.info());
  }

  private instance(name: string): GatewayInstance {
    const inst = this.instances.get(name);
    if (!inst) throw new TraderError('UNKNOWN_GATEWAY', `未找到接口“${name}”，已加载：${[...this.instances.keys()].join('、') || '无'}`);
    return inst;
  }

  /** The saved connect form; password fields come back empty with `stored` flags. */
  async loadSettings(name: string): Promise<{ settings: GatewaySettings; stored: Record<string, boolean> }> {
    const inst = this.instance(name);
    const { settings, stored } = await this.deps.config.loadConnectSettings(name, inst.plugin.manifest.settings);
    return { settings, stored };
  }

  /**
   * Save the form (passwords to the keychain), then log in, then reconcile the working
   * orders the engine holds for this gateway with the counter's own list. A field left out
   * keeps its saved value (defaults only fill a fresh form); an empty password means the
   * stored one. Resolves with the gateway's state; rejects with the counter's reason.
   */
  async connect(name: string, submitted: GatewaySettings): Promise<GatewayInfo> {
    const inst = this.instance(name);
    const fields = inst.plugin.manifest.settings;
    const saved = await this.deps.config.loadConnectSettings(name, fields);
    const given = Object.fromEntries(Object.entries(submitted).filter(([key, value]) => Object.hasOwn(fields, key) && value !== undefined));
    const settings = normaliseSettings(fields, { ...saved.settings, ...given });
    await this.deps.config.saveConnectSettings(name, fields, settings);
    const { passwords } = await this.deps.config.loadConnectSettings(name, fields);
    const effective: GatewaySettings = { ...settings };
    for (const [key, field] of Object.entries(fields)) {
      if (field.type === 'password' && !effective[key]) effective[key] = passwords[key] ?? '';
    }

    if (inst.connected) await this.close(name);
    inst.setStatus(GatewayStatus.CONNECTING);
    inst.beginSession();
    this.log(`正在连接 ${name}`, LogLevel.INFO, name);
    try {
      await inst.get().connect(effective);
      await inst.reconcile();
      if (inst.status !== GatewayStatus.CONNECTED) inst.setStatus(GatewayStatus.CONNECTED);
      // Quotes the windows and strategies watched before 断开 come back without re-selecting each code.
      inst.resubscribe();
      this.log(`${name} 连接成功`, LogLevel.INFO, name);
      return inst.info();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      inst.setStatus(GatewayStatus.ERROR, message);
      this.log(`${name} 连接失败：${message}`, LogLevel.ERROR, name);
      throw error instanceof TraderError ? error : new TraderError('CONNECT_FAILED', `${name} 连接失败：${message}`);
    }
  }

  async close(name: string): Promise<GatewayInfo> {
    const inst = this.instance(name);
    try {
      await inst.get().close();
    } catch (error) {
      this.log(`${name} 断开时出错：${String(error)}`, LogLevel.ERROR, name);
    }
    inst.setStatus(GatewayStatus.DISCONNECTED);
    this.log(`${name} 已断开`, LogLevel.INFO, name);
    return inst.info();
  }

  async closeAll(): Promise<void> {
    for (const inst of this.instances.values()) if (inst.status !== GatewayStatus.DISCONNECTED) await this.close(inst.name);
  }

  async runAction(name: string, action: string): Promise<string> {
    const inst = this.connectedInstance(name);
    const known = inst.plugin.manifest.actions?.some((a) => a.name === action);
    const gateway = inst.get();
    if (!known || !gateway.runAction) throw new TraderError('UNKNOWN_ACTION', `接口 ${name} 不支持操作“${action}”`);
    const message = await gateway.runAction(action);
    this.log(message, LogLevel.INFO, name);
    // An action may move what GatewayInfo shows (SIM's 日终结算: the trading day).
    inst.setStatus(inst.status, inst.message);
    return message;
  }

  /** Any code form normalised (throws BAD_CODE when it cannot be), with its contract where one is listed. */
  resolveCode(code: string): ResolvedCode {
    const { symbol, exchange, vt_symbol } = parseCode(code);
    const contract = this.deps.oms.contracts.get(vt_symbol);
    return { symbol, exchange, vt_symbol, listed: contract !== undefined, ...(contract ? { contract } : {}) };
  }

  /** A contract by any code form (600000, 600000.SH, SH600000 …). */
  lookupContract(code: string): ContractData {
    const parsed = parseCode(code);
    const contract = this.deps.oms.contracts.get(parsed.vt_symbol);
    if (!contract) {
      const hint = this.instances.size && ![...this.instances.values()].some((i) => i.connected) ? '（请先连接接口）' : '';
      throw new TraderError('UNKNOWN_CONTRACT', `未找到合约 ${parsed.vt_symbol}${hint}`);
    }
    return contract;
  }

  /** Contracts whose code, exchange or name contains the filter; empty = all (vn.py's 查询合约). */
  queryContracts(filter = ''): ContractData[] {
    const needle = filter.trim().toUpperCase();
    const all = [...this.deps.oms.contracts.values()];
    const hits = needle
      ? all.filter((c) => c.vt_symbol.toUpperCase().includes(needle) || c.name.toUpperCase().includes(needle))
      : all;
    return hits.sort((a, b) => a.vt_symbol.localeCompare(b.vt_symbol));
  }

  subscribe(code: string, gatewayName?: string): ContractData {
    const contract = this.lookupContract(code);
    const inst = this.connectedInstance(gatewayName ?? contract.gateway_name);
    this.callGateway(inst, 'subscribe', () => inst.subscribe({ symbol: contract.symbol, exchange: contract.exchange }));
    return contract;
  }

  /**
   * Run every pre-trade check of an order on `gatewayName` (default: the gateway its contract
   * came from); throws the first violation as a TraderError.
   */
  checkOrder(req: OrderRequest, gatewayName?: string): void {
    this.checked(req, gatewayName);
  }

  /** Check, then hand the order to its gateway; returns the vt_orderid at once. */
  sendOrder(req: OrderRequest, gatewayName?: string): string {
    let inst: GatewayInstance;
    try {
      inst = this.checked(req, gatewayName);
    } catch (error) {
      this.logRejected(`${vtSymbolOf(req.symbol, req.exchange)} ${req.direction} ${req.volume}`, error);
      throw error;
    }
    const vtOrderId = this.callGateway(inst, 'sendOrder', (g) => g.sendOrder(req));
    this.deps.oms.noteSent(vtOrderId, req.credit);
    this.deps.risk.recordSent();
    return vtOrderId;
  }

  /** Log an order refused before it reached a gateway (`what`: the order as the trader wrote it). */
  logRejected(what: string, error: unknown): void {
    if (error instanceof TraderError) this.log(`委托被拒绝（${what}）：${error.message}`, LogLevel.WARNING);
  }

  private checked(req: OrderRequest, gatewayName: string | undefined): GatewayInstance {
    const vtSymbol = vtSymbolOf(req.symbol, req.exchange);
    const contract = this.deps.oms.contracts.get(vtSymbol);
    if (!contract) throw new TraderError('UNKNOWN_CONTRACT', `未找到合约 ${vtSymbol}`);
    const inst = this.connectedInstance(gatewayName ?? contract.gateway_name);
    const violation = this.deps.risk.check(req, contract, inst.name, inst.get().feeSchedule?.());
    if (violation) throw new TraderError(violation.code, violation.message);
    return inst;
  }

  /** Send a cancel to the order's counter; throws the reason when it cannot be sent (never a silent no-op). */
  cancelOrder(vtOrderId: string): void {
    const order = this.deps.oms.orders.get(vtOrderId);
    if (!order) throw new TraderError('UNKNOWN_ORDER', `未找到委托 ${vtOrderId}`);
    if (!this.deps.oms.activeOrders.has(vtOrderId)) throw new TraderError('ORDER_NOT_ACTIVE', `委托 ${vtOrderId} 状态为“${order.status}”，不可撤单`);
    const inst = this.connectedInstance(order.gateway_name);
    this.callGateway(inst, 'cancelOrder', (g) => g.cancelOrder({ orderid: order.orderid, symbol: order.symbol, exchange: order.exchange }));
  }

  /** 直接还款 / 直接还券 on a credit account of `gatewayName`. */
  async creditRepay(gatewayName: string, req: DirectRepayRequest): Promise<string> {
    const inst = this.connectedInstance(gatewayName);
    const gateway = inst.get();
    if (!gateway.directRepay) throw new TraderError('NOT_CREDIT_ACCOUNT', `接口 ${inst.name} 不支持${req.type}`);
    if (req.type === CreditOrderType.DIRECT_CASH_REPAY) {
      if (!req.amount || req.amount <= 0) throw new TraderError('REPAY_AMOUNT', '直接还款金额必须大于 0');
    } else {
      if (!req.symbol || !req.exchange) throw new TraderError('REPAY_CODE', '直接还券需要证券代码');
      if (!req.volume || req.volume <= 0) throw new TraderError('REPAY_VOLUME', '直接还券数量必须为正整数');
    }
    const message = await gateway.directRepay(req);
    this.log(message, LogLevel.INFO, inst.name);
    return message;
  }

  /**
   * Cancel every working order (of one gateway if given); returns how many cancels the
   * counters accepted. One that refuses is logged with its reason and not counted.
   */
  cancelAll(gatewayName?: string): number {
    let count = 0;
    for (const order of this.deps.oms.listActiveOrders({ gateway: gatewayName })) {
      const inst = this.instances.get(order.gateway_name);
      if (!inst?.connected) continue;
      try {
        this.cancelOrder(order.vt_orderid);
        count++;
      } catch (error) {
        this.log(`撤单失败（${order.vt_orderid}）：${error instanceof Error ? error.message : String(error)}`, LogLevel.WARNING, order.gateway_name);
      }
    }
    return count;
  }

  snapshot(): Snapshot {
    const oms = this.deps.oms;
    return {
      gateways: this.gatewayInfos(),
      ticks: [...oms.ticks.values()],
      orders: [...oms.orders.values()],
      trades: [...oms.trades.values()],
      positions: [...oms.positions.values()],
      accounts: [...oms.accounts.values()],
      logs: [...this.logs],
      credits: [...oms.credits.values()],
      compacts: [...oms.compacts.values()],
      creditAssets: [...oms.creditAssets.values()],
    };
  }

  private connectedInstance(name: string): GatewayInstance {
    const inst = this.instance(name);
    if (!inst.connected) throw new TraderError('GATEWAY_NOT_CONNECTED', `接口 ${name} 未连接，请先在“系统→连接”中登录`);
    return inst;
  }

  /** Call into a gateway; an exception from the plugin becomes a logged TraderError. */
  private callGateway<T>(inst: GatewayInstance, what: string, call: (g: ReturnType<GatewayInstance['get']>) => T): T {
    try {
      return call(inst.get());
    } catch (error) {
      if (error instanceof TraderError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      this.log(`接口 ${inst.name} 的 ${what} 出错：${message}`, LogLevel.ERROR, inst.name);
      throw new TraderError('GATEWAY_ERROR', `接口 ${inst.name} 出错：${message}`);
    }
  }
}
