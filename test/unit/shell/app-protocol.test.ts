import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppProtocolHandler, resolveAppPath } from '../../../electron/shell/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../../electron/shell/security';

let tmp: string;
let root: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tstrader-protocol-'));
  root = path.join(tmp, 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>TS Trader</title>');
  fs.writeFileSync(path.join(root, 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'assets', 'font.woff2'), 'woff');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'outside the root');
  // A sibling whose name starts with the root's: a prefix test would let it through.
  fs.mkdirSync(path.join(tmp, 'renderer-evil'));
  fs.writeFileSync(path.join(tmp, 'renderer-evil', 'x.js'), 'evil');
});

afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('resolveAppPath', () => {
  it('maps our URLs to files under the root', () => {
    expect(resolveAppPath(root, 'app://tstrader/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://tstrader/assets/font.woff2')).toBe(path.join(root, 'assets', 'font.woff2'));
    expect(resolveAppPath(root, 'app://tstrader/index.html?view=contract-query')).toBe(path.join(root, 'index.html'));
  });

  it('serves index.html for the bare origin', () => {
    expect(resolveAppPath(root, 'app://tstrader/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://tstrader')).toBe(path.join(root, 'index.html'));
  });

  it.each(['app://tstrader/%2e%2e/secret.txt', 'app://tstrader/assets/%2E%2E/%2e%2e/secret.txt', 'app://tstrader/../../secret.txt'])(
    'folds dot segments, literal or encoded, without climbing above the root: %s',
    (url) => {
      expect(resolveAppPath(root, url)).toBe(path.join(root, 'secret.txt'));
    },
  );

  it.each([
    // What the URL parser leaves alone must be refused after decoding.
    'app://tstrader/..%2fsecret.txt',
    'app://tstrader/..%5csecret.txt',
    'app://tstrader/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://tstrader/index.html%00.js',
    'app://tstrader/%E0%A4%A',
    'app://tstrader/..%2frenderer-evil/x.js',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeUndefined();
  });

  it.each(['app://tstrader.evil/index.html', 'app://evil/index.html', 'https://tstrader/index.html', 'file:///index.html', 'app://x@tstrader/index.html'])(
    'refuses foreign origin %s',
    (url) => {
      expect(resolveAppPath(root, url)).toBeUndefined();
    },
  );
});

describe('createAppProtocolHandler', () => {
  const get = (url: string, method = 'GET') => createAppProtocolHandler(root)(new Request(url, { method }));

  it('serves a file with its type and the CSP header', async () => {
    const res = await get('app://tstrader/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('serves index.html for the 查询合约 view', async () => {
    const res = await get('app://tstrader/index.html?view=contract-query');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('sends the CSP on errors too', async () => {
    const res = await get('app://tstrader/missing.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('refuses a path with encoded parent segments', async () => {
    const res = await get('app://tstrader/%2e%2e/secret.txt');
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('outside');
  });

  it('refuses a symlink that leads out of the root', async () => {
    fs.symlinkSync(path.join(tmp, 'secret.txt'), path.join(root, 'link.txt'));
    fs.symlinkSync(tmp, path.join(root, 'up'));
    for (const url of ['app://tstrader/link.txt', 'app://tstrader/up/secret.txt']) {
      const res = await get(url);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain('outside');
    }
  });

  it('follows a symlink that stays inside the root', async () => {
    fs.symlinkSync(path.join(root, 'app.js'), path.join(root, 'alias.js'));
    expect((await get('app://tstrader/alias.js')).status).toBe(200);
  });

  it('serves when the root itself is reached through a symlink', async () => {
    const linkRoot = path.join(tmp, 'linked-root');
    fs.symlinkSync(root, linkRoot);
    const res = await createAppProtocolHandler(linkRoot)(new Request('app://tstrader/app.js'));
    expect(res.status).toBe(200);
  });

  it('answers a directory with 404, not a listing', async () => {
    expect((await get('app://tstrader/assets')).status).toBe(404);
  });

  it('allows GET and HEAD only', async () => {
    expect((await get('app://tstrader/app.js', 'POST')).status).toBe(405);
    const head = await get('app://tstrader/app.js', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses other origins', async () => {
    expect((await get('app://tstrader.evil/app.js')).status).toBe(404);
  });
});
