import { describe, expect, it } from 'vitest';
import { requestSchemas } from '../../../common/bridge-contract';
import { formatIssues, s } from '../../../common/schema';

describe('schema', () => {
  const order = requestSchemas['order/send'];

  it('accepts a well-formed order', () => {
    const r = order.check({ code: '600000', direction: '多', type: '限价', volume: 100, price: 10 }, 'args');
    expect(r.ok).toBe(true);
  });

  it('names every bad field, and unknown fields', () => {
    const r = order.check({ code: '', direction: 'BUY', type: '限价', volume: '100', price: -1, extra: 1 }, 'args');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = formatIssues(r.issues);
    expect(text).toContain('args.code');
    expect(text).toContain('args.direction');
    expect(text).toContain('args.volume：应为有限数字');
    expect(text).toContain('args.price：不得小于 0');
    expect(text).toContain('args.extra：未知字段');
  });

  it('checks optional fields only when present', () => {
    const schema = s.object({ a: s.optional(s.number({ int: true })) });
    expect(schema.check({}, 'x').ok).toBe(true);
    expect(schema.check({ a: 1.5 }, 'x').ok).toBe(false);
  });

  it('rejects non-objects and NaN', () => {
    expect(order.check(null, 'args').ok).toBe(false);
    expect(order.check([], 'args').ok).toBe(false);
    expect(s.number().check(Number.NaN, 'n').ok).toBe(false);
  });
});
