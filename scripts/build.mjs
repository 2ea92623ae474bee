#!/usr/bin/env node
// Builds the renderer with esbuild into dist/renderer (index.html, app.js, app.css).
// `node scripts/build.mjs` or import { build } for other scripts (start, dist, tests).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { agGridReactFix } from './ag-grid-react-fix.mjs';

const defaultRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildRenderer({ root = defaultRoot, minify = true, production = true } = {}) {
  const out = path.join(root, 'dist', 'renderer');
  fs.mkdirSync(out, { recursive: true });
  await esbuild.build({
    entryPoints: { app: path.join(root, 'renderer', 'src', 'main.tsx') },
    bundle: true,
    outdir: out,
    format: 'esm',
    platform: 'browser',
    target: ['chrome120'],
    jsx: 'automatic',
    minify,
    sourcemap: true,
    legalComments: 'linked',
    define: { 'process.env.NODE_ENV': JSON.stringify(production ? 'production' : 'development') },
    logLevel: 'warning',
    // AG Grid's React layer leaks an update per redraw per empty container (see the plugin).
    plugins: [agGridReactFix],
  });
  fs.copyFileSync(path.join(root, 'renderer', 'index.html'), path.join(out, 'index.html'));
  return out;
}

/** Everything `npm start` and the tests need: the renderer, and the Electron bundles when that script exists. */
export async function build({ root = defaultRoot } = {}) {
  const renderer = await buildRenderer({ root });
  const electronScript = path.join(root, 'scripts', 'build-electron.mjs');
  if (fs.existsSync(electronScript)) {
    const { buildElectron } = await import(pathToFileURL(electronScript).href);
    await buildElectron({ root, outDir: path.join(root, 'dist') });
  }
  return renderer;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  await build();
  console.log(`built dist/ in ${Date.now() - t0} ms`);
}
