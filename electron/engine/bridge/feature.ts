/**
 * A feature as the dispatcher serves it: its slice of the contract and the engine-side
 * handler of each of its requests (Actual Budget's per-feature handler maps). The core
 * features are in bridge/features/; each app brings its own from apps/<name>/engine/.
 */
import type { ContractPart, RequestArgs, RequestName, RequestResults } from '../../../common/contract/contract-map';

/** The engine side of one request: arguments already checked against the schema. */
export type RequestHandler<K extends RequestName> = (args: RequestArgs<K>) => RequestResults[K] | Promise<RequestResults[K]>;

/** A handler for every request a part declares, typed by the bridge's one typed map. */
export type HandlersOf<P extends ContractPart> = { [K in keyof P['requests'] & RequestName]: RequestHandler<K> };

export interface BridgeFeature {
  readonly contract: ContractPart;
  /** by request name; exactly the part's requests */
  readonly handlers: Readonly<Record<string, (args: never) => unknown>>;
}

/** A feature whose handlers are checked against its part at compile time. */
export function defineFeature<P extends ContractPart>(contract: P, handlers: HandlersOf<P>): BridgeFeature {
  return { contract, handlers };
}
