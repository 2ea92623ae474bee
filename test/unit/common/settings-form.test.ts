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
});
