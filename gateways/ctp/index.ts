/**
 * Entry of the CTP gateway plugin (manifest.json "entry"): the NATIVE binding driving our CTP
 * adapter (native/adapters/ctp), which loads the broker's CTP libraries at connect. Nothing of
 * the binding is copied: only the connect form differs (settings.ts). Without a built adapter
 * the connect says why and how to build it.
 */
import type { CreateGateway } from '../../common/gateway-api';
import { NativeGateway } from '../native';
import { readCtpSettings } from './settings';

// CTP's SPI threads must never wait for the JS event loop: callbacks go through the relay only.
export const createGateway: CreateGateway = (ctx) =>
  new NativeGateway(ctx, { title: 'CTP', requireRelay: true, readSettings: (settings) => readCtpSettings(settings, ctx.name) });

export { CTP_BUILD_HINT, ctpAdapterPath, readCtpSettings } from './settings';
