/**
 * An app's window content. By convention it is apps/<name>/view/app.tsx (default export),
 * found by the app's name — the view's half of "one folder + one registration line": the
 * bundler sees the pattern and bundles every apps/<name>/view/app.tsx it matches.
 */
import type { ComponentType } from 'react';
import type { AppClient } from '../bridge/transport';

/** What an app's view gets: the bridge client, the only way to the engine. */
export interface AppViewProps {
  client: AppClient;
}

export type AppView = ComponentType<AppViewProps>;

/** The view of the app called `name`; rejects when it has none. */
export async function loadAppView(name: string): Promise<AppView> {
  const mod = (await import(`../../../apps/${name}/view/app.tsx`)) as { default?: AppView };
  if (typeof mod.default !== 'function') throw new Error(`apps/${name}/view/app.tsx 应默认导出功能的界面`);
  return mod.default;
}
