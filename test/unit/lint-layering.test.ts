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
  ])('%s: %s is an error', async (file, code, message) => {
    const errors = await errorsFor(file, code);
    expect(errors.some((m) => message.test(m)), errors.join('\n')).toBe(true);
  });

  it.each([
    ['common/x.ts', "import { Exchange } from './constants';\nexport const a = Exchange;"],
    ['gateways/sim/x.ts', "import { Exchange } from '../../common/constants';\nexport const a = Exchange;"],
    ['gateways/native/x.ts', "import koffi from 'koffi';\nexport const a = koffi;"],
    ['electron/main.ts', "import { app } from 'electron';\nexport const a = app;"],
  ])('%s: allowed imports pass', async (file, code) => {
    expect(await errorsFor(file, code)).toEqual([]);
  });
});
