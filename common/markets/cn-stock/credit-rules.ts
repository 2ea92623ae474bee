/**
 * Rules of the credit account that the engine and the trading panel can check before an
 * order leaves (the counter checks again, with its exact figures): eligibility, 融券卖出's
 * price floor, quotas and 保证金可用余额. Every message says which rule refused.
 */
import { Direction, OrderType } from '../../constants';
import { CompactType, CreditOrderType, directionOfCredit } from '../../credit';
import type { ContractData, OrderRequest, TickData } from '../../objects';
import type { CreditState } from '../credit-state';
import type { RuleViolation } from '../market-rules';
import { roundCents } from '../price';

export { creditStateOf, type CreditMaps, type CreditState } from '../credit-state';

export { directionOfCredit } from '../../credit';

/**
 * 融券卖出 may not be priced below the latest trade price; before the day's first trade, the
 * previous close (docs/a-share-rules.md, "Margin trading").
 */
export function shortSaleFloor(contract: ContractData, tick: TickData | undefined): number {
  return tick && tick.volume > 0 && tick.last_price > 0 ? tick.last_price : contract.pre_close;
}

export function checkCreditOrder(req: OrderRequest, contract: ContractData, state: CreditState): RuleViolation | null {
  const type = req.credit;
  if (!type) return null;
  const { credit, asset } = state;
  if (!credit) return { code: 'NOT_CREDIT_ACCOUNT', message: `${type}需要信用账户：接口 ${contract.gateway_name} 不是信用账户（在“连接”设置中选择账户类型“信用”）` };
  if (req.direction !== directionOfCredit(type)) return { code: 'CREDIT_DIRECTION', message: `${type}的方向应为${directionOfCredit(type) === Direction.LONG ? '买入' : '卖出'}` };
  const amount = roundCents(req.price * req.volume);

  switch (type) {
    case CreditOrderType.FIN_BUY: {
      if (!asset?.fin_status) return { code: 'NOT_FIN_ELIGIBLE', message: `${contract.symbol} ${contract.name}不是融资标的，不能融资买入` };
      if (amount > credit.fin_enable_quota + 1e-9) return { code: 'FIN_QUOTA', message: `融资可用额度不足：需要 ${amount.toFixed(2)} 元，可用 ${credit.fin_enable_quota.toFixed(2)} 元` };
      const margin = roundCents(amount * asset.fin_ratio);
      if (margin > credit.enable_bail_balance + 1e-9) {
        return { code: 'BAIL_BALANCE', message: `保证金可用余额不足：融资买入 ${amount.toFixed(2)} 元 × 融资保证金比例 ${(asset.fin_ratio * 100).toFixed(0)}% 需 ${margin.toFixed(2)} 元，保证金可用余额 ${credit.enable_bail_balance.toFixed(2)} 元` };
      }
      return null;
    }
    case CreditOrderType.SLO_SELL: {
      if (!asset?.slo_status) return { code: 'NOT_SLO_ELIGIBLE', message: `${contract.symbol} ${contract.name}不是融券标的，不能融券卖出` };
      if (req.type !== OrderType.LIMIT) return { code: 'SLO_LIMIT_ONLY', message: '融券卖出只能以限价委托' };
      const floor = shortSaleFloor(contract, state.tick);
      if (req.price < floor - 1e-9) return { code: 'SLO_PRICE', message: `融券卖出价格不得低于最新成交价 ${floor}（当日无成交时为前收盘价），当前为 ${req.price}` };
      if (req.volume > asset.enable_amount) return { code: 'SLO_AMOUNT', message: `可融券数量不足：${contract.symbol} 可融 ${asset.enable_amount} 股，委托 ${req.volume} 股` };
      if (amount > credit.slo_enable_quota + 1e-9) return { code: 'SLO_QUOTA', message: `融券可用额度不足：需要 ${amount.toFixed(2)} 元，可用 ${credit.slo_enable_quota.toFixed(2)} 元` };
      const margin = roundCents(amount * asset.slo_ratio);
      if (margin > credit.enable_bail_balance + 1e-9) {
        return { code: 'BAIL_BALANCE', message: `保证金可用余额不足：融券卖出 ${amount.toFixed(2)} 元 × 融券保证金比例 ${(asset.slo_ratio * 100).toFixed(0)}% 需 ${margin.toFixed(2)} 元，保证金可用余额 ${credit.enable_bail_balance.toFixed(2)} 元` };
      }
      return null;
    }
    case CreditOrderType.BUY_SECU_REPAY: {
      const owed = state.compacts.filter((c) => c.compact_type === CompactType.SLO && !c.closed).reduce((n, c) => n + c.real_compact_vol, 0);
      if (owed <= 0) return { code: 'NO_SLO_DEBT', message: `${contract.symbol} 没有未了结的融券负债，无需买券还券` };
      // Shares beyond what is owed would have nowhere to go: a plain 担保品买入 buys those.
      if (req.volume > owed) return { code: 'SLO_REPAY_VOLUME', message: `买券还券数量超过未还融券数量：${contract.symbol} 未还 ${owed} 股，委托 ${req.volume} 股` };
      const cash = credit.available + credit.surplus_slo_sell_balance;
      if (amount > cash + 1e-9) return { code: 'CASH', message: `买券还券资金不足：需要 ${amount.toFixed(2)} 元，可用资金与剩余融券卖出资金合计 ${cash.toFixed(2)} 元` };
      return null;
    }
    case CreditOrderType.SELL_CASH_REPAY: {
      if (credit.fin_debt <= 0) return { code: 'NO_FIN_DEBT', message: '没有未了结的融资负债，请用担保品卖出' };
      return null;
    }
    default:
      return null;
  }
}
