#!/usr/bin/env node
// `node scripts/try-survivors.mjs <scope> [file-substring] [--static]`: applies each mutant that
// survived the last `npm run test:mutation -- <scope>` (from reports/mutation/<scope>.json) to
// the source, one at a time, runs the unit tests related to that file, and restores the file.
// Prints KILLED or SURVIVED per mutant. It answers "do the tests I just wrote kill these?" in
// minutes, where a new Stryker run of the scope takes most of an hour. Interrupting it (Ctrl-C)
// restores the file too. With --static it tries the mutants Stryker skipped as static
// (module-level constants, such as the session hours) instead. --skip=N passes over the first N
// mutants it would try (to resume a run that was cut off).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const staticOnly = args.includes('--static');
const skip = Number(args.find((a) => a.startsWith('--skip='))?.slice('--skip='.length) ?? 0);
const [scope, only] = args.filter((a) => !a.startsWith('--'));
if (!scope || !Number.isInteger(skip) || skip < 0) {
  console.error('usage: node scripts/try-survivors.mjs <scope> [file-substring] [--static] [--skip=N]');
  process.exit(2);
}
const reportPath = path.join(root, 'reports', 'mutation', `${scope}.json`);
if (!fs.existsSync(reportPath)) {
  console.error(`no report at ${path.relative(root, reportPath)}: run npm run test:mutation -- ${scope} first`);
  process.exit(2);
}
const report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));

/** The source (and its lines) with one mutant applied; the report's lines and columns both count from 1. */
function applyMutant(source, lines, { start, end }, replacement) {
  const offset = (p) => lines.slice(0, p.line - 1).reduce((n, l) => n + l.length + 1, 0) + p.column - 1;
  return source.slice(0, offset(start)) + replacement + source.slice(offset(end));
}

const wanted = staticOnly
  ? (m) => m.status === 'Ignored' && /static/i.test(m.statusReason ?? '')
  : (m) => m.status === 'Survived' || m.status === 'NoCoverage';

let restoring = null;
const restore = () => {
  if (restoring) fs.writeFileSync(restoring.file, restoring.source);
  restoring = null;
};
// The tests run as a child process awaited asynchronously, so these handlers get their turn
// while a mutant is applied (a synchronous spawn would hold them until the very end).
let child = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    child?.kill('SIGKILL');
    restore();
    process.exit(130);
  });
}

/** Runs the unit tests that import `file`; resolves with the exit code and the output. */
function runRelated(file) {
  return new Promise((resolve) => {
    child = spawn(path.join(root, 'node_modules', '.bin', 'vitest'), ['related', '--run', '--passWithNoTests', '--config', 'vitest.mutation.config.ts', file], { cwd: root });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (status) => {
      child = null;
      resolve({ status, output });
    });
  });
}

let killed = 0;
let survived = 0;
let errors = 0;
let seen = 0;
for (const [file, { source, mutants }] of Object.entries(report.files)) {
  if (only && !file.includes(only)) continue;
  const abs = path.join(root, file);
  const current = fs.readFileSync(abs, 'utf8');
  if (current !== source) {
    console.log(`${file}: changed since the report; skipped (run Stryker again)`);
    continue;
  }
  const lines = source.split('\n');
  for (const m of mutants.filter(wanted)) {
    if (seen++ < skip) continue;
    restoring = { file: abs, source };
    fs.writeFileSync(abs, applyMutant(source, lines, m.location, m.replacement));
    const run = await runRelated(file);
    restore();
    // A mutant that no longer parses would fail every test: that says nothing about the tests.
    const broken = run.status !== 0 && /SyntaxError|Transform failed/.test(run.output);
    const verdict = broken ? 'ERROR' : run.status === 0 ? 'SURVIVED' : 'KILLED';
    if (broken) errors++;
    else if (run.status === 0) survived++;
    else killed++;
    const line = lines[m.location.start.line - 1].trim();
    console.log(`${verdict}  ${file}:${m.location.start.line}  ${m.mutatorName}: ${line.slice(0, 90)}  →  ${m.replacement.slice(0, 60)}`);
  }
}
console.log(`\n${killed} killed, ${survived} still surviving${errors ? `, ${errors} that did not parse (a bug in this script)` : ''}`);
process.exit(errors ? 1 : 0);
