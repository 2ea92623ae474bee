/**
 * 交易: the trading panel. It runs the same rules as the engine before anything is sent and
 * shows the reason in the panel; only a valid order reaches the engine.
 */
import { useEffect, useRef } from 'react';
import { Direction, GatewayStatus, Offset, OrderType } from '../../../common/constants';
import { offsetLabel } from '../../../common/markets/offset-label';
import { CreditOrderType, directionOfCredit } from '../../../common/credit';
import type { AppClient } from '../bridge/transport';
import { formatPrice } from '../panel/panel-slice';
import { PANEL_MARKETS, validatePanel } from '../panel/validate-order';
import { feeds } from '../state/feeds';
import { useApp } from '../state/store';
import { DepthView } from './DepthView';

/** The credit order types the panel offers (the two direct repayments live in the 两融 tab). */
const CREDIT_PANEL_TYPES: readonly CreditOrderType[] = [
  CreditOrderType.COLLATERAL_BUY,
  CreditOrderType.COLLATERAL_SELL,
  CreditOrderType.FIN_BUY,
  CreditOrderType.SLO_SELL,
  CreditOrderType.BUY_SECU_REPAY,
  CreditOrderType.SELL_CASH_REPAY,
];

/** Whether a gateway's account is a credit account: it reports credit figures. */
function isCreditAccount(gateway: string): boolean {
  if (!gateway) return false;
  for (const c of feeds.credits.rows.values()) if (c.gateway_name === gateway) return true;
  return false;
}

/** isCreditAccount, re-evaluated when credit figures arrive. */
export function useCreditAccount(gateway: string): boolean {
  useApp((s) => s.versions.credits);
  return isCreditAccount(gateway);
}

export function sendFromPanel(client: AppClient): void {
  const store = useApp.getState();
  const panel = store.panel;
  const contract = feeds.contracts.rows.get(panel.vt_symbol);
  const gateway = panel.gateway || contract?.gateway_name || '';
  const onCredit = isCreditAccount(gateway);
  // A credit account's plain buy or sell is a collateral order (担保品买入/卖出).
  const form = onCredit && !panel.credit ? { ...panel, credit: panel.direction === Direction.LONG ? CreditOrderType.COLLATERAL_BUY : CreditOrderType.COLLATERAL_SELL } : panel;
  const check = validatePanel(form, {
    contracts: feeds.contracts.rows,
    accounts: feeds.accounts.rows,
    positions: feeds.positions.rows,
    credits: feeds.credits.rows,
    compacts: feeds.compacts.rows,
    creditAssets: feeds.creditAssets.rows,
    ticks: feeds.ticks.rows,
  });
  if (!check.ok) {
    store.setPanelMessage({ level: 'error', text: check.message });
    return;
  }
  client.request('order/send', check.args).then(
    (r) => useApp.getState().setPanelMessage({ level: 'info', text: `已委托：${r.vt_orderid}` }),
    (e: Error) => {
      useApp.getState().setPanelMessage({ level: 'error', text: e.message });
      useApp.getState().toast('error', `委托失败：${e.message}`);
    },
  );
}

export function TradingPanel({ client }: { client: AppClient }) {
  const panel = useApp((s) => s.panel);
  const message = useApp((s) => s.panelMessage);
  const setPanel = useApp((s) => s.setPanel);
  const fillPanel = useApp((s) => s.fillPanel);
  const focusRequest = useApp((s) => s.panelFocusRequest);
  const gateways = useApp((s) => s.gateways);
  useApp((s) => s.versions.ticks);
  const tick = panel.vt_symbol ? feeds.ticks.rows.get(panel.vt_symbol) : undefined;
  const contract = panel.vt_symbol ? feeds.contracts.rows.get(panel.vt_symbol) : undefined;
  const priceRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  // Quotes for whatever the panel shows, however it got there (typed, double-clicked, 查询合约).
  useEffect(() => {
    if (panel.vt_symbol) client.request('market/subscribe', { code: panel.vt_symbol, gateway: panel.gateway || undefined }).catch(() => undefined);
  }, [client, panel.vt_symbol, panel.gateway]);

  useEffect(() => {
    if (panel.followLatest && tick && contract && tick.last_price > 0) {
      const latest = formatPrice(tick.last_price, contract.pricetick);
      if (latest !== panel.price) setPanel({ price: latest });
    }
  }, [panel.followLatest, panel.price, tick, contract, setPanel]);

  useEffect(() => {
    if (focusRequest === 0) return;
    (panel.vt_symbol ? priceRef.current : codeRef.current)?.focus();
    (panel.vt_symbol ? priceRef.current : codeRef.current)?.select();
  }, [focusRequest]); // only on a new request, not on every keystroke

  const lookup = () => {
    const code = panel.code.trim();
    if (!code) return;
    client.request('contract/lookup', { code }).then(
      (c) => fillPanel(c, { price: feeds.ticks.rows.get(c.vt_symbol)?.last_price ?? c.pre_close }),
      (e: Error) => useApp.getState().setPanelMessage({ level: 'error', text: e.message }),
    );
  };

  // What the contract's market allows: its order types, and the unit its volume is counted in
  // (a market whose rules are not here yet shows limit orders only; sending says why it cannot).
  const rules = contract ? PANEL_MARKETS.find(contract) : undefined;
  const orderTypes = contract && rules ? rules.orderTypes(contract) : [OrderType.LIMIT];
  const volumeUnit = contract && rules ? rules.volumeUnit(contract) : '';
  // 开平 only where the market has offsets (futures); A-share orders carry none.
  const offsets = contract && rules ? rules.offsets(contract).filter((o) => o !== Offset.NONE) : [];
  const effectiveGateway = panel.gateway || contract?.gateway_name || '';
  const creditAccount = useCreditAccount(effectiveGateway);
  const connected = gateways.filter((g) => g.status === GatewayStatus.CONNECTED);
  const buy = panel.direction === Direction.LONG;

  return (
    <aside className={`panel ${buy ? 'panel-buy' : 'panel-sell'}`} data-testid="panel">
      <h2>交易</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          sendFromPanel(client);
        }}
      >
        <label>代码
          <input
            ref={codeRef}
            data-testid="panel-code"
            value={panel.code}
            placeholder="600000 / 600000.SH"
            onChange={(e) => setPanel({ code: e.target.value, vt_symbol: '', name: '', exchange: '' })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                e.stopPropagation();
                lookup();
              }
            }}
          />
        </label>
        <label>交易所<input data-testid="panel-exchange" value={panel.exchange} readOnly tabIndex={-1} /></label>
        <label>名称<input data-testid="panel-name" value={panel.name} readOnly tabIndex={-1} /></label>
        {creditAccount && (
          <label>信用
            <select
              data-testid="panel-credit"
              value={panel.credit || (buy ? CreditOrderType.COLLATERAL_BUY : CreditOrderType.COLLATERAL_SELL)}
              onChange={(e) => {
                const credit = e.target.value as CreditOrderType;
                setPanel({ credit, direction: directionOfCredit(credit) });
              }}
            >
              {CREDIT_PANEL_TYPES.map((t) => <option key={t} value={t}>{t}</option>)}
            </select>
          </label>
        )}
        <label>方向
          <select
            data-testid="panel-direction"
            value={panel.direction}
            onChange={(e) => {
              const direction = e.target.value as Direction;
              // On a credit account a direction change falls back to the collateral order of that side.
              setPanel(creditAccount ? { direction, credit: direction === Direction.LONG ? CreditOrderType.COLLATERAL_BUY : CreditOrderType.COLLATERAL_SELL } : { direction });
            }}
          >
            <option value={Direction.LONG}>买入</option>
            <option value={Direction.SHORT}>卖出</option>
          </select>
        </label>
        {offsets.length > 0 && (
          <label>开平
            <select data-testid="panel-offset" value={panel.offset} onChange={(e) => setPanel({ offset: e.target.value as Offset })}>
              {offsets.map((o) => <option key={o} value={o}>{offsetLabel(o)}</option>)}
            </select>
          </label>
        )}
        <label>类型
          <select data-testid="panel-type" value={panel.type} onChange={(e) => setPanel({ type: e.target.value as OrderType })}>
            {orderTypes.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </label>
        <label>价格
          <span className="with-toggle">
            <input ref={priceRef} data-testid="panel-price" inputMode="decimal" value={panel.price} onChange={(e) => setPanel({ price: e.target.value, followLatest: false })} />
            <label className="toggle" title="价格跟随最新价"><input type="checkbox" data-testid="panel-follow" checked={panel.followLatest} onChange={(e) => setPanel({ followLatest: e.target.checked })} />跟随</label>
          </span>
        </label>
        <label>数量<input data-testid="panel-volume" inputMode="numeric" placeholder={volumeUnit} value={panel.volume} onChange={(e) => setPanel({ volume: e.target.value })} /></label>
        <label>接口
          <select data-testid="panel-gateway" value={panel.gateway} onChange={(e) => setPanel({ gateway: e.target.value })}>
            <option value="">{connected.length ? '（合约所属接口）' : '（未连接）'}</option>
            {connected.map((g) => <option key={g.name} value={g.name}>{g.displayName}</option>)}
          </select>
        </label>
        <div className="buttons">
          <button type="submit" data-testid="panel-send" className={buy ? 'btn-buy' : 'btn-sell'}>{creditAccount && panel.credit ? panel.credit : offsets.length > 0 ? `${buy ? '买入' : '卖出'}${offsetLabel(panel.offset)}` : buy ? '买入委托' : '卖出委托'}</button>
          <button type="button" data-testid="panel-cancel-all" onClick={() => client.request('order/cancel-all', {}).then((r) => useApp.getState().setPanelMessage({ level: 'info', text: `已发出撤单 ${r.count} 笔` }), (e: Error) => useApp.getState().setPanelMessage({ level: 'error', text: e.message }))}>全撤</button>
        </div>
        <p className={`panel-message ${message?.level ?? ''}`} data-testid="panel-message" role="status">{message?.text ?? ''}</p>
      </form>
      <DepthView tick={tick} perHand={volumeUnit === '手' ? 1 : 100} onPrice={(p) => contract && setPanel({ price: formatPrice(p, contract.pricetick), followLatest: false })} />
      <p className="hint">F1 买入 · F2 卖出 · Enter 委托 · Esc 清空</p>
    </aside>
  );
}
