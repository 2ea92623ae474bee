/**
 * 功能→两融数据, in its own window: the Tushare token (masked, kept in the keychain by the
 * engine), import of one code or the whole market over a date range, or of a CSV file, with
 * a progress bar; then a chart of 融资余额 / 融券余额 / 融资买入额 and the rows, with those
 * that break the margin_detail identities in red.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RequestArgs } from '../../../common/bridge-contract';
import type { MarginCodeInfo, MarginImportProgress, MarginQueryResult, MarginTokenStatus } from '../common/margin-data';
import type { AppClient } from '../../../renderer/src/bridge/transport';
import { csvChunks } from '../../../renderer/src/bridge/csv-chunks';
import { tokenSavedMessage, TushareTokenField } from '../../../renderer/src/ui/TushareTokenField';
import { MarginChart } from './MarginChart';
import { isoDate, MarginTable } from './MarginTable';
import './margin-data.css';

const isoDay = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
const ymd = (iso: string) => iso.replace(/-/g, '');
const newImportId = () => `ui-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

type ImportArgs = RequestArgs<'margin-data/import'>;

function finishedProgress(importId: string, source: ImportArgs['source'], rows: number, codes: number, last: MarginImportProgress | null): MarginImportProgress {
  const total = last?.importId === importId ? last.total : 0;
  return { importId, source, done: total, total, rows, finished: true, message: `导入完成：${rows} 行，${codes} 个代码` };
}

/** What the progress line shows: the engine's latest event plus a prefix (CSV piece k/n). */
interface ImportState {
  running: boolean;
  progress: MarginImportProgress | null;
  prefix: string;
  error: string;
}

export function MarginDataPage({ client }: { client: AppClient }) {
  const [tokenStatus, setTokenStatus] = useState<MarginTokenStatus | null>(null);
  const [code, setCode] = useState('');
  const [start, setStart] = useState(() => isoDay(new Date(Date.now() - 90 * 86_400_000)));
  const [end, setEnd] = useState(() => isoDay(new Date()));
  const [codes, setCodes] = useState<MarginCodeInfo[]>([]);
  const [data, setData] = useState<MarginQueryResult | null>(null);
  const [message, setMessage] = useState('');
  const [job, setJob] = useState<ImportState>({ running: false, progress: null, prefix: '', error: '' });
  const currentImport = useRef<string | null>(null);

  const refreshCodes = useCallback(() => client.request('margin-data/codes', {}).then(setCodes, (e: Error) => setMessage(e.message)), [client]);

  useEffect(() => {
    client.request('margin-data/token', {}).then(setTokenStatus, (e: Error) => setMessage(e.message));
    void refreshCodes();
    return client.subscribe('margin-data-progress', (p) => {
      if (p.importId === currentImport.current) setJob((j) => ({ ...j, progress: p }));
    });
  }, [client, refreshCodes]);

  const query = (tsCode = code, from = start, to = end) => {
    if (!tsCode.trim()) return setMessage('请输入代码');
    client.request('margin-data/query', { ts_code: tsCode.trim(), start_date: ymd(from), end_date: ymd(to) }).then(
      (r) => {
        setData(r);
        setCode(r.ts_code);
        setMessage(r.rows.length ? '' : `${r.ts_code} 在 ${from} 至 ${to} 没有数据`);
      },
      (e: Error) => setMessage(e.message),
    );
  };

  /**
   * After an import, show what was imported: the code's stored range (the range the view had
   * may not cover a file's dates at all, and an empty view reads as a failed import).
   */
  const showImported = async (tsCode: string) => {
    const list = await client.request('margin-data/codes', {}).catch(() => [] as MarginCodeInfo[]);
    setCodes(list);
    const info = list.find((c) => c.ts_code === tsCode) ?? list.find((c) => c.ts_code.startsWith(`${tsCode.split('.')[0]}.`));
    if (!info) return query(tsCode);
    const from = isoDate(info.first);
    const to = isoDate(info.last);
    setStart(from);
    setEnd(to);
    query(info.ts_code, from, to);
  };

  const saveToken = (value: string) =>
    client.request('margin-data/set-token', { token: value }).then(
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

  /** Run imports one after another (a CSV file in pieces), following each one's progress. */
  const runImports = async (parts: { prefix: string; args: ImportArgs }[], after: (codes: string[]) => void) => {
    setJob({ running: true, progress: null, prefix: '', error: '' });
    const imported = new Set<string>();
    try {
      for (const part of parts) {
        const id = newImportId();
        currentImport.current = id;
        setJob((j) => ({ ...j, prefix: part.prefix, progress: null }));
        const r = await client.request('margin-data/import', { ...part.args, importId: id });
        r.codes.forEach((c) => imported.add(c));
        // Events are flushed on a timer, so the answer can come before the last progress
        // event: show the outcome now; that event, when it comes, says the same in full.
        setJob((j) => (j.progress?.finished && j.progress.importId === id ? j : { ...j, progress: finishedProgress(id, part.args.source, r.rows, r.codes.length, j.progress) }));
      }
      setJob((j) => ({ ...j, running: false }));
      after([...imported]);
    } catch (e) {
      setJob((j) => ({ ...j, running: false, error: (e as Error).message }));
    }
    void refreshCodes();
  };

  const importTushare = () => {
    if (!tokenStatus?.stored) return setMessage('请先保存 Tushare Token');
    void runImports([{ prefix: '', args: { source: 'tushare', ts_code: code.trim() || undefined, start_date: ymd(start), end_date: ymd(end) } }], (got) => {
      const first = got.find((c) => c === code.trim()) ?? got[0] ?? code.trim();
      if (first) void showImported(first);
    });
  };

  const importCsv = async (file: File) => {
    const chunks = csvChunks(await file.text());
    if (!chunks.length) return setMessage('CSV 文件为空');
    void runImports(
      chunks.map((text, k) => ({ prefix: chunks.length > 1 ? `${file.name} 第 ${k + 1}/${chunks.length} 块：` : `${file.name}：`, args: { source: 'csv', text } })),
      (got) => {
        const typed = code.trim();
        const first = got.find((c) => c === typed || c.startsWith(`${typed}.`)) ?? got[0] ?? typed;
        if (first) void showImported(first);
      },
    );
  };

  const p = job.progress;
  return (
    <div className="margin-data" data-testid="margin-data">
      <div className="margin-bar">
        <TushareTokenField testIdPrefix="margin" status={tokenStatus} onSave={saveToken} />
      </div>
      <form
        className="margin-bar"
        onSubmit={(e) => {
          e.preventDefault();
          query();
        }}
      >
        <label>
          代码
          <input className="code" data-testid="margin-code" value={code} list="margin-codes" placeholder="000001.SZ" onChange={(e) => setCode(e.target.value)} />
          <datalist id="margin-codes">
            {codes.map((c) => (
              <option key={c.ts_code} value={c.ts_code}>{`${c.name ?? ''} ${c.first}–${c.last} ${c.rows} 行`}</option>
            ))}
          </datalist>
        </label>
        <label>
          从
          <input type="date" data-testid="margin-start" value={start} onChange={(e) => setStart(e.target.value)} />
        </label>
        <label>
          到
          <input type="date" data-testid="margin-end" value={end} onChange={(e) => setEnd(e.target.value)} />
        </label>
        <button type="submit" data-testid="margin-query">查询</button>
        <button type="button" data-testid="margin-import" onClick={importTushare} disabled={job.running} title="代码留空则导入全市场（每天一次调用）">
          从 Tushare 导入
        </button>
        <label className="csv-label">
          导入 CSV
          <input
            type="file"
            accept=".csv,text/csv"
            data-testid="margin-csv"
            disabled={job.running}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void importCsv(file);
            }}
          />
        </label>
        {job.running && currentImport.current && (
          <button type="button" data-testid="margin-cancel" onClick={() => void client.request('margin-data/cancel', { importId: currentImport.current! })}>取消</button>
        )}
      </form>
      <div className={`margin-progress${job.error || p?.error ? ' error' : ''}`} data-testid="margin-progress" data-state={job.running ? 'running' : job.error || p?.error ? 'failed' : p ? 'finished' : 'idle'}>
        {(job.running || p) && <progress data-testid="margin-progress-bar" value={p?.finished ? 1 : (p?.done ?? 0)} max={p?.finished ? 1 : Math.max(1, p?.total ?? 1)} />}
        <span data-testid="margin-progress-text">
          {job.error ? job.error : p ? `${job.prefix}${p.message}${p.total ? `（${p.done}/${p.total} 段，${p.rows} 行）` : ''}` : job.running ? `${job.prefix}正在导入…` : message}
        </span>
        {!job.running && (job.error || p) && message && <span>{message}</span>}
      </div>
      <MarginView data={data} />
    </div>
  );
}

function MarginView({ data }: { data: MarginQueryResult | null }) {
  if (!data) return <div className="margin-chart-empty">输入代码后点击“查询”，或先导入数据</div>;
  const { rows, flagged, tolerances } = data;
  return (
    <div className="margin-view">
      <MarginChart rows={rows} />
      <div className={`margin-note${flagged ? ' has-flags' : ''}`} data-testid="margin-flag-note">
        {data.ts_code} 共 {rows.length} 行；{flagged ? `${flagged} 行不符合恒等式（红色标出）` : '全部符合恒等式'}。
        容差：融资融券余额 = 融资余额 + 融券余额 ±{tolerances.balanceSum} 元；融资余额 = 前日融资余额 + 融资买入额 − 融资偿还额 ±{tolerances.financingFlow} 元。
      </div>
      <MarginTable rows={rows} />
    </div>
  );
}
