/** Each gateway's state, the link to the engine, and a keychain that will not keep passwords. */
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
  const keychain = useApp((s) => s.appInfo?.keychain);
  return (
    <footer className="statusbar" data-testid="statusbar">
      {!hostConnected && <span className="status bad">与引擎的连接已断开，正在重连…</span>}
      {keychain && !keychain.persistent && (
        <span className="status warn" data-testid="keychain-missing" title={`原因：${keychain.reason ?? '未知'}。Linux 上需要 Secret Service（如 gnome-keyring）与 D-Bus 会话。`}>
          系统钥匙串不可用：密码只在本次运行中有效，退出后需重新输入
        </span>
      )}
      {gateways.map((g) => (
        <span key={g.name} className={`status ${TONE[g.status]}`} data-gateway-status={g.name} title={g.message}>
          {g.displayName}：{g.status}{g.message && g.status === GatewayStatus.ERROR ? `（${g.message}）` : ''}
        </span>
      ))}
    </footer>
  );
}
