import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPlugin } from '../../../electron/engine/gateway/plugin-loader';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
// Under the repository, so the bundle's externals (better-sqlite3, ws, …) resolve from node_modules.
const outDir = path.join(root, 'test-results', `electron-bundle-${process.pid}`);

/** Run the build script's exported functions in a child Node (the script is plain .mjs). */
function runScript(code: string) {
  const script = `import * as b from ${JSON.stringify(path.join(root, 'scripts', 'build-electron.mjs'))};\n${code}`;
  return spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
}

const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? files(path.join(dir, d.name)) : [path.join(dir, d.name)]));

beforeAll(() => {
  const r = runScript(`await b.buildElectron({ outDir: ${JSON.stringify(outDir)}, logLevel: 'error' });`);
  if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}, 60_000);

afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

describe('buildElectron', () => {
  it('writes main.js, preload.cjs and the SIM plugin with a JS entry', () => {
    expect(fs.existsSync(path.join(outDir, 'electron', 'main.js'))).toBe(true);
    expect(fs.existsSync(path.join(outDir, 'electron', 'preload.cjs'))).toBe(true);
    expect(fs.existsSync(path.join(outDir, 'gateways', 'sim', 'index.js'))).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(outDir, 'gateways', 'sim', 'manifest.json'), 'utf8')) as { entry: string; name: string };
    expect(manifest).toMatchObject({ entry: 'index.js', name: 'SIM' });
    expect(files(path.join(outDir, 'gateways')).filter((f) => f.endsWith('.ts'))).toEqual([]);
  });

  it('keeps one copy of common/ shared by main and the gateways, so instanceof TraderError holds', () => {
    const js = files(outDir).filter((f) => f.endsWith('.js'));
    const defining = js.filter((f) => /\bTraderError = class\b|class TraderError\b/.test(fs.readFileSync(f, 'utf8')));
    expect(defining).toHaveLength(1);
    expect(path.relative(outDir, defining[0]!)).toMatch(/^chunks\//);
  });

  it('gives the sandboxed preload no module but electron', () => {
    const src = fs.readFileSync(path.join(outDir, 'electron', 'preload.cjs'), 'utf8');
    const required = [...src.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(src).not.toMatch(/\bimport\s*\(|^import\s/m);
  });

  it('keeps native modules external', () => {
    const main = fs.readFileSync(path.join(outDir, 'electron', 'main.js'), 'utf8');
    // With code splitting the SQLite users (journal, the apps' stores) may sit in a shared chunk.
    const bundle = [main, ...files(path.join(outDir, 'chunks')).filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(f, 'utf8'))].join('\n');
    expect(bundle).toMatch(/from "better-sqlite3"/);
    expect(main).toMatch(/from "electron"/);
  });

  it('loads main.js in Node with electron stubbed (every import resolves)', () => {
    const r = runScript(`b.checkMainBundle(${JSON.stringify(path.join(outDir, 'electron', 'main.js'))}); console.log('ok');`);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('ok');
  });

  it('builds the tstrader CLI in the same chunks, and it prints its help in plain Node', () => {
    const cli = path.join(outDir, 'bin', 'tstrader.js');
    expect(fs.existsSync(cli)).toBe(true);
    const r = runScript(`b.checkCliBundle(${JSON.stringify(cli)}); console.log('ok');`);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('ok');
  });

  it('puts every worker thread script beside the chunk that loads it (strategies, backtests, the sweep pool)', () => {
    const chunks = files(path.join(outDir, 'chunks'));
    const beside = (loaderInput: string, script: string) => {
      const loaders = chunks.filter((f) => f.endsWith('.js') && fs.readFileSync(f, 'utf8').includes(loaderInput));
      expect(loaders.length, loaderInput).toBeGreaterThan(0);
      for (const l of loaders) expect(fs.existsSync(path.join(path.dirname(l), script)), `${script} beside ${l}`).toBe(true);
    };
    beside('strategy-worker.cjs', 'strategy-worker.cjs');
    beside('backtest-thread.cjs', 'backtest-thread.cjs');
    beside('backtest-source-pool.cjs', 'backtest-source-pool.cjs');
    beside('backtest-worker.cjs', 'backtest-worker.cjs');
  });

  it('rebuilds in place without a reader ever finding a built file missing (a task starting while npm start builds)', async () => {
    const list = files(outDir).filter((f) => !path.basename(f).startsWith('.'));
    const stop = path.join(outDir, '..', `stop-${process.pid}`);
    // A separate process checks every file of the first build in a loop while the second build
    // runs. It says "ready" after its first full round, and the build starts only then: on a
    // loaded machine a node process can take longer to start than the build takes.
    const checker = spawn(process.execPath, ['-e', `
      const fs = require('node:fs');
      const list = ${JSON.stringify(list)};
      let rounds = 0;
      while (!fs.existsSync(${JSON.stringify(stop)})) {
        for (const f of list) if (!fs.existsSync(f)) { console.log('missing ' + f); process.exit(1); }
        if (rounds++ === 0) console.log('ready');
      }
      console.log('rounds ' + rounds);
    `], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const ready = new Promise<void>((resolve) => {
      checker.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.startsWith('ready\n')) resolve();
      });
    });
    // 'close', not 'exit': only after 'close' has everything the process printed been read.
    const exited = new Promise<number | null>((resolve) => checker.on('close', resolve));
    await Promise.race([ready, exited]);
    const r = runScript(`await b.buildElectron({ outDir: ${JSON.stringify(outDir)}, logLevel: 'error' });`);
    fs.writeFileSync(stop, '');
    try {
      expect(r.stderr).toBe('');
      expect(await exited, out).toBe(0);
      expect(out).toMatch(/^ready\nrounds [1-9]/);
      // Same sources, same content-hashed chunk names: the rebuild left every file in place.
      expect(files(outDir).filter((f) => !path.basename(f).startsWith('.')).sort()).toEqual([...list].sort());
    } finally {
      fs.rmSync(stop, { force: true });
    }
  });

  it('ships the MiniQMT sidecar beside its bundled plugin, where the plugin looks for it', async () => {
    const dir = path.join(outDir, 'gateways', 'miniqmt');
    expect((await loadPlugin(dir, true)).manifest.name).toBe('MINIQMT');
    const mod = (await import(pathToFileURL(path.join(dir, 'index.js')).href)) as { sidecarScriptPath(): string };
    expect(mod.sidecarScriptPath()).toBe(path.join(dir, 'sidecar', 'tstrader_miniqmt.py'));
    expect(fs.existsSync(mod.sidecarScriptPath())).toBe(true);
  });

  it('produces a SIM plugin the engine loader accepts', async () => {
    const plugin = await loadPlugin(path.join(outDir, 'gateways', 'sim'), true);
    expect(plugin.manifest.name).toBe('SIM');
    expect(typeof plugin.create).toBe('function');
  });
});
