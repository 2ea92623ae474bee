/**
 * The core bridge contract checks every request's arguments at the boundary (a window, a
 * script or a strategy cannot hand a handler a wrong type, a missing field or an oversized
 * value), names each feature, and keys each row event by its id. Request by request: the
 * smallest valid arguments pass as they are, and a near miss is refused at its path.
 */
import { describe, expect, it } from 'vitest';
import { CORE_CONTRACT_PARTS, requestSchemas } from '../../../common/bridge-contract';
import { Direction, Offset, OrderType } from '../../../common/constants';
import { combineContracts } from '../../../common/contract/contract-map';
import { CreditOrderType } from '../../../common/credit';

type Name = keyof typeof requestSchemas;

const check = (name: Name, args: unknown) => requestSchemas[name].check(args, 'args');
const accepted = (name: Name, args: unknown) => expect(check(name, args), name).toEqual({ ok: true, value: args });
const refused = (name: Name, args: unknown, ...issues: [string, string][]) =>
  expect(check(name, args), `${name} ${JSON.stringify(args)}`).toEqual({ ok: false, issues: issues.map(([path, message]) => ({ path, message })) });

const x = (n: number) => 'x'.repeat(n);

describe('the core contract', () => {
  it('names its features (a duplicate request or event is reported with them)', () => {
    expect(CORE_CONTRACT_PARTS.map((p) => p.feature)).toEqual(['行情与合约', '自选', '委托', '接口', '融资融券', '应用', '窗口']);
  });

  it('keys each row event by its own id', () => {
    const { events } = combineContracts(CORE_CONTRACT_PARTS);
    const key = (event: string, payload: object) => events[event]!.rowKey!(payload as never);
    expect([
      key('tick', { vt_symbol: 'T' }),
      key('contract', { vt_symbol: 'C' }),
      key('order', { vt_orderid: 'O' }),
      key('trade', { vt_tradeid: 'TR' }),
      key('position', { vt_positionid: 'P' }),
      key('account', { vt_accountid: 'A' }),
      key('gateway', { name: 'G' }),
      key('credit', { vt_accountid: 'CR' }),
      key('compact', { vt_compactid: 'CP' }),
      key('credit-asset', { vt_assetid: 'CA' }),
    ]).toEqual(['T', 'C', 'O', 'TR', 'P', 'A', 'G', 'CR', 'CP', 'CA']);
    expect(events.log!.rowKey).toBeUndefined();
    expect([events['panel-fill']!.window, events.menu!.window]).toEqual([true, true]);
  });
});

describe('request arguments', () => {
  it('行情与合约: a code of 1–32 characters and an optional gateway, a filter of up to 64', () => {
    accepted('market/subscribe', { code: '600000' });
    accepted('market/subscribe', { code: '600000', gateway: 'SIM' });
    refused('market/subscribe', { code: '600000', all: true }, ['args.all', '未知字段']);
    refused('market/subscribe', { code: '600000', gateway: '' }, ['args.gateway', '长度至少为 1']);
    accepted('contract/query', {});
    accepted('contract/query', { filter: x(64) });
    refused('contract/query', { filter: x(65) }, ['args.filter', '长度至多为 64']);
    for (const name of ['contract/lookup', 'contract/resolve'] as const) {
      accepted(name, { code: x(32) });
      refused(name, { code: '' }, ['args.code', '长度至少为 1']);
      refused(name, { code: x(33) }, ['args.code', '长度至多为 32']);
      refused(name, {}, ['args.code', '应为字符串']);
    }
  });

  it('自选: a code, an optional gateway, a position from 0 to 100,000', () => {
    accepted('watchlist/list', {});
    accepted('watchlist/add', { code: '600000' });
    accepted('watchlist/add', { code: '600000', gateway: 'SIM' });
    refused('watchlist/add', { code: '600000', gateway: '' }, ['args.gateway', '长度至少为 1']);
    accepted('watchlist/remove', { code: '600000' });
    refused('watchlist/remove', { code: 600000 }, ['args.code', '应为字符串']);
    accepted('watchlist/move', { code: '600000', to: 0 });
    accepted('watchlist/move', { code: '600000', to: 100_000 });
    refused('watchlist/move', { code: '600000', to: -1 }, ['args.to', '不得小于 0']);
    refused('watchlist/move', { code: '600000', to: 100_001 }, ['args.to', '不得大于 100000']);
    refused('watchlist/move', { code: '600000', to: 1.5 }, ['args.to', '应为整数']);
  });

  it('委托: an order names a code, a side, a type, a volume and a price of 0 or more; offset, gateway, reference and credit type are optional', () => {
    const order = { code: '600000', direction: Direction.LONG, type: OrderType.LIMIT, volume: 100, price: 10.5 };
    for (const name of ['order/check', 'order/send'] as const) {
      accepted(name, order);
      accepted(name, { ...order, price: 0, offset: Offset.CLOSETODAY, gateway: 'SIM', reference: x(64), credit: CreditOrderType.FIN_BUY });
      refused(name, { ...order, direction: Direction.NET }, ['args.direction', `应为以下之一：${Direction.LONG}、${Direction.SHORT}`]);
      refused(name, { ...order, type: 'ICEBERG' }, ['args.type', `应为以下之一：${Object.values(OrderType).join('、')}`]);
      refused(name, { ...order, volume: '100' }, ['args.volume', '应为有限数字']);
      refused(name, { ...order, price: -0.01 }, ['args.price', '不得小于 0']);
      refused(name, { ...order, offset: 'OPEN' }, ['args.offset', `应为以下之一：${Object.values(Offset).join('、')}`]);
      refused(name, { ...order, gateway: x(65) }, ['args.gateway', '长度至多为 64']);
      refused(name, { ...order, reference: x(65) }, ['args.reference', '长度至多为 64']);
      // a repayment is not an order
      const creditOrders = [CreditOrderType.COLLATERAL_BUY, CreditOrderType.COLLATERAL_SELL, CreditOrderType.FIN_BUY, CreditOrderType.SLO_SELL, CreditOrderType.BUY_SECU_REPAY, CreditOrderType.SELL_CASH_REPAY];
      refused(name, { ...order, credit: CreditOrderType.DIRECT_CASH_REPAY }, ['args.credit', `应为以下之一：${creditOrders.join('、')}`]);
    }
    accepted('order/cancel', { vt_orderid: x(128) });
    refused('order/cancel', { vt_orderid: '' }, ['args.vt_orderid', '长度至少为 1']);
    refused('order/cancel', { vt_orderid: x(129) }, ['args.vt_orderid', '长度至多为 128']);
    accepted('order/cancel-all', {});
    accepted('order/cancel-all', { gateway: x(64) });
    refused('order/cancel-all', { gateway: 7 }, ['args.gateway', '应为字符串']);
  });

  it('接口: a gateway name of 1–64 characters; settings of text up to 4096, numbers or booleans; an action of 1–64', () => {
    accepted('gateway/list', {});
    accepted('gateway/settings', { gateway: x(64) });
    refused('gateway/settings', { gateway: x(65) }, ['args.gateway', '长度至多为 64']);
    refused('gateway/settings', {}, ['args.gateway', '应为字符串']);
    accepted('gateway/connect', { gateway: 'CTP', settings: { 用户名: '张三', 密码: x(4096), 端口: 41205, 仿真: false } });
    refused('gateway/connect', { gateway: 'CTP', settings: { 密码: x(4097) } }, ['args.settings.密码', '应为 string 或 number 或 boolean']);
    refused('gateway/connect', { gateway: 'CTP', settings: { 端口: [1] } }, ['args.settings.端口', '应为 string 或 number 或 boolean']);
    refused('gateway/connect', { gateway: 'CTP', settings: 'a=1' }, ['args.settings', '应为对象']);
    refused('gateway/connect', { gateway: '', settings: {} }, ['args.gateway', '长度至少为 1']);
    accepted('gateway/close', { gateway: 'SIM' });
    refused('gateway/close', { gateway: '' }, ['args.gateway', '长度至少为 1']);
    accepted('gateway/action', { gateway: 'SIM', action: x(64) });
    refused('gateway/action', { gateway: 'SIM', action: '' }, ['args.action', '长度至少为 1']);
    refused('gateway/action', { gateway: 'SIM', action: x(65) }, ['args.action', '长度至多为 64']);
    refused('gateway/action', { action: 'settle-day' }, ['args.gateway', '应为字符串']);
  });

  it('融资融券: a direct repayment of cash (amount ≥ 0) or of shares (code, whole volume ≥ 0), nothing else', () => {
    accepted('credit/repay', { gateway: 'SIM', type: CreditOrderType.DIRECT_CASH_REPAY, amount: 0 });
    accepted('credit/repay', { gateway: 'SIM', type: CreditOrderType.DIRECT_SECU_REPAY, code: '600000', volume: 0 });
    refused('credit/repay', { gateway: 'SIM', type: CreditOrderType.FIN_BUY }, ['args.type', `应为以下之一：${CreditOrderType.DIRECT_CASH_REPAY}、${CreditOrderType.DIRECT_SECU_REPAY}`]);
    refused('credit/repay', { gateway: 'SIM', type: CreditOrderType.DIRECT_CASH_REPAY, amount: -1 }, ['args.amount', '不得小于 0']);
    refused('credit/repay', { gateway: 'SIM', type: CreditOrderType.DIRECT_SECU_REPAY, code: '600000', volume: 150.5 }, ['args.volume', '应为整数']);
    refused('credit/repay', { gateway: 'SIM', type: CreditOrderType.DIRECT_SECU_REPAY, code: '600000', volume: -100 }, ['args.volume', '不得小于 0']);
    refused('credit/repay', { gateway: 'SIM', type: CreditOrderType.DIRECT_SECU_REPAY, code: '' }, ['args.code', '长度至少为 1']);
    refused('credit/repay', { type: CreditOrderType.DIRECT_CASH_REPAY, amount: 1 }, ['args.gateway', '应为字符串']);
  });

  it('应用: a layout key of 1–128 characters and a value of up to 256 KiB of JSON', () => {
    for (const name of ['app/snapshot', 'app/info', 'layout/get', 'layout/reset'] as const) {
      accepted(name, {});
      refused(name, { x: 1 }, ['args.x', '未知字段']);
    }
    // 256 KiB exactly, with the quotes
    accepted('layout/set', { key: x(128), value: x(256 * 1024 - 2) });
    refused('layout/set', { key: 'grid', value: x(256 * 1024 - 1) }, ['args.value', '不得超过 262144 字节']);
    refused('layout/set', { key: '', value: {} }, ['args.key', '长度至少为 1']);
    refused('layout/set', { key: x(129), value: {} }, ['args.key', '长度至多为 128']);
  });

  it('窗口: fill the trading panel with a code and, optionally, a price ≥ 0, a side and a whole volume ≥ 0', () => {
    accepted('panel/fill', { vt_symbol: '600000.SSE' });
    accepted('panel/fill', { vt_symbol: '600000.SSE', price: 0, direction: Direction.SHORT, volume: 0 });
    refused('panel/fill', { vt_symbol: '600000.SSE', price: -1 }, ['args.price', '不得小于 0']);
    refused('panel/fill', { vt_symbol: '600000.SSE', direction: Direction.NET }, ['args.direction', `应为以下之一：${Direction.LONG}、${Direction.SHORT}`]);
    refused('panel/fill', { vt_symbol: '600000.SSE', volume: 1.5 }, ['args.volume', '应为整数']);
    refused('panel/fill', { vt_symbol: '600000.SSE', volume: -100 }, ['args.volume', '不得小于 0']);
    refused('panel/fill', { vt_symbol: '' }, ['args.vt_symbol', '长度至少为 1']);
  });
});
