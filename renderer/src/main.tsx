/** Renderer entry: pick the transport, then draw the main window, 查询合约 or an app's window. */
import { createRoot } from 'react-dom/client';
import { APPS } from '../../apps/registry';
import { loadAppView } from './apps/app-view';
import { createClient } from './bridge/transport';
import { App } from './ui/App';
import { ContractQueryPage } from './ui/ContractQueryPage';
import './styles.css';

const client = createClient();
const view = new URLSearchParams(window.location.search).get('view');
const root = createRoot(document.getElementById('root')!);
const app = APPS.find((a) => a.name === view);

if (view === 'contract-query') {
  document.title = '查询合约 - TS Trader';
  root.render(<ContractQueryPage client={client} />);
} else if (app) {
  document.title = `${app.displayName} - TS Trader`;
  loadAppView(app.name).then(
    (View) => root.render(<View client={client} />),
    (error: Error) => root.render(<p className="load-error">无法打开“{app.displayName}”：{error.message}</p>),
  );
} else {
  root.render(<App client={client} nativeMenu={Boolean(window.tstrader)} />);
}
