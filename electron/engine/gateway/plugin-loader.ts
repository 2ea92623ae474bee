/**
 * Finds gateway plugins: built-ins in gateways/, user plugins in <vntrader>/gateways/. A
 * plugin that fails to load is returned as a failure with its reason, and the others load.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CreateGateway, GatewayManifest } from '../../../common/gateway-api';
import { parseManifest } from './manifest-schema';

export interface LoadedPlugin {
  manifest: GatewayManifest;
  create: CreateGateway;
  /** folder the plugin came from */
  dir: string;
  builtin: boolean;
}

export interface PluginFailure {
  /** folder name (the manifest may be what failed) */
  name: string;
  dir: string;
  reason: string;
}

export interface PluginScan {
  plugins: LoadedPlugin[];
  failures: PluginFailure[];
}

/** Load one plugin folder: manifest.json, then its entry module's createGateway. */
export async function loadPlugin(dir: string, builtin: boolean): Promise<LoadedPlugin> {
  const manifestPath = path.join(dir, 'manifest.json');
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    throw new Error(`无法读取 ${manifestPath}：${(error as Error).message}`);
  }
  const manifest = parseManifest(raw);
  const entry = path.resolve(dir, manifest.entry);
  if (!entry.startsWith(path.resolve(dir) + path.sep)) throw new Error(`入口 ${manifest.entry} 不在插件目录内`);
  if (!fs.existsSync(entry)) throw new Error(`入口文件不存在：${entry}`);
  const mod = (await import(pathToFileURL(entry).href)) as { createGateway?: unknown };
  if (typeof mod.createGateway !== 'function') throw new Error(`${entry} 没有导出 createGateway 函数`);
  return { manifest, create: mod.createGateway as CreateGateway, dir, builtin };
}

/** Every plugin folder (one holding manifest.json) directly under each root, in name order. */
export async function scanPlugins(roots: readonly { dir: string; builtin: boolean }[]): Promise<PluginScan> {
  const scan: PluginScan = { plugins: [], failures: [] };
  for (const root of roots) {
    if (!fs.existsSync(root.dir)) continue;
    const folders = fs
      .readdirSync(root.dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && fs.existsSync(path.join(root.dir, d.name, 'manifest.json')))
      .map((d) => d.name)
      .sort();
    for (const name of folders) {
      const dir = path.join(root.dir, name);
      try {
        scan.plugins.push(await loadPlugin(dir, root.builtin));
      } catch (error) {
        scan.failures.push({ name, dir, reason: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  return scan;
}
