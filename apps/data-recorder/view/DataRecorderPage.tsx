/**
 * 功能→行情记录, after vn.py's DataRecorder (bars): add a code, see each recorded code's state
 * (录制中, 等待行情, 等待连接), the gateway, the bars written since start and the last one;
 * remove a code (its bars stay in 数据管理).
 */
import { useCallback, useEffect, useState } from 'react';
import type { RecordingInfo } from '../../../common/history';
import { cstDateTimeOf } from '../../../common/time';
import type { AppClient } from '../../../renderer/src/bridge/transport';
import './data-recorder.css';

export function DataRecorderPage({ client }: { client: AppClient }) {
  const [codes, setCodes] = useState<RecordingInfo[]>([]);
  const [code, setCode] = useState('');
  const [message, setMessage] = useState('');

  const fail = (e: Error) => setMessage(e.message);
  const refresh = useCallback(() => client.request('data-recorder/list', {}).then((r) => setCodes(r.codes), (e: Error) => setMessage(e.message)), [client]);

  useEffect(() => {
    void refresh();
    const off = client.subscribe('recording', (r) => setCodes(r.codes));
    const offConn = client.onConnection?.((state) => {
      if (state === 'open') void refresh();
    });
    return () => {
      off();
      offConn?.();
    };
  }, [client, refresh]);

  const add = () => {
    if (!code.trim()) return setMessage('请输入代码');
    client.request('data-recorder/add', { code: code.trim() }).then((r) => {
      setCodes(r.codes);
      setCode('');
      setMessage('');
    }, fail);
  };

  return (
    <div className="data-recorder" data-testid="data-recorder">
      <form
        className="dr-bar"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <label>
          代码
          <input data-testid="dr-code" value={code} placeholder="600000" onChange={(e) => setCode(e.target.value)} />
        </label>
        <button type="submit" data-testid="dr-add">添加记录</button>
        <span className="dr-message" data-testid="dr-message">{message}</span>
      </form>
      <p className="dr-hint">接口连接期间，所列代码的行情逐笔合成 1 分钟K线写入 bar.db；断线重连和重启后自动恢复记录。</p>
      <table className="dr-table" data-testid="dr-table">
        <thead>
          <tr>
            <th>代码</th>
            <th>状态</th>
            <th>接口</th>
            <th>本次已写K线</th>
            <th>最后一根</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {codes.map((c) => (
            <tr key={c.vt_symbol} data-row={c.vt_symbol}>
              <td>{c.vt_symbol}</td>
              <td data-col="status" className={c.status === '录制中' ? 'on' : ''}>{c.status}</td>
              <td>{c.gateway_name}</td>
              <td data-col="bars">{c.bars}</td>
              <td>{c.last_bar !== undefined ? cstDateTimeOf(c.last_bar).slice(0, 16) : ''}</td>
              <td>
                <button type="button" data-action="remove" onClick={() => client.request('data-recorder/remove', { code: c.vt_symbol }).then((r) => setCodes(r.codes), fail)}>移除</button>
              </td>
            </tr>
          ))}
          {!codes.length && (
            <tr>
              <td colSpan={6} className="dr-empty">没有正在记录的代码</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
