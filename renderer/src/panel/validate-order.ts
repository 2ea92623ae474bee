/**
 * The panel's check before anything is sent: the same market rules the engine runs
 * (common/markets, chosen by the contract), on the same state the OMS holds (mirrored in
 * the feeds). Pure, so it is unit-tested.
 */
import type { OrderArgs } from '../../../common/bridge-contract';
import { Direction, Offset, OrderType } from '../../../common/constants';
import { CreditOrderType } from '../../../common/credit';
import { TraderError } from '../../../common/errors';
import { creditStateOf, type CreditMaps } from '../../../common/markets/credit-state';
import type { MarketRules } from '../../../common/markets';
import { PANEL_MARKETS } from './panel-markets';
import type { AccountData, ContractData, OrderRequest, PositionData } from '../../../common/objects';
import { vtPositionIdOf } from '../../../common/objects';
import type { PanelForm } from './panel-slice';

export type PanelCheck = { ok: true; args: OrderArgs } | { ok: false; code: string; message: string };

export interface PanelState extends CreditMaps {
  contracts: ReadonlyMap<string, ContractData>;
  accounts: ReadonlyMap<string, AccountData>;
  positions: ReadonlyMap<string, PositionData>;
}

function accountOf(state: PanelState, gateway: string): AccountData | undefined {
  for (const a of state.accounts.values()) if (a.gateway_name === gateway) return a;
  return undefined;
}

export { PANEL_MARKETS };

export function validatePanel(form: PanelForm, state: PanelState): PanelCheck {
  const contract = form.vt_symbol ? state.contracts.get(form.vt_symbol) : undefined;
  if (!contract) return { ok: false, code: 'NO_CONTRACT', message: '请先输入代码并回车查询合约' };
  const gateway = form.gateway || contract.gateway_name;
  const volumeText = form.volume.trim();
  const volume = volumeText === '' ? Number.NaN : Number(volumeText);
  const priceText = form.price.trim();
  const isLimit = form.type === OrderType.LIMIT;
  const price = priceText === '' ? (isLimit ? Number.NaN : 0) : Number(priceText);
  if (volumeText === '') return { ok: false, code: 'VOLUME_INVALID', message: '请输入委托数量' };
  if (isLimit && priceText === '') return { ok: false, code: 'PRICE_INVALID', message: '限价委托请输入价格' };
  if (!Number.isFinite(price)) return { ok: false, code: 'PRICE_INVALID', message: `委托价格“${form.price}”不是数字` };

  const req: OrderRequest = {
    symbol: contract.symbol,
    exchange: contract.exchange,
    direction: form.direction,
    type: form.type,
    volume,
    price,
    offset: form.offset,
    reference: 'manual',
    ...(form.credit ? { credit: form.credit } : {}),
  };
  const account = {
    account: accountOf(state, gateway),
    position: (d: Direction) => state.positions.get(vtPositionIdOf(gateway, contract.vt_symbol, d)),
    credit: form.credit ? creditStateOf(state, gateway, contract.vt_symbol) : undefined,
  };
  let rules: MarketRules;
  try {
    rules = PANEL_MARKETS.rulesFor(contract);
  } catch (error) {
    // A market whose rules are not here yet (futures): the engine would refuse it the same way.
    if (error instanceof TraderError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
  const violation = rules.checkOrder(req, { ...contract, gateway_name: gateway }, account);
  if (violation) return { ok: false, ...violation };
  const direction = form.direction === Direction.SHORT ? Direction.SHORT : Direction.LONG;
  const args: OrderArgs = { code: contract.vt_symbol, direction, type: form.type, volume, price, gateway };
  if (form.offset !== Offset.NONE) args.offset = form.offset;
  if (form.credit && form.credit !== CreditOrderType.DIRECT_CASH_REPAY && form.credit !== CreditOrderType.DIRECT_SECU_REPAY) args.credit = form.credit;
  return { ok: true, args };
}
