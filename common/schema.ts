/**
 * A small runtime schema library, so every message crossing a process boundary is parsed
 * before use. Kept in common/ (which imports nothing outside itself) rather than pulling a
 * dependency into the renderer, the engine and the contract alike.
 */

export type Issue = { path: string; message: string };

export interface Schema<T> {
  /** Returns the value (possibly normalised) or a list of issues. */
  check(value: unknown, path: string): { ok: true; value: T } | { ok: false; issues: Issue[] };
  /** A short description used in error messages and docs. */
  readonly describe: string;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

function fail(path: string, message: string) {
  return { ok: false as const, issues: [{ path, message }] };
}

function make<T>(describe: string, check: Schema<T>['check']): Schema<T> {
  return { describe, check };
}

const utf8 = new TextEncoder();

export const s = {
  string(opts: { min?: number; max?: number } = {}): Schema<string> {
    return make('string', (v, p) => {
      if (typeof v !== 'string') return fail(p, '应为字符串');
      if (opts.min !== undefined && v.length < opts.min) return fail(p, `长度至少为 ${opts.min}`);
      if (opts.max !== undefined && v.length > opts.max) return fail(p, `长度至多为 ${opts.max}`);
      return { ok: true, value: v };
    });
  },
  number(opts: { min?: number; max?: number; int?: boolean } = {}): Schema<number> {
    return make(opts.int ? 'integer' : 'number', (v, p) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) return fail(p, '应为有限数字');
      if (opts.int && !Number.isInteger(v)) return fail(p, '应为整数');
      if (opts.min !== undefined && v < opts.min) return fail(p, `不得小于 ${opts.min}`);
      if (opts.max !== undefined && v > opts.max) return fail(p, `不得大于 ${opts.max}`);
      return { ok: true, value: v };
    });
  },
  boolean(): Schema<boolean> {
    return make('boolean', (v, p) => (typeof v === 'boolean' ? { ok: true, value: v } : fail(p, '应为布尔值')));
  },
  literal<const T extends string | number | boolean>(lit: T): Schema<T> {
    return make(JSON.stringify(lit), (v, p) => (v === lit ? { ok: true, value: lit } : fail(p, `应为 ${JSON.stringify(lit)}`)));
  },
  enumOf<const T extends string>(values: readonly T[]): Schema<T> {
    return make(values.map((x) => JSON.stringify(x)).join(' | '), (v, p) =>
      typeof v === 'string' && (values as readonly string[]).includes(v)
        ? { ok: true, value: v as T }
        : fail(p, `应为以下之一：${values.join('、')}`),
    );
  },
  optional<T>(inner: Schema<T>): Schema<T | undefined> {
    return make(`${inner.describe}?`, (v, p) => 
      v === undefined ? { ok: true, value: undefined } : (inner.check(v, p) as ReturnType<Schema<T | undefined>['check']>),
    );
  },
  array<T>(item: Schema<T>, opts: { max?: number } = {}): Schema<T[]> {
    return make(`${item.describe}[]`, (v, p) => {
      if (!Array.isArray(v)) return fail(p, '应为数组');
      if (opts.max !== undefined && v.length > opts.max) return fail(p, `最多 ${opts.max} 项`);
      const out: T[] = [];
      const issues: Issue[] = [];
      v.forEach((x, i) => {
        const r = item.check(x, `${p}[${i}]`);
        if (r.ok) out.push(r.value);
        else issues.push(...r.issues);
      });
      return issues.length ? { ok: false, issues } : { ok: true, value: out };
    });
  },
  record<T>(value: Schema<T>): Schema<Record<string, T>> {
    return make(`{[key]: ${value.describe}}`, (v, p) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, '应为对象');
      const out: Record<string, T> = {};
      const issues: Issue[] = [];
      for (const [k, x] of Object.entries(v)) {
        // Assigning it would set the result's prototype, not a key.
        if (k === '__proto__') {
          issues.push({ path: `${p}.${k}`, message: '不允许的字段名' });
          continue;
        }
        const r = value.check(x, `${p}.${k}`);
        if (r.ok) out[k] = r.value;
        else issues.push(...r.issues);
      }
      return issues.length ? { ok: false, issues } : { ok: true, value: out };
    });
  },
  union<T extends readonly Schema<unknown>[]>(...options: T): Schema<Infer<T[number]>> {
    return make(options.map((o) => o.describe).join(' | '), (v, p) => {
      for (const o of options) {
        const r = o.check(v, p);
        if (r.ok) return r as { ok: true; value: Infer<T[number]> };
      }
      return fail(p, `应为 ${options.map((o) => o.describe).join(' 或 ')}`);
    });
  },
  /** Any JSON value up to a size in UTF-8 bytes, e.g. a grid's column state kept for the UI. */
  json(opts: { maxBytes: number }): Schema<unknown> {
    return make('JSON', (v, p) => {
      let text: string | undefined;
      try {
        text = JSON.stringify(v);
      } catch {
        return fail(p, '应为可序列化的 JSON 值');
      }
      if (text === undefined) return fail(p, '应为 JSON 值');
      // Bytes as stored and sent (UTF-8), not characters: a Chinese character is three.
      if (utf8.encode(text).length > opts.maxBytes) return fail(p, `不得超过 ${opts.maxBytes} 字节`);
      return { ok: true, value: JSON.parse(text) as unknown };
    });
  },
  /** A plain object with known keys; unknown keys are rejected so typos surface. */
  object<Shape extends Record<string, Schema<unknown>>>(shape: Shape): Schema<ObjectOf<Shape>> {
    const describe = `{ ${Object.entries(shape).map(([k, v]) => `${k}: ${v.describe}`).join('; ')} }`;
    return make(describe, (v, p) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return fail(p, '应为对象');
      const obj = v as Record<string, unknown>;
      const issues: Issue[] = [];
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(obj)) {
        // Own keys only: `in` would accept __proto__, constructor, toString… from Object.prototype.
        if (!Object.prototype.hasOwnProperty.call(shape, key)) issues.push({ path: `${p}.${key}`, message: '未知字段' });
      }
      for (const [key, schema] of Object.entries(shape)) {
        const r = schema.check(obj[key], `${p}.${key}`);
        if (r.ok) {
          if (r.value !== undefined) out[key] = r.value;
        } else issues.push(...r.issues);
      }
      return issues.length ? { ok: false, issues } : { ok: true, value: out as ObjectOf<Shape> };
    });
  },
};

type OptionalKeys<Shape extends Record<string, Schema<unknown>>> = {
  [K in keyof Shape]: undefined extends Infer<Shape[K]> ? K : never;
}[keyof Shape];

export type ObjectOf<Shape extends Record<string, Schema<unknown>>> = {
  [K in Exclude<keyof Shape, OptionalKeys<Shape>>]: Infer<Shape[K]>;
} & {
  [K in OptionalKeys<Shape>]?: Infer<Shape[K]>;
};

/** Format issues as one Chinese sentence for an error message. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((i) => `${i.path || '参数'}：${i.message}`).join('；');
}
