/**
 * Where TS Trader keeps its files: vn.py's .vntrader folder, found by vn.py's own rule so a
 * vn.py user's settings are picked up. Inputs are passed in (not read from process/os) so
 * tests can resolve against temp folders and never touch the real home.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface VntraderDirInputs {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
}

/** The folder name vn.py uses, in the working directory or the home directory. */
export const VNTRADER_FOLDER = '.vntrader';

/**
 * VNTRADER_DIR wins (tests, portable installs); else `<cwd>/.vntrader` when it already exists
 * (vn.py's rule: a project folder may carry its own settings); else `<home>/.vntrader`.
 * The chosen folder is created if missing.
 */
export function resolveVntraderDir(inputs: VntraderDirInputs): string {
  const dir = chooseDir(inputs);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function chooseDir({ cwd, env, home }: VntraderDirInputs): string {
  const override = env.VNTRADER_DIR;
  // An empty variable is treated as unset: `VNTRADER_DIR= cmd` should not mean "the cwd".
  if (override !== undefined && override.trim() !== '') return path.resolve(cwd, override);
  const local = path.join(cwd, VNTRADER_FOLDER);
  if (isDirectory(local)) return local;
  return path.join(home, VNTRADER_FOLDER);
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
