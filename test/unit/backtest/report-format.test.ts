/**
 * The backtest report as people read it: each statistic's format, the trades and daily table as
 * CSV (what Excel opens), the three charts' data, and the HTML file. The report below is written
 * by hand; each expected figure is worked out from it in a comment.
 */
import { describe, expect, it } from 'vitest';
import { chartGeometry, chartSvg, dailyCsv, formatStatistic, htmlReport, reportCharts, statisticRows, tradesCsv, type ChartSeries } from '../../../common/backtest/report-format';
import type { BacktestReport, BacktestTradeRow } from '../../../common/backtest/report';
import { emptyStatistics, STATISTICS_LABELS } from '../../../common/backtest/statistics';
import type { DailyResultRow } from '../../../common/backtest/daily-table';
import { Direction } from '../../../common/constants';
import { parseCsv } from '../../../common/csv';
import { DEFAULT_FEES } from '../../../common/markets/cn-stock/fees';
import { cst } from '../../fixtures/china-time';

const day = (date: string, close: number, net: number): DailyResultRow => ({
  date, close_price: close, pre_close: 1, trade_count: 1, start_pos: 0, end_pos: 100, turnover: 1050, commission: 5,
  slippage: 0.1, trading_pnl: net, holding_pnl: 0, total_pnl: net, net_pnl: net,
});

const trade = (id: string, direction: Direction.LONG | Direction.SHORT, time: string): BacktestTradeRow => ({
  trade_id: id, order_id: `o${id}`, datetime: cst(time), direction, price: 10.5, volume: 100, amount: 1050, fee: 5, slippage: 0.1,
});

function report(overrides: Partial<BacktestReport> = {}): BacktestReport {
  return {
    file_name: 'double-ma.ts', vt_symbol: '600000.SSE', interval: '1d', start: '2024-01-02', end: '2024-01-03',
    params: { fast: 5 }, settings: { capital: 100_000, fees: DEFAULT_FEES, volumeRatio: 0.25, slippageTicks: 1, annualDays: 240 },
    statistics: { ...emptyStatistics(100_000), start_date: '2024-01-02', total_return: -1.02 },
    // balance 101,000 then 98,980: a drawdown of −2,020 from the 101,000 high, −2 %
    daily: [day('2024-01-02', 10.5, 1000), day('2024-01-03', 10.2, -2020)],
    trades: [trade('1', Direction.LONG, '2024-01-02 10:00:00'), trade('2', Direction.SHORT, '2024-01-03 14:00:00')],
    logs: [], logs_dropped: 0, bars: 2, orders: 2, rejected: 0, errors: 0, elapsed_ms: 5,
    ...overrides,
  };
}

describe('formatStatistic', () => {
  it('shows percentages with a %, counts as whole numbers, money with thousands and two decimals', () => {
    expect(formatStatistic('total_return', 12.5)).toBe('12.50%');
    expect(formatStatistic('annual_return', -3)).toBe('-3.00%');
    expect(formatStatistic('max_ddpercent', -2)).toBe('-2.00%');
    expect(formatStatistic('end_balance', 1_234_567.891)).toBe('1,234,567.89');
    expect(formatStatistic('sharpe_ratio', 1.5)).toBe('1.50');
    for (const key of ['total_days', 'profit_days', 'loss_days', 'max_drawdown_duration', 'total_trade_count'] as const) {
      expect(formatStatistic(key, 1234)).toBe('1234');
    }
    // a daily average of trades is not a count
    expect(formatStatistic('daily_trade_count', 1.5)).toBe('1.50');
  });

  it('gives the small daily figures four decimals so they do not read as 0.00', () => {
    expect(formatStatistic('daily_return', 0.01234)).toBe('0.0123%');
    expect(formatStatistic('return_std', 0.5)).toBe('0.5000%');
    expect(formatStatistic('daily_net_pnl', 0.01234)).toBe('0.01');
  });

  it('shows a date as it is, and a missing one as a dash', () => {
    expect(formatStatistic('start_date', '2024-01-02')).toBe('2024-01-02');
    expect(formatStatistic('end_date', '')).toBe('—');
  });

  it('lists every statistic with its Chinese name, in vn.py’s order', () => {
    const rows = statisticRows(report().statistics);
    expect(rows.map(([key]) => key)).toEqual(Object.keys(STATISTICS_LABELS));
    expect(rows[0]).toEqual(['start_date', '首个交易日', '2024-01-02']);
    expect(rows.find(([key]) => key === 'total_return')).toEqual(['total_return', '总收益率', '-1.02%']);
    // each named in Chinese, no two alike (the window and the report show them by name)
    const names = rows.map(([, name]) => name);
    for (const name of names) expect(name).toMatch(/[\u4e00-\u9fff]/);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('CSV exports', () => {
  it('writes the trades with a BOM, CRLF line ends, China time and 买入/卖出', () => {
    const text = tradesCsv(report());
    expect(text.startsWith('\uFEFF成交号,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(4); // header, two trades, and the empty string after the last line end
    expect(parseCsv(text)).toEqual([
      ['成交号', '委托号', '时间', '方向', '价格', '数量', '金额', '费用', '滑点'],
      ['1', 'o1', '2024-01-02 10:00:00', '买入', '10.5', '100', '1050', '5', '0.1'],
      ['2', 'o2', '2024-01-03 14:00:00', '卖出', '10.5', '100', '1050', '5', '0.1'],
    ]);
  });

  it('quotes a cell holding a comma, a quote or a line end, and reads back the same', () => {
    for (const id of ['a,b', 'say "hi"', 'two\nlines', 'cr\rhere']) {
      const text = tradesCsv(report({ trades: [trade(id, Direction.LONG, '2024-01-02 10:00:00')] }));
      expect(parseCsv(text)[1]![0]).toBe(id);
    }
    expect(tradesCsv(report({ trades: [trade('plain', Direction.LONG, '2024-01-02 10:00:00')] }))).toContain('\r\nplain,oplain,');
  });

  it('writes the daily table with the balance, drawdown and drawdown % beside vn.py’s columns', () => {
    const rows = parseCsv(dailyCsv(report()));
    expect(rows[0]).toEqual(['日期', '收盘价', '前收盘', '成交笔数', '开始持仓', '结束持仓', '成交额', '手续费', '滑点', '交易盈亏', '持仓盈亏', '总盈亏', '净盈亏', '资金', '回撤', '回撤%']);
    expect(rows[1]).toEqual(['2024-01-02', '10.5', '1', '1', '0', '100', '1050', '5', '0.1', '1000', '0', '1000', '1000', '101000', '0', '0']);
    expect(rows[2]!.slice(12)).toEqual(['-2020', '98980', '-2020', '-2']);
  });
});

describe('report charts', () => {
  it('draws the balance between its own extremes, and the drawdown and daily PnL from zero', () => {
    const [balance, drawdown, pnl] = reportCharts(report());
    expect(balance).toMatchObject({ title: '账户净值', kind: 'line', values: [101_000, 98_980], min: 98_980, max: 101_000, dates: ['2024-01-02', '2024-01-03'] });
    expect(drawdown).toMatchObject({ title: '净值回撤', kind: 'area', values: [0, -2020], min: -2020, max: 0 });
    expect(pnl).toMatchObject({ title: '每日盈亏', kind: 'bars', values: [1000, -2020], min: -2020, max: 1000 });
    // all gains: the bars' range still starts at zero
    expect(reportCharts(report({ daily: [day('2024-01-02', 10, 500)] }))[2]).toMatchObject({ min: 0, max: 500 });
  });

  it('gives a run without days an empty balance chart with a range to draw in', () => {
    const [balance, drawdown] = reportCharts(report({ daily: [] }));
    expect(balance).toMatchObject({ values: [], min: 0, max: 1 });
    expect(drawdown).toMatchObject({ values: [], min: 0, max: 0 });
  });

  it('colours a gain’s bar red and a loss’s green, as Chinese charts do; fills an area, strokes a line', () => {
    const [balance, drawdown, pnl] = reportCharts(report());
    const bars = chartSvg(pnl!, 400, 142);
    expect(bars.match(/<rect x="[^"]+" y="[^"]+" width="[^"]+" height="[^"]+" fill="(#[0-9a-f]+)"\/>/g)).toHaveLength(2);
    expect([...bars.matchAll(/<rect [^>]*fill="(#[0-9a-f]+)"\/>/g)].map((m) => m[1])).toEqual(['#d62728', '#2ca02c']);
    expect(chartSvg(drawdown!, 400, 142)).toMatch(/<polygon points="[^"]+" fill="#d62728" fill-opacity="0.35" stroke="#d62728"\/>/);
    expect(chartSvg(balance!, 400, 142)).toMatch(/<polyline points="[^"]+" fill="none" stroke="#1f77b4" stroke-width="1.5"\/>/);
    expect(chartSvg({ ...balance!, values: [], dates: [] }, 400, 142)).not.toMatch(/<polyline|<polygon/);
  });

  // A 400 × 142 box: the plot frame starts 70 px in and 22 px down, and is 400 − 70 − 10 = 320
  // wide and 142 − 22 − 20 = 100 high. Values from −100 to 100: y(v) = 22 + 100 − (v + 100) / 2.
  const bars: ChartSeries = { title: '每日盈亏', dates: ['2024-01-02', '2024-01-03'], values: [100, -100], min: -100, max: 100, kind: 'bars' };

  it('draws bars in slots of their own, from the zero line, labelled at the frame’s corners (the whole SVG)', () => {
    // two slots of 160 px, bars 159 wide centred in them; zero at y 72, 100 at 22, −100 at 122
    expect(chartSvg(bars, 400, 142)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="142" viewBox="0 0 400 142" role="img" aria-label="每日盈亏">' +
        '<text x="70" y="14" font-size="13" font-weight="bold">每日盈亏</text>' +
        '<rect x="70" y="22" width="320" height="100" fill="none" stroke="#ccc"/>' +
        '<text x="66" y="26" text-anchor="end" font-size="11">100</text>' +
        '<text x="66" y="122" text-anchor="end" font-size="11">-100</text>' +
        '<text x="70" y="138" font-size="11">2024-01-02</text>' +
        '<text x="390" y="138" text-anchor="end" font-size="11">2024-01-03</text>' +
        '<rect x="70.5" y="22" width="159" height="50" fill="#d62728"/>' +
        '<rect x="230.5" y="72" width="159" height="50" fill="#2ca02c"/>' +
        '</svg>',
    );
  });

  it('an empty area chart draws no shape and no date labels', () => {
    const empty: ChartSeries = { title: '净值回撤', dates: [], values: [], min: 0, max: 0, kind: 'area', color: '#d62728' };
    expect(chartGeometry(empty, 400, 142).points).toBe('');
    expect(chartSvg(empty, 400, 142)).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="142" viewBox="0 0 400 142" role="img" aria-label="净值回撤">' +
        '<text x="70" y="14" font-size="13" font-weight="bold">净值回撤</text>' +
        '<rect x="70" y="22" width="320" height="100" fill="none" stroke="#ccc"/>' +
        '<text x="66" y="26" text-anchor="end" font-size="11">0</text>' +
        '<text x="66" y="122" text-anchor="end" font-size="11">0</text>' +
        '</svg>',
    );
  });

  it('puts a single day in the middle of the frame', () => {
    const one: ChartSeries = { title: '账户净值', dates: ['2024-01-02'], values: [5], min: 5, max: 5, kind: 'line', color: '#1f77b4' };
    // x = 70 + 320 / 2; a flat range spans 1, so the value sits on the bottom edge, y = 122
    expect(chartGeometry(one, 400, 142).points).toBe('230,122');
  });

  it('draws a day of exactly 0 as a gain, and labels the axis in whole yuan', () => {
    const g = chartGeometry({ ...bars, values: [0, -100] }, 400, 142);
    expect(g.bars.map((b) => b.up)).toEqual([true, false]);
    expect(g.bars[0]).toMatchObject({ y: 72, height: 0.5 }); // at least half a pixel, so it shows
    expect(chartGeometry({ ...bars, max: 1234.567 }, 400, 142).labels[0]!.text).toBe('1,235');
  });
});

describe('htmlReport', () => {
  const cells = (html: string, th: string) => new RegExp(`<tr><th>${th}</th><td>([^<]*)</td></tr>`).exec(html)?.[1];

  it('is one self-contained file: settings, statistics, three charts, the trades', () => {
    const html = htmlReport(report());
    expect(html).toMatch(/^<!doctype html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>回测报告 double-ma.ts 600000.SSE<\/title>/);
    expect(html).toContain('<h1>回测报告：double-ma.ts · 600000.SSE</h1>');
    expect(html).not.toMatch(/<script|src=|href=/);
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect([cells(html, '策略文件'), cells(html, '代码'), cells(html, '周期'), cells(html, '区间')]).toEqual(['double-ma.ts', '600000.SSE', '日线', '2024-01-02 至 2024-01-03']);
    expect([cells(html, '参数'), cells(html, '起始资金'), cells(html, '成交量上限'), cells(html, '账户类型'), cells(html, '滑点（跳）')]).toEqual(['{&quot;fast&quot;:5}', '100,000', '25%', '普通', '1']);
    expect([cells(html, '佣金率'), cells(html, '最低佣金'), cells(html, '印花税率'), cells(html, '过户费率')]).toEqual(
      [DEFAULT_FEES.commissionRate, DEFAULT_FEES.minCommission, DEFAULT_FEES.stampDutyRate, DEFAULT_FEES.transferFeeRate].map(String),
    );
    expect([cells(html, 'K线数'), cells(html, '委托数'), cells(html, '拒单数'), cells(html, '回调出错')]).toEqual(['2', '2', '0', '0']);
    // every statistic, by its Chinese name (起始资金 is a setting too: the statistic is its second row)
    for (const [, label, shown] of statisticRows(report().statistics)) {
      const all = [...html.matchAll(new RegExp(`<tr><th>${label}</th><td>([^<]*)</td></tr>`, 'g'))].map((m) => m[1]);
      expect(all.at(-1)).toBe(shown);
    }
    expect([...html.matchAll(/<tr><th>起始资金<\/th><td>([^<]*)<\/td><\/tr>/g)].map((m) => m[1])).toEqual(['100,000', '100,000.00']);
    expect(html).toContain('<h2>成交记录（2 笔）</h2>');
    // rows follow each other with nothing between; the charts stand on lines of their own
    expect(html).toContain('<tr><th>策略文件</th><td>double-ma.ts</td></tr><tr><th>代码</th><td>600000.SSE</td></tr>');
    expect(html).toContain('<tr><th>首个交易日</th><td>2024-01-02</td></tr><tr><th>最后交易日</th><td>—</td></tr>');
    expect(html).toContain('<td>0.10</td></tr><tr><td>2024-01-03 14:00:00</td>');
    expect(html.match(/<\/svg>\n<svg /g)).toHaveLength(2);
    expect(html).toContain('<tr><td>2024-01-03 14:00:00</td><td>卖出</td><td>10.5</td><td>100</td><td>1050.00</td><td>5.00</td><td>0.10</td></tr>');
    expect(html.endsWith('</body></html>\n')).toBe(true);
  });

  it('names a minute run and a credit account', () => {
    const html = htmlReport(report({ interval: '1m', settings: { ...report().settings, account: 'credit' } }));
    expect([cells(html, '周期'), cells(html, '账户类型')]).toEqual(['1 分钟', '信用']);
  });

  it('escapes what the strategy and its file name bring in', () => {
    const html = htmlReport(report({ file_name: '<b>&"x\'.ts' }));
    expect(html).toContain('<title>回测报告 &lt;b&gt;&amp;&quot;x&#39;.ts 600000.SSE</title>');
    expect(html).not.toContain('<b>');
  });

  it('shows the first 5,000 trades and says how many there were', () => {
    const many = Array.from({ length: 5001 }, (_, i) => trade(String(i), Direction.LONG, '2024-01-02 10:00:00'));
    const html = htmlReport(report({ trades: many }));
    expect(html).toContain('<h2>成交记录（5001 笔，显示前 5000 笔）</h2>');
    expect(html.match(/<tr><td>2024-01-02 10:00:00<\/td>/g)).toHaveLength(5000);
  });
});
