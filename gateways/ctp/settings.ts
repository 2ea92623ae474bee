/**
 * 系统→连接CTP's form, with vn.py's connect_ctp.json keys unchanged (用户名, 密码, 经纪商代码,
 * 交易服务器, 行情服务器, 产品名称, 授权编码, 柜台环境) plus 动态库路径: the broker's CTP trader
 * library (libthosttraderapi_se.so). Empty: the SDK's the adapter was built against. The
 * market-data library is looked for beside it.
 *
 * What is loaded through the NATIVE binding is our adapter (native/adapters/ctp, built when
 * CTP_SDK_DIR names an SDK); the vendor's libraries are the adapter's options.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TraderError } from '../../common/errors';
import type { GatewaySettings } from '../../common/gateway-api';
import { nativeBuildDir, type NativeSettings } from '../native/settings';

/** How to build the adapter, said when it is missing. */
export const CTP_BUILD_HINT =
  'CTP 适配器需对照 CTP SDK 构建：设置环境变量 CTP_SDK_DIR 指向 SDK 目录（含 include/ThostFtdc*.h 与 lib/），再运行 npm run build:native（详见 docs/ctp.md）';

/** The market-data library's file name beside the trader library, per platform. */
function mdLibraryBeside(traderLibrary: string): string | undefined {
  const name = process.platform === 'win32' ? 'thostmduserapi_se.dll' : process.platform === 'darwin' ? 'libthostmduserapi_se.dylib' : 'libthostmduserapi_se.so';
  const md = path.join(path.dirname(traderLibrary), name);
  return fs.existsSync(md) ? md : undefined;
}

/** The adapter library the native build writes. */
export function ctpAdapterPath(): string {
  const file = process.platform === 'win32' ? 'tstrader_ctp.dll' : process.platform === 'darwin' ? 'libtstrader_ctp.dylib' : 'libtstrader_ctp.so';
  return path.join(nativeBuildDir(), file);
}

/** CTP fronts may be written without their scheme, as vn.py accepts them. */
export function frontAddress(text: string): string {
  const t = text.trim();
  if (!t) return '';
  return /^(tcp|ssl|socks\d?):\/\//i.test(t) ? t : `tcp://${t}`;
}

function str(settings: GatewaySettings, key: string): string {
  const v = settings[key];
  return v === undefined ? '' : String(v).trim();
}

/** Where CTP keeps its flow files (*.con): one folder per gateway instance, created on demand. */
export function flowDir(instance: string): string {
  const uid = typeof process.getuid === 'function' ? process.getuid() : 'user';
  const dir = path.join(os.tmpdir(), `tstrader-ctp-${uid}`, instance.replace(/[^\w.-]/g, '_'));
  fs.mkdirSync(dir, { recursive: true });
  // CTP appends file names to the flow path as given: it must end with a separator.
  return dir + path.sep;
}

/** The connect form as the NATIVE binding takes it: our adapter, with CTP's options. */
export function readCtpSettings(settings: GatewaySettings, instance: string): NativeSettings {
  const front = frontAddress(str(settings, '交易服务器'));
  if (!front) throw new TraderError('BAD_SETTING', '交易服务器不能为空，例如 tcp://180.168.146.187:10201');
  const user = str(settings, '用户名');
  if (!user) throw new TraderError('LOGIN_FAILED', '用户名不能为空');
  const broker = str(settings, '经纪商代码');
  if (!broker) throw new TraderError('BAD_SETTING', '经纪商代码不能为空（期货公司的 BrokerID，如 SimNow 的 9999）');
  const env = str(settings, '柜台环境');
  const options: Record<string, string> = {
    broker_id: broker,
    app_id: str(settings, '产品名称'),
    auth_code: str(settings, '授权编码'),
    md_front: frontAddress(str(settings, '行情服务器')),
    production_mode: env === '测试' ? '0' : '1',
    flow_dir: flowDir(instance),
  };
  const library = str(settings, '动态库路径');
  if (library) {
    const trader = path.resolve(library);
    if (!fs.existsSync(trader)) throw new TraderError('NATIVE_LIBRARY', `CTP 交易库不存在：${trader}`);
    options.trader_library = trader;
    const md = mdLibraryBeside(trader);
    if (md) options.md_library = md;
  }
  return {
    libraryPath: ctpAdapterPath(),
    buildHint: CTP_BUILD_HINT,
    front,
    user,
    password: settings['密码'] === undefined ? '' : String(settings['密码']),
    encoding: 'UTF-8',
    options,
  };
}
