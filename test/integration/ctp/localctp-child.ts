/**
 * A process running the CTP gateway against LocalCTP, driven by the test over the IPC channel.
 * Its own process because LocalCTP works in the process's working directory (its database is
 * opened as the library loads) and keeps process-wide state: a restart is a new process.
 *
 * The gateway is the CTP plugin's (gateways/ctp) with two test-only changes: the adapter's test
 * build (it has the snapshot hook LocalCTP needs for prices), and 100 ms between queries
 * instead of CTP's 1 s (LocalCTP does not flow-control; the pacing has its own C tests).
 *
 *   parent → child: { id, cmd, args }      child → parent: { id, ok, value | error }
 *   child → parent: { event, value }       (every gateway event, as it happens)
 */
import type { GatewayContext, GatewaySettings } from '../../../common/gateway-api';
import { readCtpSettings } from '../../../gateways/ctp';
import { NativeGateway } from '../../../gateways/native';
import type { TickValue } from '../../../gateways/native/abi-layout';
import { MemoryStorage, NO_HISTORY } from '../../fixtures/memory-storage';

interface Command {
  id: number;
  cmd: string;
  args: unknown;
}

const send = (m: unknown): void => void process.send?.(m);

const ctx: GatewayContext = {
  name: 'CTP',
  events: {
    onTick: (value) => send({ event: 'tick', value }),
    onOrder: (value) => send({ event: 'order', value }),
    onTrade: (value) => send({ event: 'trade', value }),
    onPosition: (value) => send({ event: 'position', value }),
    onAccount: (value) => send({ event: 'account', value }),
    onContract: (value) => send({ event: 'contract', value }),
    onLog: (value) => send({ event: 'log', value }),
    onStatus: (value, message) => send({ event: 'status', value: { status: value, message } }),
    onCredit: () => undefined,
    onCompact: () => undefined,
    onCreditAsset: () => undefined,
  },
  storage: new MemoryStorage(),
  history: NO_HISTORY,
  now: Date.now,
};

const gateway = new NativeGateway(ctx, {
  title: 'CTP',
  requireRelay: true,
  backoff: { first: 50, max: 500, jitter: 0 },
  readSettings: (settings: GatewaySettings) => {
    const base = readCtpSettings(settings, ctx.name);
    return { ...base, libraryPath: process.env.CTP_TEST_ADAPTER!, options: { ...base.options, query_interval_ms: '100' } };
  },
});

async function run(cmd: string, args: unknown): Promise<unknown> {
  switch (cmd) {
    case 'connect': return gateway.connect(args as GatewaySettings);
    case 'send': return gateway.sendOrder(args as Parameters<NativeGateway['sendOrder']>[0]);
    case 'cancel': return gateway.cancelOrder(args as Parameters<NativeGateway['cancelOrder']>[0]);
    case 'feed': return gateway.feedTick()!(args as TickValue);
    case 'queryAccount': return gateway.queryAccount();
    case 'queryPosition': return gateway.queryPosition();
    case 'queryOrders': return gateway.queryOrders();
    case 'close': return gateway.close();
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
