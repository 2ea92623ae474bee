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

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'])(
    'refuses an unknown field named like an Object.prototype member: %s',
    (key) => {
      // as it arrives off the wire: JSON.parse makes __proto__ an own key, not the prototype
      const args = JSON.parse(`{"code":"600000","direction":"多","type":"限价","volume":100,"price":10,"${key}":{"x":1}}`) as unknown;
      const r = order.check(args, 'args');
      expect(r).toEqual({ ok: false, issues: [{ path: `args.${key}`, message: '未知字段' }] });
    },
  );

  it('a record refuses the key __proto__ (assigning it would set the prototype) and keeps the others', () => {
    const rec = s.record(s.number());
    expect(rec.check(JSON.parse('{"a":1,"__proto__":{"polluted":2}}'), 'r')).toEqual({ ok: false, issues: [{ path: 'r.__proto__', message: '不允许的字段名' }] });
    const ok = rec.check(JSON.parse('{"a":1,"constructor":2}'), 'r');
    expect(ok).toEqual({ ok: true, value: { a: 1, constructor: 2 } });
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
