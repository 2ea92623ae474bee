/**
 * The worker's copy of its gateway's credit account: the latest CreditDetail (XtCreditDetail)
 * and the open compacts, pushed by the engine like the account and positions. Ptrade's
 * get_margin_assert() and the portfolio's short positions read it without asking the engine.
 */
import { CompactType, type CompactData } from '../../../../common/credit';
import type { CreditUpdate } from '../protocol';

/**
 * What Ptrade's get_margin_assert() answers, in Ptrade's field names (see marginAssertOf for
 * where each comes from). Amounts in CNY; per_assurescale_value as a ratio (1.5 = 150 %).
 */
export interface MarginAssert {
  /** 担保资产: everything in the credit account (cash + securities at market) */
  assure_asset: number;
  /** 负债总额 */
  total_debit: number;
  /** 可用保证金 (保证金可用余额) */
  enable_bail_balance: number;
  /** 买担保品可用资金 */
  assure_enbuy_balance: number;
  /** 现金还款可用资金 */
  fin_enrepaid_balance: number;
  /** 融资额度上限 / 可用额度 / 已用额度 */
  fin_max_quota: number;
  fin_enable_quota: number;
  fin_used_quota: number;
  /** 融资合约金额 (unpaid principal) / 费用 / 利息 */
  fin_compact_balance: number;
  fin_compact_fare: number;
  fin_compact_interest: number;
  /** 融券额度上限 / 可用额度 / 已用额度 */
  slo_max_quota: number;
  slo_enable_quota: number;
  slo_used_quota: number;
  /** 融券合约金额 (unreturned quantity at the sale price) / 费用 / 利息 */
  slo_compact_balance: number;
  slo_compact_fare: number;
  slo_compact_interest: number;
  /** 融券市值 (unreturned quantity × latest price) */
  slo_market_value: number;
  /** 融券卖出资金 still unspent (usable only to buy back and pay fees) */
  slo_sell_balance: number;
  /** 净资产 = 担保资产 − 负债总额 */
  net_asset: number;
  /** 维持担保比例; Infinity without debt */
  per_assurescale_value: number;
}

/** Sum in cents, so a dozen compacts add up to the cent as the counter's figures do. */
function sumCents(values: Iterable<number>): number {
  let cents = 0;
  for (const v of values) cents += Math.round(v * 100);
  return cents / 100;
}

function* fieldOf(compacts: Iterable<CompactData>, type: CompactType, field: 'real_compact_balance' | 'real_compact_fare'): Generator<number> {
  for (const c of compacts) if (c.compact_type === type) yield c[field];
}

/**
 * Ptrade's fields from XtQuant's. Two traps: Ptrade's assure_asset (担保资产) is the total
 * assets, which CreditDetail calls `balance`, while CreditDetail's own `assure_asset` is the
 * net assets; and compacts carry one 息费 figure, which is all interest (the SIM and XtQuant
 * charge trading fees on the trade, not on the compact), so *_compact_fare is 0.
 */
export function marginAssertOf(d: CreditUpdate, compacts: Iterable<CompactData>): MarginAssert {
  const list = [...compacts];
  return {
    assure_asset: d.balance,
    total_debit: d.total_debt,
    enable_bail_balance: d.enable_bail_balance,
    assure_enbuy_balance: d.available,
    // 融券卖出资金 may not repay 融资 (docs/a-share-rules.md), so only the free cash counts.
    fin_enrepaid_balance: d.available,
    fin_max_quota: d.fin_max_quota,
    fin_enable_quota: d.fin_enable_quota,
    fin_used_quota: d.fin_used_quota,
    fin_compact_balance: sumCents(fieldOf(list, CompactType.FIN, 'real_compact_balance')),
    fin_compact_fare: 0,
    fin_compact_interest: sumCents(fieldOf(list, CompactType.FIN, 'real_compact_fare')),
    slo_max_quota: d.slo_max_quota,
    slo_enable_quota: d.slo_enable_quota,
    slo_used_quota: d.slo_used_quota,
    slo_compact_balance: sumCents(fieldOf(list, CompactType.SLO, 'real_compact_balance')),
    slo_compact_fare: 0,
    slo_compact_interest: sumCents(fieldOf(list, CompactType.SLO, 'real_compact_fare')),
    slo_market_value: d.slo_market_value,
    slo_sell_balance: d.surplus_slo_sell_balance,
    net_asset: d.assure_asset,
    per_assurescale_value: d.per_assure_scale_value ?? Infinity,
  };
}

export class CreditMirror {
  /** undefined until the engine sends one: then the gateway is not a credit account */
  detail: CreditUpdate | undefined;
  /** open compacts by vt_compactid */
  readonly compacts = new Map<string, CompactData>();

  setCompact(c: CompactData): void {
    if (c.closed) this.compacts.delete(c.vt_compactid);
    else this.compacts.set(c.vt_compactid, c);
  }

  setAll(list: readonly CompactData[]): void {
    this.compacts.clear();
    for (const c of list) this.setCompact(c);
  }

  /** Unreturned 融券 shares per vt_symbol, with what they were sold for (CNY). */
  shorts(): Map<string, { volume: number; balance: number }> {
    const out = new Map<string, { volume: number; balance: number }>();
    for (const c of this.compacts.values()) {
      if (c.compact_type !== CompactType.SLO || c.real_compact_vol <= 0) continue;
      const s = out.get(c.vt_symbol);
      if (s) {
        s.volume += c.real_compact_vol;
        s.balance += c.real_compact_balance;
      } else {
        out.set(c.vt_symbol, { volume: c.real_compact_vol, balance: c.real_compact_balance });
      }
    }
    return out;
  }
}
