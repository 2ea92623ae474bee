/**
 * Reconciliation at connect: the engine's working orders for a gateway (restored from the
 * journal after a restart, or left from before a reconnect) are matched against the
 * counter's own list of today's orders, as a CTP client does with the orders the front
 * replays. What the counter knows is confirmed (and its state taken if it moved on); what it
 * does not know never reached it or belongs to a counter that is gone, and is closed with
 * the reason stated, as an order event that is journalled like any other.
 */
import { ACTIVE_STATUSES, LogLevel, Status } from '../../../common/constants';
import type { Gateway } from '../../../common/gateway-api';
import type { OrderData } from '../../../common/objects';
import type { OrderManagementSystem } from '../oms';

/** status_msg of a working order the counter does not know. */
export const UNKNOWN_AT_COUNTER = '柜台无此委托（重启后对账）';

export interface ReconcileParts {
  name: string;
  gateway: Gateway;
  oms: OrderManagementSystem;
  /** an order as the counter reports it (through the gateway's sink) */
  report(order: OrderData): void;
  /** the engine's own closing update of an order the counter does not know */
  close(order: OrderData): void;
  log(msg: string, level: LogLevel): void;
}

export async function reconcileOrders(p: ReconcileParts): Promise<void> {
  // Only orders working before the question was asked: one sent meanwhile may be missing
  // from the answer without being unknown to the counter.
  const before = p.oms.listActiveOrders({ gateway: p.name });
  if (before.length === 0) return;
  if (!p.gateway.queryOrders) {
    p.log(`接口 ${p.name} 不支持查询委托，${before.length} 笔未完成委托未能与柜台核对，保持原状态（未经柜台确认的不计入活动委托上限）`, LogLevel.WARNING);
    return;
  }
  let counter: OrderData[];
  try {
    counter = await p.gateway.queryOrders();
  } catch (error) {
    p.log(`接口 ${p.name} 查询委托失败，${before.length} 笔未完成委托未能核对：${error instanceof Error ? error.message : String(error)}`, LogLevel.WARNING);
    return;
  }
  const known = new Map(counter.map((o) => [o.vt_orderid, o]));
  let closed = 0;
  let updated = 0;
  for (const mine of before) {
    const now = p.oms.orders.get(mine.vt_orderid);
    // Reported meanwhile (a fill, a cancel): the counter has spoken for it already.
    if (now !== mine || !ACTIVE_STATUSES.has(now.status)) continue;
    const theirs = known.get(mine.vt_orderid);
    if (!theirs) {
      p.close({ ...now, status: Status.CANCELLED, status_msg: UNKNOWN_AT_COUNTER });
      closed++;
    } else if (theirs.status !== now.status || theirs.traded !== now.traded) {
      p.report(theirs);
      updated++;
    } else {
      p.oms.confirm(now.vt_orderid);
    }
  }
  if (closed || updated) {
    p.log(`与柜台核对未完成委托 ${before.length} 笔：${closed} 笔柜台无此委托，已按已撤销处理；${updated} 笔按柜台状态更新`, closed ? LogLevel.WARNING : LogLevel.INFO);
  }
}
