/**
 * The headless host (as electron/host.ts runs it: the engine and the bridge server on
 * 127.0.0.1, serving the built renderer) for the CTP E2E test, with one test-only addition:
 * the parent may feed LocalCTP a price snapshot over the IPC channel. LocalCTP has no quotes
 * of its own; it matches orders only against snapshots handed to the trader API instance that
 * holds them, so the feed must reach the live CTP gateway inside this process — the same way
 * test/integration/ctp/engine-child.ts does it. The adapter's test build (with the snapshot
 * hook) is the only other test-only part (the parent's TSTRADER_NATIVE_DIR).
 *
 * Runs in LocalCTP's working folder (its config, instrument list and database live there).
 *   parent → child: { id, cmd: 'feed', args: TickValue }    child → parent: { id, ok, error? }
 *   stdout: TSTRADER_URL=… once ready, as the real host prints it.
 */
import { LogLevel } from '../../../common/constants';
import { startBridgeServer } from '../../../electron/engine/bridge/ws-server';
import { createEngine } from '../../../electron/engine/create-engine';
import type { NativeGateway } from '../../../gateways/native';
import type { TickValue } from '../../../gateways/native/abi-layout';

const staticDir = process.env.CTP_TEST_STATIC_DIR!;
const engine = await createEngine();
const server = await startBridgeServer({ dispatcher: engine.dispatcher, port: 0, staticDir, log: (msg) => engine.main.log(msg, LogLevel.WARNING) });
process.stdout.write(`TSTRADER_URL=${server.url}\n`);

function feed(tick: TickValue): void {
  const gateway = engine.main['instances'].get('CTP')?.get() as NativeGateway | undefined;
  const hook = gateway?.feedTick();
  if (!hook) throw new Error('CTP 未连接，或适配器不是测试构建（无 tsc_test_feed_tick）');
  hook(tick);
}

process.on('message', (m: { id: number; cmd: string; args: unknown }) => {
  try {
    if (m.cmd !== 'feed') throw new Error(`unknown command ${m.cmd}`);
    feed(m.args as TickValue);
    process.send?.({ id: m.id, ok: true });
  } catch (error) {
    process.send?.({ id: m.id, ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server.close();
  await engine.close(); // LocalCTP writes its database as the process exits
  process.exit(0);
}
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
