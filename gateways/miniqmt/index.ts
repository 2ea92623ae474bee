/**
 * Entry of the MINIQMT gateway plugin (manifest.json "entry"): a real account through the
 * broker's MiniQMT client and its Python API, xtquant, run in a sidecar process. Nothing is
 * started until connect, so on a machine without MiniQMT the plugin loads, the connect form
 * says what is needed, and the rest of the app is untouched.
 */
import type { CreateGateway } from '../../common/gateway-api';
import { MiniqmtGateway } from './miniqmt-gateway';

export const createGateway: CreateGateway = (ctx) => new MiniqmtGateway(ctx);

export { MiniqmtGateway, type MiniqmtGatewayOptions } from './miniqmt-gateway';
export { sidecarScriptPath } from './settings';
