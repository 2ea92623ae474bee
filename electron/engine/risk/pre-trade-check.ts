/**
 * Pre-trade checks on the engine's send path: the exchange's and the account's rules of the
 * contract's market (common/markets, the same rules the trading panel calls), fed with the
 * OMS's account and positions, then the trader's own limits from vt_setting.json.
 */
import type { Direction } from '../../../common/constants';
import { creditStateOf, type CreditState } from '../../../common/markets/credit-state';
import { defaultMarkets, type AccountView, type MarketRegistry, type RuleViolation } from '../../../common/markets';
import type { FeeSchedule } from '../../../common/markets/cn-stock/fees';
import type { AccountData, ContractData, OrderRequest, PositionData } from '../../../common/objects';
import type { OrderManagementSystem } from '../oms';
import { OrderFlowLimiter } from './order-flow-limiter';
import { DEFAULT_RISK_SETTINGS, type RiskSettings } from './risk-settings';

/** One account's state for one contract, read from the OMS as the rules ask for it (on the send path: no closures). */
class OmsAccountView implements AccountView {
  readonly account: AccountData | undefined;
  readonly credit: CreditState | undefined;

  constructor(
    private readonly oms: OrderManagementSystem,
    private readonly gateway: string,
    private readonly vtSymbol: string,
    withCredit: boolean,
  ) {
    this.account = oms.getAccount(gateway);
    this.credit = withCredit ? creditStateOf(oms, gateway, vtSymbol) : undefined;
  }

  position(direction: Direction): PositionData | undefined {
    return this.oms.getPosition(this.gateway, this.vtSymbol, direction);
  }
}

export class PreTradeCheck {
  private settings: RiskSettings = { ...DEFAULT_RISK_SETTINGS };
  private readonly flow = new OrderFlowLimiter(DEFAULT_RISK_SETTINGS.orderFlowLimit, DEFAULT_RISK_SETTINGS.orderFlowClearSeconds * 1000);
  /** the markets with a gateway's own fee schedule, one registry per schedule object (a gateway keeps one per login) */
  private readonly byFees = new WeakMap<FeeSchedule, MarketRegistry>();

  constructor(
    private readonly oms: OrderManagementSystem,
    private readonly now: () => number,
    /** the markets' rules, with the engine's fee estimates */
    private readonly markets: MarketRegistry = defaultMarkets(),
  ) {}

  configure(settings: RiskSettings): void {
    this.settings = { ...settings };
    this.flow.configure(settings.orderFlowLimit, settings.orderFlowClearSeconds * 1000);
  }

  /**
   * First rule the order breaks, or null. Does not record the order (see `recordSent`).
   * `fees`: the gateway's own fee schedule, when it declares one (the cash a buy needs is
   * estimated with what that counter will charge, not with the engine's defaults).
   */
  check(req: OrderRequest, contract: ContractData, gatewayName: string, fees?: FeeSchedule): RuleViolation | null {
    const account = new OmsAccountView(this.oms, gatewayName, contract.vt_symbol, req.credit !== undefined);
    return this.marketsFor(fees).rulesFor(contract).checkOrder(req, contract, account) ?? this.checkTraderLimits(req);
  }

  private marketsFor(fees: FeeSchedule | undefined): MarketRegistry {
    if (!fees) return this.markets;
    let markets = this.byFees.get(fees);
    if (!markets) this.byFees.set(fees, (markets = defaultMarkets({ stockFees: fees })));
    return markets;
  }

  /** Count an accepted order against the order-rate limit. */
  recordSent(): void {
    this.flow.record(this.now());
  }

  private checkTraderLimits(req: OrderRequest): RuleViolation | null {
    const s = this.settings;
    if (!s.active) return null;
    if (req.volume > s.orderSizeLimit) {
      return { code: 'RISK_ORDER_SIZE', message: `风控：单笔委托数量 ${req.volume} 超过上限 ${s.orderSizeLimit}（vt_setting.json 的 risk.order_size_limit）` };
    }
    // Restored orders the counter has not confirmed do not count: they may be long gone there.
    const active = this.oms.countedActiveOrders;
    if (active >= s.activeOrderLimit) {
      return { code: 'RISK_ACTIVE_ORDERS', message: `风控：活动委托 ${active} 笔，已达上限 ${s.activeOrderLimit}（risk.active_order_limit）` };
    }
    if (!this.flow.allows(this.now())) {
      return { code: 'RISK_ORDER_FLOW', message: `风控：${s.orderFlowClearSeconds} 秒内委托已达 ${s.orderFlowLimit} 笔上限（risk.order_flow_limit）` };
    }
    return null;
  }
}

