/**
 * Third-party code shipped in the window bundle whose licence asks for attribution. The
 * Apache License 2.0 (§4d) wants the NOTICE file's attributions shown with the work:
 * KLineChart's NOTICE names itself and TradingView Lightweight Charts, whose code it includes.
 */
export interface ThirdPartyNotice {
  name: string;
  use: string;
  licence: string;
  notice: readonly string[];
  url: string;
}

export const THIRD_PARTY_NOTICES: readonly ThirdPartyNotice[] = [
  {
    name: 'KLineChart (klinecharts)',
    use: 'K线图',
    licence: 'Apache License 2.0',
    notice: ['KLineChart', 'Copyright (c) 2019 lihu', 'TradingView Lightweight Charts', 'Copyright (с) 2019 TradingView, Inc. https://www.tradingview.com'],
    url: 'https://github.com/klinecharts/KLineChart',
  },
];
