#!/usr/bin/env node
// `npm test`: type-check, lint (layering rules are errors), then the whole vitest suite
// inside a private D-Bus session with an unlocked gnome-keyring, so the keychain tests use
// a real keychain daemon and never the developer's own. Ends with one summary line
// "Tests: N passed, N failed" for CI.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const extra = process.argv.slice(2);

function step(title, cmd, args, env = process.env) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (r.error) {
    console.error(`${title}: ${r.error.message}`);
    return 1;
  }
  return r.status ?? 1;
}

if (step('typecheck (tsc --noEmit)', bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']) !== 0) process.exit(1);
if (step('typecheck renderer', bin('tsc'), ['--noEmit', '-p', 'renderer/tsconfig.json']) !== 0) process.exit(1);
if (step('lint (eslint, layering as errors)', bin('eslint'), ['--max-warnings', '0', '.']) !== 0) process.exit(1);

// The native simulated counter (C, own thread) and its C tests, plain and under sanitizers.
if (step('native build', process.execPath, [path.join(root, 'scripts', 'build-native.mjs'), '--strict']) !== 0) process.exit(1);
if (step('C tests (plain, ASan+UBSan, TSan)', 'bash', [path.join(root, 'scripts', 'test-native.sh')]) !== 0) process.exit(1);

// The E2E tests drive the built UI, and the Electron bundle check needs dist/ too.
if (step('build (esbuild: renderer, Electron main/preload, gateways)', process.execPath, [path.join(root, 'scripts', 'build.mjs')]) !== 0) process.exit(1);

const report = path.join(root, 'test-results', 'vitest.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });
// In CI the keychain is installed by .ci/run and its tests must not skip.
const env = { ...process.env, ...(process.env.CI ? { TSTRADER_REQUIRE_KEYRING: '1' } : {}) };
const vitestArgs = ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra];
const status = step('tests (vitest, real keychain)', 'bash', [path.join(root, 'scripts', 'with-keyring.sh'), bin('vitest'), ...vitestArgs], env);

if (fs.existsSync(report)) {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`\nTests: ${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`);
}
process.exit(status);
