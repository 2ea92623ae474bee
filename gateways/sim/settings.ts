/**
 * The SIM connect form's values, checked and typed. Keys are the manifest's Chinese field
 * names; the engine has already coerced numbers, but a hand-edited connect_SIM.json may not.
 */
import type { GatewaySettings } from '../../common/gateway-api';
import { TraderError } from '../../common/errors';
import type { FeeSchedule } from '../../common/rules/fees';

export interface SimSettings {
  accountId: string;
  password: string;
  initialCash: number;
  intervalMs: number;
  seed: number;
  fees: FeeSchedule;
}

export const MIN_INTERVAL_MS = 50;

function num(settings: GatewaySettings, key: string, fallback: number, min = 0): number {
  const v = settings[key];
  if (v === undefined || v === '') return fallback;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n) || n < min) throw new TraderError('BAD_SETTING', `设置“${key}”应为不小于 ${min} 的数字，当前为 ${String(v)}`);
  return n;
}

function str(settings: GatewaySettings, key: string): string {
  const v = settings[key];
  return v === undefined ? '' : String(v).trim();
}

export function readSimSettings(settings: GatewaySettings): SimSettings {
  const accountId = str(settings, '资金账号');
  if (!accountId) throw new TraderError('LOGIN_FAILED', '资金账号不能为空');
  return {
    accountId,
    password: settings['密码'] === undefined ? '' : String(settings['密码']),
    initialCash: num(settings, '初始资金', 1_000_000),
    intervalMs: Math.max(MIN_INTERVAL_MS, Math.round(num(settings, '行情间隔(ms)', 1000))),
    seed: Math.trunc(num(settings, '随机种子', 42, Number.MIN_SAFE_INTEGER)),
    fees: {
      commissionRate: num(settings, '佣金费率', 0.00025),
      minCommission: num(settings, '最低佣金', 5),
      stampDutyRate: num(settings, '印花税率', 0.0005),
      transferFeeRate: num(settings, '过户费率', 0.00001),
    },
  };
}
