/**
 * The pool thread's code as one CommonJS script, bundled by esbuild on first use (threads
 * then need no TypeScript loader, under tsx, vitest or Electron alike) or read prebuilt
 * from backtest-worker.cjs beside this module in a packaged app. esbuild is loaded lazily by
 * a specifier the app's bundler does not follow: it ships a native binary.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as EsbuildApi from 'esbuild';
import { TraderError } from '../../../../common/errors';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const PREBUILT_POOL_WORKER = 'backtest-worker.cjs';
const ESBUILD = 'esbuild';

let source: Promise<string> | undefined;

export function poolWorkerSource(): Promise<string> {
  source ??= (async () => {
    const prebuilt = path.join(HERE, PREBUILT_POOL_WORKER);
    if (fs.existsSync(prebuilt)) return fs.readFileSync(prebuilt, 'utf8');
    let esbuild: typeof EsbuildApi;
    try {
      esbuild = (await import(/* @vite-ignore */ ESBUILD)) as typeof EsbuildApi;
    } catch (error) {
      throw new TraderError('BACKTEST_POOL', `无法加载 esbuild（构建回测线程需要它）：${error instanceof Error ? error.message : String(error)}`);
    }
    const r = await esbuild.build({
      entryPoints: [path.join(HERE, 'pool-worker-main.ts')],
      bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, sourcemap: 'inline', logLevel: 'silent',
    });
    return r.outputFiles[0]!.text;
  })();
  source.catch(() => (source = undefined));
  return source;
}
