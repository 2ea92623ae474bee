/** Renderer entry: pick the transport, then draw the main window or the 查询合约 page. */
import { createRoot } from 'react-dom/client';
import { createClient } from './bridge/transport';
import { App } from './ui/App';
import { ContractQueryPage } from './ui/ContractQueryPage';
import './styles.css';

const client = createClient();
const view = new URLSearchParams(window.location.search).get('view');
const root = createRoot(document.getElementById('root')!);

if (view === 'contract-query') {
  document.title = '查询合约 - TS Trader';
  root.render(<ContractQueryPage client={client} />);
} else {
  root.render(<App client={client} nativeMenu={Boolean(window.tstrader)} />);
}
