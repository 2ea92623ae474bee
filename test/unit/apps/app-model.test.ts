/**
 * The app model: an app is a manifest (name, display name, window, contract part) plus an
 * engine part, registered in one place; the 功能 menu, the dispatcher and app/info follow.
 * A request or event name declared twice is refused when the contract is joined, which is
 * at start-up.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { APPS, BRIDGE_CONTRACT } from '../../../apps/registry';
import { defineApp, isValidAppName } from '../../../common/app-model';
import { CORE_CONTRACT_PARTS } from '../../../common/bridge-contract';
import { LogLevel } from '../../../common/constants';
import { combineContracts, defineContract, DuplicateContractError, rowEvent, streamEvent } from '../../../common/contract/contract-map';
import { TraderError } from '../../../common/errors';
import { buildMenu } from '../../../common/menu-model';
import { s } from '../../../common/schema';
import { AppHost } from '../../../electron/engine/apps/app-host';
import { builtinApps } from '../../../electron/engine/apps/builtin-apps';
import { defineEngineApp, type AppContext, type EngineApp } from '../../../electron/engine/apps/engine-app';
import { createEngine, type Engine } from '../../../electron/engine/create-engine';
import { MemorySecretStore } from '../../../electron/engine/store';

/** A trivial app: one request that echoes, one event it pushes. */
const helloContract = defineContract({
  feature: '问候',
  requests: { 'hello/echo': s.object({ text: s.string({ max: 20 }) }) },
  events: { hello: rowEvent((h: { id: string; text: string }) => h.id) },
});
const helloApp = defineApp({ name: 'hello', displayName: '问候', contract: helloContract, window: { width: 400, height: 300, minWidth: 300, minHeight: 200 } });
const helloEngine = defineEngineApp(helloApp, (ctx) => ({
  handlers: {
    'hello/echo': ({ text }: { text: string }) => {
      // An app's events go out through its context, to every window.
      ctx.emit('hello' as never, { id: 'h', text } as never);
      return { echoed: text.toUpperCase() };
    },
  },
}));

let engine: Engine | undefined;
afterEach(async () => {
  await engine?.close();
  engine = undefined;
});

async function engineWith(apps: readonly EngineApp[]): Promise<Engine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tstrader-apps-'));
  return createEngine({ vntraderDir: dir, secretStore: new MemorySecretStore(), timer: false, builtinGatewaysDir: path.join(dir, 'no-gateways'), apps });
}

describe('the contract joined from its parts', () => {
  it('refuses a request declared by two features, naming both', () => {
    const a = defineContract({ feature: '甲', requests: { 'x/do': s.object({}) }, events: {} });
    const b = defineContract({ feature: '乙', requests: { 'x/do': s.object({}) }, events: {} });
    expect(() => combineContracts([a, b])).toThrow(DuplicateContractError);
    expect(() => combineContracts([a, b])).toThrow('桥接协议中的请求“x/do”重复：由“甲”和“乙”同时声明');
  });

  it('refuses an event declared by two features', () => {
    const a = defineContract({ feature: '甲', requests: {}, events: { ping: streamEvent<number>() } });
    const b = defineContract({ feature: '乙', requests: {}, events: { ping: streamEvent<number>() } });
    expect(() => combineContracts([a, b])).toThrow('桥接协议中的事件“ping”重复：由“甲”和“乙”同时声明');
  });

  it('joins the core parts and the registered apps with every name once', () => {
    const parts = [...CORE_CONTRACT_PARTS, ...APPS.map((a) => a.contract)];
    const declared = parts.flatMap((p) => Object.keys(p.requests));
    expect(Object.keys(BRIDGE_CONTRACT.requests).sort()).toEqual([...declared].sort());
    expect(new Set(declared).size).toBe(declared.length);
    expect(BRIDGE_CONTRACT.owners.get('order/send')).toBe('委托');
    expect(BRIDGE_CONTRACT.owners.get('strategy/start')).toBe('策略管理');
    // Window messages cross the bridge but are not engine events.
    expect(BRIDGE_CONTRACT.windowMessageNames).toEqual(['panel-fill', 'menu']);
    expect(BRIDGE_CONTRACT.engineEventNames).not.toContain('panel-fill');
  });
});

describe('registered apps', () => {
  it('have valid, unique names and an engine part of their own', async () => {
    const names = APPS.map((a) => a.name);
    expect(names).toEqual(['strategy-manager', 'margin-data', 'data-manager', 'kline', 'data-recorder', 'backtest']);
    expect(names.every(isValidAppName)).toBe(true);
    const parts = await builtinApps();
    expect(parts.map((p) => p.manifest)).toEqual([...APPS]);
  });

  it('a name is a lower-case letter, then up to 39 lower-case letters, digits or hyphens, and nothing else', () => {
    for (const ok of ['a', 'kline', 'data-recorder', 'x1', `a${'b'.repeat(39)}`]) expect([ok, isValidAppName(ok)]).toEqual([ok, true]);
    for (const bad of ['', '1kline', '-kline', 'Kline', 'kline_2', 'kline/..', 'kline ', ' kline', 'kline\n', 'kline.', `a${'b'.repeat(40)}`, '行情']) {
      expect([bad, isValidAppName(bad)]).toEqual([bad, false]);
    }
  });

  it('each has a view module (apps/<name>/view/app.tsx)', () => {
    const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../apps');
    for (const app of APPS) expect(fs.existsSync(path.join(root, app.name, 'view', 'app.tsx')), app.name).toBe(true);
  });
});

describe('adding an app', () => {
  it('takes one registration: its requests reach the dispatcher, its events the windows, its entry the 功能 menu', async () => {
    engine = await engineWith([...(await builtinApps()), helloEngine]);
    // The dispatcher serves it, with its schema at the boundary.
    await expect(engine.dispatcher.dispatch('hello/echo', { text: 'ni hao' })).resolves.toEqual({ echoed: 'NI HAO' });
    await expect(engine.dispatcher.dispatch('hello/echo', { text: 1 })).rejects.toMatchObject({ code: 'BAD_ARGS' });
    // Its event is forwarded to windows like any engine event.
    const seen: unknown[] = [];
    const off = engine.dispatcher.onEvent((event, payload) => event === ('hello' as never) && seen.push(payload));
    await engine.dispatcher.dispatch('hello/echo', { text: 'x' });
    off();
    expect(seen).toEqual([{ id: 'h', text: 'x' }]);
    // The menu is built from the running apps, in registration order.
    const info = (await engine.dispatcher.dispatch('app/info', {})) as { apps: { name: string; displayName: string }[] };
    expect(info.apps.map((a) => a.name)).toEqual(['strategy-manager', 'margin-data', 'data-manager', 'kline', 'data-recorder', 'backtest', 'hello']);
    const tools = buildMenu([], info.apps).find((g) => g.id === 'tools')!;
    expect(tools.entries.map((e) => [e.id, e.label, e.action])).toEqual([
      ['strategy-manager', '策略管理', { kind: 'open-app', app: 'strategy-manager' }],
      ['margin-data', '两融数据', { kind: 'open-app', app: 'margin-data' }],
      ['data-manager', '数据管理', { kind: 'open-app', app: 'data-manager' }],
      ['kline', 'K线图', { kind: 'open-app', app: 'kline' }],
      ['data-recorder', '行情记录', { kind: 'open-app', app: 'data-recorder' }],
      ['backtest', '回测', { kind: 'open-app', app: 'backtest' }],
      ['hello', '问候', { kind: 'open-app', app: 'hello' }],
    ]);
  });

  it('is refused at start-up when it declares a request another feature has', async () => {
    const clash = defineApp({ ...helloApp, name: 'clash', contract: defineContract({ feature: '冲突', requests: { 'order/send': s.object({}) }, events: {} }) });
    const clashEngine = defineEngineApp(clash, () => ({ handlers: { 'order/send': () => ({ vt_orderid: '' }) } }));
    await expect(engineWith([clashEngine])).rejects.toThrow('桥接协议中的请求“order/send”重复：由“委托”和“冲突”同时声明');
  });

  it('is refused at start-up when a request has no handler', async () => {
    const silent = defineEngineApp(helloApp, () => ({ handlers: {} }));
    await expect(engineWith([silent])).rejects.toThrow('功能“问候”缺少请求 hello/echo 的处理函数');
  });

  it('that fails to start is reported; its requests say why and the other apps run', async () => {
    const broken = defineEngineApp(helloApp, () => {
      throw new Error('数据库打不开');
    });
    engine = await engineWith([...(await builtinApps()), broken]);
    const error = await engine.dispatcher.dispatch('hello/echo', { text: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TraderError);
    expect(error).toMatchObject({ code: 'APP_FAILED', message: '功能“问候”未能启动：数据库打不开' });
    expect((await engine.dispatcher.dispatch('app/snapshot', {}) as { logs: { msg: string; level: LogLevel }[] }).logs).toContainEqual(
      expect.objectContaining({ msg: '功能“问候”启动失败：数据库打不开', level: LogLevel.ERROR }),
    );
    await expect(engine.dispatcher.dispatch('strategy/list', {})).resolves.toEqual([]);
  });
});

describe('AppHost', () => {
  const context = (): AppContext => ({ dir: '', now: () => 0, env: {}, secrets: new MemorySecretStore(), trading: {} as never, history: {} as never, journal: {} as never, options: {}, emit: () => undefined, log: () => undefined });

  it('refuses an invalid or repeated app name', async () => {
    const bad = defineEngineApp({ ...helloApp, name: 'Bad Name' }, () => ({ handlers: {} }));
    await expect(AppHost.start([bad], context, () => undefined)).rejects.toThrow('功能名称“Bad Name”无效');
    await expect(AppHost.start([helloEngine, helloEngine], context, () => undefined)).rejects.toThrow('功能“hello”重复注册');
  });

  it('closes the apps last started first, and one failing to close does not keep the others open', async () => {
    const closed: string[] = [];
    const app = (name: string, fail = false) =>
      defineEngineApp({ ...helloApp, name }, () => ({
        handlers: {},
        close: () => {
          closed.push(name);
          if (fail) throw new Error('卡住了');
        },
      }));
    const logs: string[] = [];
    const host = await AppHost.start([app('a'), app('b', true), app('c')], context, (msg) => logs.push(msg));
    await host.close();
    expect(closed).toEqual(['c', 'b', 'a']);
    expect(logs).toEqual(['关闭功能“问候”时出错：卡住了']);
  });
});
