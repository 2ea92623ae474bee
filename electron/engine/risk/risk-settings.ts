/** Limits the trader sets in vt_setting.json (risk.* keys), after vnpy_riskmanager's. */
export interface RiskSettings {
  /** master switch for the trader's own limits (exchange rules are always checked) */
  active: boolean;
  /** at most this many orders ... */
  orderFlowLimit: number;
  /** ... within this many seconds */
  orderFlowClearSeconds: number;
  /** largest volume of one order, in shares */
  orderSizeLimit: number;
  /** most working orders at once */
  activeOrderLimit: number;
}

export const DEFAULT_RISK_SETTINGS: Readonly<RiskSettings> = {
  active: true,
  orderFlowLimit: 50,
  orderFlowClearSeconds: 1,
  orderSizeLimit: 1_000_000,
  activeOrderLimit: 500,
};
