/**
 * JSON files the way vn.py writes them (4-space indent, Chinese kept as is), written
 * atomically, and read without ever destroying a file we could not parse: a broken file is
 * moved aside for the user to inspect and the caller is told.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TraderError } from '../../../common/errors';
import { moveAside } from './move-aside';

export type JsonObject = Record<string, unknown>;

export type ReadJsonResult =
  | { status: 'missing' }
  | { status: 'ok'; data: JsonObject }
  /** the file did not parse as a JSON object; it now lives at movedTo */
  | { status: 'corrupt'; movedTo: string; error: string };

/** Read a JSON object file. `now` is injectable so tests can pin the .corrupt- timestamp. */
export function readJsonFile(file: string, now: () => Date = () => new Date()): ReadJsonResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (isErrno(err, 'ENOENT')) return { status: 'missing' };
    // Unreadable is not corrupt: moving aside a file we merely cannot open would be wrong.
    throw new TraderError('CONFIG_READ', `无法读取文件 ${file}：${errorText(err)}`);
  }
  const parsed = parseObject(text);
  if (parsed.ok) return { status: 'ok', data: parsed.data };
  const movedTo = moveAside(file, now());
  return { status: 'corrupt', movedTo, error: parsed.error };
}

function parseObject(text: string): { ok: true; data: JsonObject } | { ok: false; error: string } {
  // Windows editors (Notepad) may prepend a BOM; that alone must not make a file "corrupt".
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (err) {
    return { ok: false, error: errorText(err) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, error: 'not a JSON object' };
  }
  return { ok: true, data: value as JsonObject };
}

/**
 * Write `data` as JSON so a crash leaves either the old file or the new one, never half of
 * each: write a uniquely named temp file in the same folder (rename is only atomic within a
 * file system), fsync it, then rename over the target. Creates the folder if missing.
 */
export function writeJsonAtomic(file: string, data: unknown): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  // vn.py: json.dump(data, f, indent=4, ensure_ascii=False) — same layout, Chinese unescaped.
  const text = JSON.stringify(data, null, 4);
  if (text === undefined) throw new TypeError(`not JSON-serialisable: ${file}`);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  try {
    // 0o600: connect files name the trader's account and counter addresses.
    const fd = fs.openSync(tmp, 'wx', 0o600);
    try {
      fs.writeFileSync(fd, text, 'utf8');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
  syncDir(dir);
}

/** Persist the rename itself; best effort, as Windows cannot open a folder for fsync. */
function syncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // not supported on this platform/file system; the rename is still atomic
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function isErrno(err: unknown, code: string): boolean {
  return err instanceof Error && (err as NodeJS.ErrnoException).code === code;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
