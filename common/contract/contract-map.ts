/**
 * The bridge contract as one typed map, built from per-feature parts (after Actual Budget's
 * per-feature handler maps joined into one). Each part — a core feature in common/contract/
 * or an app in apps/<name>/common/ — declares its requests (runtime schemas), their result
 * types and its pushed events, and adds them to `RequestMap` and `BridgeEvents` below by
 * module augmentation. The same name declared twice with different types is a compile error
 * here; at run time `combineContracts` refuses any name declared twice, so a duplicate stops
 * the engine at start-up with both features named.
 */
import type { Infer, Schema } from '../schema';

/**
 * Every request: `{ args; result }` by name. Empty here on purpose: each contract part
 * extends it (`declare module` … `interface RequestMap extends RequestsOf<…> {}`).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RequestMap {}

/** Every pushed event's payload by name; extended by each contract part like RequestMap. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface BridgeEvents {}

/**
 * Messages between windows (fill the trading panel, a native menu choice). They travel the
 * bridge like events but never the engine's bus: the bridge relays them from one window to
 * the others. A subset of BridgeEvents, extended the same way.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface WindowMessages {}

export type RequestName = keyof RequestMap & string;
export type RequestArgs<K extends RequestName> = RequestMap[K] extends { args: infer A } ? A : never;
export type RequestResults = { [K in RequestName]: RequestMap[K] extends { result: infer R } ? R : never };
export type EventName = keyof BridgeEvents & string;
export type WindowMessageName = keyof WindowMessages & string;

/** The client side of the contract, implemented once per transport. */
export interface BridgeClient {
  request<K extends RequestName>(name: K, args: RequestArgs<K>): Promise<RequestResults[K]>;
  /** returns an unsubscribe function */
  subscribe<E extends EventName>(event: E, cb: (payload: BridgeEvents[E]) => void): () => void;
}

/** How an event crosses to a window: coalesced by the row it updates, or every one in order. */
export interface EventSpec<P = unknown> {
  /** key of the row the event updates in place (later ones replace earlier ones between flushes); absent = every event is kept, in order */
  rowKey?(payload: P): string;
  /** a message between windows, relayed by the bridge, never on the engine's bus */
  readonly window?: true;
  /** carries the payload type for EventsOf; never set */
  readonly payload?: () => P;
}

/** An event that updates a row in place (ticks by vt_symbol, orders by vt_orderid …). */
export function rowEvent<P>(rowKey: (payload: P) => string): EventSpec<P> {
  return { rowKey: (payload) => rowKey(payload) };
}

/** An event kept whole and in order (log lines, one-off notices). */
export function streamEvent<P>(): EventSpec<P> {
  return {};
}

/** A message between windows (see WindowMessages). */
export function windowMessage<P>(): EventSpec<P> {
  return { window: true };
}

/** One feature's slice of the contract. */
export interface ContractPart<
  R extends Record<string, Schema<unknown>> = Record<string, Schema<unknown>>,
  E extends Record<string, EventSpec> = Record<string, EventSpec>,
> {
  /** the feature's name, used in duplicate errors and docs, e.g. 委托 or 策略管理 */
  readonly feature: string;
  /** each request's argument schema, checked at the boundary before a handler runs */
  readonly requests: R;
  /** each event the feature pushes */
  readonly events: E;
}

/** Declare a part (an identity function that keeps the literal types for RequestsOf / EventsOf). */
export function defineContract<const R extends Record<string, Schema<unknown>>, const E extends Record<string, EventSpec>>(part: ContractPart<R, E>): ContractPart<R, E> {
  return part;
}

/** A part's requests as RequestMap entries: the schema gives `args`, `Results` the result of each. */
export type RequestsOf<P extends ContractPart, Results extends { [K in keyof P['requests']]: unknown }> = {
  [K in keyof P['requests']]: { args: Infer<P['requests'][K]>; result: Results[K] };
};

/** A part's events as BridgeEvents entries. */
export type EventsOf<P extends ContractPart> = { [K in keyof P['events']]: P['events'][K] extends EventSpec<infer T> ? T : never };

/** The parts joined: every request and event name exactly once, with the feature that declared it. */
export interface CombinedContract {
  readonly requests: Readonly<Record<string, Schema<unknown>>>;
  readonly events: Readonly<Record<string, EventSpec>>;
  /** feature that declared each request and event name */
  readonly owners: ReadonlyMap<string, string>;
  readonly eventNames: readonly string[];
  /** events that are engine state (everything but window messages) */
  readonly engineEventNames: readonly string[];
  readonly windowMessageNames: readonly string[];
}

/** A request or event name declared by two features. */
export class DuplicateContractError extends Error {
  constructor(
    readonly kind: 'request' | 'event',
    /** the name declared twice */
    readonly duplicate: string,
    readonly features: readonly [string, string],
  ) {
    super(`桥接协议中的${kind === 'request' ? '请求' : '事件'}“${duplicate}”重复：由“${features[0]}”和“${features[1]}”同时声明`);
    this.name = 'DuplicateContractError';
  }
}

/** Join parts into one contract; throws DuplicateContractError on a name declared twice. */
export function combineContracts(parts: readonly ContractPart[]): CombinedContract {
  const requests: Record<string, Schema<unknown>> = {};
  const events: Record<string, EventSpec> = {};
  const requestOwners = new Map<string, string>();
  const eventOwners = new Map<string, string>();
  for (const part of parts) {
    for (const [name, schema] of Object.entries(part.requests)) {
      const first = requestOwners.get(name);
      if (first !== undefined) throw new DuplicateContractError('request', name, [first, part.feature]);
      requestOwners.set(name, part.feature);
      requests[name] = schema;
    }
    for (const [name, spec] of Object.entries(part.events)) {
      const first = eventOwners.get(name);
      if (first !== undefined) throw new DuplicateContractError('event', name, [first, part.feature]);
      eventOwners.set(name, part.feature);
      events[name] = spec;
    }
  }
  const eventNames = Object.keys(events);
  return {
    requests,
    events,
    owners: new Map([...requestOwners, ...eventOwners]),
    eventNames,
    engineEventNames: eventNames.filter((e) => !events[e]!.window),
    windowMessageNames: eventNames.filter((e) => events[e]!.window),
  };
}

/** Whether a name is one of the contract's requests (an own property, not an inherited one). */
export function isRequestOf(contract: Pick<CombinedContract, 'requests'>, name: unknown): name is RequestName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract.requests, name);
}
