/**
 * The browser-mode token when the host listens on a fixed port: kept in the data folder so the
 * URL stays the same across restarts and can be bookmarked. Readable by its owner only (it is
 * the one thing between another local user and the account); delete the file for a new one.
 * On any port chosen by the system the token is new each run, as before.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const HOST_TOKEN_FILE = 'host_token';
const TOKEN_SHAPE = /^[0-9a-f]{48}$/;

/** The saved token, or a new one saved with owner-only permissions. A damaged file is replaced. */
export function persistentHostToken(dir: string): string {
  const file = path.join(dir, HOST_TOKEN_FILE);
  try {
    const saved = fs.readFileSync(file, 'utf8').trim();
    if (TOKEN_SHAPE.test(saved)) {
      // Tighten a file someone loosened: the token is as good as a password here.
      if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
      return saved;
    }
  } catch {
    // no file yet
  }
  const token = randomBytes(24).toString('hex');
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${token}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
  return token;
}
