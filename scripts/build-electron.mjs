#!/usr/bin/env node
// `npm run build:electron`: bundles the main process, the preload and the built-in gateway
// plugins into dist/ with esbuild.
//
//   dist/electron/main.js      ESM, the Electron entry (package.json "main")
//   dist/electron/preload.cjs  CJS, for the sandboxed preload (sandboxed preloads cannot be ESM)
//   dist/bin/tstrader.js       ESM, the `tstrader` CLI (bin/tstrader.mjs runs it when fresh)
//   dist/gateways/<name>/      index.js + manifest.json ("entry": "index.js") + the plugin's other files
//   dist/chunks/               modules shared by main and the gateways
//
// Main and the gateways are ONE build with code splitting, on purpose: a gateway bundled on
// its own would carry its own copy of common/errors, and the engine's `instanceof
// TraderError` would then fail for the gateway's errors (a wrong password would reach the
// trader as CONNECT_FAILED instead of LOGIN_FAILED). Shared chunks keep one copy.
//
// `--check` also loads the built main.js in plain Node with a stub `electron` module, which
// proves every import (chunks, package.json, native externals) resolves, without Electron.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Loaded from node_modules at run time: native addons, and packages with optional native parts. */
export const MAIN_EXTERNALS = ['electron', 'better-sqlite3', 'koffi', '@napi-rs/keyring', 'ws', 'bufferutil', 'utf-8-validate', 'bullmq', 'ioredis', 'esbuild', 'tsx'];

/** Built-in plugins: folders under gateways/ that hold a manifest.json. */
function gatewayPlugins(root) {
  const dir = path.join(root, 'gateways');
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'manifest.json')))
    .map((d) => {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, d.name, 'manifest.json'), 'utf8'));
      if (typeof manifest.entry !== 'string') throw new Error(`gateways/${d.name}/manifest.json: "entry" missing`);
      return { name: d.name, dir: path.join(dir, d.name), manifest };
    });
}

/** Copy a plugin's files other than TypeScript sources (data, native paths, …); the manifest is rewritten. */
function copyAssets(from, to) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const src = path.join(from, entry.name);
    const dst = path.join(to, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      copyAssets(src, dst);
    } else if (entry.isFile() && !/\.(c|m)?tsx?$/.test(entry.name) && entry.name !== 'manifest.json') {
      fs.mkdirSync(to, { recursive: true });
      fs.copyFileSync(src, dst);
    }
  }
}

/** The folders of dist/ this build owns (dist/renderer is the renderer build's). */
const BUILT_FOLDERS = ['chunks', 'gateways', 'electron', 'bin'];

/**
 * Move what was built in `staging` into `finalDir`, file by file, each by one rename over the
 * old file (atomic on one filesystem), then delete the files of the previous build that the
 * new one does not have. A reader never finds a folder missing or a file half written; a
 * file it had found stays if the new build has it too (chunk names are content hashes).
 */
function publish(staging, finalDir, folders) {
  const filesIn = (dir, rel = '') =>
    fs.readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesIn(dir, path.join(rel, e.name)) : [path.join(rel, e.name)]));
  for (const sub of folders) {
    const from = path.join(staging, sub);
    if (!fs.existsSync(from)) continue;
    const to = path.join(finalDir, sub);
    const built = filesIn(from);
    for (const rel of built) {
      fs.mkdirSync(path.dirname(path.join(to, rel)), { recursive: true });
      fs.renameSync(path.join(from, rel), path.join(to, rel));
    }
    const keep = new Set(built);
    for (const rel of filesIn(to)) if (!keep.has(rel)) fs.rmSync(path.join(to, rel), { force: true });
  }
  fs.rmSync(staging, { recursive: true, force: true });
}

/**
 * Build into `outDir` (default <root>/dist). Leaves dist/renderer alone: that is the
 * renderer build's. Returns the paths it wrote.
 */
export async function buildElectron({ root = ROOT, outDir = path.join(root, 'dist'), logLevel = 'warning' } = {}) {
  // Built into a staging folder, then swapped in (publish): a `tstrader` task or an app
  // starting from dist/ while `npm start` rebuilds it must never find the folders half
  // written or deleted. Chunk names are content hashes, so unchanged code keeps its names.
  const finalDir = outDir;
  outDir = path.join(finalDir, `.staging-${process.pid}-${Date.now()}`);
  fs.rmSync(outDir, { recursive: true, force: true });
  const plugins = gatewayPlugins(root);

  const mainBuild = await esbuild.build({
    absWorkingDir: root,
    metafile: true,
    entryPoints: [
      { in: 'electron/main.ts', out: 'electron/main' },
      // The `tstrader` CLI in the same build: it shares the chunks (one copy of common/errors
      // for the gateways' `instanceof`), and bin/tstrader.mjs runs it when it is fresh.
      { in: 'bin/tstrader.ts', out: 'bin/tstrader' },
      ...plugins.map((p) => ({ in: path.join('gateways', p.name, p.manifest.entry), out: `gateways/${p.name}/index` })),
    ],
    outdir: outDir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    chunkNames: 'chunks/[name]-[hash]',
    external: MAIN_EXTERNALS,
    sourcemap: true,
    logLevel,
  });

  await esbuild.build({
    absWorkingDir: root,
    entryPoints: ['electron/preload.ts'],
    outfile: path.join(outDir, 'electron', 'preload.cjs'),
    bundle: true,
    format: 'cjs',
    // A sandboxed preload has no Node: building for the browser makes a stray node: import an error here.
    platform: 'browser',
    target: 'chrome120',
    external: ['electron'],
    sourcemap: true,
    logLevel,
  });

  // Worker threads run prebuilt scripts found beside the module that loads them (compile.ts
  // for strategies and backtests, worker-source.ts for the sweep pool): with code splitting
  // that module may sit in a chunk, so ask the metafile where it went.
  const prebuilt = [
    ['apps/strategy-manager/engine/compile.ts', 'apps/strategy-manager/engine/runtime/worker-main.ts', 'strategy-worker.cjs'],
    ['apps/strategy-manager/engine/compile.ts', 'apps/strategy-manager/engine/backtest/backtest-thread-main.ts', 'backtest-thread.cjs'],
    ['apps/strategy-manager/engine/compile.ts', 'apps/strategy-manager/engine/backtest/source-pool-main.ts', 'backtest-source-pool.cjs'],
    ['electron/engine/backtest/pool/worker-source.ts', 'electron/engine/backtest/pool/pool-worker-main.ts', 'backtest-worker.cjs'],
  ];
  for (const [loader, entry, out] of prebuilt) {
    const homes = Object.entries(mainBuild.metafile.outputs)
      .filter(([file, o]) => file.endsWith('.js') && Object.keys(o.inputs).includes(loader))
      .map(([file]) => path.dirname(path.resolve(root, file)));
    for (const dir of new Set(homes)) {
      await esbuild.build({
        absWorkingDir: root,
        entryPoints: [entry],
        outfile: path.join(dir, out),
        bundle: true,
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        logLevel,
      });
    }
  }

  for (const p of plugins) {
    const dst = path.join(outDir, 'gateways', p.name);
    copyAssets(p.dir, dst);
    fs.writeFileSync(path.join(dst, 'manifest.json'), `${JSON.stringify({ ...p.manifest, entry: 'index.js' }, null, 2)}\n`);
  }

  publish(outDir, finalDir, BUILT_FOLDERS);
  return {
    main: path.join(finalDir, 'electron', 'main.js'),
    preload: path.join(finalDir, 'electron', 'preload.cjs'),
    cli: path.join(finalDir, 'bin', 'tstrader.js'),
    gateways: plugins.map((p) => path.join(finalDir, 'gateways', p.name)),
  };
}

/**
 * Module hooks for the --check run: `electron` resolves to a stub whose app refuses the
 * single-instance lock, so main.js evaluates all its imports, then quits at once.
 */
const STUB_ELECTRON = `
const noop = () => {};
const handler = { get: (_t, key) => (key === 'then' ? undefined : noop) };
const stub = () => new Proxy({}, handler);
export const app = {
  enableSandbox: noop, on: noop, whenReady: () => new Promise(noop), isPackaged: false,
  requestSingleInstanceLock: () => false,
  quit: () => process.stdout.write('TSTRADER_BUNDLE_LOADED\\n'),
  exit: noop,
};
export const protocol = stub(), session = stub(), ipcMain = stub(), Menu = stub(), dialog = stub(), screen = stub(), contextBridge = stub(), ipcRenderer = stub();
export class BrowserWindow {}
export default { app, protocol, session, ipcMain, Menu, dialog, screen, BrowserWindow };
`;
const HOOKS = `
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: 'data:text/javascript,' + encodeURIComponent(${JSON.stringify(STUB_ELECTRON)}), shortCircuit: true };
  return next(specifier, context);
}
`;

/** Load a built main.js in Node with the stub electron; throws with Node's output if it does not get through. */
export function checkMainBundle(mainJs) {
  const register = `import { register } from 'node:module'; register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}));`;
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, mainJs], { encoding: 'utf8', timeout: 30_000 });
  if (!r.stdout.includes('TSTRADER_BUNDLE_LOADED')) {
    throw new Error(`dist/electron/main.js did not load in Node (exit ${r.status}):\n${r.stderr || r.stdout}`);
  }
}

/** Run the built CLI's help in Node; throws with its output if the bundle does not load. */
export function checkCliBundle(cliJs) {
  const r = spawnSync(process.execPath, [cliJs, '-h'], { encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0 || !r.stdout.includes('用法：tstrader')) {
    throw new Error(`dist/bin/tstrader.js did not load in Node (exit ${r.status}):\n${r.stderr || r.stdout}`);
  }
}

/**
 * The Electron executable if it is installed, else undefined. Deliberately not
 * require('electron'): electron's index.js starts a download from GitHub when the binary
 * is missing (ELECTRON_SKIP_BINARY_DOWNLOAD installs), which is what we want to detect.
 */
export function electronBinary(root = ROOT) {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!fs.existsSync(pathFile)) return undefined;
  const relative = fs.readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkg, 'dist');
  const bin = path.join(distDir, relative);
  return fs.existsSync(bin) ? bin : undefined;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const out = await buildElectron();
    console.log(`built ${path.relative(ROOT, out.main)}, ${path.relative(ROOT, out.preload)}, ${out.gateways.map((g) => path.relative(ROOT, g)).join(', ') || 'no gateways'}`);
    if (process.argv.includes('--check')) {
      checkMainBundle(out.main);
      console.log('check: dist/electron/main.js loads in Node (electron stubbed)');
      checkCliBundle(out.cli);
      console.log('check: dist/bin/tstrader.js prints its help');
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
