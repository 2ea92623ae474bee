/** The main window: menu bar, trading panel, monitors, status bar, dialogs and toasts. */
import { useEffect } from 'react';
import type { AppClient } from '../bridge/transport';
import { startSync } from '../state/sync';
import { useApp } from '../state/store';
import { AboutDialog } from './AboutDialog';
import { ConnectDialog } from './ConnectDialog';
import { MenuBar } from './MenuBar';
import { runMenuAction } from './menu-actions';
import { Monitors } from './Monitors';
import { SplitPane } from './SplitPane';
import { StatusBar } from './StatusBar';
import { Toasts } from './Toasts';
import { TradingPanel } from './TradingPanel';
import { useHotkeys } from './use-hotkeys';

export function App({ client, nativeMenu }: { client: AppClient; nativeMenu: boolean }) {
  const dialog = useApp((s) => s.dialog);
  const gateways = useApp((s) => s.gateways);
  useHotkeys();
  useEffect(() => startSync(client, { onMenu: (action) => runMenuAction(action, client) }), [client]);
  const connectTo = dialog?.kind === 'connect' ? gateways.find((g) => g.name === dialog.gateway) : undefined;

  return (
    <div className="app">
      {/* In Electron the native menu (same model) is the menu bar. */}
      {!nativeMenu && <MenuBar client={client} />}
      <SplitPane className="workspace" orientation="columns" layoutKey="split.panel" unit="px" initial={300} min={220} max={480} client={client}>
        <TradingPanel client={client} />
        <Monitors client={client} />
      </SplitPane>
      <StatusBar />
      {connectTo && <ConnectDialog key={connectTo.name} client={client} gateway={connectTo} />}
      {dialog?.kind === 'about' && <AboutDialog />}
      <Toasts />
    </div>
  );
}
