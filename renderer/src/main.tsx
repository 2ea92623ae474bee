/** Renderer entry: pick the transport, then draw the main window or one of the tool pages. */
import { createRoot } from 'react-dom/client';
import { createClient } from './bridge/transport';
import { App } from './ui/App';
import { ContractQueryPage } from './ui/ContractQueryPage';
import { MarginDataPage } from './ui/MarginDataPage';
import { StrategyManagerPage } from './ui/StrategyManagerPage';
import './styles.css';

const client = createClient();
const view = new URLSearchParams(window.location.search).get('view');
const root = createRoot(document.getElementById('root')!);

if (view === 'contract-query') {
  document.title = '查询合约 - TS Trader';
  root.render(<ContractQueryPage client={client} />);
} else if (view === 'strategies') {
  document.title = '策略管理 - TS Trader';
  root.render(<StrategyManagerPage client={client} />);
} else if (view === 'margin-data') {
  document.title = '两融数据 - TS Trader';
  root.render(<MarginDataPage client={client} />);
} else {
  root.render(<App client={client} nativeMenu={Boolean(window.tstrader)} />);
}
