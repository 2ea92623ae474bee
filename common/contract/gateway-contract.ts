/** 接口: the gateway instances, their connect forms, connect / close and their actions. */
import type { GatewayInfo, SettingValue } from '../gateway-api';
import { s, type Schema } from '../schema';
import { defineContract, rowEvent, type EventsOf, type RequestsOf } from './contract-map';
import { gatewayName } from './fields';

const settingValue: Schema<SettingValue> = s.union(s.string({ max: 4096 }), s.number(), s.boolean());

export const gatewayContract = defineContract({
  feature: '接口',
  requests: {
    /** loaded gateway instances */
    'gateway/list': s.object({}),
    /** saved connect settings; password fields come back as "" with `stored` saying whether the keychain has one */
    'gateway/settings': s.object({ gateway: gatewayName }),
    /** save the settings and log in; an empty password uses the keychain's */
    'gateway/connect': s.object({ gateway: gatewayName, settings: s.record(settingValue) }),
    'gateway/close': s.object({ gateway: gatewayName }),
    /** run a gateway action from its manifest (e.g. SIM's settle-day) */
    'gateway/action': s.object({ gateway: gatewayName, action: s.string({ min: 1, max: 64 }) }),
  },
  events: {
    /** a gateway instance's state changed */
    gateway: rowEvent((g: GatewayInfo) => g.name),
  },
});

export interface GatewayResults {
  'gateway/list': GatewayInfo[];
  'gateway/settings': { settings: Record<string, SettingValue>; stored: Record<string, boolean> };
  'gateway/connect': GatewayInfo;
  'gateway/close': GatewayInfo;
  'gateway/action': { message: string };
}

declare module './contract-map' {
  interface RequestMap extends RequestsOf<typeof gatewayContract, GatewayResults> {}
  interface BridgeEvents extends EventsOf<typeof gatewayContract> {}
}
