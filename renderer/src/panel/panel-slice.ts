/** The trading panel's form (交易): what the trader is about to send. */
import type { StateCreator } from 'zustand';
import { Direction, Offset, OrderType } from '../../../common/constants';
import { directionOfCredit, type CreditOrderType } from '../../../common/credit';
import type { ContractData } from '../../../common/objects';
import { PANEL_MARKETS } from './panel-markets';

export interface PanelForm {
  /** what the trader typed, any code form */
  code: string;
  /** the contract it resolved to; '' until looked up */
  vt_symbol: string;
  exchange: string;
  name: string;
  direction: Direction;
  type: OrderType;
  /** kept as text so a half-typed price is not rewritten under the cursor */
  price: string;
  followLatest: boolean;
  volume: string;
  gateway: string;
  /** a credit order type on a credit account; '' = an ordinary order */
  credit: CreditOrderType | '';
  /** the price shown is 昨收, put there before the code's first quote: the quote replaces it */
  awaitingQuote: boolean;
  /** 开平 where the contract's market has it (futures: 开仓 by default); NONE for A-shares */
  offset: Offset;
}

export interface PanelMessage {
  level: 'error' | 'info';
  text: string;
}

export interface PanelSlice {
  panel: PanelForm;
  panelMessage: PanelMessage | null;
  /** bumped when F1/F2 or a fill asks the panel to take focus */
  panelFocusRequest: number;
  setPanel(patch: Partial<PanelForm>): void;
  fillPanel(contract: ContractData, opts?: { price?: number; direction?: Direction; volume?: number; credit?: CreditOrderType | ''; offset?: Offset; message?: string }): void;
  clearPanel(): void;
  setPanelMessage(message: PanelMessage | null): void;
  focusPanel(direction?: Direction): void;
}

export const EMPTY_PANEL: PanelForm = {
  code: '',
  vt_symbol: '',
  exchange: '',
  name: '',
  direction: Direction.LONG,
  type: OrderType.LIMIT,
  price: '',
  followLatest: false,
  volume: '',
  gateway: '',
  credit: '',
  awaitingQuote: false,
  offset: Offset.NONE,
};

/** The offset an order on this contract starts with: its market's first (futures 开仓, A-shares none). */
function firstOffsetOf(contract: ContractData): Offset {
  return PANEL_MARKETS.find(contract)?.offsets(contract)[0] ?? Offset.NONE;
}

/** Prices shown with the contract's own decimals (0.01 stocks, 0.001 funds). */
export function formatPrice(price: number, tick: number): string {
  const decimals = Math.max(0, Math.round(-Math.log10(tick)));
  return price.toFixed(decimals);
}

export const createPanelSlice: StateCreator<PanelSlice, [], [], PanelSlice> = (set, get) => ({
  panel: EMPTY_PANEL,
  panelMessage: null,
  panelFocusRequest: 0,
  setPanel: (patch) => set({ panel: { ...get().panel, ...patch }, panelMessage: null }),
  fillPanel: (contract, opts = {}) => {
    const current = get().panel;
    // Without a quote yet, 昨收 stands in until the first one arrives (the panel then takes the latest).
    const quoted = opts.price !== undefined && opts.price > 0;
    const price = quoted ? opts.price : contract.pre_close;
    set({
      panel: {
        ...current,
        code: contract.symbol,
        vt_symbol: contract.vt_symbol,
        exchange: contract.exchange,
        name: contract.name,
        gateway: contract.gateway_name,
        direction: opts.credit ? directionOfCredit(opts.credit) : (opts.direction ?? current.direction),
        // A new contract starts as a limit order: the old market type may not exist on its exchange.
        type: current.vt_symbol === contract.vt_symbol ? current.type : OrderType.LIMIT,
        price: price !== undefined && price > 0 ? formatPrice(price, contract.pricetick) : current.vt_symbol === contract.vt_symbol ? current.price : '',
        awaitingQuote: !quoted,
        volume: opts.volume !== undefined ? String(opts.volume) : current.volume,
        credit: opts.credit !== undefined ? opts.credit : current.credit,
        // A new contract starts with its market's first offset (futures: 开仓; A-shares: none).
        offset: opts.offset ?? (current.vt_symbol === contract.vt_symbol ? current.offset : firstOffsetOf(contract)),
      },
      panelMessage: opts.message ? { level: 'info', text: opts.message } : null,
      panelFocusRequest: get().panelFocusRequest + 1,
    });
  },
  clearPanel: () => set({ panel: { ...EMPTY_PANEL, direction: get().panel.direction }, panelMessage: null }),
  setPanelMessage: (panelMessage) => set({ panelMessage }),
  focusPanel: (direction) =>
    set({ panel: direction ? { ...get().panel, direction } : get().panel, panelFocusRequest: get().panelFocusRequest + 1 }),
});
