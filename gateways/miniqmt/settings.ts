/**
 * The MINIQMT connect form, checked and typed, and where the sidecar script lives. Keys are
 * the manifest's Chinese field names (QMT路径 and 资金账号 as vn.py's XT gateway names them).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TraderError } from '../../common/errors';
import type { GatewaySettings } from '../../common/gateway-api';

export interface MiniqmtSettings {
  /** MiniQMT's userdata_mini folder, XtQuantTrader's `path` */
  userdataPath: string;
  accountId: string;
  creditAccount: boolean;
  python: string;
  /** a folder holding the xtquant package, added to sys.path; "" for none */
  xtquantDir: string;
  /** session ids are this plus a running number, so every connection has a new one */
  sessionBase: number;
  requestTimeoutMs: number;
  /** the broker's 维持担保比例 lines as ratios, for the 两融 tab */
  warningLine: number;
  closeOutLine: number;
}

/** xtquant takes the session id as an int; base + running number stays inside int32. */
export const SESSION_SPAN = 1_000_000_000;

function str(settings: GatewaySettings, key: string): string {
  const v = settings[key];
  return v === undefined ? '' : String(v).trim();
}

function num(settings: GatewaySettings, key: string, fallback: number, min: number): number {
  const v = settings[key];
  if (v === undefined || v === '') return fallback;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n) || n < min) throw new TraderError('BAD_SETTING', `设置“${key}”应为不小于 ${min} 的数字，当前为 ${String(v)}`);
  return n;
}

export function readMiniqmtSettings(settings: GatewaySettings): MiniqmtSettings {
  const userdataPath = str(settings, 'QMT路径');
  if (!userdataPath) throw new TraderError('BAD_SETTING', 'QMT路径不能为空：填写 MiniQMT 安装目录下的 userdata_mini 文件夹，例如 D:\\国金证券QMT交易端\\userdata_mini');
  const accountId = str(settings, '资金账号');
  if (!accountId) throw new TraderError('BAD_SETTING', '资金账号不能为空');
  const kind = str(settings, '账户类型') || '普通';
  if (kind !== '普通' && kind !== '信用') throw new TraderError('BAD_SETTING', `设置“账户类型”应为“普通”或“信用”，当前为 ${kind}`);
  const warningLine = num(settings, '预警线', 1.5, 1);
  const closeOutLine = num(settings, '平仓线', 1.3, 1);
  if (closeOutLine >= warningLine) throw new TraderError('BAD_SETTING', `平仓线（${closeOutLine}）应低于预警线（${warningLine}）`);
  return {
    userdataPath,
    accountId,
    creditAccount: kind === '信用',
    python: str(settings, 'Python路径') || 'python',
    xtquantDir: str(settings, 'xtquant目录'),
    sessionBase: Math.trunc(num(settings, '会话编号', 100_000, 1)),
    requestTimeoutMs: Math.round(num(settings, '请求超时(秒)', 15, 1) * 1000),
    warningLine,
    closeOutLine,
  };
}

const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * The sidecar script shipped beside this module (gateways/miniqmt/sidecar/ in the source
 * tree, dist/gateways/miniqmt/sidecar/ when bundled). Inside a packaged app the bundle is in
 * app.asar, which Python cannot read: the script is unpacked beside it (electron-builder's
 * asarUnpack) and read from there.
 */
export function sidecarScriptPath(): string {
  return outsideAsar(path.join(HERE, 'sidecar', 'tstrader_miniqmt.py'));
}

/** A path inside app.asar → the same path in app.asar.unpacked; other paths unchanged. */
export function outsideAsar(file: string, sep: string = path.sep): string {
  return file.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
}
