/** Shared setup for the strategy integration tests: an engine with SIM connected and a strategy engine on it. */
import fs from 'node:fs';
import path from 'node:path';
import type { GatewaySettings } from '../../common/gateway-api';
import type { LogData } from '../../common/objects';
import type { Engine } from '../../electron/engine/create-engine';
import { StrategyEngine, type StrategyEngineOptions } from '../../electron/engine/strategy';
import { startEngine, tempVntraderDir } from './harness';

export interface StrategyRig {
  engine: Engine;
  strategies: StrategyEngine;
  dir: string;
  /** every log line, in order */
  logs: LogData[];
  /** write a strategy file into the temp dir; returns its path */
  file(name: string, source: string): string;
  close(): Promise<void>;
}

export async function startStrategyRig(opts: Partial<StrategyEngineOptions> = {}, simSettings: GatewaySettings = {}): Promise<StrategyRig> {
  const dir = tempVntraderDir();
  const engine = await startEngine(dir);
  const logs: LogData[] = [];
  engine.bus.on('log', (l) => logs.push(l));
  await engine.main.connect('SIM', { '行情间隔(ms)': 50, ...simSettings });
  const strategies = new StrategyEngine({ bus: engine.published, oms: engine.oms, main: engine.main, dir, ...opts });
  return {
    engine,
    strategies,
    dir,
    logs,
    file(name, source) {
      const p = path.join(dir, name);
      fs.writeFileSync(p, source);
      return p;
    },
    async close() {
      await strategies.close();
      await engine.close();
    },
  };
}

/** Log messages of one strategy. */
export function linesOf(rig: StrategyRig, name: string): string[] {
  return rig.logs.filter((l) => l.gateway_name === name).map((l) => l.msg);
}
