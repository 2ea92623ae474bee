/**
 * Chart library choice (`npm run bench:charts`): each candidate is bundled by esbuild with
 * the renderer's settings (ESM, browser, chrome120, minified) together with a small adapter
 * (bench/chart-libs/<library>.ts), served from 127.0.0.1 under the app's own CSP (no eval,
 * no inline script), and measured in Debian's Chromium, headless, as the E2E tests run it:
 * first draw of 100,000 candles with volume, frames per second while panning, and the cost
 * of the last bar changing 20 times a second (bench/chart-libs/page-harness.ts). Each
 * library runs `--runs` times in a fresh page; one JSON line per library with the medians,
 * and CSP violations if any. Options: --runs N --only NAME --candles N (default 100,000).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import { median } from './stats';

interface BenchGlobals {
  __benchResult?: unknown;
  __benchError?: string;
  __cspViolations?: string[];
}

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const LIBRARIES = ['lightweight-charts', 'klinecharts', 'echarts'] as const;
// The headless host's CSP (electron/engine/bridge/ws-server.ts).
const CSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, only: { type: 'string' }, candles: { type: 'string', default: '100000' } } });
const RUNS = Number(values.runs);
const CANDLES = Number(values.candles);
const chosen = LIBRARIES.filter((l) => !values.only || l === values.only);

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'tstrader-bench-charts-'));
const sizes: Record<string, number> = {};
for (const lib of chosen) {
  await esbuild.build({
    entryPoints: { [lib]: path.join(ROOT, 'bench/chart-libs', `${lib}.ts`) },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120'],
    minify: true,
    outdir: out,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  sizes[lib] = fs.statSync(path.join(out, `${lib}.js`)).size;
}

const page = (lib: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${lib}</title><link rel="stylesheet" href="/page.css"></head>` +
  `<body><div id="chart"></div><script type="module" src="/${lib}.js"></script></body></html>`;
const css = 'html,body{margin:0;height:100%;background:#fff}#chart{width:1200px;height:700px}';

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const headers = { 'Content-Security-Policy': CSP, 'Cache-Control': 'no-store' };
  const name = url.pathname.slice(1);
  if (url.pathname === '/page.css') {
    res.writeHead(200, { ...headers, 'content-type': 'text/css' });
    return res.end(css);
  }
  if (name.endsWith('.html') && chosen.includes(name.slice(0, -5) as (typeof LIBRARIES)[number])) {
    res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' });
    return res.end(page(name.slice(0, -5)));
  }
  if (name.endsWith('.js') && chosen.includes(name.slice(0, -3) as (typeof LIBRARIES)[number])) {
    res.writeHead(200, { ...headers, 'content-type': 'text/javascript' });
    return res.end(fs.readFileSync(path.join(out, name)));
  }
  res.writeHead(404, headers);
  res.end();
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const lib of chosen) {
    const runs: Record<string, number>[] = [];
    const csp: string[] = [];
    const errors: string[] = [];
    for (let r = 0; r < RUNS; r++) {
      const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const p = await ctx.newPage();
      p.on('pageerror', (e) => errors.push(e.message));
      await p.goto(`${base}/${lib}.html?n=${CANDLES}`);
      // These run in the page, whose globals page-harness.ts sets.
      await p.waitForFunction(() => (globalThis as BenchGlobals).__benchResult !== undefined || (globalThis as BenchGlobals).__benchError !== undefined, undefined, { timeout: 180_000, polling: 200 });
      const { result, error, violations } = await p.evaluate(() => {
        const g = globalThis as BenchGlobals;
        return { result: g.__benchResult, error: g.__benchError, violations: g.__cspViolations ?? [] };
      });
      if (error) errors.push(error);
      if (result) runs.push(result as Record<string, number>);
      csp.push(...violations);
      if (r === 0) {
        fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
        await p.screenshot({ path: path.join(ROOT, 'test-results', `chart-${lib}.png`) });
      }
      await ctx.close();
    }
    const med = (k: string) => (runs.length ? Math.round(median(runs.map((x) => x[k]!)) * 100) / 100 : null);
    console.log(
      JSON.stringify({
        bench: 'chart-libs',
        library: lib,
        version: runs[0]?.version ?? null,
        candles: runs[0]?.candles ?? null,
        bundle_kb: Math.round(sizes[lib]! / 1024),
        runs: runs.length,
        first_draw_ms: med('first_draw_ms'),
        pan_fps: med('pan_fps'),
        pan_longest_frame_ms: med('pan_longest_frame_ms'),
        live_update_ms_median: med('live_update_ms_median'),
        live_update_ms_p95: med('live_update_ms_p95'),
        live_fps: med('live_fps'),
        csp_violations: [...new Set(csp)],
        errors: [...new Set(errors)].slice(0, 3),
      }),
    );
  }
} finally {
  await browser.close();
  server.close();
  fs.rmSync(out, { recursive: true, force: true });
}
