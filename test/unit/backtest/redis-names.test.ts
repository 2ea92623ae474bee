/** Reading a Redis URL for the sweep queue and the workers. */
import { describe, expect, it } from 'vitest';
import { parseRedisUrl } from '../../../electron/engine/backtest/distributed/redis-names';

describe('redis:// URLs', () => {
  it('host, port, database and credentials', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6380')).toEqual({ host: '127.0.0.1', port: 6380 });
    expect(parseRedisUrl('redis://10.0.0.5')).toEqual({ host: '10.0.0.5', port: 6379 });
    expect(parseRedisUrl('redis://:s%40cret@redis.lan:6379/2')).toEqual({ host: 'redis.lan', port: 6379, db: 2, password: 's@cret' });
  });

  it('anything else is refused with the reason', () => {
    expect(() => parseRedisUrl('http://127.0.0.1:6379')).toThrow(/应以 redis:\/\/ 开头/);
    expect(() => parseRedisUrl('127.0.0.1:6379')).toThrow(/无法解析|应以 redis:\/\//);
    expect(() => parseRedisUrl('redis://h:1/x')).toThrow(/库号应为整数/);
  });
});
