/**
 * Reads what the counter holds for the account — cash, holdings, the credit rows — and the
 * market data xtdata offers (contracts, ticks), and emits it. Holdings are re-read on a
 * timer and shortly after every order step, since xttrader's documented callbacks push
 * orders and fills only.
 */
import { LogLevel, type Exchange } from '../../common/constants';
import type { ContractData } from '../../common/objects';
import { mergeCreditAssets, toCompact, toCreditDetail } from './convert-credit';
import { fallbackContract, toContract, toTick } from './convert-market';
import { toAccount, toPosition } from './convert-trading';
import type { GatewayCore } from './gateway-core';
import type { SidecarProcess } from './sidecar-process';
import { parseXtCode, xtCodeOf } from './xt-tables';
import { str, type XtRecord, type XtTick } from './xt-wire';

/** xtdata sectors whose codes become contracts. */
export const INSTRUMENT_SECTORS: readonly string[] = ['沪深A股', '京市A股', '沪深ETF'];
/** Loading every A-share's details through xtdata at connect. */
const INSTRUMENTS_TIMEOUT_MS = 120_000;
/** After an order step, holdings are re-read this much later (steps come in bursts). */
const REFRESH_DELAY_MS = 300;

/** The counter's rows a (re)connect reconciles orders from. */
export interface OrderRows {
  orders: XtRecord[];
  trades: XtRecord[];
}

export class CounterReader {
  private readonly contracts = new Map<string, ContractData>();
  /** holdings last reported, so one that vanished from the counter's list is shown at 0 */
  private held = new Map<string, { symbol: string; exchange: Exchange }>();
  private readonly quoteCodes = new Set<string>();
  /** why xtdata is unusable this run ("" while it works) */
  private quotesBroken = '';
  private quoteWarned = false;
  private refreshing = false;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly core: GatewayCore) {}

  get contractCount(): number {
    return this.contracts.size;
  }

  /** Contracts from xtdata, once per run. Without xtdata, holdings still get contracts (ensureContract). */
  async loadInstruments(sidecar: SidecarProcess): Promise<void> {
    if (this.contracts.size > 0 || this.quotesBroken) return;
    try {
      const r = await sidecar.request('instruments', { sectors: [...INSTRUMENT_SECTORS] }, Math.max(INSTRUMENTS_TIMEOUT_MS, this.core.timeout()));
      for (const raw of r.items) {
        const code = parseXtCode(str(raw.code));
        if (code) this.putContract(toContract(raw, code.symbol, code.exchange, this.core.name));
      }
      if (r.failed.length) this.core.log(`xtdata 未返回以下板块的合约：${r.failed.join('、')}`, LogLevel.WARNING);
    } catch (error) {
      // Remembered for the run: a hung xtdata would otherwise hang every reconnect too.
      this.quotesBroken = error instanceof Error ? error.message : String(error);
      this.core.log(`xtdata 不可用（${this.quotesBroken}）：无行情，只有持仓与委托中的证券有合约可交易`, LogLevel.WARNING);
      if (!sidecar.alive) throw error;
    }
  }

  /** Everything the counter holds for the account; emits cash, holdings and credit rows, returns the orders and fills. */
  async readAll(sidecar: SidecarProcess): Promise<OrderRows> {
    const t = this.core.timeout();
    const [asset, positions, orders, trades] = await Promise.all([
      sidecar.request('query_asset', {}, t),
      sidecar.request('query_positions', {}, t),
      sidecar.request('query_orders', { cancelable_only: false }, t),
      sidecar.request('query_trades', {}, t),
    ]);
    for (const raw of [...positions.items, ...orders.items, ...trades.items]) this.ensureContract(str(raw.stock_code));
    if (asset.item) this.emitAccount(asset.item);
    this.emitPositions(positions.items);
    if (this.core.settings().creditAccount) await this.readCredit(sidecar, true);
    return { orders: orders.items, trades: trades.items };
  }

  /** Cash, holdings and (credit accounts) figures and compacts; on the poll timer, after order steps, on request. */
  async refresh(): Promise<void> {
    const sidecar = this.core.sidecar();
    if (!this.core.isReady() || !sidecar || this.refreshing) return;
    this.refreshing = true;
    const t = this.core.timeout();
    try {
      const [asset, positions] = await Promise.all([sidecar.request('query_asset', {}, t), sidecar.request('query_positions', {}, t)]);
      if (this.core.sidecar() !== sidecar) return;
      if (asset.item) this.emitAccount(asset.item);
      for (const raw of positions.items) this.ensureContract(str(raw.stock_code));
      this.emitPositions(positions.items);
      if (this.core.settings().creditAccount) await this.readCredit(sidecar, false);
    } catch (error) {
      // A dead or hung sidecar is reported by its exit; anything else is worth a line.
      if (sidecar.alive) this.core.log(`查询 MiniQMT 资金与持仓失败：${error instanceof Error ? error.message : String(error)}`, LogLevel.WARNING);
    } finally {
      this.refreshing = false;
    }
  }

  refreshSoon(): void {
    if (this.refreshTimer) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  stop(): void {
    if (this.refreshTimer) clearTimeout(this.refreshTimer);
    this.refreshTimer = undefined;
    this.refreshing = false;
  }

  /** A contract for a code seen on the counter that xtdata did not describe. */
  ensureContract(xtCode: string): void {
    const code = parseXtCode(xtCode);
    if (!code || this.contracts.has(`${code.symbol}.${code.exchange}`)) return;
    this.putContract(fallbackContract(code.symbol, code.exchange, this.core.name));
  }

  // ---- quotes ----

  subscribe(sidecar: SidecarProcess, symbol: string, exchange: Exchange): void {
    const code = xtCodeOf(symbol, exchange);
    if (this.quotesBroken) {
      if (!this.quoteWarned) this.core.log(`xtdata 不可用，无法订阅 ${code} 的行情：${this.quotesBroken}`, LogLevel.WARNING);
      this.quoteWarned = true;
      return;
    }
    this.quoteCodes.add(code);
    void this.subscribeQuotes(sidecar, [code]);
  }

  /** After a reconnect (a new sidecar has no subscriptions). */
  async resubscribe(sidecar: SidecarProcess): Promise<void> {
    if (this.quoteCodes.size && !this.quotesBroken) await this.subscribeQuotes(sidecar, [...this.quoteCodes]);
  }

  onTick(raw: XtTick & { code?: string }): void {
    const code = parseXtCode(str(raw.code));
    const contract = code && this.contracts.get(`${code.symbol}.${code.exchange}`);
    if (!contract) return;
    const tick = toTick(raw, contract, this.core.now());
    this.core.events.push((s) => s.onTick(tick));
  }

  // ---- inside ----

  private async subscribeQuotes(sidecar: SidecarProcess, codes: string[]): Promise<void> {
    try {
      const r = await sidecar.request('subscribe_quote', { codes }, this.core.timeout());
      if (r.failed.length) this.core.log(`xtdata 订阅行情失败：${r.failed.join('、')}`, LogLevel.WARNING);
    } catch (error) {
      if (sidecar.alive) this.core.log(`xtdata 订阅行情失败：${error instanceof Error ? error.message : String(error)}`, LogLevel.WARNING);
    }
  }

  /** Credit figures and compacts; with `terms`, also the per-code margin terms (long lists, read at connect). */
  private async readCredit(sidecar: SidecarProcess, terms: boolean): Promise<void> {
    const t = this.core.timeout();
    const cfg = this.core.settings();
    const gateway = this.core.name;
    const [detail, compacts] = await Promise.all([sidecar.request('query_credit_detail', {}, t), sidecar.request('query_stk_compacts', {}, t)]);
    const first = detail.items[0];
    if (first) {
      const credit = toCreditDetail(first, { gateway, accountId: cfg.accountId, warningLine: cfg.warningLine, closeOutLine: cfg.closeOutLine });
      this.core.events.push((s) => s.onCredit(credit));
    }
    for (const raw of compacts.items) {
      const compact = toCompact(raw, { gateway, accountId: cfg.accountId });
      if (compact) this.core.events.push((s) => s.onCompact(compact));
    }
    if (!terms) return;
    const [subjects, sloCodes, assures] = await Promise.all([
      sidecar.request('query_credit_subjects', {}, t),
      sidecar.request('query_credit_slo_code', {}, t),
      sidecar.request('query_credit_assure', {}, t),
    ]);
    for (const asset of mergeCreditAssets({ subjects: subjects.items, sloCodes: sloCodes.items, assures: assures.items }, gateway)) {
      this.core.events.push((s) => s.onCreditAsset(asset));
      // 查询合约 shows 融资标的/融券标的 from the contract.
      const contract = this.contracts.get(asset.vt_symbol);
      if (contract && (contract.fin_eligible !== asset.fin_status || contract.slo_eligible !== asset.slo_status)) {
        this.putContract({ ...contract, fin_eligible: asset.fin_status, slo_eligible: asset.slo_status });
      }
    }
  }

  private emitAccount(raw: XtRecord): void {
    const account = toAccount(raw, this.core.name, this.core.settings().accountId);
    this.core.events.push((s) => s.onAccount(account));
  }

  private emitPositions(rows: readonly XtRecord[]): void {
    const now = new Map<string, { symbol: string; exchange: Exchange }>();
    for (const raw of rows) {
      const position = toPosition(raw, this.core.name);
      if (!position) continue;
      now.set(position.vt_symbol, { symbol: position.symbol, exchange: position.exchange });
      this.core.events.push((s) => s.onPosition(position));
    }
    // A holding sold out drops off the counter's list; the monitor must show it at 0.
    for (const [vt, code] of this.held) {
      if (now.has(vt)) continue;
      const gone = toPosition({ stock_code: xtCodeOf(code.symbol, code.exchange), volume: 0 }, this.core.name);
      if (gone) this.core.events.push((s) => s.onPosition(gone));
    }
    this.held = now;
  }

  private putContract(contract: ContractData): void {
    this.contracts.set(contract.vt_symbol, contract);
    this.core.events.push((s) => s.onContract(contract));
  }
}
