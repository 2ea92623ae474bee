/** Each gateway's state, and the link to the engine. */
import { GatewayStatus } from '../../../common/constants';
import { useApp } from '../state/store';

const TONE: Record<GatewayStatus, string> = {
  [GatewayStatus.CONNECTED]: 'ok',
  [GatewayStatus.CONNECTING]: 'busy',
  [GatewayStatus.DISCONNECTED]: 'idle',
  [GatewayStatus.ERROR]: 'bad',
};

export function StatusBar() {
  const gateways = useApp((s) => s.gateways);
  const hostConnected = useApp((s) => s.hostConnected);
  return (
    <footer className="statusbar" data-testid="statusbar">
      {!hostConnected && <span className="status bad">与引擎的连接已断开，正在重连…</span>}
      {gateways.map((g) => (
        <span key={g.name} className={`status ${TONE[g.status]}`} data-gateway-status={g.name} title={g.message}>
          {g.displayName}：{g.status}{g.message && g.status === GatewayStatus.ERROR ? `（${g.message}）` : ''}
        </span>
      ))}
    </footer>
  );
}
