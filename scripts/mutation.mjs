#!/usr/bin/env node
// `npm run test:mutation [scope...] [--report]`: runs Stryker once per scope (all scopes when
// none is named; `common` stands for its five folders), then prints the mutation score per
// folder from the JSON reports. --report only prints the table of the last runs.
// Not part of `npm test`: it takes long on two cores.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expandScopes, mutationScopes } from './mutation-scopes.mjs';
import { printFolderScores } from './mutation-report.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const reportOnly = args.includes('--report');
const scopes = expandScopes(args.filter((a) => !a.startsWith('--')));
const unknown = scopes.filter((n) => !(n in mutationScopes));
if (unknown.length > 0) {
  console.error(`unknown scope: ${unknown.join(', ')} (known: ${Object.keys(mutationScopes).join(', ')}, common)`);
  process.exit(2);
}

let failed = false;
if (!reportOnly) {
  for (const scope of scopes) {
    console.log(`\n▶ mutation testing: ${scope}`);
    const r = spawnSync(path.join(root, 'node_modules', '.bin', 'stryker'), ['run', 'stryker.config.mjs'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, TSTRADER_MUTATION_SCOPE: scope },
    });
    if (r.status !== 0) {
      console.error(`${scope}: stryker exited with ${r.status ?? r.signal}`);
      failed = true;
    }
  }
}
printFolderScores(root, scopes);
process.exit(failed ? 1 : 0);
