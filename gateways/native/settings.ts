/**
 * The native gateway's connect form, checked and typed. Keys are the manifest's Chinese
 * field names, the same ones vn.py's CTP gateway uses where they overlap (用户名, 密码,
 * 交易服务器).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TraderError } from '../../common/errors';
import type { GatewaySettings } from '../../common/gateway-api';
import { BUILD_HINT } from './library';
import type { CounterEncoding } from './text-codec';

export interface NativeSettings {
  /** absolute path of the counter library */
  libraryPath: string;
  /** set when the library is one this repository builds: how to build it, shown when it is missing */
  buildHint: string | undefined;
  front: string;
  user: string;
  password: string;
  /** the form's choice; the library's own declaration (tsc_encoding) wins when they differ */
  encoding: CounterEncoding;
  /** counter options handed to a v2 library with tsc_set_option before it connects */
  options: Readonly<Record<string, string>>;
}

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** File name of the built simulator on this platform. */
export function simulatorFileName(platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return 'tstrader_simcounter.dll';
  return platform === 'darwin' ? 'libtstrader_simcounter.dylib' : 'libtstrader_simcounter.so';
}

/** Where scripts/build-native.mjs puts the simulator. */
/**
 * Where the built simulator lives. Electron's main sets TSTRADER_NATIVE_DIR (packaged:
 * <resources>/native), because a bundled gateway no longer sits beside the repository.
 */
const NATIVE_DIR = process.env.TSTRADER_NATIVE_DIR ?? path.join(REPO_ROOT, 'native', 'build');

/** The folder the native build writes to (native/build, or the packaged app's resources). */
export function nativeBuildDir(): string {
  return NATIVE_DIR;
}

export function defaultLibraryPath(): string {
  return path.join(NATIVE_DIR, simulatorFileName());
}

/** The callback relay (native/relay), built beside the simulator; the binding goes direct without it. */
export function defaultRelayPath(platform: NodeJS.Platform = process.platform): string {
  const file = platform === 'win32' ? 'tstrader_relay.dll' : platform === 'darwin' ? 'libtstrader_relay.dylib' : 'libtstrader_relay.so';
  return path.join(NATIVE_DIR, file);
}

function str(settings: GatewaySettings, key: string): string {
  const v = settings[key];
  return v === undefined ? '' : String(v).trim();
}

export function readNativeSettings(settings: GatewaySettings): NativeSettings {
  const given = str(settings, '动态库路径');
  // A relative path is taken from the repository root, where native/build lives.
  const libraryPath = given ? path.resolve(REPO_ROOT, given) : defaultLibraryPath();
  const front = str(settings, '交易服务器');
  if (!front) throw new TraderError('BAD_SETTING', '交易服务器不能为空，例如 tcp://127.0.0.1:17001');
  const user = str(settings, '用户名');
  if (!user) throw new TraderError('LOGIN_FAILED', '用户名不能为空');
  const encoding = str(settings, '编码').toUpperCase() === 'GB18030' ? 'GB18030' : 'UTF-8';
  return {
    libraryPath,
    buildHint: given ? undefined : BUILD_HINT,
    front,
    user,
    password: settings['密码'] === undefined ? '' : String(settings['密码']),
    encoding,
    options: {},
  };
}
