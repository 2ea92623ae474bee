/** 添加策略: file, unique name, gateway, parameters as JSON, and what happens on errors and stop. */
import { useEffect, useState } from 'react';
import type { GatewayInfo } from '../../../common/bridge-contract';
import type { AppClient } from '../../../renderer/src/bridge/transport';

function baseName(file: string): string {
  return file.split(/[\\/]/).pop()!.replace(/\.(ts|js|mjs|cjs)$/, '');
}

export function StrategyForm({ client, onAdded }: { client: AppClient; onAdded: (name: string) => void }) {
  const [files, setFiles] = useState<string[]>([]);
  const [gateways, setGateways] = useState<GatewayInfo[]>([]);
  const [file, setFile] = useState('');
  const [name, setName] = useState('');
  const [gateway, setGateway] = useState('SIM');
  const [params, setParams] = useState('{}');
  const [cancelOnStop, setCancelOnStop] = useState(true);
  const [maxErrors, setMaxErrors] = useState('20');
  // A simulated clock lets a strategy live through a trading day against SIM at any hour.
  const [simulated, setSimulated] = useState(false);
  const [clockStart, setClockStart] = useState('');
  const [speed, setSpeed] = useState('60');
  const [message, setMessage] = useState('');

  useEffect(() => {
    client.request('strategy/files', {}).then(setFiles, () => undefined);
    client.request('gateway/list', {}).then(setGateways, () => undefined);
  }, [client]);

  const submit = () => {
    let parsed: Record<string, unknown>;
    try {
      const value: unknown = JSON.parse(params || '{}');
      if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('应为 JSON 对象，如 {"security": "600000.SH"}');
      parsed = value as Record<string, unknown>;
    } catch (e) {
      setMessage(`参数不是有效的 JSON：${(e as Error).message}`);
      return;
    }
    const errors = Number(maxErrors);
    if (!Number.isInteger(errors) || errors < 0) {
      setMessage('出错上限应为非负整数（0 表示不限）');
      return;
    }
    let clock: { kind: 'wall' } | { kind: 'scaled'; start: number; speed: number } = { kind: 'wall' };
    if (simulated) {
      // The trader types Beijing time, whatever this machine's zone is.
      const start = Date.parse(`${clockStart}+08:00`);
      const x = Number(speed);
      if (!Number.isFinite(start)) return setMessage('模拟时钟的起始时间无效（北京时间，如 2025-01-06T09:29:00）');
      if (!(x >= 1 && x <= 3600)) return setMessage('模拟时钟的倍速应在 1 到 3600 之间');
      clock = { kind: 'scaled', start, speed: x };
    }
    client.request('strategy/add', { name: name.trim(), file: file.trim(), gateway, params: parsed, cancel_on_stop: cancelOnStop, max_errors: errors, clock }).then(
      (info) => {
        setMessage(`已添加：${info.settings.name}`);
        onAdded(info.settings.name);
      },
      (e: Error) => setMessage(e.message),
    );
  };

  return (
    <form
      className="strategy-form"
      data-testid="strategy-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label>文件
        <input
          data-testid="strategy-file"
          list="strategy-files"
          value={file}
          placeholder="策略文件路径（.ts / .js）"
          onChange={(e) => {
            setFile(e.target.value);
            if (!name) setName(baseName(e.target.value));
          }}
        />
        <datalist id="strategy-files">{files.map((f) => <option key={f} value={f} />)}</datalist>
      </label>
      <label>名称<input data-testid="strategy-name" value={name} onChange={(e) => setName(e.target.value)} /></label>
      <label>接口
        <select data-testid="strategy-gateway" value={gateway} onChange={(e) => setGateway(e.target.value)}>
          {gateways.map((g) => <option key={g.name} value={g.name}>{g.displayName}</option>)}
        </select>
      </label>
      <label>参数<textarea data-testid="strategy-params" rows={2} value={params} onChange={(e) => setParams(e.target.value)} /></label>
      <label className="inline"><input type="checkbox" checked={cancelOnStop} onChange={(e) => setCancelOnStop(e.target.checked)} />停止时撤销未成交委托</label>
      <label>出错上限<input data-testid="strategy-max-errors" inputMode="numeric" value={maxErrors} onChange={(e) => setMaxErrors(e.target.value)} /></label>
      <label className="inline"><input type="checkbox" data-testid="strategy-simulated" checked={simulated} onChange={(e) => setSimulated(e.target.checked)} />模拟时钟</label>
      {simulated && (
        <>
          <label>起始（北京时间）<input type="datetime-local" step="1" data-testid="strategy-clock-start" value={clockStart} onChange={(e) => setClockStart(e.target.value)} /></label>
          <label>倍速<input data-testid="strategy-clock-speed" inputMode="numeric" value={speed} onChange={(e) => setSpeed(e.target.value)} /></label>
        </>
      )}
      <button type="submit" data-testid="strategy-add">添加策略</button>
      <span className="form-message" data-testid="strategy-form-message">{message}</span>
    </form>
  );
}
