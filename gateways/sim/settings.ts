/**
 * The SIM connect form's values, checked and typed. Keys are the manifest's Chinese field
 * names; the engine has already coerced numbers, but a hand-edited connect_SIM.json may not.
 */
import { DEFAULT_CREDIT_TERMS } from '../../common/credit';
import type { GatewaySettings } from '../../common/gateway-api';
import { TraderError } from '../../common/errors';
import type { FeeSchedule } from '../../common/markets/cn-stock/fees';
import type { CreditConfig } from './credit-book';

/** 普通 and 信用 are securities accounts (A-shares); 期货 is a futures account (its own SIM account). */
export type AccountType = '普通' | '信用' | '期货';

export interface SimSettings {
  accountId: string;
  password: string;
  initialCash: number;
  intervalMs: number;
  seed: number;
  fees: FeeSchedule;
  accountType: AccountType;
  /** the credit terms, read even for a 普通 account (used only by a 信用 one) */
  credit: CreditConfig;
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

function accountType(settings: GatewaySettings): AccountType {
  const v = str(settings, '账户类型');
  if (v === '' || v === '普通') return '普通';
  if (v === '信用' || v === '期货') return v;
  throw new TraderError('BAD_SETTING', `设置“账户类型”应为“普通”、“信用”或“期货”，当前为 ${v}`);
}

function creditConfig(settings: GatewaySettings): CreditConfig {
  const cfg: CreditConfig = {
    finQuota: num(settings, '融资授信额度', DEFAULT_CREDIT_TERMS.finQuota),
    sloQuota: num(settings, '融券授信额度', DEFAULT_CREDIT_TERMS.sloQuota),
    finRate: num(settings, '融资年利率', DEFAULT_CREDIT_TERMS.finRate),
    sloRate: num(settings, '融券年利率', DEFAULT_CREDIT_TERMS.sloRate),
    finRatio: num(settings, '融资保证金比例', DEFAULT_CREDIT_TERMS.finRatio),
    sloRatio: num(settings, '融券保证金比例', DEFAULT_CREDIT_TERMS.sloRatio),
    warningLine: num(settings, '预警线', DEFAULT_CREDIT_TERMS.warningLine),
    closeOutLine: num(settings, '平仓线', DEFAULT_CREDIT_TERMS.closeOutLine),
  };
  if (cfg.finRate > 1 || cfg.sloRate > 1) throw new TraderError('BAD_SETTING', '年利率以小数填写（6.5% 填 0.065），不得大于 1');
  if (cfg.closeOutLine >= cfg.warningLine) {
    throw new TraderError('BAD_SETTING', `平仓线（${cfg.closeOutLine}）应低于预警线（${cfg.warningLine}）`);
  }
  return cfg;
}

export function readSimSettings(settings: GatewaySettings): SimSettings {
  const accountId = str(settings, '资金账号');
  if (!accountId) throw new TraderError('LOGIN_FAILED', '资金账号不能为空');
  return {
    accountType: accountType(settings),
    credit: creditConfig(settings),
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
