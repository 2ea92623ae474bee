/**
 * The app's windows: the main window, 查询合约 and one window per app (one of each at a time). Every window is
 * created here with secureWebPreferences and registered as trusted before it loads, so the
 * IPC adapter answers exactly the windows this module made. Needs the Electron runtime;
 * the decisions it relies on (placement, trust, URLs) live in pure modules with tests.
 */
import { BrowserWindow, screen, type BrowserWindowConstructorOptions, type WebContents } from 'electron';
import type { AppSummary } from '../../common/app-model';
import type { TrustedContents } from './ipc-adapter';
import { appPageUrl, secureWebPreferences, type ViewParams } from './security';
import { captureWindowState, MAIN_WINDOW_LIMITS, placeWindow, WINDOW_STATE_KEY, type Rect, type WindowState } from './window-state';

/** Matches the renderer's dark theme, so no white flash shows before the first paint. */
const BACKGROUND = '#1e1e1e';
/** Geometry is saved this long after the last move/resize, and at once on close. */
const SAVE_DELAY_MS = 1000;

export interface AppWindowsOptions {
  appName: string;
  preload: string;
  devTools: boolean;
  trusted: TrustedContents<WebContents>;
  /** the engine's LayoutStore (ui_layout.json) */
  layout: { all(): Record<string, unknown>; set(key: string, value: unknown): void };
  log: (message: string) => void;
  /** the main window is gone: the app quits rather than trade on with no window */
  onMainClosed: () => void;
}

/** Work areas with the primary display first, as placeWindow expects. */
function workAreas(): Rect[] {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map((d) => d.workArea);
}

export class AppWindows {
  private mainWindow: BrowserWindow | undefined;
  /** open tool windows by view name */
  private readonly tools = new Map<string, BrowserWindow>();

  constructor(private readonly opts: AppWindowsOptions) {}

  get main(): BrowserWindow | undefined {
    return this.mainWindow && !this.mainWindow.isDestroyed() ? this.mainWindow : undefined;
  }

  openMain(): BrowserWindow {
    const existing = this.main;
    if (existing) {
      this.focus(existing);
      return existing;
    }
    const place = placeWindow(this.opts.layout.all()[WINDOW_STATE_KEY], workAreas());
    const win = this.create({
      title: this.opts.appName,
      width: place.width,
      height: place.height,
      ...(place.x !== undefined && place.y !== undefined ? { x: place.x, y: place.y } : { center: true }),
      minWidth: MAIN_WINDOW_LIMITS.minWidth,
      minHeight: MAIN_WINDOW_LIMITS.minHeight,
    });
    win.once('ready-to-show', () => {
      if (place.maximized) win.maximize();
      win.show();
    });
    this.keepState(win);
    win.on('closed', () => {
      this.mainWindow = undefined;
      this.opts.onMainClosed();
    });
    this.mainWindow = win;
    this.load(win, appPageUrl());
    return win;
  }

  /** 查询合约: focus the open one, else open it. */
  openContractQuery(): void {
    this.openTool('contract-query', { title: '查询合约', width: 1000, height: 640, minWidth: 600, minHeight: 400 });
  }

  /** An app's window (功能→…), sized as its manifest says: focus the open one, else open it. */
  /** An app's window; `params` (K线图's code) reload it when it is already open. */
  openApp(app: AppSummary, params?: ViewParams): void {
    this.openTool(app.name, { title: app.displayName, ...app.window }, params);
  }

  private openTool(view: string, options: BrowserWindowConstructorOptions, params?: ViewParams): void {
    const open = this.tools.get(view);
    if (open && !open.isDestroyed()) {
      if (params?.code) this.load(open, appPageUrl(view, params));
      this.focus(open);
      return;
    }
    const win = this.create({ ...options, center: true });
    // The native menu belongs to the main window; this one is a tool window.
    win.removeMenu();
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => this.tools.delete(view));
    this.tools.set(view, win);
    this.load(win, appPageUrl(view, params));
  }

  /** A second launch lands here: bring the running window forward. */
  focusMain(): void {
    const win = this.main;
    if (win) this.focus(win);
  }

  private create(options: BrowserWindowConstructorOptions): BrowserWindow {
    const win = new BrowserWindow({
      ...options,
      show: false,
      backgroundColor: BACKGROUND,
      webPreferences: secureWebPreferences({ preload: this.opts.preload, devTools: this.opts.devTools }),
    });
    // Trusted from before its first load; forgotten by id, since a destroyed webContents has none to ask.
    const contents = win.webContents;
    const id = contents.id;
    this.opts.trusted.add(contents);
    contents.once('destroyed', () => this.opts.trusted.remove(id));
    contents.on('render-process-gone', (_event, details) => this.opts.log(`窗口“${options.title ?? ''}”的渲染进程退出：${details.reason}`));
    return win;
  }

  private load(win: BrowserWindow, url: string): void {
    win.loadURL(url).catch((error: unknown) => this.opts.log(`窗口加载失败（${url}）：${error instanceof Error ? error.message : String(error)}`));
  }

  private focus(win: BrowserWindow): void {
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  }

  private keepState(win: BrowserWindow): void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const save = () => {
      clearTimeout(timer);
      timer = undefined;
      if (win.isDestroyed()) return;
      const state: WindowState = captureWindowState(win);
      try {
        this.opts.layout.set(WINDOW_STATE_KEY, state);
      } catch (error) {
        this.opts.log(`保存窗口位置失败：${error instanceof Error ? error.message : String(error)}`);
      }
    };
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(save, SAVE_DELAY_MS);
    };
    win.on('resize', later);
    win.on('move', later);
    win.on('maximize', later);
    win.on('unmaximize', later);
    win.on('close', save);
  }
}
