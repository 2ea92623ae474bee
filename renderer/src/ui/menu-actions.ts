/** What each menu entry does in the renderer (the same model Electron's native menu uses). */
import type { MenuAction } from '../../../common/menu-model';
import type { AppClient } from '../bridge/transport';
import { useApp } from '../state/store';

/** A tool page (查询合约, or an app's window): its own window in Electron, a second page in browser mode. */
function openView(view: string, features: string, params: Readonly<Record<string, string>> = {}): void {
  const url = new URL(window.location.href);
  url.searchParams.set('view', view);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  window.open(url.toString(), `tstrader-${view}`, features);
}

export const openContractQuery = () => openView('contract-query', 'width=980,height=640');

/** An app's window, sized as its manifest says; `params` go in its address (K线图's code). */
export function openApp(name: string, params?: Readonly<Record<string, string>>): void {
  const app = useApp.getState().appInfo?.apps.find((a) => a.name === name);
  openView(name, app ? `width=${app.window.width},height=${app.window.height}` : '', params);
}

/** The K线图 entry of a 行情/持仓/合约 row's right-click menu. */
export const klineMenu = (vtSymbol: string) => [{ label: 'K线图', run: () => openApp('kline', { code: vtSymbol }) }];

export function runMenuAction(action: MenuAction, client: AppClient): void {
  const store = useApp.getState();
  const fail = (error: Error) => store.toast('error', error.message);
  switch (action.kind) {
    case 'connect':
      store.openDialog({ kind: 'connect', gateway: action.gateway });
      break;
    case 'disconnect':
      client.request('gateway/close', { gateway: action.gateway }).catch(fail);
      break;
    case 'gateway-action':
      client
        .request('gateway/action', { gateway: action.gateway, action: action.action })
        .then((r) => store.toast('info', r.message), fail);
      break;
    case 'contract-query':
      openContractQuery();
      break;
    case 'open-app':
      openApp(action.app);
      break;
    case 'restore-layout':
      client.request('layout/reset', {}).then(() => store.resetLayout(), fail);
      break;
    case 'about':
      store.openDialog({ kind: 'about' });
      break;
    case 'quit':
      // Browser mode cannot end the host: say how, rather than pretend.
      store.toast('info', '浏览器模式：关闭此页即可；主机进程请在终端按 Ctrl+C 退出');
      window.close();
      break;
  }
}
