import { describe, expect, it } from 'vitest';
import type { SettingField } from '../../../common/gateway-api';
import { normaliseSettings } from '../../../common/settings-form';

const fields: Record<string, SettingField> = {
  用户名: { type: 'string', default: '' },
  密码: { type: 'password' },
  行情间隔: { type: 'int', default: 1000, min: 50 },
  初始资金: { type: 'float', default: 1e6 },
  仿真: { type: 'bool', default: true },
  账户类型: { type: 'enum', options: ['普通', '信用'], default: '普通' },
};

describe('normaliseSettings', () => {
  it('reads "False" as false (vn.py’s bool("False") bug must not exist here)', () => {
    expect(normaliseSettings(fields, { 仿真: 'False' }).仿真).toBe(false);
    expect(normaliseSettings(fields, { 仿真: 'false' }).仿真).toBe(false);
    expect(normaliseSettings(fields, { 仿真: false }).仿真).toBe(false);
    expect(normaliseSettings(fields, { 仿真: 'True' }).仿真).toBe(true);
  });

  it('fills defaults and parses numeric strings', () => {
    const out = normaliseSettings(fields, { 行情间隔: '500', 初始资金: '2000000.5' });
    expect(out).toEqual({ 用户名: '', 密码: '', 行情间隔: 500, 初始资金: 2000000.5, 仿真: true, 账户类型: '普通' });
  });

  it.each([
    [{ 行情间隔: 'abc' }, /行情间隔.*不是数字/],
    [{ 行情间隔: 10.5 }, /行情间隔.*不是整数/],
    [{ 行情间隔: 10 }, /行情间隔.*不得小于 50/],
    [{ 仿真: 'maybe' }, /仿真.*不是布尔值/],
    [{ 账户类型: '期货' }, /账户类型.*应为 普通、信用 之一/],
  ])('refuses %j with the field named', (submitted, message) => {
    expect(() => normaliseSettings(fields, submitted)).toThrow(message);
  });

  it('refuses with the code BAD_SETTING and the field’s name in the message', () => {
    expect(() => normaliseSettings(fields, { 行情间隔: 'abc' })).toThrow(expect.objectContaining({ code: 'BAD_SETTING', message: '设置“行情间隔”无效：“abc”不是数字' }));
  });

  it('keeps a submitted text as text, and fills an empty number field with its default', () => {
    expect(normaliseSettings(fields, { 用户名: '张三', 密码: 123456 as never })).toMatchObject({ 用户名: '张三', 密码: '123456' });
    expect(normaliseSettings(fields, { 行情间隔: '' }).行情间隔).toBe(1000);
    expect(normaliseSettings(fields, { 行情间隔: ' 500\n' }).行情间隔).toBe(500);
  });

  it('takes a number at its bounds and refuses one past them', () => {
    const bounded: Record<string, SettingField> = { 档位: { type: 'int', default: 5, min: 1, max: 10 } };
    expect(normaliseSettings(bounded, { 档位: 1 }).档位).toBe(1);
    expect(normaliseSettings(bounded, { 档位: '10' }).档位).toBe(10);
    expect(() => normaliseSettings(bounded, { 档位: 0 })).toThrow('设置“档位”无效：不得小于 1');
    expect(() => normaliseSettings(bounded, { 档位: 11 })).toThrow('设置“档位”无效：不得大于 10');
  });

  it('reads a boolean from the whole answer only: true/1/是, false/0/否, in any case, around spaces', () => {
    const read = (v: string) => normaliseSettings({ 仿真: { type: 'bool', default: true } }, { 仿真: v }).仿真;
    expect([read(' TRUE '), read('1'), read('是'), read(' false'), read('0 '), read('否')]).toEqual([true, true, true, false, false, false]);
    for (const v of ['untrue', 'true1', '10', '是的', '不是', 'falsey', 'not false', '00']) {
      expect(() => read(v), v).toThrow(`设置“仿真”无效：“${v}”不是布尔值`);
    }
  });
});
