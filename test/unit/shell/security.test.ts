import type { Session, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  appPageUrl,
  appViewOf,
  CONTENT_SECURITY_POLICY,
  hardenSession,
  hardenWebContents,
  isAppUrl,
  isNavigationAllowed,
  secureWebPreferences,
  SECURITY_HEADERS,
} from '../../../electron/shell/security';

const directives = () => new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

describe('secure webPreferences', () => {
  const prefs = secureWebPreferences({ preload: '/app/dist/electron/preload.cjs', devTools: false });

  it('isolates and sandboxes the renderer with no Node', () => {
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.sandbox).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and webview, spellcheck and insecure content off', () => {
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.spellcheck).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
  });

  it('uses the given preload and DevTools setting', () => {
    expect(prefs.preload).toBe('/app/dist/electron/preload.cjs');
    expect(prefs.devTools).toBe(false);
    expect(secureWebPreferences({ preload: 'p', devTools: true }).devTools).toBe(true);
  });
});

describe('Content Security Policy', () => {
  it("starts from default-src 'none'", () => {
    expect(CONTENT_SECURITY_POLICY.startsWith("default-src 'none';")).toBe(true);
  });

  it("allows scripts from 'self' only: no eval, no inline, no other source", () => {
    expect(directives().get('script-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/\*/);
  });

  it('has exactly the agreed directives', () => {
    expect(Object.fromEntries(directives())).toEqual({
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'style-src': ["'self'", "'unsafe-inline'"],
      'connect-src': ["'self'"],
      'img-src': ["'self'", 'data:'],
      'font-src': ["'self'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'frame-ancestors': ["'none'"],
    });
  });

  it('is sent as a header with nosniff', () => {
    expect(SECURITY_HEADERS['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(SECURITY_HEADERS['X-Content-Type-Options']).toBe('nosniff');
  });
});

describe('app scheme', () => {
  it('is standard and secure and bypasses nothing', () => {
    expect(APP_SCHEME_PRIVILEGES).toHaveLength(1);
    const p = APP_SCHEME_PRIVILEGES[0]!.privileges ?? {};
    expect(p.standard).toBe(true);
    expect(p.secure).toBe(true);
    expect(p.bypassCSP ?? false).toBe(false);
    expect(p.allowServiceWorkers ?? false).toBe(false);
    expect(p.corsEnabled ?? false).toBe(false);
  });

  it('builds page URLs on our origin', () => {
    expect(appPageUrl()).toBe(`${APP_ORIGIN}/index.html`);
    expect(appPageUrl('contract-query')).toBe('app://tstrader/index.html?view=contract-query');
    expect(isAppUrl(appPageUrl('contract-query'))).toBe(true);
  });
});

describe('appViewOf', () => {
  it('reads the view of our own page only', () => {
    expect(appViewOf('app://tstrader/index.html?view=contract-query')).toBe('contract-query');
    expect(appViewOf('app://tstrader/?view=contract-query')).toBe('contract-query');
    expect(appViewOf('app://tstrader/index.html')).toBeUndefined();
    expect(appViewOf('app://tstrader/app.js?view=contract-query')).toBeUndefined();
    expect(appViewOf('app://tstrader.evil/index.html?view=contract-query')).toBeUndefined();
    expect(appViewOf('http://127.0.0.1:8080/index.html?view=contract-query')).toBeUndefined();
  });
});

describe('isAppUrl / navigation', () => {
  it.each(['app://tstrader/index.html', 'app://tstrader/', 'app://tstrader/index.html?view=contract-query#x'])('accepts %s', (url) => {
    expect(isAppUrl(url)).toBe(true);
    expect(isNavigationAllowed(url)).toBe(true);
  });

  it.each([
    'https://example.com/',
    'http://127.0.0.1:8080/',
    'file:///opt/tstrader/dist/renderer/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'app://tstrader.evil/index.html',
    'app://evil.tstrader/index.html',
    'app://tstrader@evil/index.html',
    'app://user:pw@tstrader/index.html',
    'app://tstrader:8080/index.html',
    'app://evil/tstrader/index.html',
    'https://tstrader/index.html',
    'about:blank',
    'app:tstrader/index.html',
    // Chromium lower-cases a standard scheme's host, so a URL it produced never looks like this.
    'app://TSTRADER/index.html',
    '',
    'not a url',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false);
    expect(isNavigationAllowed(url)).toBe(false);
  });
});

type Listener = (event: { url?: string; preventDefault(): void }) => void;

function fakeContents(openView?: (view: string) => void) {
  const listeners = new Map<string, Listener>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on(name: string, listener: Listener) {
      listeners.set(name, listener);
      return contents;
    },
    setWindowOpenHandler(h: (details: { url: string }) => { action: string }) {
      openHandler = h;
    },
  };
  hardenWebContents(contents as unknown as WebContents, openView);
  return {
    /** true when the handler cancelled the event */
    prevented(name: string, url?: string): boolean {
      let prevented = false;
      const listener = listeners.get(name);
      if (!listener) throw new Error(`no ${name} handler`);
      listener({ url, preventDefault: () => (prevented = true) });
      return prevented;
    },
    open: (url: string) => openHandler?.({ url }),
  };
}

describe('hardenWebContents', () => {
  it.each(['will-navigate', 'will-frame-navigate', 'will-redirect'])('%s: foreign URLs are cancelled, our pages are not', (name) => {
    const c = fakeContents();
    expect(c.prevented(name, 'https://evil.example/')).toBe(true);
    expect(c.prevented(name, 'file:///etc/passwd')).toBe(true);
    expect(c.prevented(name, 'app://tstrader.evil/')).toBe(true);
    expect(c.prevented(name, 'app://tstrader/index.html')).toBe(false);
  });

  it('refuses <webview>', () => {
    expect(fakeContents().prevented('will-attach-webview')).toBe(true);
  });

  it('denies every new window, even to our own origin', () => {
    const c = fakeContents();
    expect(c.open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(c.open('app://tstrader/index.html')).toEqual({ action: 'deny' });
    expect(c.open('app://tstrader/index.html?view=contract-query')).toEqual({ action: 'deny' });
  });

  it('hands a window.open of one of our views to the main process instead', () => {
    const views: string[] = [];
    const c = fakeContents((view) => views.push(view));
    expect(c.open('app://tstrader/index.html?view=contract-query')).toEqual({ action: 'deny' });
    expect(c.open('app://tstrader.evil/index.html?view=contract-query')).toEqual({ action: 'deny' });
    expect(c.open('https://evil.example/index.html?view=contract-query')).toEqual({ action: 'deny' });
    expect(c.open('app://tstrader/other.html?view=contract-query')).toEqual({ action: 'deny' });
    expect(c.open('app://tstrader/index.html')).toEqual({ action: 'deny' });
    expect(views).toEqual(['contract-query']);
  });
});

describe('hardenSession', () => {
  it('refuses permission requests and checks', () => {
    let request: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: ((wc: unknown, permission: string) => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (h: typeof request) => (request = h),
      setPermissionCheckHandler: (h: typeof check) => (check = h),
    };
    hardenSession(session as unknown as Session);
    for (const permission of ['media', 'notifications', 'geolocation', 'openExternal', 'clipboard-read']) {
      const answers: boolean[] = [];
      request?.({}, permission, (granted) => answers.push(granted));
      expect(answers).toEqual([false]);
      expect(check?.({}, permission)).toBe(false);
    }
  });
});
