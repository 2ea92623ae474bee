/** Entry of the SIM gateway plugin (manifest.json "entry"). */
import type { CreateGateway } from '../../common/gateway-api';
import { SimGateway } from './sim-gateway';

export const createGateway: CreateGateway = (ctx) => new SimGateway(ctx);

export { SimExchange, type SimConfig, type SimSink } from './sim-exchange';
export { SimGateway } from './sim-gateway';
