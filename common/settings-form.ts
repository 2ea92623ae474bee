/**
 * A gateway's connect form, checked against its manifest. The connect dialog checks with
 * this before sending and the engine checks again on arrival, with the same words.
 */
import { TraderError } from './errors';
import type { GatewaySettings, SettingField } from './gateway-api';

/**
 * Coerce a submitted form: numbers from numeric strings, booleans only from true/false
 * (the string "False" is false, unlike vn.py's bool("False")), enums only from their
 * options. Anything else is refused with the field named. Keys not in the form are dropped.
 */
export function normaliseSettings(fields: Record<string, SettingField>, submitted: GatewaySettings): GatewaySettings {
  const out: GatewaySettings = {};
  for (const [key, field] of Object.entries(fields)) {
    const value = submitted[key];
    const bad = (why: string) => new TraderError('BAD_SETTING', `设置“${key}”无效：${why}`);
    switch (field.type) {
      case 'password':
      case 'string':
        out[key] = value === undefined ? (field.type === 'string' ? field.default : '') : String(value);
        break;
      case 'int':
      case 'float': {
        // Number() ignores surrounding whitespace itself (the same characters trim() removes).
        const n = value === undefined || value === '' ? field.default : typeof value === 'number' ? value : Number(String(value));
        if (!Number.isFinite(n)) throw bad(`“${String(value)}”不是数字`);
        if (field.type === 'int' && !Number.isInteger(n)) throw bad(`“${String(value)}”不是整数`);
        if (field.min !== undefined && n < field.min) throw bad(`不得小于 ${field.min}`);
        if (field.max !== undefined && n > field.max) throw bad(`不得大于 ${field.max}`);
        out[key] = n;
        break;
      }
      case 'bool': {
        if (value === undefined) out[key] = field.default;
        else if (typeof value === 'boolean') out[key] = value;
        else if (/^(true|1|是)$/i.test(String(value).trim())) out[key] = true;
        else if (/^(false|0|否)$/i.test(String(value).trim())) out[key] = false;
        else throw bad(`“${String(value)}”不是布尔值`);
        break;
      }
      case 'enum': {
        const v = value === undefined ? field.default : String(value);
        if (!field.options.includes(v)) throw bad(`应为 ${field.options.join('、')} 之一`);
        out[key] = v;
        break;
      }
    }
  }
  return out;
}
