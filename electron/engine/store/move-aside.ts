/**
 * Keeping a file we cannot use: it is renamed to `<file>.corrupt-YYYYMMDD-HHMMSS[-n]` next to
 * where it was, for the user to inspect or send us, never overwritten or deleted.
 */
import fs from 'node:fs';

/** The first free `<file>.corrupt-<stamp>[-n]` name (rename() would silently replace a file). */
export function corruptName(file: string, when: Date, taken: (candidate: string) => boolean = fs.existsSync): string {
  const base = `${file}.corrupt-${stamp(when)}`;
  let target = base;
  for (let n = 2; taken(target); n++) target = `${base}-${n}`;
  return target;
}

/** Rename `file` aside; returns where it now lives. */
export function moveAside(file: string, when: Date): string {
  const target = corruptName(file, when);
  fs.renameSync(file, target);
  return target;
}

/** Local time, like the file names a user sees next to it in the file manager. */
function stamp(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return (
    `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-` +
    `${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`
  );
}
