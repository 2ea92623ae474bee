/**
 * 两融: the credit account's figures (信用资产), its debt contracts (负债合约), and the margin
 * terms per code (标的, 可融券, 担保品). 维持担保比例 is coloured against the warning and
 * close-out lines. 直接还款 and 直接还券 are here; the trading panel carries the order types.
 */
import { useState, type ReactNode } from 'react';
import { CompactType, CreditLevel, CreditOrderType, type CompactData, type CreditAssetData, type CreditDetail } from '../../../common/credit';
import type { AppClient } from '../bridge/transport';
import { collateralColumns, compactColumns, lendableColumns, subjectColumns } from '../monitors/credit-columns';
import { formatMoney } from '../monitors/format';
import { feeds } from '../state/feeds';
import { useApp } from '../state/store';
import { MonitorGrid } from './MonitorGrid';

const ratio = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(2)}%` : '无负债');

const FIELDS: [label: string, get: (c: CreditDetail) => string][] = [
  ['总资产', (c) => formatMoney(c.balance)],
  ['净资产', (c) => formatMoney(c.assure_asset)],
  ['总负债', (c) => formatMoney(c.total_debt)],
  ['可用金额', (c) => formatMoney(c.available)],
  ['冻结金额', (c) => formatMoney(c.frozen_cash)],
  ['可取金额', (c) => formatMoney(c.fetch_balance)],
  ['总市值', (c) => formatMoney(c.market_value)],
  ['持仓盈亏', (c) => formatMoney(c.position_profit)],
  ['可用保证金', (c) => formatMoney(c.enable_bail_balance)],
  ['融资负债', (c) => formatMoney(c.fin_debt)],
  ['融资本金', (c) => formatMoney(c.fin_deal_avl)],
  ['融资息费', (c) => formatMoney(c.fin_fee)],
  ['融券负债', (c) => formatMoney(c.slo_debt)],
  ['融券市值', (c) => formatMoney(c.slo_market_value)],
  ['融券息费', (c) => formatMoney(c.slo_fee)],
  ['融资授信额度', (c) => formatMoney(c.fin_max_quota)],
  ['融资可用额度', (c) => formatMoney(c.fin_enable_quota)],
  ['融资已用额度', (c) => formatMoney(c.fin_used_quota)],
  ['融券授信额度', (c) => formatMoney(c.slo_max_quota)],
  ['融券可用额度', (c) => formatMoney(c.slo_enable_quota)],
  ['融券已用额度', (c) => formatMoney(c.slo_used_quota)],
  ['融券卖出资金', (c) => formatMoney(c.slo_sell_balance)],
  ['已用融券卖出资金', (c) => formatMoney(c.used_slo_sell_balance)],
  ['剩余融券卖出资金', (c) => formatMoney(c.surplus_slo_sell_balance)],
  ['预警线 / 平仓线', (c) => `${ratio(c.warning_line)} / ${ratio(c.close_out_line)}`],
];

const LEVEL_CLASS: Record<CreditLevel, string> = {
  [CreditLevel.NORMAL]: 'level-normal',
  [CreditLevel.WARNING]: 'level-warning',
  [CreditLevel.CLOSE_OUT]: 'level-close-out',
};

function RepayForms({ client, gateway }: { client: AppClient; gateway: string }) {
  const [amount, setAmount] = useState('');
  const [code, setCode] = useState('');
  const [volume, setVolume] = useState('');
  const [message, setMessage] = useState('');
  const run = (args: Parameters<AppClient['request']>[1] & object) =>
    client.request('credit/repay', args as never).then((r) => setMessage(r.message), (e: Error) => setMessage(e.message));
  return (
    <div className="repay">
      <form onSubmit={(e) => { e.preventDefault(); void run({ gateway, type: CreditOrderType.DIRECT_CASH_REPAY, amount: Number(amount) }); }}>
        <input data-testid="repay-amount" inputMode="decimal" placeholder="还款金额（元）" value={amount} onChange={(e) => setAmount(e.target.value)} />
        <button type="submit" data-testid="repay-cash">直接还款</button>
      </form>
      <form onSubmit={(e) => { e.preventDefault(); void run({ gateway, type: CreditOrderType.DIRECT_SECU_REPAY, code, volume: Number(volume) }); }}>
        <input data-testid="repay-code" placeholder="代码" value={code} onChange={(e) => setCode(e.target.value)} />
        <input data-testid="repay-volume" inputMode="numeric" placeholder="数量（股）" value={volume} onChange={(e) => setVolume(e.target.value)} />
        <button type="submit" data-testid="repay-secu">直接还券</button>
      </form>
      <span className="repay-message" data-testid="repay-message">{message}</span>
    </div>
  );
}

function CreditAssets({ client }: { client: AppClient }) {
  useApp((s) => s.versions.credits);
  const credits = [...feeds.credits.rows.values()];
  if (!credits.length) return <p className="empty-note">没有信用账户：在“系统→连接”中选择账户类型“信用”后连接。</p>;
  return (
    <div className="credit-assets">
      {credits.map((c) => (
        <section key={c.vt_accountid} className="credit-card" data-credit={c.vt_accountid}>
          <header>
            <span>{c.gateway_name} · 信用账户 {c.accountid}</span>
            <span className={`assure ${LEVEL_CLASS[c.level]}`} data-testid="assure-ratio" title="维持担保比例">
              维持担保比例 {ratio(c.per_assure_scale_value)} · {c.level}
            </span>
          </header>
          <dl>
            {FIELDS.map(([label, get]) => (
              <div key={label} data-field={label}>
                <dt>{label}</dt>
                <dd>{get(c)}</dd>
              </div>
            ))}
          </dl>
          <RepayForms client={client} gateway={c.gateway_name} />
        </section>
      ))}
    </div>
  );
}

const isSubject = (a: CreditAssetData) => a.fin_status || a.slo_status;
const isLendable = (a: CreditAssetData) => a.slo_status;
const isCollateral = (a: CreditAssetData) => a.assure_status;

export function CreditMonitor({ client, shown }: { client: AppClient; shown: boolean }) {
  const [sub, setSub] = useState('assets');
  const fillPanel = useApp((s) => s.fillPanel);
  const onCompact = (c: CompactData) => {
    const contract = feeds.contracts.rows.get(c.vt_symbol);
    if (!contract || c.closed) return;
    // A short is closed by buying back; a financed buy by selling to repay.
    const credit = c.compact_type === CompactType.SLO ? CreditOrderType.BUY_SECU_REPAY : CreditOrderType.SELL_CASH_REPAY;
    fillPanel(contract, { credit, volume: c.real_compact_vol, price: feeds.ticks.rows.get(c.vt_symbol)?.last_price });
  };
  const tabs: [id: string, label: string, body: (visible: boolean) => ReactNode][] = [
    ['assets', '信用资产', () => <CreditAssets client={client} />],
    ['compacts', '负债合约', (v) => <MonitorGrid shown={v} gridId="compacts" client={client} feed={feeds.compacts} columns={compactColumns} onRowDoubleClicked={onCompact} />],
    ['subjects', '标的', (v) => <MonitorGrid shown={v} gridId="credit-subjects" client={client} feed={feeds.creditAssets} columns={subjectColumns} include={isSubject} />],
    ['lendable', '可融券', (v) => <MonitorGrid shown={v} gridId="credit-lendable" client={client} feed={feeds.creditAssets} columns={lendableColumns} include={isLendable} />],
    ['collateral', '担保品', (v) => <MonitorGrid shown={v} gridId="credit-collateral" client={client} feed={feeds.creditAssets} columns={collateralColumns} include={isCollateral} />],
  ];
  return (
    <div className="credit-monitor">
      <nav className="sub-tabs" role="tablist">
        {tabs.map(([id, label]) => (
          <button key={id} role="tab" data-subtab={id} aria-selected={sub === id} className={sub === id ? 'tab active' : 'tab'} onClick={() => setSub(id)}>{label}</button>
        ))}
      </nav>
      {tabs.map(([id, , body]) => (
        <div key={id} className="sub-body" hidden={sub !== id}>{body(shown && sub === id)}</div>
      ))}
    </div>
  );
}
