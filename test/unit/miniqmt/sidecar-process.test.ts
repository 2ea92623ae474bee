/**
 * The sidecar channel with real Python processes: the shipped sidecar, and small scripts
 * playing a sidecar that misbehaves (silent, wrong protocol, dying, hung, chatty). Nothing
 * may leave a caller waiting, and every death is reported once with its reason.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TraderError } from '../../../common/errors';
import { sidecarScriptPath } from '../../../gateways/miniqmt/settings';
import { SidecarProcess, type SidecarHandlers, type SidecarOptions } from '../../../gateways/miniqmt/sidecar-process';
import { TEST_PYTHON } from '../../fixtures/xtquant/fake-miniqmt';
import { waitFor } from '../../integration/harness';

let dir = '';
const running: SidecarProcess[] = [];

const HELLO = `import json, os, sys\nsys.stdout.write(json.dumps({"type": "hello", "protocol": PROTOCOL, "sidecar": "t", "python": "3", "platform": sys.platform, "pid": os.getpid(), "xtquant": {"ok": True, "version": "t"}}) + "\\n")\nsys.stdout.flush()\n`;

const SCRIPTS: Record<string, string> = {
  'silent.py': 'import time\ntime.sleep(60)\n',
  'old-protocol.py': HELLO.replace('PROTOCOL', '99') + 'import time\ntime.sleep(60)\n',
  'dies.py': HELLO.replace('PROTOCOL', '1') + 'sys.stdin.readline()\nsys.stderr.write("boom: counter gone\\n")\nsys.stderr.flush()\nsys.exit(3)\n',
  'deaf.py': HELLO.replace('PROTOCOL', '1') + 'for line in sys.stdin:\n    pass\n',
  'chatty.py':
    HELLO.replace('PROTOCOL', '1') +
    'print("not json at all")\nsys.stdout.flush()\nfor line in sys.stdin:\n    req = json.loads(line)\n    sys.stdout.write(json.dumps({"type": "event", "name": "on_stock_order", "data": {"order_id": 1}}) + "\\n")\n    sys.stdout.write(json.dumps({"type": "result", "id": req["id"], "result": {"pong": 1}}) + "\\n")\n    sys.stdout.flush()\n',
  'stub.py': 'import sys\nsys.stderr.write("Python was not found; run without arguments to install from the Microsoft Store\\n")\nsys.exit(9)\n',
  'stubborn.py': HELLO.replace('PROTOCOL', '1') + 'import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\ntime.sleep(60)\n',
};

/** An xtquant package that cannot load, as when its DLLs are missing. */
const BROKEN_XTQUANT = { 'xtquant/__init__.py': 'raise RuntimeError("DLL load failed while importing IPythonApiClient")\n' };

/** A minimal xtquant that prints on import and answers a query with NaN: the sidecar must keep its stdout clean and its JSON valid. */
const ODD_XTQUANT = {
  'xtquant/__init__.py': 'print("xtquant banner on stdout")\n__version__ = "odd"\n',
  'xtquant/xtconstant.py': 'STOCK_BUY = 23\n',
  'xtquant/xttype.py': 'class StockAccount(object):\n    def __init__(self, account_id, account_type="STOCK"):\n        self.account_id = account_id\n        self.account_type = account_type\n',
  'xtquant/xttrader.py': [
    'class XtQuantTraderCallback(object):\n    pass',
    'class Asset(object):\n    def __init__(self):\n        self.account_id = "1"\n        self.cash = float("nan")\n        self.frozen_cash = float("inf")\n        self.market_value = 12.5',
    'class XtQuantTrader(object):\n    def __init__(self, path, session):\n        pass\n    def register_callback(self, cb):\n        self.cb = cb\n    def start(self):\n        pass\n    def connect(self):\n        print("connected, says the vendor, on stdout")\n        return 0\n    def subscribe(self, account):\n        return 0\n    def stop(self):\n        pass\n    def query_stock_asset(self, account):\n        return Asset()',
  ].join('\n\n') + '\n',
};

function writeTree(root: string, files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tstrader-sidecar-'));
  writeTree(dir, SCRIPTS);
  writeTree(path.join(dir, 'broken'), BROKEN_XTQUANT);
  writeTree(path.join(dir, 'odd'), ODD_XTQUANT);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  for (const s of running.splice(0)) s.kill();
});

interface Recorder extends SidecarHandlers {
  exits: string[];
  logs: { level: string; msg: string }[];
  events: { name: string; data: unknown }[];
}

function recorder(): Recorder {
  const r: Recorder = {
    exits: [],
    logs: [],
    events: [],
    onEvent: (name, data) => r.events.push({ name, data }),
    onLog: (level, msg) => r.logs.push({ level, msg }),
    onExit: (reason) => r.exits.push(reason),
  };
  return r;
}

function start(script: string, over: Partial<SidecarOptions> = {}, handlers = recorder()): { s: SidecarProcess; h: Recorder } {
  const s = new SidecarProcess({ python: TEST_PYTHON, script, xtquantDir: '', helloTimeoutMs: 20_000, ...over }, handlers);
  running.push(s);
  return { s, h: handlers as Recorder };
}

async function failure(p: Promise<unknown>): Promise<TraderError> {
  try {
    await p;
  } catch (error) {
    return error as TraderError;
  }
  throw new Error('expected a rejection');
}

const gone = (pid: number | undefined) => {
  try {
    process.kill(pid!, 0);
    return false;
  } catch {
    return true;
  }
};

describe('SidecarProcess', () => {
  it('a Python that is not there: PYTHON_NOT_FOUND, saying what is needed', async () => {
    const { s, h } = start(path.join(dir, 'silent.py'), { python: path.join(dir, 'no-python-here') });
    const err = await failure(s.ready);
    expect(err.code).toBe('PYTHON_NOT_FOUND');
    expect(err.message).toContain('不存在或不在 PATH 中。MiniQMT 接口需要：Windows 上已登录并勾选“极简模式”的 MiniQMT 客户端');
    expect(h.exits).toHaveLength(1);
    expect((await failure(s.request('ping', {}, 1000))).code).toBe('PYTHON_NOT_FOUND');
  });

  it('a Python that exits before the hello (a store stub) is named, with what it said and what is needed', async () => {
    const { s, h } = start(path.join(dir, 'stub.py'));
    const err = await failure(s.ready);
    expect(err.code).toBe('SIDECAR_EXITED');
    expect(err.message).toMatch(/^Python（.*）未能启动 MiniQMT 边车进程：MiniQMT 边车进程已退出（退出码 9）；它最后在 stderr 输出：Python was not found; run without arguments to install from the Microsoft Store。MiniQMT 接口需要：/);
    expect(h.exits).toEqual([err.message]);
  });

  it('a sidecar that never says hello is given up on and killed', async () => {
    const { s } = start(path.join(dir, 'silent.py'), { helloTimeoutMs: 500 });
    const err = await failure(s.ready);
    expect(err.code).toBe('SIDECAR_START_TIMEOUT');
    expect(err.message).toMatch(/秒内没有启动 MiniQMT 边车进程/);
    await waitFor(() => gone(s.pid), 10_000, 'the silent process killed');
  });

  it('refuses a sidecar speaking another protocol version', async () => {
    const { s } = start(path.join(dir, 'old-protocol.py'));
    const err = await failure(s.ready);
    expect(err.code).toBe('SIDECAR_PROTOCOL');
    expect(err.message).toMatch(/协议版本为 99，本程序需要 1/);
  });

  it('the shipped sidecar without xtquant: XTQUANT_MISSING with Python’s own words, and it goes away', async () => {
    const { s, h } = start(sidecarScriptPath());
    const err = await failure(s.ready);
    expect(err.code).toBe('XTQUANT_MISSING');
    expect(err.message).toMatch(/^Python 3\.\d+\.\d+（.*python3?）无法导入 xtquant：ModuleNotFoundError: No module named 'xtquant'。MiniQMT 接口需要/);
    await waitFor(() => gone(s.pid), 10_000, 'sidecar gone');
    expect(h.exits).toEqual([]); // it was sent away, not lost
  });

  it('the shipped sidecar with an xtquant that fails to load says why', async () => {
    const { s } = start(sidecarScriptPath(), { xtquantDir: path.join(dir, 'broken') });
    const err = await failure(s.ready);
    expect(err.code).toBe('XTQUANT_MISSING');
    expect(err.message).toContain('RuntimeError: DLL load failed while importing IPythonApiClient');
  });

  it('keeps the protocol clean of vendor prints and of NaN', async () => {
    const { s, h } = start(sidecarScriptPath(), { xtquantDir: path.join(dir, 'odd') });
    const hello = await s.ready;
    expect(hello.xtquant).toMatchObject({ ok: true, version: 'odd' });
    expect(await s.request('connect', { path: dir, session_id: 1, account_id: '1', account_type: 'STOCK' }, 10_000)).toEqual({ connect: 0, subscribe: 0 });
    expect(await s.request('query_asset', {}, 10_000)).toEqual({ item: { account_id: '1', cash: null, frozen_cash: null, market_value: 12.5 } });
    await waitFor(() => h.logs.some((l) => l.msg === '[边车 stderr] connected, says the vendor, on stdout'), 10_000, 'vendor print on stderr');
    expect(h.logs.some((l) => l.msg === '[边车 stderr] xtquant banner on stdout')).toBe(true);
    expect(h.logs.filter((l) => l.level === 'WARNING')).toEqual([]);
  });

  it('the shipped sidecar, connected, exits by itself when its stdin closes (the terminal died)', async () => {
    const child = spawn(TEST_PYTHON, ['-u', sidecarScriptPath(), '--xtquant-dir', path.join(dir, 'odd')], { stdio: ['pipe', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => (out += c));
    try {
      child.stdin.write(`${JSON.stringify({ id: 1, method: 'connect', params: { path: dir, session_id: 1, account_id: '1', account_type: 'STOCK' } })}\n`);
      await waitFor(() => out.includes('"id":1'), 10_000, 'connected');
      child.stdin.end();
      expect(await waitFor(() => (child.exitCode === null ? undefined : { code: child.exitCode }), 10_000, 'exit on EOF')).toEqual({ code: 0 });
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('a sidecar that dies mid-request fails the request with the exit code and its last stderr line, reported once', async () => {
    const { s, h } = start(path.join(dir, 'dies.py'));
    await s.ready;
    const err = await failure(s.request('ping', {}, 20_000));
    expect(err.code).toBe('SIDECAR_EXITED');
    expect(err.message).toBe('MiniQMT 边车进程已退出（退出码 3）；它最后在 stderr 输出：boom: counter gone');
    expect(h.exits).toEqual([err.message]);
    expect(s.alive).toBe(false);
  });

  it('a request that misses its deadline means a hung sidecar: it is killed and reported', async () => {
    const { s, h } = start(path.join(dir, 'deaf.py'));
    await s.ready;
    const pending = s.request('query_asset', {}, 20_000);
    const err = await failure(s.request('ping', {}, 300));
    expect(err.message).toBe('MiniQMT 边车进程 0.3 秒内未应答请求“ping”，判定为无响应并已结束');
    // Everything else in flight fails with it, at once, not at its own deadline.
    expect((await failure(pending)).message).toBe(err.message);
    expect(h.exits).toEqual([err.message]);
    await waitFor(() => gone(s.pid), 10_000, 'hung process killed');
  });

  it('logs a line that is not the protocol and carries on', async () => {
    const { s, h } = start(path.join(dir, 'chatty.py'));
    await s.ready;
    expect(await s.request('ping', {}, 10_000)).toEqual({ pong: 1 });
    expect(h.events).toEqual([{ name: 'on_stock_order', data: { order_id: 1 } }]);
    expect(h.logs.find((l) => l.level === 'WARNING')!.msg).toMatch(/^MiniQMT 边车进程输出了无法识别的一行（不是 JSON：.*）：not json at all$/);
  });

  it('stop() is bounded: a sidecar that ignores it is killed after the grace period, without an exit report', async () => {
    const { s, h } = start(path.join(dir, 'stubborn.py'));
    await s.ready;
    const t0 = Date.now();
    await s.stop(500);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(gone(s.pid)).toBe(true);
    expect(h.exits).toEqual([]);
  });
});
