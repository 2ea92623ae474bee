#!/usr/bin/env node
// `npm start`: build the renderer and the Electron bundles, then run the desktop app. Electron
// 45 fetches its binary on first use, not at install: we fetch it here unless
// ELECTRON_SKIP_BINARY_DOWNLOAD is set. When there is no binary (skipped, or GitHub out of
// reach), or with --browser or --port N, run the same engine headless and open the UI in a
// browser instead; --port N (or TSTRADER_PORT) fixes the port, and the host then keeps its
// token, so the address can be bookmarked. Either way the SIM gateway is there to connect to.
//
// Nothing we start outlives us: esbuild's service is stopped once the build is done, signals
// (Ctrl+C, a closed terminal) are passed on, and the headless host watches its stdin, a pipe
// from us, so it stops even when we are killed outright.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { buildElectron, electronBinary } from './build-electron.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rendererDir = path.join(root, 'dist', 'renderer');

let options;
try {
  ({ values: options } = parseArgs({ options: { browser: { type: 'boolean', default: false }, port: { type: 'string' } }, strict: true }));
} catch (error) {
  console.error(`${error.message}\n用法 / usage: npm start [-- --browser] [-- --port N]`);
  process.exit(2);
}
const port = options.port ?? process.env.TSTRADER_PORT;

/** The lead's renderer build, when it exists yet. */
async function buildRenderer() {
  const script = path.join(root, 'scripts', 'build.mjs');
  if (!fs.existsSync(script)) {
    console.log('scripts/build.mjs 尚不存在，跳过界面构建 / scripts/build.mjs not found yet: skipping the renderer build');
    return;
  }
  // buildRenderer when it is exported: build() would also build Electron, which we do next.
  const { buildRenderer, build } = await import(pathToFileURL(script).href);
  await (buildRenderer ?? build)({ root });
}

/** A child that ends the way we end: its exit code becomes ours, our signals become its. */
function supervise(child) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (error) => {
    console.error(error.message);
    process.exit(1);
  });
}

/** Open a URL in the desktop's browser, if there is a desktop. */
function openInBrowser(url) {
  const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (!hasDisplay) {
    console.log(`没有图形显示，请在浏览器中打开上面的地址 / no display: open the URL above in a browser`);
    return;
  }
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const opener = spawn(cmd, args, { stdio: 'ignore', detached: true });
  opener.on('error', (error) => console.log(`无法打开浏览器（${error.message}），请手动打开上面的地址 / could not open a browser: open the URL above`));
  opener.unref();
}

/**
 * The Electron binary, fetched now if it is missing (Electron 45 no longer downloads it at
 * install), or why there is none.
 */
function findOrFetchElectron() {
  const found = electronBinary(root);
  if (found) return { binary: found };
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { why: ['Electron 未安装（ELECTRON_SKIP_BINARY_DOWNLOAD）', 'Electron is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD)'] };
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!fs.existsSync(installer)) return { why: ['没有 electron 包（npm install 未完成？）', 'the electron package is missing (did npm install finish?)'] };
  console.log('正在下载 Electron（仅首次）… / downloading Electron (first start only)…');
  const fetched = spawnSync(process.execPath, [installer], { cwd: root, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
  const binary = electronBinary(root);
  if (fetched.status === 0 && binary) return { binary };
  const reason = (fetched.stderr ?? '').split('\n').find((l) => l.trim()) ?? `退出码 ${fetched.status}`;
  return { why: [`Electron 下载失败（${reason.trim()}）`, 'the Electron download failed (no access to GitHub?)'] };
}

function startHeadless(why) {
  const [zh, en] = why ?? ['按要求', 'as asked (--browser / --port)'];
  console.log(
    `${zh}：以浏览器模式启动，引擎在本机运行，界面在浏览器中打开。\n` +
      `${en}: starting in browser mode — the same engine, headless, with the UI in your browser.`,
  );
  const args = [path.join(root, 'electron', 'host.ts'), '--exit-with-stdin', ...(port ? ['--port', port] : []), ...(fs.existsSync(rendererDir) ? ['--static', rendererDir] : [])];
  const tsx = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
  // stdin a pipe we never write to: when we end, however we end, the host sees it close.
  const child = spawn(tsx, args, { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  supervise(child);
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    console.log(line);
    if (line.startsWith('TSTRADER_URL=')) openInBrowser(line.slice('TSTRADER_URL='.length));
  });
}

try {
  await buildRenderer();
  await buildElectron({ root });
} catch (error) {
  console.error(`构建失败 / build failed: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
} finally {
  // The build is done: esbuild's service process would otherwise idle beside the app.
  await esbuild.stop();
}

const browserMode = options.browser || port !== undefined;
const electron = browserMode ? {} : findOrFetchElectron();
if (electron.binary) {
  // The app folder, not main.js: Electron then takes name and version from package.json.
  supervise(spawn(electron.binary, [root], { cwd: root, stdio: 'inherit' }));
} else {
  startHeadless(electron.why);
}
