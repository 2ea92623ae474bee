/**
 * Turn a value read from a vn.py-style JSON file into the kind its setting field expects.
 * vn.py files hold enum fields as the chosen string and bools as true/false, but hand-edited
 * files also carry "False", "12" and the like. Python's bool("False") is True; here a
 * "False" is false. Anything that cannot be read without guessing is refused, so the caller
 * can fall back to the default and say so.
 */
import type { SettingField, SettingValue } from '../../../common/gateway-api';

export type CoerceResult = { ok: true; value: SettingValue } | { ok: false; reason: string };

/** Non-password fields only: a password is never a setting value. */
export type PlainField = Exclude<SettingField, { type: 'password' }>;

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);
const INT_TEXT = /^[+-]?\d+$/;
const FLOAT_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function coerceSetting(value: unknown, field: PlainField): CoerceResult {
  switch (field.type) {
    case 'string':
      if (typeof value === 'string') return ok(value);
      // A number typed into a text field (a port, a broker id) reads back losslessly.
      if (typeof value === 'number' && Number.isFinite(value)) return ok(String(value));
      return bad(`应为文本，实为${kindOf(value)}`);
    case 'bool':
      return coerceBool(value);
    case 'int':
    case 'float':
      return coerceNumber(value, field);
    case 'enum':
      if (typeof value === 'string' && field.options.includes(value)) return ok(value);
      return bad(typeof value === 'string' ? `不在可选项中（${field.options.join('、')}）` : `应为文本，实为${kindOf(value)}`);
  }
}

function coerceBool(value: unknown): CoerceResult {
  if (typeof value === 'boolean') return ok(value);
  if (value === 0 || value === 1) return ok(value === 1);
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return ok(true);
    if (FALSE_WORDS.has(word)) return ok(false);
  }
  return bad(`应为 true/false，实为${kindOf(value)}`);
}

function coerceNumber(value: unknown, field: Extract<PlainField, { type: 'int' | 'float' }>): CoerceResult {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && (field.type === 'int' ? INT_TEXT : FLOAT_TEXT).test(value.trim())) n = Number(value.trim());
  else return bad(`应为数字，实为${kindOf(value)}`);
  if (!Number.isFinite(n)) return bad('不是有限数字');
  if (field.type === 'int' && !Number.isInteger(n)) return bad('应为整数');
  if (field.min !== undefined && n < field.min) return bad(`小于下限 ${field.min}`);
  if (field.max !== undefined && n > field.max) return bad(`大于上限 ${field.max}`);
  return ok(n);
}

/** The kind of a value in Chinese, never the value itself (it might be a misplaced password). */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return '数组';
  switch (typeof value) {
    case 'string': return '文本';
    case 'number': return '数字';
    case 'boolean': return '布尔值';
    case 'object': return '对象';
    default: return typeof value;
  }
}

function ok(value: SettingValue): CoerceResult {
  return { ok: true, value };
}

function bad(reason: string): CoerceResult {
  return { ok: false, reason };
}
