/**
 * The one dispatcher behind both transports (Electron IPC and the host's WebSocket): it
 * validates a request's arguments against the contract's schema and calls its handler.
 * Transports add only their own checks (IPC sender; token and Origin) around it.
 *
 * Its handler map is the features' maps joined (the core features and every app's), and its
 * contract the features' parts joined: a request or event name declared twice, a request
 * without a handler or a handler without a request stops it at start-up with the names.
 *
 * Write-ahead: events reach listeners through the outbound gate (after the journal commit
 * holding them), a response leaves only once the burst its request caused has committed, and
 * a snapshot is read between two bursts, so a client never holds an order id, a fill or a
 * snapshot that a crash could take back. `serve` hands the response over at that commit,
 * before the burst's events, so a client has the order id before the order's events.
 */
import type { BridgeEvents, EventName } from '../../../common/bridge-contract';
import { combineContracts, isRequestOf, type CombinedContract } from '../../../common/contract/contract-map';
import { TraderError } from '../../../common/errors';
import { formatIssues } from '../../../common/schema';
import type { EngineEvents } from '../engine-events';
import type { PublishedEvents } from '../outbound-gate';
import type { BridgeFeature } from './feature';
import type { WindowRelay } from './window-relay';

export type EventListener = <E extends EventName>(event: E, payload: BridgeEvents[E]) => void;

/** How a request ended: exactly one of the two. */
export type Outcome = { result: unknown } | { error: unknown };

export interface Dispatcher {
  /** the contract it serves: every feature's requests and events */
  readonly contract: CombinedContract;
  /** Validate and run one request; rejects with a TraderError (code + Chinese message). */
  dispatch(name: unknown, args: unknown): Promise<unknown>;
  /**
   * Validate and run one request, and call `reply` with its outcome synchronously at the
   * moment it may leave: after the commit of the burst the request caused and before that
   * burst's events reach `onEvent` listeners. Transports that push events and responses down
   * one ordered channel (the WebSocket) use this, so a response precedes the events it caused.
   */
  serve(name: unknown, args: unknown, reply: (outcome: Outcome) => void): void;
  /** Receive every pushed event (engine events and window messages); returns an unsubscribe function. */
  onEvent(listener: EventListener): () => void;
}

/** Every request of every feature has exactly one handler, and every handler a request. */
function handlerMap(features: readonly BridgeFeature[]): Map<string, (args: unknown) => unknown> {
  const map = new Map<string, (args: unknown) => unknown>();
  for (const { contract, handlers } of features) {
    for (const name of Object.keys(contract.requests)) {
      const handler = handlers[name];
      if (typeof handler !== 'function') throw new Error(`功能“${contract.feature}”缺少请求 ${name} 的处理函数`);
      map.set(name, handler as (args: unknown) => unknown);
    }
    for (const name of Object.keys(handlers)) {
      if (!Object.prototype.hasOwnProperty.call(contract.requests, name)) throw new Error(`功能“${contract.feature}”的处理函数 ${name} 没有对应的请求声明`);
    }
  }
  return map;
}

/** How the dispatcher reaches the engine's events and knows when a request's effects are durable. */
export interface DispatcherEvents {
  /** events as they leave the engine (after their journal commit); responses wait for the same commit */
  published: PublishedEvents<EngineEvents>;
}

export function createDispatcher(features: readonly BridgeFeature[], events: DispatcherEvents, relay: WindowRelay): Dispatcher {
  const contract = combineContracts(features.map((f) => f.contract));
  const handlers = handlerMap(features);
  const forwarded = new Set<string>(contract.engineEventNames);
  const run = async (name: unknown, args: unknown): Promise<unknown> => {
    // Only a string is named in the message: String() of a deeply nested array overflows the stack.
    if (!isRequestOf(contract, name)) throw new TraderError('UNKNOWN_METHOD', `未知的请求：${typeof name === 'string' ? name.slice(0, 200) : `（${typeof name}，应为字符串）`}`);
    const parsed = contract.requests[name]!.check(args ?? {}, 'args');
    if (!parsed.ok) throw new TraderError('BAD_ARGS', `请求 ${name} 的参数错误：${formatIssues(parsed.issues)}`);
    return await handlers.get(name)!(parsed.value);
  };
  const serve = (name: unknown, args: unknown, reply: (outcome: Outcome) => void): void => {
    // A snapshot is read between two bursts and goes out at once: waiting for a later burst
    // would let newer events overtake it.
    const deliver = name === 'app/snapshot' ? (send: () => void) => send() : (send: () => void) => events.published.afterCommit(send);
    run(name, args).then(
      (result) => deliver(() => reply({ result })),
      (error: unknown) => deliver(() => reply({ error })),
    );
  };
  return {
    contract,
    serve,
    dispatch(name, args) {
      return new Promise((resolve, reject) => serve(name, args, (outcome) => ('error' in outcome ? reject(outcome.error) : resolve(outcome.result))));
    },
    onEvent(listener) {
      const offBus = events.published.onAny((type, payload) => {
        if (forwarded.has(type as string)) listener(type as EventName, payload as BridgeEvents[EventName]);
      });
      const offRelay = relay.listen((event, payload) => listener(event, payload));
      return () => {
        offBus();
        offRelay();
      };
    },
  };
}
