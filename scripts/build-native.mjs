#!/usr/bin/env node
// Builds the native counters with the system compiler (native/Makefile; no node-gyp) into
// native/build/: the simulated counter the NATIVE gateway loads by default, and the broken
// fixture libraries its tests load. Vendor adapters (native/adapters/<vendor>/) are built
// only where their SDK is installed, named by an environment variable; otherwise skipped
// with a line saying so.
//
//   node scripts/build-native.mjs            install/build: no compiler → a clear message, exit 0
//   node scripts/build-native.mjs --strict   tests/CI: any failure → exit 1
//
// Without a compiler the app still installs and runs; the NATIVE gateway then reports
// "动态库未构建" at connect.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nativeDir = path.join(root, 'native');
const strict = process.argv.includes('--strict');
const quiet = process.argv.includes('--quiet');

/** Vendor adapters: where their sources would live and which variable names the SDK. */
const ADAPTERS = [
  { vendor: 'CTP', dir: 'adapters/ctp', env: 'CTP_SDK_DIR' },
  { vendor: 'XTP', dir: 'adapters/xtp', env: 'XTP_SDK_DIR' },
];

const say = (line) => {
  if (!quiet) console.log(`[build-native] ${line}`);
};

function fail(message) {
  console.error(`[build-native] ${message}`);
  process.exit(strict ? 1 : 0);
}

function has(cmd, args = ['--version']) {
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

if (process.platform === 'win32') {
  fail('Windows 上暂不支持自动构建原生柜台（需要 make 与 C 编译器）；原生柜台接口将报告“动态库未构建”。');
}
const cc = process.env.CC || (has('cc') ? 'cc' : has('gcc') ? 'gcc' : has('clang') ? 'clang' : '');
if (!cc) {
  fail('未找到 C 编译器（cc/gcc/clang），跳过原生柜台构建。安装 build-essential（Debian/Ubuntu）或 Xcode Command Line Tools 后重新运行 node scripts/build-native.mjs。');
}
if (!has('make')) {
  fail('未找到 make，跳过原生柜台构建。安装 make 后重新运行 node scripts/build-native.mjs。');
}

const r = spawnSync('make', ['-C', nativeDir, '--no-print-directory', `CC=${cc}`, 'lib', 'fixtures'], {
  stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
});
if (r.error || r.status !== 0) fail(`原生柜台构建失败（make 退出码 ${r.status ?? r.error?.message}）。`);
say(`已构建 ${path.relative(root, path.join(nativeDir, 'build'))}/`);

for (const a of ADAPTERS) {
  const sdk = process.env[a.env];
  const src = path.join(nativeDir, a.dir);
  if (!sdk) {
    say(`跳过 ${a.vendor} 适配器：未设置 ${a.env}（厂商 SDK 目录）。`);
  } else if (!fs.existsSync(path.join(src, 'Makefile'))) {
    say(`跳过 ${a.vendor} 适配器：${a.env}=${sdk}，但本仓库尚无 ${path.relative(root, src)}/（编写方法见 native/README.md）。`);
  } else {
    const b = spawnSync('make', ['-C', src, '--no-print-directory', `SDK_DIR=${path.resolve(sdk)}`, `BUILD=${path.join(nativeDir, 'build')}`, 'lib'], {
      stdio: quiet ? ['ignore', 'ignore', 'inherit'] : 'inherit',
    });
    if (b.error || b.status !== 0) fail(`${a.vendor} 适配器构建失败。`);
    say(`已构建 ${a.vendor} 适配器。`);
  }
}
