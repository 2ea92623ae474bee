/**
 * Serves the built renderer (dist/renderer) as app://tstrader/…, for protocol.handle. Only
 * files under that one root are reachable: `..` segments (also percent-encoded), NULs and
 * backslashes are refused before touching the disk, and the real path (symlinks resolved)
 * must still lie under the root's real path. Every response carries the CSP headers.
 * It uses the WHATWG Request/Response that Node and Electron share, so it is tested in Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { APP_HOST, APP_SCHEME, SECURITY_HEADERS } from './security';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** The disk access the handler needs; the callback forms, because Electron's asar layer patches those. */
export interface FileAccess {
  realpath(p: string): Promise<string>;
  readFile(p: string): Promise<Buffer>;
}

export const nodeFileAccess: FileAccess = {
  realpath: promisify(fs.realpath),
  readFile: promisify(fs.readFile),
};

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * The file an app:// URL names under `root`, or undefined when the URL is not ours or its
 * path could leave the root. Lexical only; the symlink check follows in the handler.
 */
export function resolveAppPath(root: string, rawUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST || url.port !== '' || url.username !== '' || url.password !== '') return undefined;
  const segments: string[] = [];
  for (const raw of url.pathname.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    // Checked after decoding: %2e%2e and %2f must not smuggle a parent or a separator in.
    if (segment === '..' || segment.includes('/') || segment.includes('\\') || segment.includes('\0')) return undefined;
    if (segment === '' || segment === '.') continue;
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');
  const base = path.resolve(root);
  const file = path.resolve(base, ...segments);
  return isInside(base, file) ? file : undefined;
}

function reply(status: number, body: string, type = 'text/plain; charset=utf-8'): Response {
  return new Response(body, { status, headers: { ...SECURITY_HEADERS, 'Content-Type': type } });
}

/** A protocol.handle handler serving files under `root`. */
export function createAppProtocolHandler(root: string, files: FileAccess = nodeFileAccess): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return reply(405, 'Method Not Allowed');
    const file = resolveAppPath(root, request.url);
    if (!file) return reply(404, 'Not Found');
    try {
      const [base, real] = await Promise.all([files.realpath(path.resolve(root)), files.realpath(file)]);
      // A symlink inside dist/renderer must not lead outside it.
      if (!isInside(base, real)) return reply(404, 'Not Found');
      const body = await files.readFile(real);
      const type = CONTENT_TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream';
      const headers = { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-cache' };
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' ? reply(404, 'Not Found') : reply(500, 'Internal Error');
    }
  };
}
