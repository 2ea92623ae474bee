/** 帮助→关于. */
import { useApp } from '../state/store';
import { THIRD_PARTY_NOTICES } from './third-party';

export function AboutDialog() {
  const info = useApp((s) => s.appInfo);
  return (
    <div className="dialog-backdrop" onClick={() => useApp.getState().openDialog(null)}>
      <div className="dialog" role="dialog" aria-label="关于" data-testid="about-dialog">
        <h3>关于 TS Trader</h3>
        <p>A 股交易终端（TypeScript），承 VN Trader 与 MiniQMT 之意。</p>
        <p>版本 {info?.version ?? '-'}</p>
        <p>数据目录 {info?.vntraderDir ?? '-'}</p>
        <h4>第三方软件许可</h4>
        <ul className="about-licences" data-testid="about-licences" onClick={(e) => e.stopPropagation()}>
          {THIRD_PARTY_NOTICES.map((t) => (
            <li key={t.name}>
              {t.name}（{t.use}）：{t.licence}，{t.url}
              <pre>{t.notice.join('\n')}</pre>
            </li>
          ))}
        </ul>
        <div className="buttons"><button type="button">确定</button></div>
      </div>
    </div>
  );
}
