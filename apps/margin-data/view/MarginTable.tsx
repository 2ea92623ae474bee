/**
 * The code's rows, newest first, with the identity checks: a row that breaks one is red and
 * says which and by how much. A plain table: a code has ~250 rows a year, which needs none
 * of a grid's machinery. Amounts read in 万/亿 with two decimals (the exact yuan in the
 * cell's tooltip and in a flag's words, where the difference matters); dates as 2025-11-18.
 */
import { formatInt, formatWanYi } from '../../../renderer/src/monitors/format';
import type { MarginDetailChecked, MarginFlag } from '../common/margin-data';

const YUAN = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
const fmt = (v: number | null) => (v === null ? '' : YUAN.format(v));

/** YYYYMMDD → YYYY-MM-DD */
export const isoDate = (d: string) => (/^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : d);

const COLUMNS: readonly { key: keyof MarginDetailChecked; label: string; shares?: boolean }[] = [
  { key: 'rzye', label: '融资余额' },
  { key: 'rzmre', label: '融资买入额' },
  { key: 'rzche', label: '融资偿还额' },
  { key: 'rqye', label: '融券余额' },
  { key: 'rqyl', label: '融券余量(股)', shares: true },
  { key: 'rqmcl', label: '融券卖出量(股)', shares: true },
  { key: 'rqchl', label: '融券偿还量(股)', shares: true },
  { key: 'rzrqye', label: '融资融券余额' },
];

export function describeFlag(f: MarginFlag): string {
  const diff = fmt(Math.round((f.actual - f.expected) * 100) / 100);
  return f.kind === 'balance-sum'
    ? `融资融券余额 ≠ 融资余额 + 融券余额：应为 ${fmt(f.expected)}，实为 ${fmt(f.actual)}（差 ${diff}）`
    : `融资余额 ≠ 前日(${isoDate(f.prevDate ?? '')})融资余额 + 融资买入额 − 融资偿还额：应为 ${fmt(f.expected)}，实为 ${fmt(f.actual)}（差 ${diff}）`;
}

export function MarginTable({ rows }: { rows: readonly MarginDetailChecked[] }) {
  const newestFirst = [...rows].reverse();
  return (
    <div className="margin-table-wrap">
      <table className="margin-table" data-testid="margin-table">
        <thead>
          <tr>
            <th>交易日期</th>
            {COLUMNS.map((c) => (
              <th key={c.key}>{c.label}</th>
            ))}
            <th>校验</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst.map((r) => (
            <tr key={r.trade_date} className={r.flags.length ? 'flagged' : ''} data-date={r.trade_date} data-flagged={r.flags.length ? 'true' : 'false'}>
              <td>{isoDate(r.trade_date)}</td>
              {COLUMNS.map((c) => {
                const v = r[c.key] as number | null;
                return (
                  <td key={c.key} className="num" data-col={c.key} title={c.shares || v === null ? undefined : `${fmt(v)} 元`}>
                    {c.shares ? formatInt(v) : formatWanYi(v)}
                  </td>
                );
              })}
              <td className="check">
                {r.flags.length ? r.flags.map((f) => <div key={f.kind} data-flag={f.kind}>{describeFlag(f)}</div>) : r.flowChecked ? '✓' : '✓（无前日数据，未核对余额变动）'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
