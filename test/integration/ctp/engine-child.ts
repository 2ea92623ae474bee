/**
 * A process running the whole engine (createEngine: journal, OMS, pre-trade check, the CTP
 * plugin as installed) against LocalCTP, driven by the test over the IPC channel. Its own
 * process because LocalCTP works in the process's working directory and keeps process-wide
 * state: restarting the app is starting this process again on the same folders.
 *
 * Nothing in the engine is replaced. The one test-only part is the adapter library: the parent
 * points TSTRADER_NATIVE_DIR at a folder whose libtstrader_ctp is the adapter's test build
 * (it exports the snapshot hook LocalCTP needs for prices), reached here through the live
 * gateway object behind the engine's CTP instance.
 *
 *   parent → child: { id, cmd, args }      child → parent: { id, ok, value | error }
 *   child → parent: { event, value }       (each order and trade as the engine publishes it)
 *
 * Commands: dispatch (one bridge request), dispatch-together (several started in one turn),
 * feed (a LocalCTP snapshot), state, close.
 */
import { createEngine } from '../../../electron/engine/create-engine';
import { MemorySecretStore } from '../../../electron/engine/store';
import type { NativeGateway } from '../../../gateways/native';
import type { TickValue } from '../../../gateways/native/abi-layout';

interface Command {
  id: number;
  cmd: string;
  args: unknown;
}

const send = (m: unknown): void => void process.send?.(m);

const engine = await createEngine({ vntraderDir: process.env.CTP_TEST_VNTRADER_DIR!, secretStore: new MemorySecretStore(), timer: false });
// What leaves the engine (after its journal commit): what a window or a strategy would see.
engine.published.on('order', (value) => send({ event: 'order', value }));
engine.published.on('trade', (value) => send({ event: 'trade', value }));

let closing: Promise<void> | undefined;

function ctpGateway(): NativeGateway {
  return engine.main['instances'].get('CTP')!.get() as NativeGateway;
}

async function run(cmd: string, args: unknown): Promise<unknown> {
  switch (cmd) {
    case 'dispatch': {
      const { method, params } = args as { method: string; params: unknown };
      return engine.dispatcher.dispatch(method, params);
    }
    case 'dispatch-together': {
      // Requests started in one turn of the event loop: no counter event (they arrive through
      // the relay's pipe, a later turn) can reach the engine between them.
      const list = args as { method: string; params: unknown }[];
      const settled = await Promise.allSettled(list.map(({ method, params }) => engine.dispatcher.dispatch(method, params)));
      return settled.map((r) => (r.status === 'fulfilled' ? { ok: true, value: r.value } : { ok: false, code: (r.reason as { code?: string }).code, message: (r.reason as Error).message }));
    }
    case 'feed': {
      const feed = ctpGateway().feedTick();
      if (!feed) throw new Error('CTP 适配器不是测试构建（无 tsc_test_feed_tick）');
      return feed(args as TickValue);
    }
    case 'state': {
      await engine.settled();
      const snap = engine.main.snapshot();
      return {
        orders: snap.orders, trades: snap.trades, positions: snap.positions, accounts: snap.accounts,
        gateways: snap.gateways, logs: snap.logs.map((l) => `${l.gateway_name} ${l.msg}`),
        contracts: [...engine.oms.contracts.values()],
      };
    }
    case 'close': {
      closing ??= engine.close(); // twice is once: stop() closes too
      await closing;
      return true;
    }
    default: throw new Error(`unknown command ${cmd}`);
  }
}

process.on('message', (m: Command) => {
  run(m.cmd, m.args).then(
    (value) => send({ id: m.id, ok: true, value }),
    (error: unknown) => {
      const e = error as { code?: string; message?: string };
      send({ id: m.id, ok: false, error: { code: e.code ?? 'ERROR', message: e.message ?? String(error) } });
    },
  );
});
process.on('disconnect', () => process.exit(0));
send({ event: 'ready', value: process.pid });
