#!/usr/bin/env node
// `npm start`: build the renderer and the Electron bundles, then run the desktop app. When
// the Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD, no GitHub access),
// run the same engine headless and open the UI in a browser instead. Either way the SIM
// gateway is there to connect to.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildElectron, electronBinary } from './build-electron.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rendererDir = path.join(root, 'dist', 'renderer');

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
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
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

function startHeadless() {
  console.log(
    'Electron 未安装（ELECTRON_SKIP_BINARY_DOWNLOAD）：以浏览器模式启动，引擎在本机运行，界面在浏览器中打开。\n' +
      'Electron is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD): starting in browser mode — the same engine, headless, with the UI in your browser.',
  );
  const args = [path.join(root, 'electron', 'host.ts'), ...(fs.existsSync(rendererDir) ? ['--static', rendererDir] : [])];
  const tsx = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
  const child = spawn(tsx, args, { cwd: root, stdio: ['inherit', 'pipe', 'inherit'] });
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
}

const electron = electronBinary(root);
if (electron) {
  // The app folder, not main.js: Electron then takes name and version from package.json.
  supervise(spawn(electron, [root], { cwd: root, stdio: 'inherit' }));
} else {
  startHeadless();
}
