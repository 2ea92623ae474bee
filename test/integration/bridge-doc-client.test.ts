/**
 * docs/bridge.md's minimal client, run exactly as written against a real host (issue #11
 * item 14): it waits for the login, buys inside the day's limits and sees its order through
 * to a final status, reading the events that follow the order/send response. Also: every
 * request and event of the contract is documented there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_CONTRACT } from '../../apps/registry';
import { tempVntraderDir } from './harness';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const doc = fs.readFileSync(path.join(root, 'docs/bridge.md'), 'utf8');
let host: ChildProcess;
let url: string;

beforeAll(async () => {
  host = spawn(path.join(root, 'node_modules/.bin/tsx'), ['electron/host.ts', '--port', '0'], {
    cwd: root,
    env: { ...process.env, VNTRADER_DIR: tempVntraderDir() },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffer = '';
  url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`host did not start: ${buffer}`)), 30_000);
    host.stdout!.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n').find((l) => l.startsWith('TSTRADER_URL='));
      if (line) {
        clearTimeout(timer);
        resolve(line.slice('TSTRADER_URL='.length).trim());
      }
    });
    host.on('exit', (code) => reject(new Error(`host exited ${code}: ${buffer}`)));
  });
}, 40_000);

afterAll(async () => {
  host.kill('SIGTERM');
  await new Promise((r) => host.once('exit', r));
});

function runClient(file: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    // NODE_PATH: the client's `require('ws')` finds the repository's copy, as `npm install ws` would.
    const child = spawn(process.execPath, [file, url], { env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    // 'close', not 'exit': at 'exit' the client's last lines may still be in the pipe.
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('docs/bridge.md', () => {
  it('its minimal client runs as written: logs in, buys inside the limits, follows the order to 全部成交', async () => {
    const blocks = [...doc.matchAll(/## A minimal client[\s\S]*?```js\n([\s\S]*?)```/g)];
    expect(blocks).toHaveLength(1);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bridge-client-'));
    const file = path.join(dir, 'client.js');
    fs.writeFileSync(file, blocks[0]![1]!);
    const { code, out, err } = await runClient(file);
    expect(err).toBe('');
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^600000\.SSE last [\d.]+, limits [\d.]+–[\d.]+$/);
    expect(lines[1]).toMatch(/^order SIM\.\S+$/);
    // The order's own events, from its first status on (none missed before the response), to a final one.
    expect(lines[2]).toMatch(/^order (未成交|全部成交|部分成交)$/);
    expect(lines).toContain('order 全部成交');
    const fills = lines.filter((l) => /^trade \d+ @ [\d.]+, fee [\d.]+$/.test(l));
    expect(fills.reduce((sum, l) => sum + Number(l.split(' ')[1]), 0)).toBe(100);
  }, 60_000);

  it('documents every request and every event of the contract', () => {
    const contract = BRIDGE_CONTRACT as unknown as { requests: Record<string, unknown>; events: Record<string, unknown> };
    const missing = [...Object.keys(contract.requests), ...Object.keys(contract.events)].filter((name) => !doc.includes(`| \`${name}\` |`));
    expect(missing).toEqual([]);
  });
});
