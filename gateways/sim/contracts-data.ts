/**
 * The SIM exchange's listing: real A-share codes and names with a plausible previous close
 * (rounded levels from 2025, not live data). ST flags follow the names as they stood then;
 * ST status changes often, so treat these as examples of the ST rules, not as facts.
 */
import { Exchange, Product } from '../../common/constants';
import type { ContractData } from '../../common/objects';
import { boardOf, productOf, rulesFor } from '../../common/markets/cn-stock/board';
import { limitPrices, roundToTick } from '../../common/markets/price';

export interface ListedSecurity {
  symbol: string;
  exchange: Exchange;
  name: string;
  preClose: number;
  isSt?: boolean;
  /** 两融标的: large caps and broad ETFs, for the margin account to come */
  margin?: boolean;
}

const { SSE, SZSE, BSE } = Exchange;

export const LISTING: readonly ListedSecurity[] = [
  // SSE main board
  { symbol: '600000', exchange: SSE, name: '浦发银行', preClose: 13.2, margin: true },
  { symbol: '600519', exchange: SSE, name: '贵州茅台', preClose: 1450.0, margin: true },
  { symbol: '601318', exchange: SSE, name: '中国平安', preClose: 56.0, margin: true },
  { symbol: '600036', exchange: SSE, name: '招商银行', preClose: 42.5, margin: true },
  { symbol: '600030', exchange: SSE, name: '中信证券', preClose: 28.0, margin: true },
  { symbol: '600276', exchange: SSE, name: '恒瑞医药', preClose: 60.0, margin: true },
  { symbol: '600887', exchange: SSE, name: '伊利股份', preClose: 28.5, margin: true },
  { symbol: '601012', exchange: SSE, name: '隆基绿能', preClose: 18.5, margin: true },
  { symbol: '601166', exchange: SSE, name: '兴业银行', preClose: 21.5, margin: true },
  { symbol: '601398', exchange: SSE, name: '工商银行', preClose: 7.2, margin: true },
  { symbol: '601288', exchange: SSE, name: '农业银行', preClose: 6.1 },
  { symbol: '601988', exchange: SSE, name: '中国银行', preClose: 5.5 },
  { symbol: '601857', exchange: SSE, name: '中国石油', preClose: 8.6, margin: true },
  { symbol: '600028', exchange: SSE, name: '中国石化', preClose: 5.8 },
  { symbol: '600900', exchange: SSE, name: '长江电力', preClose: 29.0, margin: true },
  { symbol: '601888', exchange: SSE, name: '中国中免', preClose: 65.0 },
  { symbol: '600309', exchange: SSE, name: '万华化学', preClose: 60.0, margin: true },
  { symbol: '600104', exchange: SSE, name: '上汽集团', preClose: 16.5 },
  { symbol: '601628', exchange: SSE, name: '中国人寿', preClose: 38.0 },
  { symbol: '600585', exchange: SSE, name: '海螺水泥', preClose: 23.0 },
  { symbol: '600048', exchange: SSE, name: '保利发展', preClose: 8.0 },
  { symbol: '601899', exchange: SSE, name: '紫金矿业', preClose: 18.0, margin: true },
  { symbol: '600050', exchange: SSE, name: '中国联通', preClose: 5.6 },
  { symbol: '601668', exchange: SSE, name: '中国建筑', preClose: 5.7 },
  { symbol: '600690', exchange: SSE, name: '海尔智家', preClose: 26.0 },
  { symbol: '603288', exchange: SSE, name: '海天味业', preClose: 40.0 },
  { symbol: '601088', exchange: SSE, name: '中国神华', preClose: 38.0 },
  { symbol: '600809', exchange: SSE, name: '山西汾酒', preClose: 190.0 },
  { symbol: '603259', exchange: SSE, name: '药明康德', preClose: 70.0 },
  // SZSE main board
  { symbol: '000001', exchange: SZSE, name: '平安银行', preClose: 11.5, margin: true },
  { symbol: '000858', exchange: SZSE, name: '五粮液', preClose: 125.0, margin: true },
  { symbol: '000333', exchange: SZSE, name: '美的集团', preClose: 72.0, margin: true },
  { symbol: '000651', exchange: SZSE, name: '格力电器', preClose: 40.0, margin: true },
  { symbol: '002594', exchange: SZSE, name: '比亚迪', preClose: 105.0, margin: true },
  { symbol: '002415', exchange: SZSE, name: '海康威视', preClose: 28.0 },
  { symbol: '000002', exchange: SZSE, name: '万科A', preClose: 6.8 },
  { symbol: '002475', exchange: SZSE, name: '立讯精密', preClose: 38.0 },
  { symbol: '000725', exchange: SZSE, name: '京东方A', preClose: 4.2 },
  { symbol: '002714', exchange: SZSE, name: '牧原股份', preClose: 40.0 },
  { symbol: '000568', exchange: SZSE, name: '泸州老窖', preClose: 130.0 },
  { symbol: '002304', exchange: SZSE, name: '洋河股份', preClose: 70.0 },
  { symbol: '000063', exchange: SZSE, name: '中兴通讯', preClose: 35.0 },
  // ChiNext
  { symbol: '300750', exchange: SZSE, name: '宁德时代', preClose: 250.0, margin: true },
  { symbol: '300059', exchange: SZSE, name: '东方财富', preClose: 22.0, margin: true },
  { symbol: '300760', exchange: SZSE, name: '迈瑞医疗', preClose: 230.0 },
  { symbol: '300015', exchange: SZSE, name: '爱尔眼科', preClose: 12.5 },
  { symbol: '300124', exchange: SZSE, name: '汇川技术', preClose: 65.0 },
  { symbol: '300274', exchange: SZSE, name: '阳光电源', preClose: 75.0 },
  { symbol: '300014', exchange: SZSE, name: '亿纬锂能', preClose: 45.0 },
  // STAR Market
  { symbol: '688981', exchange: SSE, name: '中芯国际', preClose: 85.0, margin: true },
  { symbol: '688111', exchange: SSE, name: '金山办公', preClose: 280.0 },
  { symbol: '688041', exchange: SSE, name: '海光信息', preClose: 140.0 },
  { symbol: '688599', exchange: SSE, name: '天合光能', preClose: 17.0 },
  { symbol: '688012', exchange: SSE, name: '中微公司', preClose: 180.0 },
  { symbol: '688036', exchange: SSE, name: '传音控股', preClose: 75.0 },
  // Beijing Stock Exchange
  { symbol: '430047', exchange: BSE, name: '诺思兰德', preClose: 12.0 },
  { symbol: '430139', exchange: BSE, name: '华岭股份', preClose: 20.0 },
  { symbol: '835185', exchange: BSE, name: '贝特瑞', preClose: 25.0 },
  { symbol: '830799', exchange: BSE, name: '艾融软件', preClose: 30.0 },
  { symbol: '833819', exchange: BSE, name: '颖泰生物', preClose: 3.5 },
  { symbol: '836239', exchange: BSE, name: '长虹能源', preClose: 35.0 },
  { symbol: '920002', exchange: BSE, name: '万达轴承', preClose: 40.0 },
  // ETFs (tick 0.001)
  { symbol: '510300', exchange: SSE, name: '沪深300ETF', preClose: 4.0, margin: true },
  { symbol: '510050', exchange: SSE, name: '上证50ETF', preClose: 2.95, margin: true },
  { symbol: '510500', exchange: SSE, name: '中证500ETF', preClose: 6.0, margin: true },
  { symbol: '588000', exchange: SSE, name: '科创50ETF', preClose: 1.1, margin: true },
  { symbol: '512880', exchange: SSE, name: '证券ETF', preClose: 1.1 },
  { symbol: '159915', exchange: SZSE, name: '创业板ETF', preClose: 2.3, margin: true },
  { symbol: '159919', exchange: SZSE, name: '沪深300ETF', preClose: 4.1 },
  // ST names (main board)
  { symbol: '000656', exchange: SZSE, name: '*ST金科', preClose: 1.8, isSt: true },
  { symbol: '600766', exchange: SSE, name: '*ST园城', preClose: 5.2, isSt: true },
  { symbol: '002496', exchange: SZSE, name: 'ST辉丰', preClose: 3.2, isSt: true },
];

/**
 * SSE180 / SZSE100 constituents among the listing (as of 2025; index membership changes
 * twice a year, so treat this as a sensible example). They take the 70 % haircut.
 */
export const INDEX_CONSTITUENTS: ReadonlySet<string> = new Set([
  '600000.SSE', '600519.SSE', '601318.SSE', '600036.SSE', '600030.SSE', '600276.SSE', '600887.SSE', '601012.SSE',
  '601166.SSE', '601398.SSE', '601288.SSE', '601988.SSE', '601857.SSE', '600028.SSE', '600900.SSE', '601888.SSE',
  '600309.SSE', '601899.SSE', '601628.SSE', '601088.SSE', '603259.SSE', '688981.SSE',
  '000001.SZSE', '000858.SZSE', '000333.SZSE', '000651.SZSE', '002594.SZSE', '002415.SZSE', '002475.SZSE',
  '000725.SZSE', '002714.SZSE', '000568.SZSE', '300750.SZSE', '300059.SZSE', '300760.SZSE',
]);

/**
 * 折算率 of a code (docs/a-share-rules.md, "Margin trading", the caps): ST 0 (not collateral),
 * ETFs 90 %, SSE180/SZSE100 constituents 70 %, other A-shares 65 %.
 */
export function assureRatioOf(contract: ContractData): number {
  if (contract.is_st) return 0;
  if (contract.product === Product.ETF) return 0.9;
  return INDEX_CONSTITUENTS.has(contract.vt_symbol) ? 0.7 : 0.65;
}

/** CNY worth of shares the simulated broker can lend per 融券 code at the listing's price. */
export const LENDABLE_VALUE = 2_000_000;

/** The seeded 可融券 pool of a 融券标的: about 2 million CNY of it, in whole lots (0 if not eligible). */
export function seededLendable(contract: ContractData): number {
  if (!contract.slo_eligible) return 0;
  return Math.max(100, Math.floor(LENDABLE_VALUE / contract.pre_close / 100) * 100);
}

/**
 * A ContractData with every A-share field filled from the board rules. `preClose` overrides
 * the listing's close (after a settle-day or a restored state).
 */
export function buildContract(gatewayName: string, sec: ListedSecurity, preClose = sec.preClose): ContractData {
  const board = boardOf(sec.symbol, sec.exchange);
  const isSt = sec.isSt ?? false;
  const rules = rulesFor(board, isSt);
  const pre = roundToTick(preClose, rules.pricetick);
  const limits = limitPrices(pre, rules.limitRatio, rules.pricetick);
  const margin = (sec.margin ?? false) && !isSt;
  return {
    gateway_name: gatewayName,
    symbol: sec.symbol,
    exchange: sec.exchange,
    vt_symbol: `${sec.symbol}.${sec.exchange}`,
    name: sec.name,
    product: productOf(sec.symbol, sec.exchange),
    board,
    size: 1,
    pricetick: rules.pricetick,
    min_volume: rules.minBuy,
    volume_step: rules.buyStep,
    max_limit_volume: rules.maxLimitVolume,
    max_market_volume: rules.maxMarketVolume,
    pre_close: pre,
    limit_up: limits.up,
    limit_down: limits.down,
    is_st: isSt,
    // Stocks and equity ETFs are T+1; the listing has no bond, gold or money-market ETFs.
    t0: false,
    fin_eligible: margin,
    slo_eligible: margin,
  };
}
