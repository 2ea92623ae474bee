/**
 * Security in one place (docs/architecture.md, "Security"): the app's origin and URL checks, the Content
 * Security Policy, every window's webPreferences, and the handlers that refuse navigation,
 * new windows, <webview> and permission requests. main.ts wires these; nothing else in the
 * shell decides what is trusted. Only `electron` *types* are imported so this runs in tests.
 */
import type { CustomScheme, Session, WebContents, WebPreferences } from 'electron';

/** The renderer is served from app://tstrader/… (see app-protocol.ts), never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tstrader';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/**
 * `standard` gives the scheme an origin (so 'self', relative URLs and storage work) and
 * `secure` makes it a secure context. Nothing else: no CSP bypass, no service workers, no
 * fetch/CORS — the renderer talks to the engine only through the preload's IPC transport.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme[] = [
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, codeCache: true } },
];

/**
 * default-src 'none' first so anything not listed is refused; scripts only from our own
 * files (no 'unsafe-eval', no 'unsafe-inline'); inline styles are allowed because ag-grid
 * injects <style> at runtime. Same directives as the headless host's HTTP server.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers sent with every app:// response. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * True only for URLs of our own origin. Parsed with `new URL()` so look-alikes such as
 * app://tstrader.evil/, app://tstrader@evil/ or file:///…/tstrader fail, as they would not
 * with a substring or prefix test.
 */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.hostname === APP_HOST && url.port === '' && url.username === '' && url.password === '';
}

/** The URL a window loads for a view of the one renderer page (main window: no view). */
export function appPageUrl(view?: string, params: ViewParams = {}): string {
  const url = new URL(`${APP_ORIGIN}/index.html`);
  if (view) url.searchParams.set('view', view);
  if (params.code) url.searchParams.set('code', params.code);
  return url.href;
}

/** What a view's address may carry besides its name: the code K线图 opens on. */
export interface ViewParams {
  code?: string;
}

/** A view's parameters from a window.open() address; only known ones, and a code only in a code's characters. */
export function viewParamsOf(url: string): ViewParams {
  if (!isAppUrl(url)) return {};
  const code = new URL(url).searchParams.get('code');
  return code && /^[A-Za-z0-9._-]{1,32}$/.test(code) ? { code } : {};
}

export interface WindowSecurityOptions {
  /** absolute path of the bundled preload (dist/electron/preload.cjs) */
  preload: string;
  /** DevTools only while developing: a packaged terminal should not offer a console */
  devTools: boolean;
}

/** webPreferences for every BrowserWindow the app creates. */
export function secureWebPreferences(opts: WindowSecurityOptions): WebPreferences {
  return {
    preload: opts.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools: opts.devTools,
  };
}

/**
 * The view a window.open() of our own page asks for (index.html?view=contract-query), else
 * undefined. The renderer opens 查询合约 that way in browser mode; in Electron the request
 * is refused and the main process opens its own window for that view instead.
 */
export function appViewOf(url: string): string | undefined {
  if (!isAppUrl(url)) return undefined;
  const u = new URL(url);
  if (u.pathname !== '/' && u.pathname !== '/index.html') return undefined;
  return u.searchParams.get('view') ?? undefined;
}

/** Navigation may only stay inside our own pages; a link or script cannot take a window elsewhere. */
export function isNavigationAllowed(url: string): boolean {
  return isAppUrl(url);
}

/**
 * Route every navigation and new-window request of a webContents through the checks above
 * (Signal's single handler). Called for every webContents the app ever gets, from
 * app.on('web-contents-created'), so no window can be missed. `openView` opens one of the
 * app's own views (e.g. 'contract-query') as a main-process window.
 */
export function hardenWebContents(contents: WebContents, openView?: (view: string, params: ViewParams) => void): void {
  contents.on('will-navigate', (event) => {
    if (!isNavigationAllowed(event.url)) event.preventDefault();
  });
  // will-navigate reports the main frame only; this one reports every frame.
  contents.on('will-frame-navigate', (event) => {
    if (!isNavigationAllowed(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isNavigationAllowed(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  // Chromium never creates a window: a request for one of our views is handed to the main
  // process, which opens it with these same preferences; anything else is dropped.
  contents.setWindowOpenHandler(({ url }) => {
    const view = appViewOf(url);
    if (view !== undefined) openView?.(view, viewParamsOf(url));
    return { action: 'deny' };
  });
}

/** A trading terminal needs no camera, notifications, geolocation, …: refuse them all. */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
