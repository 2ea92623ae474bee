/**
 * Where the CTP tests find LocalCTP (an offline CTP trader library, built as an SDK by its
 * build.sh — .ci/run does it) and the adapter built against it, or why they cannot run.
 *
 * CTP_SDK_DIR names the SDK: include/, lib/libthosttraderapi_se.so, and LocalCTP's
 * instrument.csv (the build copies it there). The adapter's test build (with the snapshot hook)
 * is built from it by scripts/build-native.mjs into native/build/test/.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../unit/native/native-harness';

export type LocalCtp =
  | { ready: true; sdk: string; traderLibrary: string; instrumentsCsv: string; adapter: string }
  | { ready: false; reason: string };

const so = process.platform === 'darwin' ? 'dylib' : 'so';

/** The SDK and the adapter's test build (built here if need be), or the reason they are missing. */
export function findLocalCtp(): LocalCtp {
  const sdk = process.env.CTP_SDK_DIR;
  if (!sdk) return { ready: false, reason: '未设置 CTP_SDK_DIR（LocalCTP 构建的 SDK 目录；.ci/run 会构建它，见 docs/ctp.md）' };
  const traderLibrary = path.join(sdk, 'lib', `libthosttraderapi_se.${so}`);
  const instrumentsCsv = path.join(sdk, 'instrument.csv');
  for (const f of [traderLibrary, instrumentsCsv, path.join(sdk, 'include', 'ThostFtdcTraderApi.h')]) {
    if (!fs.existsSync(f)) return { ready: false, reason: `CTP_SDK_DIR=${sdk} 不是 LocalCTP 构建的 SDK：缺少 ${f}` };
  }
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build-native.mjs'), '--strict', '--quiet'], { encoding: 'utf8' });
  if (r.status !== 0) return { ready: false, reason: `CTP 适配器构建失败：\n${r.stdout}\n${r.stderr}` };
  const adapter = path.join(REPO_ROOT, 'native', 'build', 'test', `libtstrader_ctp_test.${so}`);
  if (!fs.existsSync(adapter)) return { ready: false, reason: `构建后仍缺少 ${adapter}` };
  return { ready: true, sdk, traderLibrary, instrumentsCsv, adapter };
}

/** LocalCTP's instruments as its CSV lists them: code → exchange, multiplier, tick. */
export function csvInstruments(file: string): Map<string, { exchange: string; size: number; tick: number; expiry: string }> {
  const [header, ...rows] = fs.readFileSync(file, 'latin1').trim().split(/\r?\n/);
  const cols = header!.split(',');
  const at = (name: string) => cols.indexOf(name);
  const out = new Map<string, { exchange: string; size: number; tick: number; expiry: string }>();
  for (const row of rows) {
    const f = row.split(',');
    out.set(f[at('InstrumentID')]!, {
      exchange: f[at('ExchangeID')]!,
      size: Number(f[at('VolumeMultiple')]),
      tick: Number(f[at('PriceTick')]),
      expiry: f[at('ExpireDate')]!,
    });
  }
  return out;
}

/**
 * A LocalCTP working folder: it reads localctp.config and instrument.csv from the process's
 * working directory and keeps its accounts in LocalCTP.db there. Real-time mode keeps them
 * across runs (the restart test needs that); the daily settlement is moved to 23:59:59, which
 * its trading-day rule (now + 4 h) never reaches, so no settlement runs during a test.
 */
export function localCtpFolder(lab: Extract<LocalCtp, { ready: true }>, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(lab.instrumentsCsv, path.join(dir, 'instrument.csv'));
  fs.writeFileSync(path.join(dir, 'localctp.config'), 'running_mode=0\nsettlement_time=23:59:59\n');
  return dir;
}

/**
 * A native folder for the engine (TSTRADER_NATIVE_DIR, the variable a packaged app sets) in
 * which the CTP plugin's adapter is the adapter's *test build*: the one with the snapshot hook
 * LocalCTP needs for prices. Everything else (the relay, the simulator) is the ordinary build.
 * The CTP plugin itself is unchanged: it loads `libtstrader_ctp` from that folder.
 */
export function nativeDirWithTestAdapter(lab: Extract<LocalCtp, { ready: true }>, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const build = path.join(REPO_ROOT, 'native', 'build');
  for (const e of fs.readdirSync(build, { withFileTypes: true })) {
    if (e.isFile()) fs.symlinkSync(path.join(build, e.name), path.join(dir, e.name));
  }
  const product = path.join(dir, `libtstrader_ctp.${so}`);
  fs.rmSync(product, { force: true });
  fs.symlinkSync(lab.adapter, product);
  return dir;
}
