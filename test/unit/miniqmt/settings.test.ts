/**
 * The MINIQMT connect form: what it requires, what it defaults, and where the sidecar script
 * is read from inside a packaged app.
 */
import { describe, expect, it } from 'vitest';
import { outsideAsar, readMiniqmtSettings } from '../../../gateways/miniqmt/settings';

const FORM = { QMT路径: 'D:\\国金QMT\\userdata_mini', 资金账号: '8880001', 账户类型: '信用' };

describe('readMiniqmtSettings', () => {
  it('reads the form with its defaults', () => {
    expect(readMiniqmtSettings(FORM)).toEqual({
      userdataPath: 'D:\\国金QMT\\userdata_mini', accountId: '8880001', creditAccount: true, python: 'python', xtquantDir: '',
      sessionBase: 100_000, requestTimeoutMs: 15_000, warningLine: 1.5, closeOutLine: 1.3,
    });
    expect(readMiniqmtSettings({ ...FORM, 账户类型: '普通', '请求超时(秒)': 2.5, 会话编号: 7 })).toMatchObject({ creditAccount: false, requestTimeoutMs: 2500, sessionBase: 7 });
  });

  it('refuses what cannot work, saying what to fill in', () => {
    expect(() => readMiniqmtSettings({ ...FORM, QMT路径: ' ' })).toThrow(/QMT路径不能为空：填写 MiniQMT 安装目录下的 userdata_mini 文件夹/);
    expect(() => readMiniqmtSettings({ ...FORM, 资金账号: '' })).toThrow('资金账号不能为空');
    expect(() => readMiniqmtSettings({ ...FORM, 账户类型: '期货' })).toThrow('设置“账户类型”应为“普通”或“信用”，当前为 期货');
    expect(() => readMiniqmtSettings({ ...FORM, 预警线: 1.2, 平仓线: 1.3 })).toThrow('平仓线（1.3）应低于预警线（1.2）');
    expect(() => readMiniqmtSettings({ ...FORM, '请求超时(秒)': 0 })).toThrow(/请求超时\(秒\)”应为不小于 1 的数字/);
  });
});

describe('outsideAsar', () => {
  it('reads a file packed in app.asar from app.asar.unpacked, where Python can open it', () => {
    expect(outsideAsar('C:\\TS Trader\\resources\\app.asar\\dist\\gateways\\miniqmt\\sidecar\\tstrader_miniqmt.py', '\\')).toBe(
      'C:\\TS Trader\\resources\\app.asar.unpacked\\dist\\gateways\\miniqmt\\sidecar\\tstrader_miniqmt.py',
    );
    expect(outsideAsar('/opt/TS Trader/resources/app.asar/dist/x.py', '/')).toBe('/opt/TS Trader/resources/app.asar.unpacked/dist/x.py');
    expect(outsideAsar('/work/gateways/miniqmt/sidecar/x.py', '/')).toBe('/work/gateways/miniqmt/sidecar/x.py');
  });
});
