/**
 * The settings files in the .vntrader folder, readable and writable by vn.py too:
 * connect_<gateway>.json per gateway (Chinese keys, passwords blanked and kept in the
 * keychain) and vt_setting.json. A file that does not parse is moved aside and reported,
 * never overwritten in place.
 */
import path from 'node:path';
import type { GatewaySettings, SettingField } from '../../../common/gateway-api';
import { TraderError } from '../../../common/errors';
import { coerceSetting, type PlainField } from './coerce';
import { readJsonFile, writeJsonAtomic, type JsonObject } from './json-file';
import type { SecretStore } from './secret-store';
import type { StoreLog } from './store-log';
import {
  VT_SETTING_FILE,
  coerceVtValue,
  defaultVtSetting,
  isVtSettingKey,
  type VtSetting,
  type VtSettingKey,
} from './vt-setting';

export interface LoadedConnectSettings {
  /** every manifest field: file value over the manifest default; password fields are "" */
  settings: GatewaySettings;
  /** password fields: whether a password is available (keychain, or a vn.py plaintext) */
  stored: Record<string, boolean>;
  /** password fields that have one: the value, for the engine's connect only, never the UI */
  passwords: Record<string, string>;
  /** keys in the file the manifest does not know; kept on save */
  unknown: Record<string, unknown>;
}

/** vn.py's file name: BaseGateway.default_name lower-cased, e.g. connect_ctp.json. */
export function connectFileName(gatewayName: string): string {
  return `connect_${gatewayName.toLowerCase()}.json`;
}

/** The keychain account of one password field. */
export function secretAccount(gatewayName: string, field: string): string {
  return `${gatewayName}/${field}`;
}

export class ConfigStore {
  /** saves of one file run one after another, so two saves cannot interleave read and write */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    readonly dir: string,
    private readonly secrets: SecretStore,
    private readonly log: StoreLog,
  ) {}

  connectFilePath(gatewayName: string): string {
    return path.join(this.dir, connectFileName(gatewayName));
  }

  async loadConnectSettings(gatewayName: string, fields: Record<string, SettingField>): Promise<LoadedConnectSettings> {
    const file = this.connectFilePath(gatewayName);
    const data = this.readObject(file);
    const out: LoadedConnectSettings = { settings: {}, stored: {}, passwords: {}, unknown: {} };
    for (const [key, field] of Object.entries(fields)) {
      const raw = own(data, key);
      if (field.type === 'password') {
        out.settings[key] = '';
        const password = await this.loadPassword(gatewayName, key, raw);
        out.stored[key] = password !== null;
        if (password !== null) out.passwords[key] = password;
        continue;
      }
      out.settings[key] = raw === undefined ? field.default : this.coerceOrDefault(file, key, raw, field);
    }
    out.unknown = unknownEntries(data, fields);
    return out;
  }

  /**
   * Write a gateway's connect form. A non-empty password goes to the keychain; an empty one
   * keeps what is stored. The JSON always gets "" for passwords, except that a vn.py
   * plaintext is left where it is while no keychain is available (blanking it would lose
   * it at exit).
   */
  saveConnectSettings(gatewayName: string, fields: Record<string, SettingField>, settings: GatewaySettings): Promise<void> {
    const file = this.connectFilePath(gatewayName);
    return this.serialise(file, async () => {
      const current = this.readObject(file);
      const out: JsonObject = {};
      for (const [key, field] of Object.entries(fields)) {
        if (field.type === 'password') {
          out[key] = await this.savePassword(gatewayName, key, own(settings, key), own(current, key));
          continue;
        }
        out[key] = this.valueToSave(file, key, field, own(settings, key), own(current, key));
      }
      // Keychain first, JSON second: if the keychain refuses, the file still has what it had.
      writeJsonAtomic(file, { ...out, ...unknownEntries(current, fields) });
    });
  }

  loadVtSetting(): VtSetting {
    const file = path.join(this.dir, VT_SETTING_FILE);
    return this.mergeVtSetting(file, this.readObject(file)).setting;
  }

  /** Apply `partial` over the file and write it; returns the settings now in effect. */
  saveVtSetting(partial: Partial<VtSetting>): VtSetting {
    const file = path.join(this.dir, VT_SETTING_FILE);
    const { setting, unknown } = this.mergeVtSetting(file, this.readObject(file));
    const updates: Record<string, unknown> = { ...partial };
    for (const [key, value] of Object.entries(updates)) {
      if (value === undefined) continue;
      if (!isVtSettingKey(key)) throw new TraderError('INVALID_SETTING', `未知的全局设置项“${key}”`);
      const r = coerceVtValue(key, value);
      if (!r.ok) throw new TraderError('INVALID_SETTING', `全局设置“${key}”的值无效：${r.reason}`);
      assign(setting, key, r.value);
    }
    writeJsonAtomic(file, { ...setting, ...unknown });
    return setting;
  }

  private mergeVtSetting(file: string, data: JsonObject): { setting: VtSetting; unknown: JsonObject } {
    const setting = defaultVtSetting();
    const unknown: JsonObject = {};
    for (const [key, raw] of Object.entries(data)) {
      if (!isVtSettingKey(key)) {
        unknown[key] = raw;
        continue;
      }
      const r = coerceVtValue(key, raw);
      if (r.ok) assign(setting, key, r.value);
      else this.log(`${path.basename(file)} 中“${key}”的值无效（${r.reason}），改用默认值。`, 'WARNING');
    }
    return { setting, unknown };
  }

  /** The file's object; {} when missing, or when corrupt (then moved aside and reported). */
  private readObject(file: string): JsonObject {
    const r = readJsonFile(file);
    if (r.status === 'ok') return r.data;
    if (r.status === 'corrupt') {
      this.log(
        `配置文件 ${path.basename(file)} 无法解析（${r.error}），已改名为 ${path.basename(r.movedTo)} 保留，现使用默认设置。`,
        'ERROR',
      );
    }
    return {};
  }

  /**
   * A plaintext left by vn.py wins over the keychain: our own saves always blank the JSON,
   * so a non-empty value there was put by the user or vn.py after our last save.
   */
  private async loadPassword(gatewayName: string, key: string, raw: unknown): Promise<string | null> {
    const plain = plaintextOf(raw);
    if (plain !== null) {
      const where = this.secrets.persistent ? '保存设置时将移入系统钥匙串' : '系统钥匙串不可用，暂保留在文件中';
      this.log(`${connectFileName(gatewayName)} 中的“${key}”是明文，${where}。`, 'WARNING');
      return plain;
    }
    try {
      const value = await this.secrets.get(secretAccount(gatewayName, key));
      return value === null || value === '' ? null : value;
    } catch (err) {
      // Let the form open anyway; the trader can type the password again.
      this.log(`读取 ${gatewayName} 的“${key}”失败：${messageOf(err)}`, 'ERROR');
      return null;
    }
  }

  /** Store the password where it belongs; returns what the JSON gets for this field. */
  private async savePassword(gatewayName: string, key: string, given: unknown, inFile: unknown): Promise<unknown> {
    const account = secretAccount(gatewayName, key);
    const typed = plaintextOf(given);
    if (typed !== null) {
      await this.secrets.set(account, typed);
      return '';
    }
    const plain = plaintextOf(inFile);
    if (plain === null) return '';
    if (!this.secrets.persistent) return inFile;
    // vn.py's plaintext: migrate it on this first save.
    await this.secrets.set(account, plain);
    this.log(`${connectFileName(gatewayName)} 中的“${key}”已移入系统钥匙串，文件中不再保存。`, 'INFO');
    return '';
  }

  /**
   * A value from the UI must be valid: saving a silent default would lose what the trader
   * typed. A field the caller left out keeps the file's value (or the default).
   */
  private valueToSave(file: string, key: string, field: PlainField, given: unknown, inFile: unknown): unknown {
    if (given === undefined) return inFile === undefined ? field.default : this.coerceOrDefault(file, key, inFile, field);
    const r = coerceSetting(given, field);
    if (!r.ok) throw new TraderError('INVALID_SETTING', `设置项“${key}”的值无效：${r.reason}`);
    return r.value;
  }

  private coerceOrDefault(file: string, key: string, raw: unknown, field: PlainField): string | number | boolean {
    const r = coerceSetting(raw, field);
    if (r.ok) return r.value;
    this.log(`${path.basename(file)} 中“${key}”的值无效（${r.reason}），改用默认值。`, 'WARNING');
    return field.default;
  }

  private serialise<T>(file: string, task: () => Promise<T>): Promise<T> {
    const prev = this.queues.get(file) ?? Promise.resolve();
    const next = prev.then(task, task);
    const settled = next.catch(() => undefined);
    this.queues.set(file, settled);
    void settled.then(() => {
      if (this.queues.get(file) === settled) this.queues.delete(file);
    });
    return next;
  }
}

/**
 * File keys the manifest does not declare. Object.fromEntries and own-key checks keep a
 * hand-written "__proto__" or "toString" key an ordinary key.
 */
function unknownEntries(data: JsonObject, fields: Record<string, SettingField>): JsonObject {
  return Object.fromEntries(Object.entries(data).filter(([key]) => !Object.hasOwn(fields, key)));
}

/** An own property only: a file must not "have" a key through Object.prototype. */
function own(obj: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(obj, key) ? obj[key] : undefined;
}

/** A password value worth keeping: a non-empty string (or a number, as a hand edit may leave). */
function plaintextOf(raw: unknown): string | null {
  if (typeof raw === 'string') return raw === '' ? null : raw;
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  return null;
}

function assign<K extends VtSettingKey>(setting: VtSetting, key: K, value: VtSetting[VtSettingKey]): void {
  // coerceVtValue checked the kind against VT_SETTING_DEFAULTS[key].
  setting[key] = value as VtSetting[K];
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
