/**
 * 交易: the trading panel. It runs the same rules as the engine before anything is sent and
 * shows the reason in the panel; only a valid order reaches the engine.
 */
import { useEffect, useRef, useState } from 'react';
import { Direction, GatewayStatus, Offset, OrderType } from '../../../common/constants';
import { offsetLabel } from '../../../common/markets/offset-label';
import { CreditOrderType, directionOfCredit } from '../../../common/credit';
import type { AppClient } from '../bridge/transport';
import { vtPositionIdOf } from '../../../common/objects';
import { maxBuyable, maxClosable } from '../panel/capacity';
import { formatPrice } from '../panel/panel-slice';
import { PANEL_MARKETS, validatePanel } from '../panel/validate-order';
import { feeds } from '../state/feeds';
import { quoteAge, QUOTE_STALE_MS } from '../state/quote-age';
import { useApp } from '../state/store';
import { DepthView } from './DepthView';

/** The saved layout key of the panel's 下单确认 switch. */
export const CONFIRM_KEY = 'panel.confirm';

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
  if (store.layout[CONFIRM_KEY] === true && contract && !window.confirm(confirmText(check.args, contract.name, form.credit))) {
    store.setPanelMessage({ level: 'info', text: '已取消委托' });
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

/** The sentence the trader confirms: what, which side, how many, at what price. */
function confirmText(args: { code: string; direction: Direction; type: OrderType; volume: number; price: number }, name: string, credit: string): string {
  const side = credit || (args.direction === Direction.LONG ? '买入' : '卖出');
  const price = args.type === OrderType.LIMIT ? `价格 ${args.price}` : `市价（${args.type}）${args.price > 0 ? `，保护价 ${args.price}` : ''}`;
  return `确认委托：${side} ${name}（${args.code}）${args.volume}，${price}？`;
}

/** 下单前确认 on or off, kept with the window's layout. */
function setConfirm(client: AppClient, on: boolean): void {
  const store = useApp.getState();
  store.setLayout({ ...store.layout, [CONFIRM_KEY]: on });
  void client.request('layout/set', { key: CONFIRM_KEY, value: on }).catch(() => undefined);
}

/** Re-render every second: a quote's age changes with nothing else changing. */
function useSecondTick(): void {
  const [, set] = useState(0);
  useEffect(() => {
    const timer = window.setInterval(() => set((n) => n + 1), 1000);
    return () => window.clearInterval(timer);
  }, []);
}

export function TradingPanel({ client }: { client: AppClient }) {
  const panel = useApp((s) => s.panel);
  const message = useApp((s) => s.panelMessage);
  const setPanel = useApp((s) => s.setPanel);
  const fillPanel = useApp((s) => s.fillPanel);
  const focusRequest = useApp((s) => s.panelFocusRequest);
  const gateways = useApp((s) => s.gateways);
  useApp((s) => s.versions.ticks);
  useApp((s) => s.versions.accounts);
  useApp((s) => s.versions.positions);
  const confirmOrders = useApp((s) => s.layout[CONFIRM_KEY] === true);
  useSecondTick();
  const tick = panel.vt_symbol ? feeds.ticks.rows.get(panel.vt_symbol) : undefined;
  const contract = panel.vt_symbol ? feeds.contracts.rows.get(panel.vt_symbol) : undefined;
  const priceRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);

  // Quotes for whatever the panel shows, however it got there (typed, double-clicked, 查询合约):
  // the code joins 自选 (the 行情 monitor), which subscribes it and keeps it for the next start.
  useEffect(() => {
    if (panel.vt_symbol) client.request('watchlist/add', { code: panel.vt_symbol, gateway: panel.gateway || undefined }).catch(() => undefined);
  }, [client, panel.vt_symbol, panel.gateway]);

  // 昨收 stood in before the code's first quote: the first quote replaces it.
  useEffect(() => {
    if (panel.awaitingQuote && tick && contract && tick.last_price > 0) setPanel({ price: formatPrice(tick.last_price, contract.pricetick), awaitingQuote: false });
  }, [panel.awaitingQuote, tick, contract, setPanel]);

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
      (c) => fillPanel(c, { price: feeds.ticks.rows.get(c.vt_symbol)?.last_price }),
      (e: Error) => {
        // Nothing of the previous code may stay in the form: an order must not go out on it.
        setPanel({ vt_symbol: '', name: '', exchange: '', price: '', volume: '', awaitingQuote: false, followLatest: false });
        useApp.getState().setPanelMessage({ level: 'error', text: e.message });
      },
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
  const stale = tick ? quoteAge(tick.vt_symbol) > QUOTE_STALE_MS : false;

  // 可买 / 可卖 by the market's own rules, on this gateway's account and holdings.
  const account = [...feeds.accounts.rows.values()].find((a) => a.gateway_name === effectiveGateway);
  const priceNumber = Number(panel.price);
  const canBuy = contract && rules ? maxBuyable(rules, contract, account, panel.type, Number.isFinite(priceNumber) ? priceNumber : 0) : 0;
  const repaying = panel.credit === CreditOrderType.BUY_SECU_REPAY;
  const held = contract ? feeds.positions.rows.get(vtPositionIdOf(effectiveGateway, contract.vt_symbol, repaying ? Direction.SHORT : Direction.LONG)) : undefined;
  const canClose = contract && rules ? maxClosable(rules, contract, held) : 0;

  /** 对手价: the best price on the other side (a buy takes the ask); 挂价: the best on one's own side. */
  const quotePrice = (counter: boolean) => {
    if (!tick || !contract) return;
    const p = buy === counter ? tick.ask_price_1 : tick.bid_price_1;
    if (p > 0) setPanel({ price: formatPrice(p, contract.pricetick), followLatest: false, awaitingQuote: false });
  };
  const quoteKeys = useRef(quotePrice);
  quoteKeys.current = quotePrice;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || (e.key !== '1' && e.key !== '2')) return;
      e.preventDefault();
      quoteKeys.current(e.key === '1');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

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
            <input ref={priceRef} data-testid="panel-price" inputMode="decimal" value={panel.price} onChange={(e) => setPanel({ price: e.target.value, followLatest: false, awaitingQuote: false })} />
            <label className="toggle" title="价格跟随最新价"><input type="checkbox" data-testid="panel-follow" checked={panel.followLatest} onChange={(e) => setPanel({ followLatest: e.target.checked })} />跟随</label>
          </span>
        </label>
        <div className="price-keys">
          <button type="button" data-testid="panel-counter-price" title="对手价：买入取卖一，卖出取买一（Alt+1）" onClick={() => quotePrice(true)}>对手价</button>
          <button type="button" data-testid="panel-own-price" title="挂价：买入取买一，卖出取卖一（Alt+2）" onClick={() => quotePrice(false)}>挂价</button>
        </div>
        <label>数量<input data-testid="panel-volume" inputMode="numeric" placeholder={volumeUnit} value={panel.volume} onChange={(e) => setPanel({ volume: e.target.value })} /></label>
        <div className="capacity" data-testid="panel-capacity">
          <button type="button" className="link" data-testid="panel-can-buy" onClick={() => canBuy > 0 && setPanel({ volume: String(canBuy) })}>可买 {canBuy}{volumeUnit}</button>
          <button type="button" className="link" data-testid="panel-can-sell" onClick={() => canClose > 0 && setPanel({ volume: String(canClose) })}>{repaying ? '可还' : '可卖'} {canClose}{volumeUnit}</button>
        </div>
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
        <label className="confirm-toggle"><input type="checkbox" data-testid="panel-confirm" checked={confirmOrders} onChange={(e) => setConfirm(client, e.target.checked)} />下单前确认</label>
        <p className={`panel-message ${message?.level ?? ''}`} data-testid="panel-message" role="status">{message?.text ?? ''}</p>
      </form>
      <DepthView tick={tick} unit={volumeUnit} stale={stale} onPrice={(p) => contract && setPanel({ price: formatPrice(p, contract.pricetick), followLatest: false, awaitingQuote: false })} />
      <p className="hint">F1 买入 · F2 卖出 · Enter 委托 · Esc 清空 · Alt+1 对手价 · Alt+2 挂价</p>
    </aside>
  );
}
