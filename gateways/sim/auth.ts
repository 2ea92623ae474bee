/**
 * The SIM account's password: the first connect with a non-empty 密码 enrols it as a salted
 * SHA-256 hash; later connects must match. Only the hash is stored, never the password.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { GatewayStorage } from '../../common/gateway-api';
import { TraderError } from '../../common/errors';

interface AuthRecord {
  salt: string;
  hash: string;
}

export function authKey(accountId: string): string {
  return `auth.${accountId}`;
}

function hashOf(salt: string, password: string): string {
  return createHash('sha256').update(`${salt}:${password}`, 'utf8').digest('hex');
}

function isAuthRecord(v: unknown): v is AuthRecord {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.salt === 'string' && typeof r.hash === 'string';
}

/** Enrol the password on first use, else check it; throws TraderError('LOGIN_FAILED'). */
export function verifyOrEnrol(storage: GatewayStorage, accountId: string, password: string): 'enrolled' | 'verified' | 'open' {
  const stored = storage.load<unknown>(authKey(accountId));
  if (isAuthRecord(stored)) {
    const given = Buffer.from(hashOf(stored.salt, password), 'hex');
    const want = Buffer.from(stored.hash, 'hex');
    if (given.length !== want.length || !timingSafeEqual(given, want)) {
      throw new TraderError('LOGIN_FAILED', `密码错误：资金账号 ${accountId} 的密码与首次登录时设置的不一致`);
    }
    return 'verified';
  }
  if (!password) return 'open';
  const salt = randomBytes(16).toString('hex');
  storage.save(authKey(accountId), { salt, hash: hashOf(salt, password) } satisfies AuthRecord);
  return 'enrolled';
}
