#!/usr/bin/env node
// `npm run dist`: build everything, then package installers with electron-builder and
// build/electron-builder.yml (AppImage + deb, NSIS, dmg; into release/). Extra arguments go
// to electron-builder (e.g. `npm run dist -- --linux deb`).
//
// It refuses, with the reason, rather than produce something untested: when the Electron
// binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD) or when GitHub — where
// electron-builder downloads Electron and its packaging tools — cannot be reached.
//
// `--check` only loads the configuration and validates it against electron-builder's schema.
/* global fetch, AbortSignal -- Node 20 globals the shared eslint config does not list */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildElectron, electronBinary } from './build-electron.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONFIG = path.join(root, 'build', 'electron-builder.yml');
const require = createRequire(import.meta.url);

function fail(zh, en) {
  console.error(`npm run dist: ${zh}\n${en}`);
  process.exit(1);
}

/** Load and validate the configuration as electron-builder itself would. */
async function checkConfig() {
  // app-builder-lib is electron-builder's own library (installed with it); it has no
  // exports map, so these are its public-by-convention modules.
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
  const { DebugLogger } = require('builder-util');
  const config = await getConfig(root, CONFIG, null);
  await validateConfiguration(config, new DebugLogger(false));
  for (const icon of ['512x512.png', '256x256.png']) {
    if (!fs.existsSync(path.join(root, 'build', 'icons', icon))) throw new Error(`build/icons/${icon} missing (node build/make-icon.mjs)`);
  }
  return config;
}

async function githubReachable() {
  try {
    const res = await fetch('https://github.com/electron/electron/releases', { method: 'HEAD', signal: AbortSignal.timeout(8000) });
    return res.status < 500;
  } catch {
    return false;
  }
}

try {
  const config = await checkConfig();
  console.log(`build/electron-builder.yml: valid (${config.appId}, ${config.productName})`);
} catch (error) {
  fail('electron-builder 配置无效', `invalid electron-builder configuration: ${error instanceof Error ? error.message : error}`);
}
if (process.argv.includes('--check')) process.exit(0);

if (!electronBinary(root)) {
  fail(
    'Electron 未安装（安装时设置了 ELECTRON_SKIP_BINARY_DOWNLOAD，或下载失败），无法在打包前运行和验证应用。请在能访问 GitHub 的机器上重新安装：npm ci（不设 ELECTRON_SKIP_BINARY_DOWNLOAD）。',
    'The Electron binary is not installed (ELECTRON_SKIP_BINARY_DOWNLOAD, or its download failed), so the app cannot be run and checked before packaging. Reinstall on a machine that can reach GitHub: npm ci without ELECTRON_SKIP_BINARY_DOWNLOAD.',
  );
}
if (!(await githubReachable())) {
  fail(
    '无法访问 GitHub：electron-builder 需要从 GitHub 下载各平台的 Electron 和打包工具（AppImage、NSIS 等）。',
    'GitHub is unreachable: electron-builder downloads Electron for each target and its packaging tools (AppImage, NSIS, …) from GitHub.',
  );
}

const buildScript = path.join(root, 'scripts', 'build.mjs');
if (!fs.existsSync(buildScript)) fail('scripts/build.mjs 不存在，无法构建界面', 'scripts/build.mjs is missing: the renderer cannot be built');
const { buildRenderer, build } = await import(pathToFileURL(buildScript).href);
await (buildRenderer ?? build)({ root });
await buildElectron({ root });
if (!fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) fail('界面构建没有生成 dist/renderer/index.html', 'the renderer build produced no dist/renderer/index.html');

const bin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder');
const r = spawnSync(bin, ['--config', CONFIG, '--publish', 'never', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
