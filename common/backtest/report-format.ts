/**
 * A backtest report for people: the statistics as labelled, formatted rows (the window, the
 * CLI and the HTML report show the same figures the same way), the trades and the daily
 * table as CSV, and the chart series (balance, drawdown, daily net PnL) with their geometry.
 */
import { Direction } from '../constants';
import { cstDateTimeOf } from '../time';
import type { BacktestReport } from './report';
import { equityCurve, STATISTICS_LABELS, type BacktestStatistics, type StatisticKey } from './statistics';

const PERCENT = new Set<StatisticKey>(['total_return', 'annual_return', 'max_ddpercent', 'daily_return', 'return_std']);
const INTEGER = new Set<StatisticKey>(['total_days', 'profit_days', 'loss_days', 'max_drawdown_duration', 'total_trade_count']);

/** One statistic as shown: 12.34%, 1,234,567.89, 250. */
export function formatStatistic(key: StatisticKey, value: BacktestStatistics[StatisticKey]): string {
  if (typeof value === 'string') return value || '—';
  if (INTEGER.has(key)) return String(value);
  // daily figures are small: four decimals keep them from reading as 0.00
  const digits = key === 'daily_return' || key === 'return_std' ? 4 : 2;
  const text = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return PERCENT.has(key) ? `${text}%` : text;
}

/** The statistics as [key, 中文名, formatted] rows in vn.py's order. */
export function statisticRows(stats: BacktestStatistics): [StatisticKey, string, string][] {
  return (Object.keys(STATISTICS_LABELS) as StatisticKey[]).map((k) => [k, STATISTICS_LABELS[k], formatStatistic(k, stats[k])]);
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function csv(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  // A BOM so Excel opens the Chinese header as UTF-8.
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export const directionLabel = (d: Direction): string => (d === Direction.LONG ? '买入' : '卖出');

export function tradesCsv(r: BacktestReport): string {
  return csv(
    ['成交号', '委托号', '时间', '方向', '价格', '数量', '金额', '费用', '滑点'],
    r.trades.map((t) => [t.trade_id, t.order_id, cstDateTimeOf(t.datetime), directionLabel(t.direction), t.price, t.volume, t.amount, t.fee, t.slippage]),
  );
}

export function dailyCsv(r: BacktestReport): string {
  const curve = equityCurve(r.daily, r.settings.capital);
  return csv(
    ['日期', '收盘价', '前收盘', '成交笔数', '开始持仓', '结束持仓', '成交额', '手续费', '滑点', '交易盈亏', '持仓盈亏', '总盈亏', '净盈亏', '资金', '回撤', '回撤%'],
    r.daily.map((d, i) => [
      d.date, d.close_price, d.pre_close, d.trade_count, d.start_pos, d.end_pos, d.turnover, d.commission, d.slippage,
      d.trading_pnl, d.holding_pnl, d.total_pnl, d.net_pnl, curve.balance[i]!, curve.drawdown[i]!, curve.ddpercent[i]!,
    ]),
  );
}

const esc = (s: string): string => s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);

/** One chart's data: dates and values, and the value range to scale them in. */
export interface ChartSeries {
  title: string;
  dates: string[];
  values: number[];
  min: number;
  max: number;
  kind: 'line' | 'area' | 'bars';
  /** the line's or the area's colour; bars are coloured by sign (ChartBar.up) */
  color?: string;
}

/** The three charts of vn.py's CtaBacktester: 账户净值, 净值回撤, 每日盈亏. */
export function reportCharts(r: BacktestReport): ChartSeries[] {
  const curve = equityCurve(r.daily, r.settings.capital);
  const dates = r.daily.map((d) => d.date);
  const range = (v: number[]) => ({ min: Math.min(0, ...v), max: Math.max(0, ...v) });
  const balance = Array.from(curve.balance);
  const drawdown = Array.from(curve.drawdown);
  const pnl = r.daily.map((d) => d.net_pnl);
  const b = balance.length ? { min: Math.min(...balance), max: Math.max(...balance) } : { min: 0, max: 1 };
  return [
    { title: '账户净值', dates, values: balance, ...b, kind: 'line', color: '#1f77b4' },
    { title: '净值回撤', dates, values: drawdown, ...range(drawdown), kind: 'area', color: '#d62728' },
    { title: '每日盈亏', dates, values: pnl, ...range(pnl), kind: 'bars' },
  ];
}

/** One bar of a 'bars' chart, in pixels; `up` when its value is ≥ 0 (drawn red, as gains are in China). */
export interface ChartBar {
  x: number;
  y: number;
  width: number;
  height: number;
  up: boolean;
}

export interface ChartLabel {
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'end';
}

/**
 * Where a chart's marks go in a `width` × `height` box: the plot frame, the line's points (or
 * the area's polygon, closed along zero) or the bars, and the axis labels (top and bottom
 * value, first and last date). The HTML report turns it into SVG text, the 回测 window into
 * React elements, so both draw the same chart.
 */
export interface ChartGeometry {
  width: number;
  height: number;
  frame: { x: number; y: number; width: number; height: number };
  title: { x: number; y: number };
  /** 'line': the polyline's points; 'area': the polygon's; '' for bars or no data */
  points: string;
  bars: ChartBar[];
  labels: ChartLabel[];
}

export function chartGeometry(c: ChartSeries, width: number, height: number): ChartGeometry {
  const padL = 70;
  const padR = 10;
  const padT = 22;
  const padB = 20;
  const w = width - padL - padR;
  const h = height - padT - padB;
  const n = c.values.length;
  const span = c.max - c.min || 1;
  const x = (i: number) => padL + (n <= 1 ? w / 2 : (i * w) / (n - 1));
  const y = (v: number) => padT + h - ((v - c.min) / span) * h;
  const r = (v: number) => Math.round(v * 10) / 10;
  let points = '';
  let bars: ChartBar[] = [];
  if (c.kind === 'bars') {
    // A bar per day in a slot of its own, so the first and last stay inside the frame.
    const slot = w / Math.max(n, 1);
    const bw = Math.max(1, slot - 1);
    const zero = y(0);
    bars = c.values.map((v, i) => ({ x: r(padL + (i + 0.5) * slot - bw / 2), y: r(Math.min(y(v), zero)), width: r(bw), height: r(Math.max(0.5, Math.abs(y(v) - zero))), up: v >= 0 }));
  } else if (n) {
    const line = c.values.map((v, i) => `${r(x(i))},${r(y(v))}`).join(' ');
    points = c.kind === 'area' ? `${r(x(0))},${r(y(0))} ${line} ${r(x(n - 1))},${r(y(0))}` : line;
  }
  const label = (v: number) => v.toLocaleString('en-US', { maximumFractionDigits: 0 });
  const labels: ChartLabel[] = [
    { x: padL - 4, y: r(padT + 4), text: label(c.max), anchor: 'end' },
    { x: padL - 4, y: r(padT + h), text: label(c.min), anchor: 'end' },
  ];
  if (n) labels.push({ x: padL, y: height - 4, text: c.dates[0]!, anchor: 'start' }, { x: padL + w, y: height - 4, text: c.dates[n - 1]!, anchor: 'end' });
  return { width, height, frame: { x: padL, y: padT, width: w, height: h }, title: { x: padL, y: 14 }, points, bars, labels };
}

/** A chart as SVG markup (no script, no external reference), `width` × `height` pixels. */
export function chartSvg(c: ChartSeries, width: number, height: number): string {
  const g = chartGeometry(c, width, height);
  const body = c.kind === 'bars'
    ? g.bars.map((b) => `<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" fill="${b.up ? '#d62728' : '#2ca02c'}"/>`).join('')
    : !g.points ? '' : c.kind === 'area'
      ? `<polygon points="${g.points}" fill="${c.color}" fill-opacity="0.35" stroke="${c.color}"/>`
      : `<polyline points="${g.points}" fill="none" stroke="${c.color}" stroke-width="1.5"/>`;
  const axis = g.labels.map((l) => `<text x="${l.x}" y="${l.y}"${l.anchor === 'end' ? ' text-anchor="end"' : ''} font-size="11">${esc(l.text)}</text>`).join('');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(c.title)}">` +
    `<text x="${g.title.x}" y="${g.title.y}" font-size="13" font-weight="bold">${esc(c.title)}</text>` +
    `<rect x="${g.frame.x}" y="${g.frame.y}" width="${g.frame.width}" height="${g.frame.height}" fill="none" stroke="#ccc"/>${axis}${body}</svg>`
  );
}

/** The whole report as one HTML file: settings, statistics, the three charts, the trades (first 5,000). */
export function htmlReport(r: BacktestReport): string {
  const stats = statisticRows(r.statistics).map(([, label, v]) => `<tr><th>${esc(label)}</th><td>${esc(v)}</td></tr>`).join('');
  const s = r.settings;
  const settings: [string, string][] = [
    ['策略文件', r.file_name], ['代码', r.vt_symbol], ['周期', r.interval === '1d' ? '日线' : '1 分钟'], ['区间', `${r.start} 至 ${r.end}`],
    ['参数', JSON.stringify(r.params)], ['起始资金', s.capital.toLocaleString('en-US')], ['佣金率', String(s.fees.commissionRate)],
    ['最低佣金', String(s.fees.minCommission)], ['印花税率', String(s.fees.stampDutyRate)], ['过户费率', String(s.fees.transferFeeRate)],
    ['滑点（跳）', String(s.slippageTicks)], ['成交量上限', `${s.volumeRatio * 100}%`], ['账户类型', s.account === 'credit' ? '信用' : '普通'],
    ['K线数', String(r.bars)], ['委托数', String(r.orders)], ['拒单数', String(r.rejected)], ['回调出错', String(r.errors)],
  ];
  const charts = reportCharts(r).map((c) => chartSvg(c, 900, 220)).join('\n');
  const shown = r.trades.slice(0, 5000);
  const trades = shown
    .map((t) => `<tr><td>${esc(cstDateTimeOf(t.datetime))}</td><td>${directionLabel(t.direction)}</td><td>${t.price}</td><td>${t.volume}</td><td>${t.amount.toFixed(2)}</td><td>${t.fee.toFixed(2)}</td><td>${t.slippage.toFixed(2)}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>回测报告 ${esc(r.file_name)} ${esc(r.vt_symbol)}</title>
<style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:8px 0 20px}th,td{border:1px solid #ddd;padding:3px 8px;font-size:13px;text-align:right}th{background:#f5f5f5;text-align:left}.cols{display:flex;gap:32px;flex-wrap:wrap}</style>
</head><body>
<h1>回测报告：${esc(r.file_name)} · ${esc(r.vt_symbol)}</h1>
<div class="cols"><div><h2>设置</h2><table>${settings.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table></div>
<div><h2>统计指标</h2><table>${stats}</table></div></div>
<h2>图表</h2>
${charts}
<h2>成交记录（${r.trades.length} 笔${r.trades.length > shown.length ? `，显示前 ${shown.length} 笔` : ''}）</h2>
<table><tr><th>时间</th><th>方向</th><th>价格</th><th>数量</th><th>金额</th><th>费用</th><th>滑点</th></tr>${trades}</table>
</body></html>
`;
}
