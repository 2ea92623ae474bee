/**
 * Pre-trade checks on the engine's send path. The exchange's own rules come from common/
 * (the same functions the trading panel and the SIM exchange call); this adds what needs
 * the OMS's state (cash, T+1 shares) and the trader's own limits from vt_setting.json.
 */
import { Direction, OrderType } from '../../../common/constants';
import type { ContractData, OrderRequest } from '../../../common/objects';
import { computeFees, DEFAULT_FEES, type FeeSchedule } from '../../../common/rules/fees';
import {
  checkLot,
  checkMaxVolume,
  checkOrderType,
  checkPrice,
  checkVolumeIsPositiveInteger,
  type RuleViolation,
} from '../../../common/rules/order-rules';
import { roundCents } from '../../../common/rules/price';
import type { OrderManagementSystem } from '../oms';
import { OrderFlowLimiter } from './order-flow-limiter';
import { DEFAULT_RISK_SETTINGS, type RiskSettings } from './risk-settings';

export class PreTradeCheck {
  private settings: RiskSettings = { ...DEFAULT_RISK_SETTINGS };
  private readonly flow = new OrderFlowLimiter(DEFAULT_RISK_SETTINGS.orderFlowLimit, DEFAULT_RISK_SETTINGS.orderFlowClearSeconds * 1000);

  constructor(
    private readonly oms: OrderManagementSystem,
    private readonly now: () => number,
    private readonly fees: FeeSchedule = DEFAULT_FEES,
  ) {}

  configure(settings: RiskSettings): void {
    this.settings = { ...settings };
    this.flow.configure(settings.orderFlowLimit, settings.orderFlowClearSeconds * 1000);
  }

  /** Shares a sell may draw on today: yesterday's holding (T+1) less what working sells hold. */
  sellableVolume(gatewayName: string, contract: ContractData): { sellable: number; boughtToday: number } {
    const pos = this.oms.getPosition(gatewayName, contract.vt_symbol);
    if (!pos) return { sellable: 0, boughtToday: 0 };
    const base = contract.t0 ? pos.volume : pos.yd_volume;
    return { sellable: Math.max(0, base - pos.frozen), boughtToday: Math.max(0, pos.volume - pos.yd_volume) };
  }

  /** First rule the order breaks, or null. Does not record the order (see `recordSent`). */
  check(req: OrderRequest, contract: ContractData, gatewayName: string): RuleViolation | null {
    const basic = checkVolumeIsPositiveInteger(req.volume) ?? checkOrderType(contract, req.type);
    if (basic) return basic;

    if (req.direction === Direction.SHORT) {
      const { sellable, boughtToday } = this.sellableVolume(gatewayName, contract);
      if (req.volume > sellable) {
        const t1 = boughtToday > 0 && !contract.t0 ? `（今日买入的 ${boughtToday} 股按 T+1 规则下一交易日才可卖出）` : '';
        return { code: 'POSITION', message: `可卖持仓不足：可卖 ${sellable} 股，委托 ${req.volume} 股${t1}` };
      }
      const lot = checkLot(contract, req.direction, req.volume, sellable);
      if (lot) return lot;
    } else {
      const lot = checkLot(contract, req.direction, req.volume);
      if (lot) return lot;
    }

    const exchangeRule = checkMaxVolume(contract, req.type, req.volume) ?? checkPrice(contract, req.type, req.price);
    if (exchangeRule) return exchangeRule;

    if (req.direction === Direction.LONG) {
      const cash = this.checkCash(req, contract, gatewayName);
      if (cash) return cash;
    }
    return this.checkTraderLimits(req);
  }

  /** Count an accepted order against the order-rate limit. */
  recordSent(): void {
    this.flow.record(this.now());
  }

  /** Cash needed for a buy: amount at the order price (market buys: the protection price or limit-up) plus fees. */
  estimateBuyCost(req: OrderRequest, contract: ContractData): number {
    const price = req.type === OrderType.LIMIT || req.price > 0 ? req.price : contract.limit_up;
    const amount = roundCents(price * req.volume);
    return roundCents(amount + computeFees(Direction.LONG, amount, contract.product, this.fees).total);
  }

  private checkCash(req: OrderRequest, contract: ContractData, gatewayName: string): RuleViolation | null {
    const account = this.oms.getAccount(gatewayName);
    if (!account) return { code: 'NO_ACCOUNT', message: `接口 ${gatewayName} 尚未返回资金账户，暂不能买入` };
    const need = this.estimateBuyCost(req, contract);
    if (need > account.available + 1e-9) {
      return { code: 'CASH', message: `可用资金不足：需要 ${need.toFixed(2)} 元（含预估费用），可用 ${account.available.toFixed(2)} 元` };
    }
    return null;
  }

  private checkTraderLimits(req: OrderRequest): RuleViolation | null {
    const s = this.settings;
    if (!s.active) return null;
    if (req.volume > s.orderSizeLimit) {
      return { code: 'RISK_ORDER_SIZE', message: `风控：单笔委托数量 ${req.volume} 超过上限 ${s.orderSizeLimit}（vt_setting.json 的 risk.order_size_limit）` };
    }
    if (this.oms.activeOrders.size >= s.activeOrderLimit) {
      return { code: 'RISK_ACTIVE_ORDERS', message: `风控：活动委托 ${this.oms.activeOrders.size} 笔，已达上限 ${s.activeOrderLimit}（risk.active_order_limit）` };
    }
    if (!this.flow.allows(this.now())) {
      return { code: 'RISK_ORDER_FLOW', message: `风控：${s.orderFlowClearSeconds} 秒内委托已达 ${s.orderFlowLimit} 笔上限（risk.order_flow_limit）` };
    }
    return null;
  }
}

