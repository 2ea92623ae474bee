/** 帮助→关于. */
import { useApp } from '../state/store';

export function AboutDialog() {
  const info = useApp((s) => s.appInfo);
  return (
    <div className="dialog-backdrop" onClick={() => useApp.getState().openDialog(null)}>
      <div className="dialog" role="dialog" aria-label="关于" data-testid="about-dialog">
        <h3>关于 TS Trader</h3>
        <p>A 股交易终端（TypeScript），承 VN Trader 与 MiniQMT 之意。</p>
        <p>版本 {info?.version ?? '-'}</p>
        <p>数据目录 {info?.vntraderDir ?? '-'}</p>
        <div className="buttons"><button type="button">确定</button></div>
      </div>
    </div>
  );
}
