/**
 * vt_setting.json: vn.py's global settings file, with vn.py's keys kept (a vn.py user's file
 * loads as is) and TS Trader's own keys (risk.*, ui.*, gateway.*) added beside them.
 */
import { coerceSetting, kindOf, type PlainField } from './coerce';

/** An extra gateway instance beyond each plugin's default one, e.g. a second SIM account. */
export interface GatewayInstanceSetting {
  /** instance name: prefix of every vt_ id it mints, e.g. SIM_2 */
  name: string;
  /** plugin type (manifest name), e.g. SIM */
  type: string;
}

export interface VtSetting {
  'font.family': string;
  'font.size': number;
  'log.active': boolean;
  /** Python logging level number: 10 DEBUG, 20 INFO, 30 WARNING, 40 ERROR, 50 CRITICAL */
  'log.level': number;
  'log.console': boolean;
  'log.file': boolean;
  'email.server': string;
  'email.port': number;
  'email.username': string;
  'email.password': string;
  'email.sender': string;
  'email.receiver': string;
  'datafeed.name': string;
  'datafeed.username': string;
  'datafeed.password': string;
  'database.name': string;
  'database.database': string;
  'database.host': string;
  'database.port': number;
  'database.user': string;
  'database.password': string;
  /** risk checks on/off, after vn.py's RiskManager */
  'risk.active': boolean;
  /** most orders allowed per order_flow_clear window */
  'risk.order_flow_limit': number;
  /** order-flow window, seconds */
  'risk.order_flow_clear': number;
  /** largest volume of one order, shares */
  'risk.order_size_limit': number;
  /** most working orders at once */
  'risk.active_order_limit': number;
  /** ask before cancelling an order */
  'ui.confirm_cancel': boolean;
  'gateway.instances': GatewayInstanceSetting[];
}

export type VtSettingKey = keyof VtSetting;

export const VT_SETTING_FILE = 'vt_setting.json';

/** Defaults: vn.py's values, except log.level INFO (vn.py's CRITICAL would log nothing). */
export const VT_SETTING_DEFAULTS: Readonly<VtSetting> = Object.freeze({
  'font.family': '微软雅黑',
  'font.size': 12,
  'log.active': true,
  'log.level': 20,
  'log.console': true,
  'log.file': true,
  'email.server': 'smtp.qq.com',
  'email.port': 465,
  'email.username': '',
  'email.password': '',
  'email.sender': '',
  'email.receiver': '',
  'datafeed.name': '',
  'datafeed.username': '',
  'datafeed.password': '',
  'database.name': 'sqlite',
  'database.database': 'database.db',
  'database.host': '',
  'database.port': 0,
  'database.user': '',
  'database.password': '',
  'risk.active': true,
  'risk.order_flow_limit': 50,
  'risk.order_flow_clear': 1,
  'risk.order_size_limit': 1_000_000,
  'risk.active_order_limit': 500,
  'ui.confirm_cancel': false,
  'gateway.instances': [],
});

/** Ranges beyond the bare kind; a zero risk window or negative limit would be nonsense. */
const LIMITS: Partial<Record<VtSettingKey, { min?: number; max?: number; int?: boolean }>> = {
  'font.size': { min: 1, max: 200, int: true },
  'log.level': { min: 0, max: 50, int: true },
  'email.port': { min: 0, max: 65535, int: true },
  'database.port': { min: 0, max: 65535, int: true },
  'risk.order_flow_limit': { min: 1, int: true },
  'risk.order_flow_clear': { min: 0.001 },
  'risk.order_size_limit': { min: 1 },
  'risk.active_order_limit': { min: 1, int: true },
};

export function isVtSettingKey(key: string): key is VtSettingKey {
  return Object.prototype.hasOwnProperty.call(VT_SETTING_DEFAULTS, key);
}

export type VtCoerce = { ok: true; value: VtSetting[VtSettingKey] } | { ok: false; reason: string };

/** Read one known key's value with the kind its default has. */
export function coerceVtValue(key: VtSettingKey, value: unknown): VtCoerce {
  const def = VT_SETTING_DEFAULTS[key];
  if (key === 'gateway.instances') return coerceInstances(value);
  const field = fieldFor(key, def as string | number | boolean);
  const r = coerceSetting(value, field);
  return r.ok ? { ok: true, value: r.value } : r;
}

function fieldFor(key: VtSettingKey, def: string | number | boolean): PlainField {
  if (typeof def === 'string') return { type: 'string', default: def };
  if (typeof def === 'boolean') return { type: 'bool', default: def };
  const lim = LIMITS[key];
  return { type: lim?.int ? 'int' : 'float', default: def, min: lim?.min, max: lim?.max };
}

function coerceInstances(value: unknown): VtCoerce {
  if (!Array.isArray(value)) return { ok: false, reason: `应为数组，实为${kindOf(value)}` };
  const out: GatewayInstanceSetting[] = [];
  const seen = new Set<string>();
  for (const item of value) {
    if (typeof item !== 'object' || item === null) return { ok: false, reason: '数组元素应为 {"name","type"}' };
    const { name, type } = item as Record<string, unknown>;
    if (typeof name !== 'string' || typeof type !== 'string' || name === '' || type === '') {
      return { ok: false, reason: '数组元素应为 {"name": 文本, "type": 文本}' };
    }
    // The name prefixes every vt_ id the instance mints, so two instances may not share one.
    if (seen.has(name)) return { ok: false, reason: `实例名 ${name} 重复` };
    seen.add(name);
    out.push({ name, type });
  }
  return { ok: true, value: out };
}

/** A fresh, mutable copy of the defaults. */
export function defaultVtSetting(): VtSetting {
  return { ...VT_SETTING_DEFAULTS, 'gateway.instances': [] };
}
