/**
 * Headless host (`npm run host`): the engine plus the bridge contract over a WebSocket on
 * 127.0.0.1, for browser mode, E2E tests and clients in other languages (docs/bridge.md).
 * When ready it prints exactly one line: TSTRADER_URL=http://127.0.0.1:<port>/?token=<token>
 *
 * Options: --port N (0 = any free port, the default), --static DIR (built renderer).
 * The .vntrader folder is VNTRADER_DIR, else ./.vntrader, else ~/.vntrader.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { LogLevel } from '../common/constants';
import { startBridgeServer } from './engine/bridge/ws-server';
import { createEngine } from './engine/create-engine';

const DEFAULT_STATIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/renderer');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { port: { type: 'string', default: '0' }, static: { type: 'string' } },
    strict: true,
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port 无效：${values.port}`);
  const staticDir = values.static ?? (fs.existsSync(DEFAULT_STATIC_DIR) ? DEFAULT_STATIC_DIR : undefined);

  const engine = await createEngine();
  const server = await startBridgeServer({ dispatcher: engine.dispatcher, port, staticDir, log: (msg) => engine.main.log(msg, LogLevel.WARNING) });
  engine.main.log(`无界面主机已启动：127.0.0.1:${server.port}，数据目录 ${engine.dir}`);
  process.stdout.write(`TSTRADER_URL=${server.url}\n`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    engine.main.log(`收到 ${signal}，正在退出`);
    await server.close();
    await engine.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`TS Trader 主机启动失败：${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
