/**
 * Orders through MiniQMT: sends (order_stock_async, our orderid in order_remark), cancels
 * (cancel_order_stock_async, or by contract number), 直接还券, and what the counter says
 * back (on_stock_order, on_stock_trade, on_order_error, on_cancel_error,
 * on_order_stock_async_response), each row mapped to its local order by order-book.ts.
 */
import { ACTIVE_STATUSES, Direction, LogLevel, Offset, OrderType, Status } from '../../common/constants';
import { CreditOrderType, type DirectRepayRequest } from '../../common/credit';
import { TraderError } from '../../common/errors';
import type { CancelRequest, OrderData, OrderRequest } from '../../common/objects';
import { toOrder, toTrade } from './convert-trading';
import type { GatewayCore } from './gateway-core';
import { isOurRemark, type KnownOrder } from './order-book';
import type { SidecarProcess } from './sidecar-process';
import type { SidecarMethods } from './sidecar-protocol';
import * as xt from './xt-constants';
import { orderTypeCodeFor, parseXtCode, priceTypeCodeFor, xtCodeOf, xtMarketOf } from './xt-tables';
import { num, str, type XtCancelError, type XtOrder, type XtOrderError, type XtOrderResponse, type XtRecord, type XtTrade } from './xt-wire';

export class OrderDesk {
  constructor(
    private readonly core: GatewayCore,
    /** a contract for a code seen in a row (the account reader keeps them) */
    private readonly ensureContract: (xtCode: string) => void,
  ) {}

  send(sidecar: SidecarProcess, req: OrderRequest): string {
    const cfg = this.core.settings();
    if (req.credit === CreditOrderType.DIRECT_CASH_REPAY || req.credit === CreditOrderType.DIRECT_SECU_REPAY) {
      throw new TraderError('USE_DIRECT_REPAY', `${req.credit}不是交易所委托，请在两融“信用资产”中操作`);
    }
    const orderType = orderTypeCodeFor(req.direction, req.credit, cfg.creditAccount);
    const priceType = priceTypeCodeFor(req.type, req.exchange);
    const order = this.newOrder(req.symbol, req.exchange, req.direction, req.type, req.price, req.volume, req.reference);
    if (cfg.creditAccount) order.credit = req.credit ?? (orderType === xt.CREDIT_SELL ? CreditOrderType.COLLATERAL_SELL : CreditOrderType.COLLATERAL_BUY);
    this.submit(sidecar, order, {
      stock_code: xtCodeOf(req.symbol, req.exchange),
      order_type: orderType,
      order_volume: req.volume,
      price_type: priceType,
      price: req.price,
      strategy_name: req.reference.slice(0, 32),
      order_remark: order.orderid,
    });
    return order.vt_orderid;
  }

  /**
   * Refusals we can tell at once are thrown (unknown order, finished). The cancel itself is
   * asynchronous: a refusal by the counter comes back as on_cancel_error, which is logged,
   * and the order stays as the counter reports it.
   */
  cancel(sidecar: SidecarProcess, req: CancelRequest): void {
    const prefix = `${this.core.name}.`;
    const orderid = req.orderid.startsWith(prefix) ? req.orderid.slice(prefix.length) : req.orderid;
    const known = this.core.book.get(orderid);
    if (!known?.last) throw new TraderError('UNKNOWN_ORDER', `MiniQMT 接口没有委托 ${orderid}`);
    if (!ACTIVE_STATUSES.has(known.last.status)) throw new TraderError('ORDER_NOT_ACTIVE', `委托 ${orderid} 状态为“${known.last.status}”，不可撤单`);
    if (known.xtOrderId === undefined && !known.sysid) {
      // Sent, but the counter has not numbered it yet: cancel as soon as it does.
      known.cancelWanted = true;
      this.core.log(`委托 ${known.last.vt_orderid} 尚未得到柜台编号，编号到达后即撤单`);
      return;
    }
    this.sendCancel(sidecar, known);
  }

  /**
   * 直接还券 is an order of type 30 (code and shares). 直接还款 (type 32) is refused: the
   * xttrader reference gives no parameters for it, and a cash operation is not guessed at.
   */
  directRepay(sidecar: SidecarProcess, req: DirectRepayRequest): string {
    if (!this.core.settings().creditAccount) throw new TraderError('NOT_CREDIT_ACCOUNT', `${req.type}需要信用账户：当前 MiniQMT 连接的是普通账户`);
    if (req.type === CreditOrderType.DIRECT_CASH_REPAY) {
      throw new TraderError('NOT_SUPPORTED', '直接还款请在 MiniQMT 客户端中操作：xtquant 的文档没有给出直接还款（委托类型 32）的参数，本接口不猜测资金操作');
    }
    if (!req.symbol || !req.exchange || !req.volume) throw new TraderError('REPAY_CODE', '直接还券需要证券代码和数量');
    // Shares leave the account as in a sale, without a trade.
    const order = this.newOrder(req.symbol, req.exchange, Direction.SHORT, OrderType.LIMIT, 0, req.volume, 'manual');
    order.credit = CreditOrderType.DIRECT_SECU_REPAY;
    this.submit(sidecar, order, {
      stock_code: xtCodeOf(req.symbol, req.exchange), order_type: xt.CREDIT_DIRECT_SECU_REPAY, order_volume: req.volume,
      price_type: xt.FIX_PRICE, price: 0, strategy_name: 'manual', order_remark: order.orderid,
    });
    return `已提交直接还券：${order.vt_symbol} ${req.volume} 股（委托 ${order.vt_orderid}），结果见委托与负债合约`;
  }

  /** Today's orders as the counter knows them, in every state. */
  async queryOrders(sidecar: SidecarProcess): Promise<OrderData[]> {
    const r = await sidecar.request('query_orders', { cancelable_only: false }, this.core.timeout());
    const out: OrderData[] = [];
    for (const raw of r.items as XtOrder[]) {
      const order = this.orderOfRow(raw);
      if (order) out.push(order);
    }
    return out;
  }

  /**
   * Bring our orders in line with the counter's rows after a (re)connect. Ours that the
   * counter does not know never reached it (sent as the link fell): they are rejected.
   */
  reconcile(rows: { orders: readonly XtRecord[]; trades: readonly XtRecord[] }): void {
    const onCounter = new Set<string>();
    const byTime = [...(rows.orders as XtOrder[])].sort((a, b) => num(a.order_time) - num(b.order_time));
    for (const raw of byTime) {
      const order = this.onOrderRow(raw);
      if (order) onCounter.add(order.orderid);
    }
    for (const raw of rows.trades as XtTrade[]) this.onTradeRow(raw);
    for (const known of this.core.book.unacknowledged()) {
      if (!onCounter.has(known.orderid)) this.rejectLocally(known, '连接中断，委托未送达柜台');
    }
  }

  // ---- what the counter says ----

  onOrderRow(raw: XtOrder): OrderData | undefined {
    const order = this.orderOfRow(raw);
    if (!order) return undefined;
    this.ensureContract(str(raw.stock_code));
    this.emit(order);
    const known = this.core.book.get(order.orderid);
    if (known?.cancelWanted) this.cancelWanted(known);
    return order;
  }

  onTradeRow(raw: XtTrade): void {
    const code = parseXtCode(str(raw.stock_code));
    if (!code) return;
    const orderid = this.core.book.orderidOf(raw, code.exchange);
    const trade = toTrade(raw, { gateway: this.core.name, orderid, creditAccount: this.core.settings().creditAccount, now: this.core.now() });
    if (!trade) {
      this.core.log(`MiniQMT 成交回报缺少成交编号，已忽略：${JSON.stringify(raw).slice(0, 200)}`, LogLevel.WARNING);
      return;
    }
    this.ensureContract(str(raw.stock_code));
    this.core.events.push((s) => s.onTrade(trade));
  }

  onOrderError(raw: XtOrderError): void {
    const orderid = this.core.book.orderidOf(raw);
    const known = this.core.book.get(orderid);
    const reason = `下单失败（错误码 ${num(raw.error_id)}）：${str(raw.error_msg) || '柜台未说明原因'}`;
    if (!known?.last) {
      this.core.log(`MiniQMT ${reason}（委托备注 ${str(raw.order_remark) || '无'}）`, LogLevel.WARNING);
      return;
    }
    this.core.log(`委托 ${known.last.vt_orderid} ${reason}`, LogLevel.WARNING);
    this.emit({ ...known.last, status: Status.REJECTED, status_msg: reason, datetime: this.core.now() });
  }

  onCancelError(raw: XtCancelError): void {
    const xtId = num(raw.order_id, -1);
    const orderid = xtId > 0 ? this.core.book.orderidOf({ order_id: xtId }) : str(raw.order_sysid);
    this.core.log(`撤单失败：委托 ${this.core.name}.${orderid} ${str(raw.error_msg) || '柜台未说明原因'}（错误码 ${num(raw.error_id)}）`, LogLevel.WARNING);
  }

  onOrderResponse(raw: XtOrderResponse): void {
    const remark = str(raw.order_remark);
    const orderid = isOurRemark(remark) ? remark : this.core.book.orderidOfSeq(num(raw.seq, -1));
    if (!orderid) return;
    this.core.book.link(orderid, num(raw.order_id, -1));
    const known = this.core.book.get(orderid);
    if (known?.cancelWanted) this.cancelWanted(known);
  }

  // ---- inside ----

  private newOrder(symbol: string, exchange: OrderData['exchange'], direction: Direction, type: OrderType, price: number, volume: number, reference: string): OrderData {
    const orderid = this.core.book.mint();
    this.core.book.add({ orderid, exchange, type, reference });
    return {
      gateway_name: this.core.name, symbol, exchange, vt_symbol: `${symbol}.${exchange}`, orderid, vt_orderid: `${this.core.name}.${orderid}`,
      type, direction, offset: Offset.NONE, price, volume, traded: 0, status: Status.SUBMITTING, datetime: this.core.now(), reference, status_msg: '',
    };
  }

  private submit(sidecar: SidecarProcess, order: OrderData, params: SidecarMethods['order']['params']): void {
    this.emit(order, true);
    const orderid = order.orderid;
    sidecar.request('order', params, this.core.timeout()).then(
      (r) => {
        const seq = num(r.seq, -1);
        if (seq > 0) this.core.book.noteSeq(seq, orderid);
        else this.rejectIfUnheard(orderid, `xtquant 拒绝了下单请求（order_stock_async 返回 ${seq}）`);
      },
      (error: unknown) => this.rejectIfUnheard(orderid, `下单请求未送达 MiniQMT：${error instanceof Error ? error.message : String(error)}`),
    );
  }

  private cancelWanted(known: KnownOrder): void {
    const sidecar = this.core.sidecar();
    if (!sidecar || (known.xtOrderId === undefined && !known.sysid)) return;
    known.cancelWanted = false;
    if (known.last && ACTIVE_STATUSES.has(known.last.status)) this.sendCancel(sidecar, known);
  }

  private sendCancel(sidecar: SidecarProcess, known: KnownOrder): void {
    const vt = `${this.core.name}.${known.orderid}`;
    const request =
      known.xtOrderId !== undefined
        ? sidecar.request('cancel', { order_id: known.xtOrderId }, this.core.timeout())
        : sidecar.request('cancel_sysid', { market: xtMarketOf(known.exchange), order_sysid: known.sysid! }, this.core.timeout());
    request.then(
      (r) => {
        if (num(r.seq, -1) <= 0) this.core.log(`撤单请求被 xtquant 拒绝（委托 ${vt}，返回 ${r.seq}）`, LogLevel.WARNING);
      },
      (error: unknown) => this.core.log(`撤单请求未送达 MiniQMT（委托 ${vt}）：${error instanceof Error ? error.message : String(error)}`, LogLevel.WARNING),
    );
  }

  /** A send that failed on our side, unless the counter has spoken about the order since. */
  private rejectIfUnheard(orderid: string, reason: string): void {
    const known = this.core.book.get(orderid);
    if (!known || known.xtOrderId !== undefined || known.last?.status !== Status.SUBMITTING) return;
    this.rejectLocally(known, reason);
  }

  private rejectLocally(known: KnownOrder, reason: string): void {
    if (!known.last) return;
    this.core.log(`委托 ${known.last.vt_orderid} 被拒绝：${reason}`, LogLevel.WARNING);
    this.emit({ ...known.last, status: Status.REJECTED, status_msg: reason, datetime: this.core.now() }, true);
  }

  private emit(order: OrderData, local = false): void {
    const news = this.core.book.accept(order, local);
    if (news) this.core.events.push((s) => s.onOrder(news));
  }

  /** The order a counter row describes, with what we know of it; undefined for codes we do not trade. */
  private orderOfRow(raw: XtOrder): OrderData | undefined {
    const code = parseXtCode(str(raw.stock_code));
    if (!code) return undefined;
    const orderid = this.core.book.orderidOf(raw, code.exchange);
    const known = this.core.book.get(orderid);
    return toOrder(raw, {
      gateway: this.core.name, orderid, creditAccount: this.core.settings().creditAccount, type: known?.type, reference: known?.reference, now: this.core.now(),
    });
  }
}
