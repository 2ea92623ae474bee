/**
 * 参数优化 in the 回测 window: the parameter space as JSON, the target statistic and whether
 * larger or smaller is better, grid (every combination) or genetic search, on the local
 * worker pool with the window's settings; progress, 取消, and the results in a grid any
 * column of which sorts. Double-click a result to put its parameters into 策略参数.
 */
import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { STATISTICS_LABELS, type NumericStatisticKey } from '../../../common/backtest/statistics';
import { formatStatistic } from '../../../common/backtest/report-format';
import type { AppClient } from '../../../renderer/src/bridge/transport';
import { GRID_LOCALE, gridTheme } from '../../../renderer/src/ui/grid-theme';
import type { BacktestProgressEvent, OptimizeResult, OptimizeRow } from '../common/backtest';
import type { RunRequest } from './run-form';

const TARGETS = (Object.keys(STATISTICS_LABELS) as (keyof typeof STATISTICS_LABELS)[]).filter((k): k is NumericStatisticKey => k !== 'start_date' && k !== 'end_date');
const newRunId = () => `opt-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

type Ranked = OptimizeRow & { rank: number };

const stat = (key: NumericStatisticKey) => (p: { value: unknown }) => (p.value === null || p.value === undefined ? '' : formatStatistic(key, p.value as number));

function columnsOf(result: OptimizeResult): ColDef<Ranked>[] {
  const names = Object.keys(result.rows[0]?.params ?? {});
  return [
    { headerName: '排名', field: 'rank', width: 70, type: 'numericColumn' },
    ...names.map((name): ColDef<Ranked> => ({ headerName: name, colId: `param-${name}`, width: 90, valueGetter: (p) => p.data?.params[name] })),
    { headerName: `目标：${STATISTICS_LABELS[result.target]}`, field: 'value', colId: 'value', width: 150, type: 'numericColumn', valueFormatter: stat(result.target) },
    { headerName: '总收益率', field: 'total_return', width: 100, type: 'numericColumn', valueFormatter: stat('total_return') },
    { headerName: '夏普比率', field: 'sharpe_ratio', width: 100, type: 'numericColumn', valueFormatter: stat('sharpe_ratio') },
    { headerName: '百分比最大回撤', field: 'max_ddpercent', width: 130, type: 'numericColumn', valueFormatter: stat('max_ddpercent') },
    { headerName: '总成交笔数', field: 'total_trade_count', width: 100, type: 'numericColumn' },
    { headerName: '出错', field: 'error', flex: 1, cellClass: 'cell-up' },
  ];
}

interface OptimizeJob {
  state: 'idle' | 'running' | 'finished' | 'failed' | 'cancelled';
  runId: string;
  progress: BacktestProgressEvent | null;
  message: string;
}

export function OptimizePanel({ client, args, baseParams, onUse }: {
  client: AppClient;
  /** the window's settings, checked (null: the form shows what is wrong) */
  args: () => RunRequest | null;
  baseParams: () => Record<string, unknown>;
  onUse: (params: Record<string, unknown>) => void;
}) {
  const [space, setSpace] = useState('{"fast": [3, 5, 8], "slow": {"start": 20, "end": 40, "step": 10}}');
  const [target, setTarget] = useState<NumericStatisticKey>('sharpe_ratio');
  const [direction, setDirection] = useState<'max' | 'min'>('max');
  const [method, setMethod] = useState<'grid' | 'genetic'>('grid');
  const [job, setJob] = useState<OptimizeJob>({ state: 'idle', runId: '', progress: null, message: '' });
  const [result, setResult] = useState<OptimizeResult | null>(null);
  const current = useRef('');

  useEffect(
    () => client.subscribe('backtest-progress', (p) => {
      if (p.runId === current.current) setJob((j) => (j.state === 'running' ? { ...j, progress: p } : j));
    }),
    [client],
  );

  const run = async () => {
    const a = args();
    if (!a) return setJob({ state: 'failed', runId: '', progress: null, message: '左侧设置有误，请按提示修改' });
    const runId = newRunId();
    current.current = runId;
    setJob({ state: 'running', runId, progress: null, message: '正在准备工作线程…' });
    try {
      const r = await client.request('backtest/optimize', { ...a, runId, space, target, direction, method });
      setResult(r);
      setJob({ state: 'finished', runId, progress: null, message: `优化完成：评估 ${r.evaluated} 组参数，用时 ${(r.elapsed_ms / 1000).toFixed(1)} 秒${r.rows.length < r.evaluated ? `，显示最好的 ${r.rows.length} 组` : ''}` });
    } catch (e) {
      const message = (e as Error).message;
      setJob((j) => ({ ...j, state: /已取消/.test(message) ? 'cancelled' : 'failed', message }));
    }
  };

  const rows = useMemo<Ranked[]>(() => (result ? result.rows.map((r, i) => ({ ...r, rank: i + 1 })) : []), [result]);
  const columns = useMemo(() => (result ? columnsOf(result) : []), [result]);
  const p = job.progress;

  return (
    <section className="bt-optimize" data-testid="bt-optimize">
      <div className="bt-opt-bar">
        <label className="space">
          <span>优化参数（JSON：取值数组或 {'{"start","end","step"}'}）</span>
          <textarea data-testid="bt-opt-space" rows={2} spellCheck={false} value={space} onChange={(e) => setSpace(e.target.value)} />
        </label>
        <label>
          <span>目标</span>
          <select data-testid="bt-opt-target" value={target} onChange={(e) => setTarget(e.target.value as NumericStatisticKey)}>
            {TARGETS.map((k) => <option key={k} value={k}>{STATISTICS_LABELS[k]}</option>)}
          </select>
        </label>
        <label>
          <span>方向</span>
          <select data-testid="bt-opt-direction" value={direction} onChange={(e) => setDirection(e.target.value as 'max' | 'min')}>
            <option value="max">越大越好</option>
            <option value="min">越小越好</option>
          </select>
        </label>
        <label>
          <span>算法</span>
          <select data-testid="bt-opt-method" value={method} onChange={(e) => setMethod(e.target.value as 'grid' | 'genetic')}>
            <option value="grid">穷举</option>
            <option value="genetic">遗传算法</option>
          </select>
        </label>
        <button data-testid="bt-opt-run" disabled={job.state === 'running'} onClick={() => void run()}>开始优化</button>
        <button data-testid="bt-opt-cancel" disabled={job.state !== 'running'} onClick={() => void client.request('backtest/cancel', { runId: job.runId }).catch(() => undefined)}>取消</button>
      </div>
      <div className={`bt-opt-progress ${job.state}`} data-testid="bt-opt-progress" data-state={job.state}>
        {job.state === 'running' && <progress data-testid="bt-opt-progress-bar" value={p?.done ?? 0} max={Math.max(1, p?.total ?? 1)} />}
        <span data-testid="bt-opt-progress-text">{job.state === 'running' && p ? `已完成 ${p.done} / ${p.total} 组参数` : job.message}</span>
      </div>
      {result && (
        <div className="monitor bt-grid" data-grid="bt-opt-results">
          <AgGridReact<Ranked>
            theme={gridTheme}
            rowData={rows}
            columnDefs={columns}
            getRowId={(r) => String(r.data.rank)}
            localeText={GRID_LOCALE}
            suppressCellFocus
            // Rows jump to their sorted place at once: no half-moved rows in a screenshot or under the mouse.
            animateRows={false}
            onRowDoubleClicked={(e) => e.data && onUse({ ...baseParams(), ...e.data.params })}
          />
        </div>
      )}
      {result && <p className="bt-note">双击一行：把它的参数填入左侧“策略参数”。</p>}
    </section>
  );
}
