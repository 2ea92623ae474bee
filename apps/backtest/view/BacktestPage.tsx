/**
 * 功能→回测: a strategy file over stored bars. Settings on the left (file, code, interval,
 * dates, capital, fees, slippage, volume cap, params as JSON, checked before sending); a
 * progress bar and 取消 while it runs; then the statistics, charts, trades and daily table,
 * and exports of the trades and daily table (CSV) and the one-file HTML report.
 */
import { useEffect, useRef, useState } from 'react';
import type { BacktestReport } from '../../../common/backtest/report';
import type { AppClient } from '../../../renderer/src/bridge/transport';
import type { BacktestProgressEvent } from '../common/backtest';
import { parseParamsText } from '../common/params';
import { BacktestResult } from './BacktestResult';
import { OptimizePanel } from './OptimizePanel';
import { checkRunForm, defaultRunForm, type RunForm } from './run-form';
import './backtest.css';

const newRunId = () => `bt-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
const fileName = (f: string) => f.split(/[\\/]/).pop() ?? f;

type RunState = 'idle' | 'running' | 'finished' | 'failed' | 'cancelled';

interface Job {
  state: RunState;
  runId: string;
  progress: BacktestProgressEvent | null;
  message: string;
}

const EXPORTS = [
  ['trades', '导出成交 CSV'],
  ['daily', '导出逐日 CSV'],
  ['html', '导出 HTML 报告'],
] as const;

export function BacktestPage({ client }: { client: AppClient }) {
  const [form, setForm] = useState<RunForm>(() => defaultRunForm());
  const [files, setFiles] = useState<string[]>([]);
  const [problems, setProblems] = useState<Partial<Record<keyof RunForm, string>>>({});
  const [job, setJob] = useState<Job>({ state: 'idle', runId: '', progress: null, message: '' });
  const [report, setReport] = useState<{ runId: string; report: BacktestReport } | null>(null);
  const [exported, setExported] = useState('');
  const [view, setView] = useState<'result' | 'optimize'>('result');
  const current = useRef('');

  useEffect(() => {
    client.request('strategy/files', {}).then(
      (list) => {
        setFiles(list);
        // The double-MA example is the natural first run.
        setForm((f) => (f.file ? f : { ...f, file: list.find((x) => /double-ma\.ts$/.test(x)) ?? list[0] ?? '' }));
      },
      () => undefined,
    );
    return client.subscribe('backtest-progress', (p) => {
      if (p.runId === current.current) setJob((j) => (j.state === 'running' ? { ...j, progress: p } : j));
    });
  }, [client]);

  const set = <K extends keyof RunForm>(key: K, value: RunForm[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setProblems((p) => (p[key] ? { ...p, [key]: undefined } : p));
  };

  /** The settings as a request, or null with each bad field marked. */
  const checkedArgs = () => {
    const checked = checkRunForm(form);
    setProblems(checked.ok ? {} : checked.problems);
    return checked.ok ? checked.args : null;
  };

  const run = async () => {
    const args = checkedArgs();
    if (!args) {
      setJob({ state: 'failed', runId: '', progress: null, message: '设置有误，请按提示修改' });
      return;
    }
    setView('result');
    const runId = newRunId();
    current.current = runId;
    setExported('');
    setJob({ state: 'running', runId, progress: null, message: '正在载入K线…' });
    try {
      const r = await client.request('backtest/run', { ...args, runId });
      // Events are flushed on a timer: the answer can come before the last progress event.
      setJob({ state: 'finished', runId, progress: { runId, phase: 'run', done: r.bars, total: r.bars, finished: true }, message: '' });
      setReport({ runId, report: r });
    } catch (e) {
      const message = (e as Error).message;
      setJob((j) => ({ ...j, state: /已取消/.test(message) ? 'cancelled' : 'failed', message }));
    }
  };

  const cancel = () => void client.request('backtest/cancel', { runId: job.runId }).catch(() => undefined);

  const exportAs = (kind: (typeof EXPORTS)[number][0]) => {
    if (!report) return;
    client.request('backtest/export', { runId: report.runId, kind }).then(
      (r) => setExported(`已导出：${r.path}`),
      (e: Error) => setExported(e.message),
    );
  };

  const p = job.progress;
  const field = (key: keyof RunForm, label: string, input: React.ReactNode) => (
    <label className={problems[key] ? 'bad' : ''}>
      <span>{label}</span>
      {input}
      {problems[key] && <em data-problem={key}>{problems[key]}</em>}
    </label>
  );
  const text = (key: Exclude<keyof RunForm, 'interval' | 'account'>, extra: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <input data-testid={`bt-${key}`} value={form[key]} onChange={(e) => set(key, e.target.value)} {...extra} />
  );

  return (
    <div className="backtest" data-testid="backtest">
      <form
        className="bt-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (job.state !== 'running') void run();
        }}
      >
        {field('file', '策略文件', <>
          {text('file', { list: 'bt-files', placeholder: '策略文件路径（.ts / .js）' })}
          <datalist id="bt-files">
            {files.map((f) => <option key={f} value={f}>{fileName(f)}</option>)}
          </datalist>
        </>)}
        {field('code', '代码', text('code', { placeholder: '600000.SSE' }))}
        {field('interval', '周期', (
          <select data-testid="bt-interval" value={form.interval} onChange={(e) => set('interval', e.target.value as RunForm['interval'])}>
            <option value="1m">1 分钟</option>
            <option value="1d">日线</option>
          </select>
        ))}
        {field('start', '开始日期', text('start', { type: 'date' }))}
        {field('end', '结束日期', text('end', { type: 'date' }))}
        {field('capital', '起始资金', text('capital', { inputMode: 'decimal' }))}
        {field('commission_rate', '佣金率', text('commission_rate', { inputMode: 'decimal' }))}
        {field('min_commission', '最低佣金（元）', text('min_commission', { inputMode: 'decimal' }))}
        {field('slippage_ticks', '滑点（跳）', text('slippage_ticks', { inputMode: 'decimal' }))}
        {field('volume_ratio', '成交量上限（占K线成交量）', text('volume_ratio', { inputMode: 'decimal' }))}
        {field('stamp_duty_rate', '印花税率（卖出）', text('stamp_duty_rate', { inputMode: 'decimal' }))}
        {field('transfer_fee_rate', '过户费率（买卖）', text('transfer_fee_rate', { inputMode: 'decimal' }))}
        {field('account', '账户类型', (
          <select data-testid="bt-account" value={form.account} onChange={(e) => set('account', e.target.value as RunForm['account'])}>
            <option value="cash">普通</option>
            <option value="credit">信用（融资融券）</option>
          </select>
        ))}
        {field('params', '策略参数（JSON）', (
          <textarea data-testid="bt-params" rows={4} spellCheck={false} value={form.params} onChange={(e) => set('params', e.target.value)} />
        ))}
        <p className="bt-note">按 A 股规则撮合：T+1、涨跌停不成交、整手买入。信用账户按模拟交易所信用账户的规则与默认条款（融资 6.5%、融券 8.5% 年利率，额度各 100 万）。</p>
        <div className="bt-buttons">
          <button type="submit" data-testid="bt-run" disabled={job.state === 'running'}>开始回测</button>
          <button type="button" data-testid="bt-cancel" disabled={job.state !== 'running'} onClick={cancel}>取消</button>
        </div>
        <div className={`bt-progress ${job.state}`} data-testid="bt-progress" data-state={job.state}>
          {job.state !== 'idle' && job.runId && (
            <progress data-testid="bt-progress-bar" value={p?.done ?? 0} max={Math.max(1, p?.total ?? 1)} />
          )}
          <span data-testid="bt-progress-text">
            {job.state === 'running' && p ? `已回放 ${p.done.toLocaleString('en-US')} / ${p.total.toLocaleString('en-US')} 根K线` : ''}
            {job.state === 'finished' && p ? `回测完成：${p.total.toLocaleString('en-US')} 根K线` : ''}
            {job.state !== 'finished' && !(job.state === 'running' && p) ? job.message : ''}
          </span>
        </div>
        <div className="bt-buttons">
          {EXPORTS.map(([kind, label]) => (
            <button type="button" key={kind} data-export={kind} disabled={!report} onClick={() => exportAs(kind)}>{label}</button>
          ))}
        </div>
        {exported && <p className="bt-exported" data-testid="bt-exported">{exported}</p>}
      </form>
      <div className="bt-main">
        <nav className="bt-views">
          <button className={view === 'result' ? 'active' : ''} data-view="result" onClick={() => setView('result')}>回测结果</button>
          <button className={view === 'optimize' ? 'active' : ''} data-view="optimize" onClick={() => setView('optimize')}>参数优化</button>
        </nav>
        <div className="bt-view" hidden={view !== 'result'}>
          {report ? <BacktestResult client={client} report={report.report} /> : <div className="bt-empty">设置好后点击“开始回测”。K线来自 数据管理 导入的K线库（bar.db）。</div>}
        </div>
        <div className="bt-view" hidden={view !== 'optimize'}>
          <OptimizePanel client={client} args={checkedArgs} baseParams={() => parseParamsText(form.params)} onUse={(params) => set('params', JSON.stringify(params))} />
        </div>
      </div>
    </div>
  );
}
