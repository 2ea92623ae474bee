// Mutation score per folder from Stryker's JSON reports (reports/mutation/<scope>.json).
// Score = detected / (detected + undetected), as Stryker counts it: killed and timed-out mutants
// are detected; survivors and mutants no test reaches are not; compile errors and ignored ones don't count.
import fs from 'node:fs';
import path from 'node:path';

/** Per-folder tallies for one Stryker JSON report. */
export function folderTallies(report) {
  const folders = new Map();
  for (const [file, result] of Object.entries(report.files)) {
    const folder = path.posix.dirname(file.replaceAll('\\', '/'));
    const t = folders.get(folder) ?? { killed: 0, survived: 0, noCoverage: 0, timeout: 0, invalid: 0, ignored: 0 };
    for (const m of result.mutants) {
      if (m.status === 'Killed') t.killed++;
      else if (m.status === 'Timeout') t.timeout++;
      else if (m.status === 'Survived') t.survived++;
      else if (m.status === 'NoCoverage') t.noCoverage++;
      else if (m.status === 'Ignored') t.ignored++;
      else t.invalid++;
    }
    folders.set(folder, t);
  }
  return folders;
}

export function score(t) {
  const d = t.killed + t.timeout;
  const valid = d + t.survived + t.noCoverage;
  return valid === 0 ? null : (100 * d) / valid;
}

export function printFolderScores(root, scopes) {
  const rows = [];
  for (const scope of scopes) {
    const file = path.join(root, 'reports', 'mutation', `${scope}.json`);
    if (!fs.existsSync(file)) {
      rows.push([scope, '(no report yet)', '', '', '', '', '', '']);
      continue;
    }
    const report = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const [folder, t] of [...folderTallies(report)].sort(([a], [b]) => a.localeCompare(b))) {
      const s = score(t);
      rows.push([scope, folder, s === null ? 'n/a' : s.toFixed(2), t.killed + t.timeout, t.survived, t.noCoverage, t.invalid, t.ignored]);
    }
  }
  const head = ['scope', 'folder', 'score %', 'killed', 'survived', 'no cov', 'invalid', 'ignored'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(widths[i])).join(' | ');
  console.log('\nMutation score per folder');
  console.log(line(head));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const r of rows) console.log(line(r));
}
