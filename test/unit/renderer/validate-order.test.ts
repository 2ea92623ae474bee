/** The trading panel's own check: the engine's rules, on the state the UI mirrors. */
import { describe, expect, it } from 'vitest';
import { Direction, Exchange, OrderType } from '../../../common/constants';
import { CreditLevel, CreditOrderType, type CreditAssetData, type CreditDetail } from '../../../common/credit';
import { EMPTY_PANEL, type PanelForm } from '../../../renderer/src/panel/panel-slice';
import { validatePanel, type PanelState } from '../../../renderer/src/panel/validate-order';
import { makeContract } from '../../fixtures/contracts';
import { RB2701 } from '../../fixtures/futures-contracts';
import { makeAccount, makePosition } from '../../fixtures/objects';

const contract = makeContract('600000', Exchange.SSE, 10);

function state(over: Partial<PanelState> = {}): PanelState {
  return {
    contracts: new Map([[contract.vt_symbol, contract]]),
    accounts: new Map([['TEST.A', makeAccount(100_000)]]),
    positions: new Map(),
    credits: new Map(),
    compacts: new Map(),
    creditAssets: new Map(),
    ticks: new Map(),
    ...over,
  };
}

const form = (over: Partial<PanelForm>): PanelForm => ({ ...EMPTY_PANEL, code: '600000', vt_symbol: '600000.SSE', gateway: 'TEST', price: '10.00', volume: '100', ...over });

describe('validatePanel', () => {
  it('asks for a contract first', () => {
    expect(validatePanel({ ...EMPTY_PANEL }, state())).toMatchObject({ ok: false, message: '请先输入代码并回车查询合约' });
  });

  it('passes a valid order and builds the request', () => {
    expect(validatePanel(form({}), state())).toEqual({ ok: true, args: { code: '600000.SSE', direction: Direction.LONG, type: OrderType.LIMIT, volume: 100, price: 10, gateway: 'TEST' } });
  });

  it.each([
    [{ volume: '150' }, 'LOT_SIZE'],
    [{ volume: '' }, 'VOLUME_INVALID'],
    [{ price: '' }, 'PRICE_INVALID'],
    [{ price: 'abc' }, 'PRICE_INVALID'],
    [{ price: '11.01' }, 'PRICE_LIMIT'],
    [{ price: '10.005' }, 'PRICE_TICK'],
    [{ volume: '20000' }, 'CASH'],
  ])('refuses %j with %s', (over, code) => {
    expect(validatePanel(form(over), state())).toMatchObject({ ok: false, code });
  });

  it('refuses a same-day sell under T+1, as the engine does', () => {
    const positions = new Map([['TEST.600000.SSE.多', makePosition({ volume: 100, yd_volume: 0 })]]);
    expect(validatePanel(form({ direction: Direction.SHORT }), state({ positions }))).toMatchObject({ ok: false, code: 'POSITION' });
  });

  it('refuses a credit order on an ordinary account, and passes 融资买入 within the margin on a credit account', () => {
    expect(validatePanel(form({ credit: CreditOrderType.FIN_BUY }), state())).toMatchObject({ ok: false, code: 'NOT_CREDIT_ACCOUNT' });
    const credit = { gateway_name: 'TEST', vt_accountid: 'TEST.C', fin_enable_quota: 1e6, enable_bail_balance: 999.99, level: CreditLevel.NORMAL } as CreditDetail;
    const asset = { vt_assetid: 'TEST.600000.SSE', fin_status: true, fin_ratio: 1, slo_status: false, slo_ratio: 1, assure_status: true, assure_ratio: 0.7, enable_amount: 0 } as CreditAssetData;
    const credits = new Map([['TEST.C', credit]]);
    const creditAssets = new Map([['TEST.600000.SSE', asset]]);
    // 100 × 10.00 × 融资保证金比例 100 % = 1,000.00 needed; 999.99 available.
    expect(validatePanel(form({ credit: CreditOrderType.FIN_BUY }), state({ credits, creditAssets }))).toMatchObject({ ok: false, code: 'BAIL_BALANCE' });
    const richer = new Map([['TEST.C', { ...credit, enable_bail_balance: 1000 }]]);
    expect(validatePanel(form({ credit: CreditOrderType.FIN_BUY }), state({ credits: richer, creditAssets }))).toMatchObject({ ok: true, args: { credit: CreditOrderType.FIN_BUY } });
  });

  it('checks a futures contract by the futures rules: an order without 开平 is refused in the engine’s words', () => {
    const contracts = new Map([[RB2701.vt_symbol, RB2701]]);
    expect(validatePanel(form({ code: 'rb2701', vt_symbol: 'rb2701.SHFE', price: '3050', volume: '1' }), state({ contracts }))).toEqual({
      ok: false, code: 'OFFSET_REQUIRED', message: '期货委托须指明开平：开仓、平仓、平今或平昨',
    });
  });
});
