/**
 * Headless host (`npm run host`): the engine plus the bridge contract over a WebSocket on
 * 127.0.0.1, for browser mode, E2E tests and clients in other languages (docs/bridge.md).
 * When ready it prints exactly one line: TSTRADER_URL=http://127.0.0.1:<port>/?token=<token>
 *
 * Options: --port N (0 = any free port, the default; TSTRADER_PORT sets the default) — on a
 * fixed port the token is kept in the data folder, so the URL can be bookmarked;
 * --static DIR (built renderer); --exit-with-stdin: stop when standard input closes (how
 * `npm start` makes sure the host ends with it, even when it is killed outright).
 * The .vntrader folder is VNTRADER_DIR, else ./.vntrader, else ~/.vntrader.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LogLevel } from '../common/constants';
import { persistentHostToken } from './engine/bridge/host-token';
import { startBridgeServer } from './engine/bridge/ws-server';
import { createEngine } from './engine/create-engine';
import { keychainNotice } from './engine/store';

/** A start refused for a reason the user can fix: the message is enough, no stack. */
class HostStartError extends Error {}

const DEFAULT_STATIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/renderer');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: process.env.TSTRADER_PORT || '0' }, static: { type: 'string' }, 'exit-with-stdin': { type: 'boolean', default: false } },
    strict: true,
  });
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) throw new HostStartError(`--port 无效：${values.port}（0 到 65535 的整数，0 表示任选空闲端口）`);
  const staticDir = values.static ?? (fs.existsSync(DEFAULT_STATIC_DIR) ? DEFAULT_STATIC_DIR : undefined);

  const engine = await createEngine();
  const notice = keychainNotice(engine.secrets);
  if (notice) process.stderr.write(notice);
  const token = port === 0 ? undefined : persistentHostToken(engine.dir);
  let server;
  try {
    server = await startBridgeServer({ dispatcher: engine.dispatcher, port, token, staticDir, log: (msg) => engine.main.log(msg, LogLevel.WARNING) });
  } catch (error) {
    await engine.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new HostStartError(`端口 ${port} 已被占用（另一个 TS Trader 或其他程序）：换一个端口，或用 --port 0 任选空闲端口`);
    throw error;
  }
  engine.main.log(`无界面主机已启动：127.0.0.1:${server.port}，数据目录 ${engine.dir}`);
  process.stdout.write(`TSTRADER_URL=${server.url}\n`);

  let stopping = false;
  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    engine.main.log(`收到 ${why}，正在退出`);
    await server.close();
    await engine.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGHUP', () => void stop('SIGHUP'));
  if (values['exit-with-stdin']) {
    // The parent holds our stdin open and never writes: its end means the parent is gone.
    process.stdin.on('end', () => void stop('标准输入关闭（父进程已退出）'));
    process.stdin.on('error', () => void stop('标准输入出错（父进程已退出）'));
    process.stdin.resume();
  }
}

main().catch((error: unknown) => {
  const text = error instanceof HostStartError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`TS Trader 主机启动失败：${text}\n`);
  process.exit(1);
});
