/**
 * 自选's rules on the engine side, with the real event bus and file store; the main engine is
 * stood in for by a recorder of subscriptions (the integration test runs the real one with SIM).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GatewayStatus, type Exchange } from '../../../common/constants';
import type { ContractData } from '../../../common/objects';
import type { GatewayInfo } from '../../../common/gateway-api';
import type { EngineEvents } from '../../../electron/engine/engine-events';
import { EventBus } from '../../../electron/engine/event-bus';
import { WATCHLIST_FILE, WatchlistFile } from '../../../electron/engine/store/watchlist-file';
import { Watchlist } from '../../../electron/engine/watchlist';
import { captureLog, tempDir } from '../store/helpers';

function contract(vt: string, gateway = 'SIM'): ContractData {
  const [symbol, exchange] = vt.split('.') as [string, Exchange];
  return { symbol, exchange, vt_symbol: vt, name: symbol, gateway_name: gateway } as ContractData;
}

function setup(dir = tempDir()) {
  const bus = new EventBus<EngineEvents>((_t, e) => { throw e; });
  const contracts = new Map<string, ContractData>();
  const connected = new Set<string>();
  const subscribed: string[] = [];
  const changes: string[][] = [];
  const list = new Watchlist({
    bus,
    contracts,
    connectedGateways: () => [...connected],
    main: {
      subscribe: (code, gateway) => {
        subscribed.push(`${code}@${gateway}`);
        return contracts.get(code)!;
      },
    },
    file: new WatchlistFile(dir, captureLog().log),
    log: () => undefined,
    onChange: (codes) => changes.push(codes.map((c) => c.vt_symbol)),
  });
  const connect = (name: string, ...vts: string[]) => {
    for (const vt of vts) contracts.set(vt, contract(vt, name));
    connected.add(name);
    bus.emit('gateway', { name, status: GatewayStatus.CONNECTED } as GatewayInfo);
  };
  const disconnect = (name: string) => {
    connected.delete(name);
    bus.emit('gateway', { name, status: GatewayStatus.DISCONNECTED } as GatewayInfo);
  };
  return { dir, bus, contracts, list, subscribed, changes, connect, disconnect };
}

const codes = (l: Watchlist) => l.list().map((e) => e.vt_symbol);

describe('Watchlist', () => {
  it('keeps codes in the order they were added, and a second add of a code changes nothing', () => {
    const t = setup();
    t.connect('SIM', '600000.SSE', '000001.SZSE', '600036.SSE');
    t.list.add('600036');
    t.list.add('000001.SZ');
    t.list.add('SH600000');
    t.changes.length = 0;
    expect(t.list.add('600036.SSE').map((e) => e.vt_symbol)).toEqual(['600036.SSE', '000001.SZSE', '600000.SSE']);
    expect(t.changes).toEqual([]);
    // The file holds the same order for the next start.
    expect(new WatchlistFile(t.dir, captureLog().log).load().map((e) => e.vt_symbol)).toEqual(['600036.SSE', '000001.SZSE', '600000.SSE']);
  });

  it('subscribes a code on its gateway when added while connected, once', () => {
    const t = setup();
    t.connect('SIM', '600000.SSE');
    t.list.add('600000');
    t.list.add('600000');
    expect(t.subscribed).toEqual(['600000.SSE@SIM']);
    expect(t.list.list()[0]!.gateway_name).toBe('SIM');
  });

  it('refuses a code no connected gateway lists, in Chinese, and keeps nothing', () => {
    const t = setup();
    t.connect('SIM', '600000.SSE');
    expect(() => t.list.add('688999')).toThrow('未找到合约 688999.SSE，无法加入自选');
    expect(codes(t.list)).toEqual([]);
  });

  it('keeps a code added while nothing is connected, and subscribes it when its gateway logs in', () => {
    const t = setup();
    t.list.add('600000.SH');
    expect(t.subscribed).toEqual([]);
    t.connect('SIM', '600000.SSE');
    expect(t.subscribed).toEqual(['600000.SSE@SIM']);
  });

  it('subscribes again after every reconnect, on the gateway each code trades on', () => {
    const t = setup();
    t.connect('SIM', '600000.SSE');
    t.connect('CTP', 'rb2701.SHFE');
    t.list.add('600000.SSE');
    t.list.add('rb2701.SHFE');
    t.subscribed.length = 0;
    t.disconnect('SIM');
    t.connect('SIM');
    expect(t.subscribed).toEqual(['600000.SSE@SIM']);
    // A repeated CONNECTED (a status refresh) does not subscribe again.
    t.connect('SIM');
    expect(t.subscribed).toEqual(['600000.SSE@SIM']);
  });

  it('after a restart, subscribes the saved codes on their gateway once it connects', () => {
    const first = setup();
    first.connect('SIM', '600000.SSE', '000001.SZSE');
    first.list.add('000001');
    first.list.add('600000');
    first.list.close();
    const again = setup(first.dir);
    expect(codes(again.list)).toEqual(['000001.SZSE', '600000.SSE']);
    // Named before any login, for the 行情 rows waiting for their first quote.
    expect(again.list.list().map((e) => e.name)).toEqual(['000001', '600000']);
    again.connect('SIM', '600000.SSE', '000001.SZSE');
    expect(again.subscribed).toEqual(['000001.SZSE@SIM', '600000.SSE@SIM']);
  });

  it('subscribes a code whose contract a slow counter publishes after its login', () => {
    const t = setup();
    t.list.add('600000.SSE');
    t.connect('SIM');
    expect(t.subscribed).toEqual([]);
    t.contracts.set('600000.SSE', contract('600000.SSE'));
    t.bus.emit('contract', contract('600000.SSE'));
    expect(t.subscribed).toEqual(['600000.SSE@SIM']);
  });

  it('removes a code, and moves one to a position', () => {
    const t = setup();
    t.connect('SIM', '600000.SSE', '000001.SZSE', '600036.SSE');
    for (const c of ['600000', '000001', '600036']) t.list.add(c);
    expect(t.list.move('600036', 0).map((e) => e.vt_symbol)).toEqual(['600036.SSE', '600000.SSE', '000001.SZSE']);
    expect(t.list.move('600036.SSE', 99).map((e) => e.vt_symbol)).toEqual(['600000.SSE', '000001.SZSE', '600036.SSE']);
    expect(t.list.remove('000001.SZ').map((e) => e.vt_symbol)).toEqual(['600000.SSE', '600036.SSE']);
    expect(() => t.list.move('000001', 0)).toThrow('000001.SZSE 不在自选中');
    expect(JSON.parse(fs.readFileSync(path.join(t.dir, WATCHLIST_FILE), 'utf8')).symbols.map((e: { vt_symbol: string }) => e.vt_symbol)).toEqual(['600000.SSE', '600036.SSE']);
  });
});
