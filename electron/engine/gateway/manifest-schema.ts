/** Runtime check of a plugin's manifest.json: a bad manifest is reported, never trusted. */
import { Exchange } from '../../../common/constants';
import type { GatewayManifest, SettingField } from '../../../common/gateway-api';
import { formatIssues, s, type Schema } from '../../../common/schema';

const settingField: Schema<SettingField> = s.union(
  s.object({ type: s.literal('string'), default: s.string() }),
  s.object({ type: s.literal('password') }),
  s.object({ type: s.literal('int'), default: s.number({ int: true }), min: s.optional(s.number()), max: s.optional(s.number()) }),
  s.object({ type: s.literal('float'), default: s.number(), min: s.optional(s.number()), max: s.optional(s.number()) }),
  s.object({ type: s.literal('bool'), default: s.boolean() }),
  s.object({ type: s.literal('enum'), options: s.array(s.string()), default: s.string() }),
) as Schema<SettingField>;

const manifestSchema = s.object({
  name: s.string({ min: 1, max: 32 }),
  displayName: s.string({ min: 1, max: 64 }),
  notice: s.optional(s.string({ max: 500 })),
  entry: s.string({ min: 1 }),
  settings: s.record(settingField),
  exchanges: s.array(s.enumOf(Object.values(Exchange))),
  actions: s.optional(s.array(s.object({ name: s.string({ min: 1 }), label: s.string({ min: 1 }) }))),
});

/** Parse a manifest; throws an Error whose message says what is wrong. */
export function parseManifest(raw: unknown): GatewayManifest {
  const r = manifestSchema.check(raw, 'manifest');
  if (!r.ok) throw new Error(`manifest.json 无效：${formatIssues(r.issues)}`);
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(r.value.name)) throw new Error(`manifest.json 无效：name “${r.value.name}” 只能含字母、数字和下划线`);
  for (const [key, field] of Object.entries(r.value.settings)) {
    if (field.type === 'enum' && !field.options.includes(field.default)) {
      throw new Error(`manifest.json 无效：设置“${key}”的默认值不在可选项中`);
    }
  }
  return r.value as GatewayManifest;
}
