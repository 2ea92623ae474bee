/**
 * #11 item 18, what a new developer trips over when starting the app: `npm start` in browser
 * mode on a fixed port with a bookmarkable address, nothing it started left running once it is
 * gone (however it goes), a port already in use said plainly, and a missing keychain said in
 * the terminal and to the window (app/info), not only as a log row. Real processes throughout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HOST_TOKEN_FILE } from '../../electron/engine/bridge/host-token';
import { tempVntraderDir, waitFor } from './harness';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
/** D-Bus pointed at a socket that does not exist: no Secret Service on any Linux box. */
const NO_KEYCHAIN = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/tstrader-test-bus' };
const started: ChildProcess[] = [];

afterEach(async () => {
  for (const child of started.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
});

/** A port nothing listens on right now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

interface Run {
  child: ChildProcess;
  out: () => string;
  err: () => string;
  url: Promise<URL>;
  exit: Promise<number | null>;
}

function run(command: string, args: string[], env: Record<string, string>): Run {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const url = new Promise<URL>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /^TSTRADER_URL=(.+)$/m.exec(out);
      if (m) resolve(new URL(m[1]!.trim()));
    });
    void exit.then((code) => reject(new Error(`exited ${code} before its URL: ${out}\n${err}`)));
  });
  url.catch(() => undefined);
  return { child, out: () => out, err: () => err, url, exit };
}

const host = (env: Record<string, string>, ...args: string[]) => run(path.join(root, 'node_modules/.bin/tsx'), ['electron/host.ts', ...args], env);

/** Every process below pid, from /proc (children first found by their parent's id). */
function descendants(pid: number): { pid: number; ppid: number; cmd: string }[] {
  const all = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((d) => {
    try {
      const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      return [{ pid: Number(d), ppid, cmd: fs.readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ') }];
    } catch {
      return [];
    }
  });
  const found: { pid: number; ppid: number; cmd: string }[] = [];
  const walk = (parent: number) => {
    for (const p of all.filter((x) => x.ppid === parent)) {
      found.push(p);
      walk(p.pid);
    }
  };
  walk(pid);
  return found;
}

const alive = (pid: number) => fs.existsSync(`/proc/${pid}`) && !/^\S+ \S+ Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/\(.*\)/, 'x'));

async function appInfo(url: URL): Promise<{ keychain: { persistent: boolean; reason?: string } }> {
  const ws = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token')}`);
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ id: 1, method: 'app/info', params: {} }));
  const frame = await new Promise<{ result: { keychain: { persistent: boolean; reason?: string } } }>((resolve) => ws.once('message', (d: Buffer) => resolve(JSON.parse(d.toString()))));
  ws.close();
  return frame.result;
}

describe.runIf(process.platform === 'linux')('npm start in browser mode', () => {
  it('serves on the port asked for, leaves no esbuild service running, and takes the host down when killed outright', async () => {
    const dir = tempVntraderDir();
    const port = await freePort();
    const start = run(process.execPath, ['scripts/start.mjs', '--port', String(port)], { VNTRADER_DIR: dir, ...NO_KEYCHAIN });
    const url = await start.url;
    expect(url.host).toBe(`127.0.0.1:${port}`);
    const tree = descendants(start.child.pid!);
    expect(tree.some((p) => p.cmd.includes('electron/host.ts'))).toBe(true);
    // The build's esbuild service (a child of start.mjs, where the build runs) was stopped once
    // the build was done. The host's own tsx may run one below the host while it loads: not the build's.
    expect(tree.filter((p) => p.ppid === start.child.pid && /esbuild\S* --service/.test(p.cmd))).toEqual([]);
    // The terminal hears about the keychain (stderr), not only the log.
    expect(start.err()).toContain('系统钥匙串不可用');

    // kill -9: no handler runs in start.mjs, yet the host it started goes too.
    start.child.kill('SIGKILL');
    await start.exit;
    await waitFor(() => tree.every((p) => !alive(p.pid)), 20_000, `processes left behind: ${JSON.stringify(tree.filter((p) => alive(p.pid)))}`);
  }, 120_000);
});

describe('the headless host', () => {
  it('keeps its token on a fixed port, so the address survives a restart; a fresh token on any port', async () => {
    const dir = tempVntraderDir();
    const port = await freePort();
    const first = host({ VNTRADER_DIR: dir }, '--port', String(port));
    const url1 = await first.url;
    const mode = fs.statSync(path.join(dir, HOST_TOKEN_FILE)).mode & 0o777;
    expect(mode).toBe(0o600);

    // A second host on the same port is told why, without a stack trace, and exits 1.
    const second = host({ VNTRADER_DIR: tempVntraderDir() }, '--port', String(port));
    expect(await second.exit).toBe(1);
    expect(second.err()).toContain(`端口 ${port} 已被占用`);
    expect(second.err()).not.toMatch(/\n\s+at /);

    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    // TSTRADER_PORT works like --port.
    const again = host({ VNTRADER_DIR: dir, TSTRADER_PORT: String(port) });
    expect((await again.url).href).toBe(url1.href);
    again.child.kill('SIGTERM');
    await again.exit;

    const any1 = host({ VNTRADER_DIR: dir });
    const anyUrl = await any1.url;
    expect(anyUrl.searchParams.get('token')).not.toBe(url1.searchParams.get('token'));
  }, 120_000);

  it('refuses a port that is not a number in Chinese', async () => {
    const bad = host({ VNTRADER_DIR: tempVntraderDir() }, '--port', '80a');
    expect(await bad.exit).toBe(1);
    expect(bad.err()).toContain('--port 无效：80a');
  }, 60_000);

  it.runIf(process.platform === 'linux')('says a missing keychain on stderr and to the window', async () => {
    const h = host({ VNTRADER_DIR: tempVntraderDir(), ...NO_KEYCHAIN });
    const url = await h.url;
    expect(h.err()).toMatch(/系统钥匙串不可用（.+），密码只保存在本次会话的内存中/);
    const info = await appInfo(url);
    expect(info.keychain.persistent).toBe(false);
    expect(info.keychain.reason).toBeTruthy();
  }, 60_000);
});
