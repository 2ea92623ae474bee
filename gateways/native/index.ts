/**
 * Entry of the NATIVE gateway plugin (manifest.json "entry"): any counter library that
 * speaks native/include/tstrader_counter.h, loaded through koffi. The library itself is
 * loaded only at connect, so a missing or broken one is reported there and the engine runs.
 */
import type { CreateGateway } from '../../common/gateway-api';
import { NativeGateway } from './native-gateway';

export const createGateway: CreateGateway = (ctx) => new NativeGateway(ctx);

export { NativeGateway, type NativeGatewayOptions } from './native-gateway';
export { loadCounterLibrary, type CounterLibrary } from './library';
export { defaultLibraryPath } from './settings';
