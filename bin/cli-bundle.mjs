// Which code `tstrader` runs: the prebuilt bundle (dist/bin/tstrader.js, written by
// `npm run build` beside the Electron bundles) when it is newer than every source it is built
// from, else the TypeScript sources through tsx. Plain JavaScript: it runs before any loader.
import fs from 'node:fs';
import path from 'node:path';

/** The folders the CLI bundle is built from, and the files in them that count. */
const SOURCE_DIRS = ['bin', 'common', 'electron', 'apps', 'gateways'];
const SOURCE_FILE = /\.(ts|tsx|mts|cts|json)$/;

function newestSource(dir) {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (SOURCE_FILE.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The bundle to run and the built gateways it loads, or undefined when there is none or a
 * source changed after it was built (a developer's edit must never run stale code).
 */
export function freshBundle(root, distDir = path.join(root, 'dist')) {
  const entry = path.join(distDir, 'bin', 'tstrader.js');
  const gatewaysDir = path.join(distDir, 'gateways');
  if (!fs.existsSync(entry) || !fs.existsSync(gatewaysDir)) return undefined;
  const built = fs.statSync(entry).mtimeMs;
  for (const d of SOURCE_DIRS) {
    const dir = path.join(root, d);
    if (fs.existsSync(dir) && newestSource(dir) > built) return undefined;
  }
  return { entry, gatewaysDir };
}
