/** 接口 on the engine side. */
import { gatewayContract } from '../../../../common/contract/gateway-contract';
import type { MainEngine } from '../../main-engine';
import { defineFeature, type BridgeFeature } from '../feature';

export function gatewayFeature(main: MainEngine): BridgeFeature {
  return defineFeature(gatewayContract, {
    'gateway/list': () => main.gatewayInfos(),
    'gateway/settings': ({ gateway }) => main.loadSettings(gateway),
    'gateway/connect': ({ gateway, settings }) => main.connect(gateway, settings),
    'gateway/close': ({ gateway }) => main.close(gateway),
    'gateway/action': async ({ gateway, action }) => ({ message: await main.runAction(gateway, action) }),
  });
}
