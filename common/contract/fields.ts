/** Field schemas several contract parts share. */
import { s } from '../schema';

/** a gateway instance name */
export const gatewayName = s.string({ min: 1, max: 64 });
/** any code form the engine accepts: 600000, 600000.SH, SH600000 … */
export const code = s.string({ min: 1, max: 32 });
