/**
 * bin/cli-bundle.mjs: `tstrader` runs the prebuilt bundle only while no source it is built
 * from has changed since, so an edit is never answered by stale code.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain JavaScript launcher module, no declarations
import { freshBundle } from '../../../bin/cli-bundle.mjs';

const fresh = freshBundle as (root: string) => { entry: string; gatewaysDir: string } | undefined;
let root = '';

function write(rel: string, mtimeSec: number): void {
  const p = path.join(root, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, '');
  fs.utimesSync(p, mtimeSec, mtimeSec);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'tstrader-cli-bundle-'));
  write('bin/tstrader.ts', 1_000);
  write('electron/engine/create-engine.ts', 1_000);
  write('gateways/sim/manifest.json', 1_000);
  write('apps/kline/view/KlinePage.tsx', 1_000);
});

describe('freshBundle', () => {
  it('is the built entry and gateways when the bundle is newer than every source', () => {
    write('dist/bin/tstrader.js', 2_000);
    fs.mkdirSync(path.join(root, 'dist/gateways'));
    expect(fresh(root)).toEqual({ entry: path.join(root, 'dist/bin/tstrader.js'), gatewaysDir: path.join(root, 'dist/gateways') });
  });

  it('is undefined once any source under bin, common, electron, apps or gateways is newer', () => {
    write('dist/bin/tstrader.js', 2_000);
    fs.mkdirSync(path.join(root, 'dist/gateways'));
    write('common/markets/cn-stock/fees.ts', 3_000);
    expect(fresh(root)).toBeUndefined();
  });

  it('ignores what is not a source (docs, node_modules inside a plugin)', () => {
    write('dist/bin/tstrader.js', 2_000);
    fs.mkdirSync(path.join(root, 'dist/gateways'));
    write('gateways/miniqmt/README.md', 3_000);
    write('gateways/sim/node_modules/x/index.ts', 3_000);
    expect(fresh(root)).toBeDefined();
  });

  it('is undefined without a build, or with a build that has no gateways', () => {
    expect(fresh(root)).toBeUndefined();
    write('dist/bin/tstrader.js', 2_000);
    expect(fresh(root)).toBeUndefined();
  });
});
