/**
 * The layering rules are lint errors (eslint.config.js). These feed ESLint imports that
 * break each rule, at the path where they would live, and expect an error naming the rule.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const eslint = new ESLint({ cwd: root });

async function errorsFor(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result!.messages.filter((m) => m.severity === 2 && m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layering lint rules', () => {
  it.each([
    ['common/x.ts', "import fs from 'node:fs';\nexport const a = fs;", /common\/ imports nothing outside itself/],
    ['common/x.ts', "import { MainEngine } from '../electron/engine/main-engine';\nexport const a = MainEngine;", /common\/ imports nothing outside itself/],
    ['electron/engine/x.ts', "import { app } from 'electron';\nexport const a = app;", /never import electron/],
    ['electron/engine/store/x.ts', "import koffi from 'koffi';\nexport const a = koffi;", /Only gateways\/native may import koffi/],
    ['gateways/sim/x.ts', "import { app } from 'electron';\nexport const a = app;", /never import electron/],
    ['gateways/sim/x.ts', "import koffi from 'koffi';\nexport const a = koffi;", /Only gateways\/native may import koffi/],
    ['gateways/sim/x.ts', "import { MainEngine } from '../../electron/engine/main-engine';\nexport const a = MainEngine;", /Gateways import only common/],
    ['renderer/src/x.ts', "import { MainEngine } from '../../electron/engine/main-engine';\nexport const a = MainEngine;", /renderer\/ imports only common/],
    // The apps: each part lives in its runtime's layer.
    ['common/x.ts', "import { APPS } from '../apps/registry';\nexport const a = APPS;", /common\/ imports nothing outside itself/],
    ['apps/demo/common/x.ts', "import { MainEngine } from '../../../electron/engine/main-engine';\nexport const a = MainEngine;", /app's common part imports only the common layer/],
    ['apps/demo/common/x.ts', "import { page } from '../view/page';\nexport const a = page;", /app's common part imports only the common layer/],
    ['apps/demo/common/x.ts', "import fs from 'node:fs';\nexport const a = fs;", /app's common part imports only the common layer/],
    ['apps/demo/engine/x.ts', "import { app } from 'electron';\nexport const a = app;", /never import electron/],
    ['apps/demo/engine/x.ts', "import { page } from '../view/page';\nexport const a = page;", /never imports an app's view/],
    ['apps/demo/engine/x.ts', "import { other } from '../../other/engine/app';\nexport const a = other;", /never imports another app's engine part/],
    ['electron/engine/x.ts', "import app from '../../apps/demo/engine/app';\nexport const a = app;", /starts apps through apps\/registry.ts/],
    ['apps/demo/view/x.tsx', "import { thing } from '../engine/thing';\nexport const a = thing;", /imports only the common layer and itself/],
    ['apps/demo/view/x.tsx', "import { MainEngine } from '../../../electron/engine/main-engine';\nexport const a = MainEngine;", /renderer\/ imports only common/],
    ['gateways/sim/x.ts', "import { APPS } from '../../apps/registry';\nexport const a = APPS;", /Gateways import only common/],
  ])('%s: %s is an error', async (file, code, message) => {
    const errors = await errorsFor(file, code);
    expect(errors.some((m) => message.test(m)), errors.join('\n')).toBe(true);
  });

  it.each([
    ['common/x.ts', "import { Exchange } from './constants';\nexport const a = Exchange;"],
    ['gateways/sim/x.ts', "import { Exchange } from '../../common/constants';\nexport const a = Exchange;"],
    ['gateways/native/x.ts', "import koffi from 'koffi';\nexport const a = koffi;"],
    ['electron/main.ts', "import { app } from 'electron';\nexport const a = app;"],
    ['apps/demo/common/x.ts', "import { s } from '../../../common/schema';\nexport const a = s;"],
    ['apps/demo/engine/x.ts', "import { defineEngineApp } from '../../../electron/engine/apps/engine-app';\nimport { demoApp } from '../common/app';\nexport const a = [defineEngineApp, demoApp];"],
    ['apps/demo/engine/runtime/x.ts', "import { rows } from '../rows';\nimport { types } from '../../common/types';\nexport const a = [rows, types];"],
    ['apps/demo/view/x.tsx', "import { feeds } from '../../../renderer/src/state/feeds';\nimport { demoApp } from '../common/app';\nexport const a = [feeds, demoApp];"],
    ['electron/engine/x.ts', "import { APPS } from '../../apps/registry';\nexport const a = APPS;"],
  ])('%s: allowed imports pass', async (file, code) => {
    expect(await errorsFor(file, code)).toEqual([]);
  });
});
