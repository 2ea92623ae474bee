/**
 * The engine parts of the apps registered in apps/registry.ts. By convention an app's engine
 * part is apps/<name>/engine/app.ts (default export); it is found by the manifest's name, as
 * vn.py finds an app's engine and widget by its module, so registering an app stays one line.
 * The bundler sees the pattern and bundles every apps/<name>/engine/app.ts it matches.
 */
import { APPS } from '../../../apps/registry';
import type { AppManifest } from '../../../common/app-model';
import type { EngineApp } from './engine-app';

/** One registered app's engine part; throws when the module is missing or is another app's. */
export async function loadEngineApp(manifest: AppManifest): Promise<EngineApp> {
  const mod = (await import(`../../../apps/${manifest.name}/engine/app.ts`)) as { default?: EngineApp };
  const app = mod.default;
  if (!app || typeof app.create !== 'function') throw new Error(`apps/${manifest.name}/engine/app.ts 应默认导出功能的引擎部分（defineEngineApp）`);
  if (app.manifest !== manifest) throw new Error(`apps/${manifest.name}/engine/app.ts 导出的是功能“${app.manifest.name}”的引擎部分`);
  return app;
}

/** Every registered app's engine part, in registration order. */
export function builtinApps(): Promise<EngineApp[]> {
  return Promise.all(APPS.map((m) => loadEngineApp(m)));
}
