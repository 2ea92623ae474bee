/**
 * Where a sweep lives in Redis, and how to reach Redis from a `redis://` URL. One BullMQ
 * queue carries every sweep's jobs; each job names its sweep, whose spec is stored once,
 * and the bars are stored once per digest — never once per job.
 */
import { Redis } from 'ioredis';
import { TraderError } from '../../../../common/errors';

/** BullMQ key prefix and queue name. */
export const QUEUE_PREFIX = 'tstrader';
export const QUEUE_NAME = 'backtest';

/** How long a sweep's spec and carried bars stay in Redis after their last write (s). */
export const SWEEP_TTL_SECONDS = 7 * 24 * 3600;

export const sweepKey = (sweepId: string): string => `${QUEUE_PREFIX}:sweep:${sweepId}`;
export const barsKey = (digest: string): string => `${QUEUE_PREFIX}:bars:${digest}`;
export const jobIdOf = (sweepId: string, index: number): string => `${sweepId}-${index}`;

/** What a queued job carries: its sweep and its place and parameters in it. */
export interface QueuedJob {
  sweep: string;
  index: number;
  params: Readonly<Record<string, number | string | boolean>>;
}

/**
 * Our own Redis client (for the sweep's spec and bars), connected: a failure to reach Redis
 * is one clear error naming the address, not a stream of unhandled client events.
 */
export async function connectStore(url: string, options: RedisOptions): Promise<Redis> {
  let lastError = '';
  const store = new Redis({ ...options, lazyConnect: true, maxRetriesPerRequest: 3 });
  // ioredis reports every failed (re)connection as an event; the caller hears of it by the rejection below or by a failing command.
  store.on('error', (error: Error) => (lastError = error.message));
  try {
    await store.connect();
    return store;
  } catch (error) {
    store.disconnect();
    throw new TraderError('REDIS_CONNECT', `无法连接 Redis ${url.replace(/\/\/[^@/]*@/, '//***@')}：${lastError || (error instanceof Error ? error.message : String(error))}`);
  }
}

export interface RedisOptions {
  host: string;
  port: number;
  db?: number;
  username?: string;
  password?: string;
}

/** redis://[user:password@]host:port[/db] → connection options; anything else is a clear error. */
export function parseRedisUrl(url: string): RedisOptions {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new TraderError('REDIS_URL', `Redis 地址无法解析：${url}（应为 redis://主机:端口）`);
  }
  if (u.protocol !== 'redis:') throw new TraderError('REDIS_URL', `Redis 地址应以 redis:// 开头：${url}`);
  const port = u.port ? Number(u.port) : 6379;
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  if (db !== undefined && !Number.isInteger(db)) throw new TraderError('REDIS_URL', `Redis 库号应为整数：${url}`);
  return {
    host: u.hostname || '127.0.0.1', port,
    ...(db !== undefined ? { db } : {}),
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
  };
}
