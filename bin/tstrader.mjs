#!/usr/bin/env node
// Launcher for `tstrader` (package.json "bin"). Runs the prebuilt bundle when it is fresh
// (bin/cli-bundle.mjs): one file instead of ~1,000 modules through tsx's loader, so a task
// starts on about half the CPU — what a loaded machine is short of. Otherwise registers tsx's
// loader and runs the TypeScript entry. TSTRADER_CLI=source forces the sources.
// Strategy workers need no loader either way: their runtime is bundled by esbuild.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshBundle } from './cli-bundle.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bundle = process.env.TSTRADER_CLI === 'source' ? undefined : freshBundle(root);
if (bundle) {
  // Bundled, the engine cannot find the gateways or the native libraries relative to its own
  // file (it lives in a shared chunk): the built plugins and native/build, as Electron's main.
  process.env.TSTRADER_BUILTIN_GATEWAYS_DIR = bundle.gatewaysDir;
  process.env.TSTRADER_NATIVE_DIR ??= path.join(root, 'native', 'build');
  await import(pathToFileURL(bundle.entry).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('./tstrader.ts');
}
