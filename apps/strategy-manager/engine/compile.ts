/**
 * Turns a strategy file into code a worker can run, and builds the worker runtime itself.
 *
 * The strategy is transpiled by esbuild (TypeScript or modern JS → CommonJS) inside a
 * function whose parameters are the API globals (api-names.ts), and whose footer hands back
 * the callbacks it declared, exported or not. The wrapper goes in as esbuild's banner and
 * footer so the inline source map still points stack traces at the user's own lines.
 *
 * The runtime (runtime/worker-main.ts and what it imports) is bundled once per process and
 * run with `eval: true`: workers then need no TypeScript loader, under tsx, vitest or a
 * packaged Electron alike. A packaged app ships it prebuilt as strategy-worker.cjs next to
 * the bundle that holds this module, and esbuild is then only needed to transpile strategies.
 *
 * esbuild is imported lazily, by a specifier the app's bundler cannot follow: it ships a
 * native binary and must be loaded from node_modules, and only when a strategy starts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type * as EsbuildApi from 'esbuild';
import { TraderError } from '../../../common/errors';
import { API_NAMES, HOOK_NAMES } from './runtime/api-names';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const RUNTIME_ENTRY = path.join(HERE, 'runtime', 'worker-main.ts');
/** The runtime prebuilt by the app's build (scripts/build-electron.mjs). */
export const PREBUILT_RUNTIME = 'strategy-worker.cjs';
const BACKTEST_ENTRY = path.join(HERE, 'backtest', 'backtest-thread-main.ts');
/** The backtest thread prebuilt by the app's build, beside the runtime. */
export const PREBUILT_BACKTEST = 'backtest-thread.cjs';
const SOURCE_POOL_ENTRY = path.join(HERE, 'backtest', 'source-pool-main.ts');
/** The local-pool thread that runs strategy files, prebuilt beside the runtime. */
export const PREBUILT_SOURCE_POOL = 'backtest-source-pool.cjs';

type Esbuild = typeof EsbuildApi;
const ESBUILD = 'esbuild';
let esbuildModule: Promise<Esbuild> | undefined;

function esbuild(): Promise<Esbuild> {
  esbuildModule ??= (import(/* @vite-ignore */ ESBUILD) as Promise<Esbuild>).catch((error: unknown) => {
    esbuildModule = undefined;
    throw new TraderError('STRATEGY_COMPILE', `无法加载 esbuild（策略需要它转译）：${error instanceof Error ? error.message : String(error)}`);
  });
  return esbuildModule;
}

const BANNER = `(function (exports, module, require, __filename, __dirname, ${API_NAMES.join(', ')}) {`;
const FOOTER =
  `\nreturn { exports: module.exports, locals: { ${HOOK_NAMES.map((h) => `${h}: typeof ${h} === "function" ? ${h} : undefined`).join(', ')} } };\n})`;

/** Read and transpile a strategy file; throws TraderError('STRATEGY_COMPILE') with the location. */
export async function compileStrategy(file: string): Promise<string> {
  const abs = path.resolve(file);
  let source: string;
  try {
    source = fs.readFileSync(abs, 'utf8');
  } catch (error) {
    throw new TraderError('STRATEGY_FILE', `无法读取策略文件 ${abs}：${error instanceof Error ? error.message : String(error)}`);
  }
  const ext = path.extname(abs).toLowerCase();
  if (!['.ts', '.js', '.mjs', '.cjs', '.mts', '.cts'].includes(ext)) throw new TraderError('STRATEGY_FILE', `策略文件应为 .ts 或 .js：${abs}`);
  try {
    const { transform } = await esbuild();
    const out = await transform(source, {
      loader: ext.includes('ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: abs,
      banner: BANNER,
      footer: FOOTER,
    });
    return out.code;
  } catch (error) {
    if (error instanceof TraderError) throw error;
    const first = (error as { errors?: { text: string; location?: { line: number; column: number } | null }[] }).errors?.[0];
    const where = first?.location ? `（第 ${first.location.line} 行第 ${first.location.column + 1} 列）` : '';
    throw new TraderError('STRATEGY_COMPILE', `策略文件编译失败${where}：${first?.text ?? String(error)}`);
  }
}

let runtime: Promise<string> | undefined;
let backtestThread: Promise<string> | undefined;
let sourcePool: Promise<string> | undefined;

/** The worker runtime as one CommonJS script, built on first use and then cached. */
export function workerRuntimeSource(): Promise<string> {
  runtime ??= bundled(PREBUILT_RUNTIME, RUNTIME_ENTRY);
  runtime.catch(() => (runtime = undefined));
  return runtime;
}

/** The backtest thread (backtest/backtest-thread-main.ts) as one CommonJS script, like the runtime. */
export function backtestThreadSource(): Promise<string> {
  backtestThread ??= bundled(PREBUILT_BACKTEST, BACKTEST_ENTRY);
  backtestThread.catch(() => (backtestThread = undefined));
  return backtestThread;
}

/** The local-pool thread that runs strategy files (backtest/source-pool-main.ts) as one CommonJS script. */
export function sourcePoolSource(): Promise<string> {
  sourcePool ??= bundled(PREBUILT_SOURCE_POOL, SOURCE_POOL_ENTRY);
  sourcePool.catch(() => (sourcePool = undefined));
  return sourcePool;
}

function bundled(prebuiltName: string, entry: string): Promise<string> {
  return (async () => {
    const prebuilt = path.join(HERE, prebuiltName);
    if (fs.existsSync(prebuilt)) return fs.readFileSync(prebuilt, 'utf8');
    const { build } = await esbuild();
    const r = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      sourcemap: 'inline',
      logLevel: 'silent',
    });
    return r.outputFiles[0]!.text;
  })();
}
