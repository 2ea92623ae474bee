/**
 * E2E harness: the real headless host (`tsx electron/host.ts`) serving the built renderer,
 * driven by Debian's Chromium through playwright-core. Screenshots go to test-results/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterEach } from 'vitest';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The recent output of each live host and the console of each page, printed when a test
 * fails: a CI run's failure then says what the host and the page were doing (a host that
 * stopped answering, a bridge that never sent its snapshot), not only which wait timed out.
 */
interface OutputTail {
  label: string;
  lines: string[];
}
const TAIL_LINES = 80;
const tails = new Set<OutputTail>();

function openTail(label: string): OutputTail {
  const t = { label, lines: [] };
  tails.add(t);
  return t;
}

function record(t: OutputTail, text: string): void {
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    t.lines.push(line.replace(/token=[0-9a-f]+/g, 'token=…'));
    if (t.lines.length > TAIL_LINES) t.lines.shift();
  }
}

// Registered on the suite of every test file that imports the harness.
afterEach((ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const t of tails) {
    if (!t.lines.length) continue;
    console.error(`── ${t.label}: last ${t.lines.length} lines before “${ctx.task.name}” failed ──\n${t.lines.join('\n')}`);
    t.lines.length = 0;
  }
});

export interface Host {
  url: string;
  dir: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Build the renderer unless a build newer than every renderer source is already there. */
export async function ensureRendererBuilt(): Promise<void> {
  const index = path.join(ROOT, 'dist/renderer/app.js');
  const newest = (dir: string): number =>
    fs.readdirSync(dir, { withFileTypes: true, recursive: true }).reduce((m, e) => (e.isFile() ? Math.max(m, fs.statSync(path.join(e.parentPath, e.name)).mtimeMs) : m), 0);
  // The renderer bundle holds renderer/, common/ and the apps' views and contracts.
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs > Math.max(...['renderer', 'common', 'apps'].map((d) => newest(path.join(ROOT, d))))) return;
  const { buildRenderer } = (await import(path.join(ROOT, 'scripts/build.mjs'))) as { buildRenderer(o: { root: string }): Promise<string> };
  await buildRenderer({ root: ROOT });
}

export async function startHost(env: Record<string, string> = {}): Promise<Host> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tstrader-e2e-'));
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['electron/host.ts', '--port', '0', '--static', 'dist/renderer'], {
    cwd: ROOT,
    // Each profile its own keychain service (a restarted host finds its own entries): one test
    // file's saved token or password is never another's starting state, whichever order the files run in.
    env: { ...process.env, VNTRADER_DIR: dir, TSTRADER_KEYRING_SERVICE: `tstrader-e2e-${path.basename(env.VNTRADER_DIR ?? dir)}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const tail = openTail(`host ${path.basename(env.VNTRADER_DIR ?? dir)} (pid ${child.pid})`);
  child.stdout!.on('data', (c: Buffer) => record(tail, c.toString()));
  child.stderr!.on('data', (c: Buffer) => record(tail, c.toString()));
  child.on('exit', (code, signal) => {
    record(tail, `[host exited: code ${code}, signal ${signal}]`);
    // A host stopped by its test says nothing more; one that died unasked is worth its lines.
    if (signal === 'SIGTERM') tails.delete(tail);
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start: ${out}`)), 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^TSTRADER_URL=(.+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.trim());
      }
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code) => reject(new Error(`host exited ${code}: ${out}`)));
  });
  return {
    url,
    dir,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // As root in a container; no background traffic on a closed network.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, `${name}.png`) });
}

/** Errors the page throws or logs, added to `errors` (a popup's go in with its opener's): an E2E run must end with none. */
export function collectPageErrors(page: Page, errors: string[] = []): string[] {
  const tail = openTail(`page ${page.url() || '(new)'}`);
  page.on('close', () => tails.delete(tail));
  page.on('pageerror', (e) => {
    errors.push(e.message);
    record(tail, `[pageerror] ${e.message}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
    record(tail, `[${m.type()}] ${m.text()}`);
  });
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) tail.label = `page ${f.url().replace(/token=[0-9a-f]+/, 'token=…')}`;
  });
  page.on('websocket', (ws) => {
    ws.on('close', () => record(tail, '[websocket closed]'));
    ws.on('socketerror', (e) => record(tail, `[websocket error] ${e}`));
  });
  return errors;
}

/** The text of one cell: ag-grid marks rows with row-id and cells with col-id. */
export function cell(page: Page, grid: string, rowId: string, colId: string) {
  return page.locator(`[data-grid="${grid}"] .ag-row[row-id="${rowId}"] [col-id="${colId}"]`);
}

export interface AppSession {
  host: Host;
  browser: Browser;
  page: Page;
  /** page errors of the main page (push a popup's errors in with collectPageErrors) */
  errors: string[];
  close(): Promise<void>;
}

/** Open the window behind a menu entry (功能's apps, 帮助→查询合约) of the main window; its page errors go into `errors`. */
export async function openMenuWindow(main: Page, menu: 'tools' | 'help', entry: string, errors: string[]): Promise<Page> {
  await main.click(`[data-menu="${menu}"]`);
  const [popup] = await Promise.all([main.waitForEvent('popup'), main.click(`[data-menu-id="${entry}"]`)]);
  collectPageErrors(popup, errors);
  return popup;
}

/** Build if needed, start a host, open the main window in Chromium and wait for its menu bar. */
export async function openApp(opts: { env?: Record<string, string>; width?: number; height?: number } = {}): Promise<AppSession> {
  await ensureRendererBuilt();
  const host = await startHost(opts.env);
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 } });
  const errors = collectPageErrors(page);
  await page.goto(host.url);
  await page.waitForSelector('[data-menu="system"]');
  return {
    host,
    browser,
    page,
    errors,
    async close() {
      await browser.close();
      await host.stop();
    },
  };
}
