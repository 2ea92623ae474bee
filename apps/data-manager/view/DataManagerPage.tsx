/**
 * 功能→数据管理, after vn.py's DataManager: the overview of the bar store (代码, 交易所, 周期,
 * 数量, 开始, 结束), imports from Tushare (daily bars with their 复权 factors, or 1-minute
 * bars) and from CSV files in vn.py's layout, each with a progress bar and a cancel, and a
 * row's export to CSV or its deletion.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Adjustment, ADJUSTMENT_LABELS, Interval, INTERVAL_LABELS, INTERVALS } from '../../../common/bars';
import type { RequestArgs } from '../../../common/bridge-contract';
import type { BarOverviewInfo, HistoryImportProgress } from '../../../common/history';
import { csvChunks } from '../../../renderer/src/bridge/csv-chunks';
import type { AppClient } from '../../../renderer/src/bridge/transport';
import { formatInt } from '../../../renderer/src/monitors/format';
import { tokenSavedMessage, TushareTokenField } from '../../../renderer/src/ui/TushareTokenField';
import type { BarTokenStatus } from '../common/contract';
import { barTimeText } from './bar-time';
import './data-manager.css';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const newImportId = () => `bars-ui-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
type ImportArgs = RequestArgs<'data-manager/import'>;

interface ImportState {
  running: boolean;
  /** the import being followed */
  id: string | null;
  progress: HistoryImportProgress | null;
  /** CSV piece k/n */
  prefix: string;
  error: string;
}

const rowKey = (o: BarOverviewInfo) => `${o.vt_symbol}|${o.interval}`;

/** Save text as a file (browser and Electron alike: a download the window hands to the OS). */
function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function DataManagerPage({ client }: { client: AppClient }) {
  const [overview, setOverview] = useState<BarOverviewInfo[]>([]);
  const [tokenStatus, setTokenStatus] = useState<BarTokenStatus | null>(null);
  const [code, setCode] = useState('');
  const [tsInterval, setTsInterval] = useState<Interval.DAILY | Interval.MINUTE>(Interval.DAILY);
  const [start, setStart] = useState(() => isoDay(new Date(Date.now() - 365 * 86_400_000)));
  const [end, setEnd] = useState(() => isoDay(new Date()));
  const [csvInterval, setCsvInterval] = useState<Interval>(Interval.MINUTE);
  const [csvCode, setCsvCode] = useState('');
  const [adjustment, setAdjustment] = useState<Adjustment>(Adjustment.NONE);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [message, setMessage] = useState('');
  const [job, setJob] = useState<ImportState>({ running: false, id: null, progress: null, prefix: '', error: '' });
  const following = useRef<string | null>(null);

  const refresh = useCallback(() => client.request('data-manager/overview', {}).then(setOverview, (e: Error) => setMessage(e.message)), [client]);

  useEffect(() => {
    void refresh();
    client.request('data-manager/token', {}).then(setTokenStatus, (e: Error) => setMessage(e.message));
    return client.subscribe('bar-import-progress', (p) => {
      if (p.importId === following.current) setJob((j) => ({ ...j, progress: p }));
    });
  }, [client, refresh]);

  const saveToken = (value: string) =>
    client.request('data-manager/set-token', { token: value }).then(
      (s) => {
        setTokenStatus(s);
        setMessage(tokenSavedMessage(s));
        return true;
      },
      (e: Error) => {
        setMessage(e.message);
        return false;
      },
    );

  /** Run imports one after another (a big CSV file in pieces), following each one's progress. */
  const runImports = async (parts: { prefix: string; args: ImportArgs }[]) => {
    setMessage('');
    setJob({ running: true, id: null, progress: null, prefix: '', error: '' });
    let bars = 0;
    const warnings: string[] = [];
    try {
      for (const part of parts) {
        const id = newImportId();
        following.current = id;
        setJob((j) => ({ ...j, id, prefix: part.prefix, progress: null }));
        const r = await client.request('data-manager/import', { ...part.args, importId: id });
        bars += r.bars;
        warnings.push(...r.warnings);
        // Events are flushed on a timer: the answer may come before the last progress event.
        setJob((j) => ({ ...j, progress: { importId: id, source: part.args.source, vt_symbol: r.codes.join(' '), interval: r.interval, done: 1, total: 1, bars: r.bars, finished: true, message: `导入完成：${r.bars} 根K线` } }));
      }
      setJob((j) => ({ ...j, running: false }));
      setMessage(`共导入 ${bars} 根K线${warnings.length ? `；${warnings.length} 条警告：${warnings.slice(0, 3).join('；')}` : ''}`);
    } catch (e) {
      setJob((j) => ({ ...j, running: false, error: (e as Error).message }));
    }
    void refresh();
  };

  const importTushare = () => {
    if (!code.trim()) return setMessage('请输入代码');
    if (!tokenStatus?.stored) return setMessage('请先保存 Tushare Token');
    void runImports([{ prefix: '', args: { source: 'tushare', ts_code: code.trim(), interval: tsInterval, start_date: start, end_date: end } }]);
  };

  const importCsv = async (file: File) => {
    const chunks = csvChunks(await file.text());
    if (!chunks.length) return setMessage('CSV 文件为空');
    const vt = csvCode.trim() || undefined;
    void runImports(chunks.map((text, k) => ({ prefix: chunks.length > 1 ? `${file.name} 第 ${k + 1}/${chunks.length} 块：` : `${file.name}：`, args: { source: 'csv', text, interval: csvInterval, vt_symbol: vt } })));
  };

  const exportRow = (o: BarOverviewInfo) =>
    client.request('data-manager/export', { vt_symbol: o.vt_symbol, interval: o.interval, adjustment }).then(
      (r) => {
        download(r.filename, r.csv);
        setMessage(`已导出 ${o.vt_symbol} ${INTERVAL_LABELS[o.interval]} ${r.rows} 根K线（${ADJUSTMENT_LABELS[adjustment]}）到 ${r.filename}`);
      },
      (e: Error) => setMessage(e.message),
    );

  const deleteRow = (o: BarOverviewInfo) => {
    setConfirming(null);
    client.request('data-manager/delete', { vt_symbol: o.vt_symbol, interval: o.interval }).then(
      (r) => {
        setMessage(`已删除 ${o.vt_symbol} ${INTERVAL_LABELS[o.interval]} ${r.deleted} 根K线`);
        void refresh();
      },
      (e: Error) => setMessage(e.message),
    );
  };

  const p = job.progress;
  const failed = Boolean(job.error || p?.error);
  return (
    <div className="data-manager" data-testid="data-manager">
      <div className="dm-bar">
        <TushareTokenField testIdPrefix="dm" status={tokenStatus} onSave={saveToken} />
      </div>
      <form
        className="dm-bar"
        onSubmit={(e) => {
          e.preventDefault();
          importTushare();
        }}
      >
        <span className="dm-title">Tushare</span>
        <label>
          代码
          <input className="code" data-testid="dm-ts-code" value={code} placeholder="600000.SH" onChange={(e) => setCode(e.target.value)} />
        </label>
        <label>
          周期
          <select data-testid="dm-ts-interval" value={tsInterval} onChange={(e) => setTsInterval(e.target.value as Interval.DAILY | Interval.MINUTE)}>
            <option value={Interval.DAILY}>日线（含复权因子）</option>
            <option value={Interval.MINUTE}>1分钟</option>
          </select>
        </label>
        <label>
          从
          <input type="date" data-testid="dm-start" value={start} onChange={(e) => setStart(e.target.value)} />
        </label>
        <label>
          到
          <input type="date" data-testid="dm-end" value={end} onChange={(e) => setEnd(e.target.value)} />
        </label>
        <button type="submit" data-testid="dm-ts-import" disabled={job.running}>从 Tushare 导入</button>
      </form>
      <div className="dm-bar">
        <span className="dm-title">CSV</span>
        <label>
          周期
          <select data-testid="dm-csv-interval" value={csvInterval} onChange={(e) => setCsvInterval(e.target.value as Interval)}>
            {INTERVALS.map((i) => (
              <option key={i} value={i}>{INTERVAL_LABELS[i]}</option>
            ))}
          </select>
        </label>
        <label title="留空则按文件中的 symbol、exchange 列">
          代码
          <input className="code" data-testid="dm-csv-code" value={csvCode} placeholder="按文件" onChange={(e) => setCsvCode(e.target.value)} />
        </label>
        <label className="dm-file">
          导入 CSV
          <input
            type="file"
            accept=".csv,text/csv"
            data-testid="dm-csv"
            disabled={job.running}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importCsv(file);
            }}
          />
        </label>
        <span className="dm-hint">列：symbol,exchange,datetime,open,high,low,close,volume,turnover,open_interest</span>
      </div>
      <div className={`dm-progress${failed ? ' error' : ''}`} data-testid="dm-progress" data-state={job.running ? 'running' : failed ? 'failed' : p ? 'finished' : 'idle'}>
        {(job.running || p) && <progress data-testid="dm-progress-bar" value={p?.finished ? 1 : (p?.done ?? 0)} max={p?.finished ? 1 : Math.max(1, p?.total ?? 1)} />}
        <span data-testid="dm-progress-text">{job.error ? job.error : p ? `${job.prefix}${p.message}` : job.running ? `${job.prefix}正在导入…` : ''}</span>
        {job.running && job.id && (
          <button type="button" data-testid="dm-cancel" onClick={() => void client.request('data-manager/cancel', { importId: job.id! })}>取消</button>
        )}
      </div>
      <div className="dm-message" data-testid="dm-message">{message}</div>
      <div className="dm-bar">
        <span className="dm-title">已存数据</span>
        <label>
          导出价格
          <select data-testid="dm-adjustment" value={adjustment} onChange={(e) => setAdjustment(e.target.value as Adjustment)}>
            {Object.values(Adjustment).map((a) => (
              <option key={a} value={a}>{ADJUSTMENT_LABELS[a]}</option>
            ))}
          </select>
        </label>
        <button type="button" data-testid="dm-refresh" onClick={() => void refresh()}>刷新</button>
      </div>
      <div className="dm-table-wrap">
        <table className="dm-table" data-testid="dm-overview">
          <thead>
            <tr>
              <th>代码</th>
              <th>交易所</th>
              <th>周期</th>
              <th>数量</th>
              <th>开始</th>
              <th>结束</th>
              <th>操作</th>
            </tr>
          </thead>
          <tbody>
            {overview.map((o) => (
              <tr key={rowKey(o)} data-row={rowKey(o)}>
                <td>{o.symbol}</td>
                <td>{o.exchange}</td>
                <td>{INTERVAL_LABELS[o.interval]}</td>
                <td data-col="count">{formatInt(o.count)}</td>
                <td data-col="start">{barTimeText(o.start, o.interval)}</td>
                <td data-col="end">{barTimeText(o.end, o.interval)}</td>
                <td className="dm-actions">
                  <button type="button" data-action="export" onClick={() => void exportRow(o)}>导出</button>
                  {confirming === rowKey(o) ? (
                    <>
                      <button type="button" className="danger" data-action="confirm-delete" onClick={() => deleteRow(o)}>确认删除</button>
                      <button type="button" onClick={() => setConfirming(null)}>取消</button>
                    </>
                  ) : (
                    <button type="button" data-action="delete" onClick={() => setConfirming(rowKey(o))}>删除</button>
                  )}
                </td>
              </tr>
            ))}
            {!overview.length && (
              <tr>
                <td colSpan={7} className="dm-empty">还没有K线数据：从 Tushare 或 CSV 导入，或在 行情记录 中录制</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
