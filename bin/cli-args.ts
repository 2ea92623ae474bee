/**
 * A small argv parser for jqtrade's verbs: short and long flags, values after a space or
 * "=", and boolean flags. It knows each verb's flags, so a typo is an error, not ignored.
 */
export interface FlagSpec {
  /** canonical name, e.g. "name" */
  name: string;
  short?: string;
  /** takes a value */
  value: boolean;
  help: string;
}

export class UsageError extends Error {}

export function parseFlags(argv: readonly string[], specs: readonly FlagSpec[]): Map<string, string | true> {
  const out = new Map<string, string | true>();
  const byLong = new Map(specs.map((s) => [`--${s.name.replace(/_/g, '-')}`, s]));
  for (const s of specs) byLong.set(`--${s.name}`, s);
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [`-${s.short}`, s]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const key = eq > 0 ? arg.slice(0, eq) : arg;
    const spec = byLong.get(key) ?? byShort.get(key);
    if (!spec) throw new UsageError(`未知的参数：${arg}`);
    if (!spec.value) {
      out.set(spec.name, true);
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`参数 ${key} 需要一个值`);
    out.set(spec.name, value);
  }
  return out;
}

export function usageOf(verb: string, specs: readonly FlagSpec[]): string {
  const lines = specs.map((s) => `  ${s.short ? `-${s.short}, ` : '    '}--${s.name.replace(/_/g, '-')}${s.value ? ' VALUE' : ''}\n        ${s.help}`);
  return `用法：tstrader ${verb} [参数]\n${lines.join('\n')}`;
}
