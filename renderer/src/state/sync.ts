/**
 * Keeps the renderer in step with the engine: loads the snapshot (again after a host
 * reconnect), then applies pushed events through the coalescer at most ~20 times a
 * second. Counters are exposed on window.__tstraderStats for the UI benchmark.
 */
import { BRIDGE_CONTRACT } from '../../../apps/registry';
import type { BridgeEvents, EventName } from '../../../common/bridge-contract';
import { LogLevel } from '../../../common/constants';
import { EventCoalescer, type CoalescedBatch, type CoalescerStats } from '../../../common/event-coalescer';
import type { MenuAction } from '../../../common/menu-model';
import type { AppClient } from '../bridge/transport';
import { feeds, LOG_KEEP, toLogRows } from './feeds';
import { noteTicks } from './quote-age';
import { useApp, type VersionsSlice } from './store';
import { watchlist } from './watchlist';

/** At most this many flushes a second reach the UI. */
export const FLUSH_INTERVAL_MS = 50;

export interface UiStats extends CoalescerStats {
  /** longest time one flush took to apply, ms */
  maxFlushMs: number;
}

declare global {
  interface Window {
    __tstraderStats?: UiStats;
  }
}

export interface SyncHandlers {
  onMenu(action: MenuAction): void;
}

export async function loadAll(client: AppClient): Promise<void> {
  const [snapshot, contracts, info, layout, watched] = await Promise.all([
    client.request('app/snapshot', {}),
    client.request('contract/query', {}),
    client.request('app/info', {}),
    client.request('layout/get', {}),
    client.request('watchlist/list', {}),
  ]);
  const store = useApp.getState();
  store.setAppInfo(info);
  store.setLayout(layout);
  store.setGateways(snapshot.gateways);
  feeds.contracts.reset(contracts);
  feeds.ticks.reset(snapshot.ticks);
  feeds.orders.reset(snapshot.orders);
  feeds.trades.reset(snapshot.trades);
  feeds.positions.reset(snapshot.positions);
  feeds.accounts.reset(snapshot.accounts);
  feeds.logs.reset(toLogRows(snapshot.logs.slice(-LOG_KEEP)));
  feeds.credits.reset(snapshot.credits);
  feeds.compacts.reset(snapshot.compacts);
  feeds.creditAssets.reset(snapshot.creditAssets);
  watchlist.set(watched.codes);
  store.bump(['ticks', 'orders', 'positions', 'accounts', 'contracts', 'credits']);
}

export function startSync(client: AppClient, handlers: SyncHandlers): () => void {
  const coalescer = new EventCoalescer(BRIDGE_CONTRACT.events);
  const stats: UiStats = Object.assign(coalescer.stats, { maxFlushMs: 0 });
  window.__tstraderStats = stats;

  const offs = (BRIDGE_CONTRACT.eventNames as EventName[]).map((name) => client.subscribe(name, (payload: BridgeEvents[EventName]) => coalescer.push(name, payload)));
  const timer = window.setInterval(() => {
    if (!coalescer.pending) return;
    const t0 = performance.now();
    applyBatch(coalescer.drain(), handlers);
    stats.maxFlushMs = Math.max(stats.maxFlushMs, performance.now() - t0);
  }, FLUSH_INTERVAL_MS);

  const reload = () =>
    loadAll(client).then(
      () => useApp.getState().setHostConnected(true),
      (error: Error) => useApp.getState().toast('error', `加载数据失败：${error.message}`),
    );
  const offConnection = client.onConnection?.((state) => {
    if (state === 'open') void reload();
    else useApp.getState().setHostConnected(false);
  });
  if (!client.onConnection) void reload();

  return () => {
    window.clearInterval(timer);
    offs.forEach((off) => off());
    offConnection?.();
  };
}

function applyBatch(batch: CoalescedBatch, handlers: SyncHandlers): void {
  const store = useApp.getState();
  const changed: (keyof VersionsSlice['versions'])[] = [];
  const apply = <T,>(rows: T[], feed: { apply(rows: T[]): void }, domain?: keyof VersionsSlice['versions']) => {
    if (!rows.length) return;
    feed.apply(rows);
    if (domain) changed.push(domain);
  };
  apply(batch.contract, feeds.contracts, 'contracts');
  apply(batch.tick, feeds.ticks, 'ticks');
  noteTicks(batch.tick);
  apply(batch.order, feeds.orders, 'orders');
  apply(batch.trade, feeds.trades);
  apply(batch.position, feeds.positions, 'positions');
  apply(batch.account, feeds.accounts, 'accounts');
  apply(batch.credit, feeds.credits, 'credits');
  apply(batch.compact, feeds.compacts, 'credits');
  apply(batch['credit-asset'], feeds.creditAssets, 'credits');
  if (changed.length) store.bump(changed);
  if (batch.gateway.length) store.upsertGateways(batch.gateway);
  const watched = batch.watchlist.at(-1);
  if (watched) watchlist.set(watched.codes);
  if (batch.log.length) {
    feeds.logs.apply(toLogRows(batch.log));
    for (const log of batch.log) if (log.level === LogLevel.ERROR) store.toast('error', `${log.gateway_name}：${log.msg}`);
  }
  for (const { event, payload } of batch.other) {
    if (event === 'panel-fill') {
      const fill = payload as BridgeEvents['panel-fill'];
      const contract = feeds.contracts.rows.get(fill.vt_symbol);
      // 查询合约 does not see quotes: the main window fills in the latest price it knows.
      const price = fill.price ?? feeds.ticks.rows.get(fill.vt_symbol)?.last_price;
      if (contract) store.fillPanel(contract, { ...fill, price });
    } else if (event === 'menu') {
      handlers.onMenu(payload as MenuAction);
    }
  }
}
