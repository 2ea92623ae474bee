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

  // Schemas are built inside each test: the mutation tool only sees code that runs within an `it`.
  it('a string schema names what is wrong, and accepts lengths at both limits', () => {
    const name = s.string({ min: 2, max: 4 });
    expect(name.check(12, 'n')).toEqual({ ok: false, issues: [{ path: 'n', message: '应为字符串' }] });
    expect(name.check('a', 'n')).toEqual({ ok: false, issues: [{ path: 'n', message: '长度至少为 2' }] });
    expect(name.check('ab', 'n')).toEqual({ ok: true, value: 'ab' });
    expect(name.check('abcd', 'n')).toEqual({ ok: true, value: 'abcd' });
    expect(name.check('abcde', 'n')).toEqual({ ok: false, issues: [{ path: 'n', message: '长度至多为 4' }] });
  });

  it('a number schema refuses fractions when integral, and accepts both limits themselves', () => {
    const volume = s.number({ int: true, min: 1, max: 10 });
    expect(volume.describe).toBe('integer');
    expect(s.number().describe).toBe('number');
    expect(volume.check(1.5, 'v')).toEqual({ ok: false, issues: [{ path: 'v', message: '应为整数' }] });
    expect(volume.check(1, 'v')).toEqual({ ok: true, value: 1 });
    expect(volume.check(10, 'v')).toEqual({ ok: true, value: 10 });
    expect(volume.check(11, 'v')).toEqual({ ok: false, issues: [{ path: 'v', message: '不得大于 10' }] });
    expect(volume.check(0, 'v')).toEqual({ ok: false, issues: [{ path: 'v', message: '不得小于 1' }] });
  });

  it('boolean, literal and enum schemas say what they expected', () => {
    expect(s.boolean().check('true', 'b')).toEqual({ ok: false, issues: [{ path: 'b', message: '应为布尔值' }] });
    expect(s.boolean().check(false, 'b')).toEqual({ ok: true, value: false });
    expect(s.literal('SIM').check('sim', 'g')).toEqual({ ok: false, issues: [{ path: 'g', message: '应为 "SIM"' }] });
    expect(s.literal(3).check(3, 'g')).toEqual({ ok: true, value: 3 });
    const direction = s.enumOf(['多', '空']);
    expect(direction.check('BUY', 'd')).toEqual({ ok: false, issues: [{ path: 'd', message: '应为以下之一：多、空' }] });
    expect(direction.check('空', 'd')).toEqual({ ok: true, value: '空' });
  });

  it('describes composite schemas for messages and docs', () => {
    expect(s.optional(s.number({ int: true })).describe).toBe('integer?');
    expect(s.array(s.string()).describe).toBe('string[]');
    expect(s.record(s.boolean()).describe).toBe('{[key]: boolean}');
    expect(s.object({ code: s.string(), volume: s.optional(s.number()) }).describe).toBe('{ code: string; volume: number? }');
    expect(s.union(s.literal('a'), s.number()).describe).toBe('"a" | number');
  });

  it('an array schema enforces its maximum length (the maximum itself is fine) and names the bad item by index', () => {
    const list = s.array(s.number(), { max: 2 });
    expect(list.check({ 0: 1 }, 'l')).toEqual({ ok: false, issues: [{ path: 'l', message: '应为数组' }] });
    expect(list.check([1], 'l')).toEqual({ ok: true, value: [1] });
    expect(list.check([1, 2], 'l')).toEqual({ ok: true, value: [1, 2] });
    expect(list.check([1, 2, 3], 'l')).toEqual({ ok: false, issues: [{ path: 'l', message: '最多 2 项' }] });
    expect(list.check([1, 'x'], 'l')).toEqual({ ok: false, issues: [{ path: 'l[1]', message: '应为有限数字' }] });
  });

  it('a record schema refuses non-objects and names the bad entry by key', () => {
    const rec = s.record(s.number());
    expect(rec.check([1], 'r')).toEqual({ ok: false, issues: [{ path: 'r', message: '应为对象' }] });
    expect(rec.check('a', 'r')).toEqual({ ok: false, issues: [{ path: 'r', message: '应为对象' }] });
    expect(rec.check({ a: 1, b: 'x' }, 'r')).toEqual({ ok: false, issues: [{ path: 'r.b', message: '应为有限数字' }] });
  });

  it('a union takes the first option that fits, else lists every option it tried', () => {
    const u = s.union(s.literal('auto'), s.number({ min: 0 }));
    expect(u.check('auto', 'w')).toEqual({ ok: true, value: 'auto' });
    expect(u.check(5, 'w')).toEqual({ ok: true, value: 5 });
    expect(u.check(-1, 'w')).toEqual({ ok: false, issues: [{ path: 'w', message: '应为 "auto" 或 number' }] });
  });

  it('a json schema returns a copy of serialisable values up to the size limit, inclusive', () => {
    const json = s.json({ maxBytes: 9 });
    const value = { a: [1, 2] };
    expect(JSON.stringify(value)).toHaveLength(11);
    expect(s.json({ maxBytes: 11 }).check(value, 'j')).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(s.json({ maxBytes: 10 }).check(value, 'j')).toEqual({ ok: false, issues: [{ path: 'j', message: '不得超过 10 字节' }] });
    expect(json.check('1234567', 'j')).toEqual({ ok: true, value: '1234567' }); // 9 characters with the quotes
    expect(json.check([1], 'j')).toEqual({ ok: true, value: [1] });
  });

  it('a json schema counts UTF-8 bytes, not characters: a Chinese character is three', () => {
    // "行情" with its quotes: 4 characters, 8 bytes
    expect(s.json({ maxBytes: 8 }).check('行情', 'j')).toEqual({ ok: true, value: '行情' });
    expect(s.json({ maxBytes: 7 }).check('行情', 'j')).toEqual({ ok: false, issues: [{ path: 'j', message: '不得超过 7 字节' }] });
  });

  it('a json schema refuses what JSON cannot carry', () => {
    const json = s.json({ maxBytes: 1000 });
    expect(json.check(undefined, 'j')).toEqual({ ok: false, issues: [{ path: 'j', message: '应为 JSON 值' }] });
    expect(json.check(() => 1, 'j')).toEqual({ ok: false, issues: [{ path: 'j', message: '应为 JSON 值' }] });
    expect(json.check(10n, 'j')).toEqual({ ok: false, issues: [{ path: 'j', message: '应为可序列化的 JSON 值' }] });
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(json.check(cycle, 'j')).toEqual({ ok: false, issues: [{ path: 'j', message: '应为可序列化的 JSON 值' }] });
  });

  it('an object schema refuses non-objects and leaves absent optional fields out of the result', () => {
    const schema = s.object({ code: s.string(), note: s.optional(s.string()) });
    expect(schema.check('x', 'o')).toEqual({ ok: false, issues: [{ path: 'o', message: '应为对象' }] });
    const r = schema.check({ code: 'a' }, 'o');
    // absent, not present-and-undefined: `{ ...defaults, ...r.value }` must keep the default
    expect(r).toStrictEqual({ ok: true, value: { code: 'a' } });
    if (r.ok) expect({ note: 'default', ...r.value }).toEqual({ note: 'default', code: 'a' });
  });

  it('formats issues as one sentence, calling a path-less value 参数', () => {
    expect(formatIssues([{ path: '', message: '应为对象' }])).toBe('参数：应为对象');
    expect(formatIssues([
      { path: 'args.code', message: '长度至少为 1' },
      { path: 'args.price', message: '不得小于 0' },
    ])).toBe('args.code：长度至少为 1；args.price：不得小于 0');
  });
});
