/**
 * Electron entry (bundled to dist/electron/main.js): starts the engine and wires it to
 * windows, the native menu and IPC. Thin on purpose: security decisions live in
 * shell/security.ts, the IPC transport in shell/ipc-adapter.ts, windows in
 * shell/app-windows.ts, and the engine knows nothing of Electron.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, dialog, ipcMain, Menu, protocol, session, type WebContents } from 'electron';
import { LogLevel } from '../common/constants';
import { buildMenu, type MenuAction } from '../common/menu-model';
import { createEngine, type Engine } from './engine/create-engine';
import { keychainNotice } from './engine/store';
import { createAppProtocolHandler } from './shell/app-protocol';
import { AppWindows } from './shell/app-windows';
import { GatewayMenuState } from './shell/gateway-menu-state';
import { createIpcAdapter, createSenderCheck, forwardEvents, sendEvent, TrustedContents } from './shell/ipc-adapter';
import { REQUEST_CHANNEL } from './shell/ipc-channels';
import { menuTemplate, routeMenuAction } from './shell/menu-template';
import { createQuitGuard } from './shell/quit-guard';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, hardenSession, hardenWebContents, type ViewParams } from './shell/security';

const APP_NAME = 'TS Trader';
/** dist/, the folder this bundle (dist/electron/main.js) sits in. */
const DIST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Both only work before 'ready'.
protocol.registerSchemesAsPrivileged(APP_SCHEME_PRIVILEGES);
app.enableSandbox();

/** Set once the windows exist: opens a view a page asked for with window.open(). */
let openView: ((view: string, params: ViewParams) => void) | undefined;

const messageOf = (error: unknown) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

async function start(): Promise<void> {
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(path.join(DIST_DIR, 'renderer')));

  // Where the native gateway finds counter libraries: bundled, it cannot find native/build
  // relative to its own file. Packaged, electron-builder puts them in <resources>/native.
  process.env.TSTRADER_NATIVE_DIR ??= app.isPackaged ? path.join(process.resourcesPath, 'native') : path.resolve(DIST_DIR, '..', 'native', 'build');
  const engine: Engine = await createEngine({
    builtinGatewaysDir: path.join(DIST_DIR, 'gateways'),
    // A packaged app ships the examples as a resource; unpackaged, they sit in the repository.
    examplesDir: app.isPackaged ? path.join(process.resourcesPath, 'strategies') : path.resolve(DIST_DIR, '..', 'strategies'),
  });
  // Said in the terminal as well as in the window's status bar (app/info's keychain).
  const keychain = keychainNotice(engine.secrets);
  if (keychain) process.stderr.write(keychain);
  const log = (message: string, level = LogLevel.WARNING) => engine.main.log(message, level, '界面');
  app.on('before-quit', createQuitGuard({ close: () => engine.close(), quit: () => app.quit(), onError: (e) => console.error(`TS Trader 退出时关闭引擎出错：${messageOf(e)}`) }));

  const trusted = new TrustedContents<WebContents>();
  const adapter = createIpcAdapter({
    dispatcher: engine.dispatcher,
    isTrustedSender: createSenderCheck(trusted),
    onRefused: (event, name) => log(`已拒绝来自 ${event.senderFrame?.url ?? '已关闭的页面'}（webContents ${event.sender.id}）的请求 ${String(name)}`),
  });
  ipcMain.handle(REQUEST_CHANNEL, (event, name: unknown, args: unknown) => adapter.handleRequest(event, name, args));
  forwardEvents(engine.dispatcher, trusted);

  const windows = new AppWindows({
    appName: APP_NAME,
    preload: path.join(DIST_DIR, 'electron', 'preload.cjs'),
    devTools: !app.isPackaged,
    trusted,
    layout: engine.layout,
    log,
    onMainClosed: () => app.quit(),
  });
  app.on('second-instance', () => windows.focusMain());
  // Views are 查询合约 and the running apps' windows, nothing else.
  const apps = engine.apps.summaries();
  const openApp = (name: string, params?: ViewParams) => {
    const found = apps.find((a) => a.name === name);
    if (found) windows.openApp(found, params);
  };
  openView = (view, params) => {
    if (view === 'contract-query') windows.openContractQuery();
    else openApp(view, params);
  };

  const onAction = (action: MenuAction) =>
    routeMenuAction(action, {
      quit: () => app.quit(),
      openContractQuery: () => windows.openContractQuery(),
      openApp,
      forward: (a) => {
        const win = windows.main;
        if (win) sendEvent(win.webContents, 'menu', a);
      },
    });
  const menuState = new GatewayMenuState(engine.main.gatewayInfos());
  const applyMenu = () =>
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(buildMenu(menuState.list(), apps), { platform: process.platform, appName: APP_NAME, onAction })));
  engine.bus.on('gateway', (info) => {
    if (menuState.update(info)) applyMenu();
  });
  applyMenu();

  windows.openMain();
}

// One instance owns the journal and the counters' sessions; a second launch focuses the first.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Every webContents, including any the app did not mean to create, gets the same handlers.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, (view, params) => openView?.(view, params)));
  // On macOS too: a terminal with no window would keep trading out of sight.
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('TS Trader 启动失败', messageOf(error));
      app.exit(1);
    });
}
