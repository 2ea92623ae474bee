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
 * snapshot that a crash could take back.
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

export interface Dispatcher {
  /** the contract it serves: every feature's requests and events */
  readonly contract: CombinedContract;
  /** Validate and run one request; rejects with a TraderError (code + Chinese message). */
  dispatch(name: unknown, args: unknown): Promise<unknown>;
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
  /** events as they leave the engine (after their journal commit) */
  published: PublishedEvents<EngineEvents>;
  /** resolves once everything so far is committed and published */
  settled: () => Promise<void>;
}

export function createDispatcher(features: readonly BridgeFeature[], events: DispatcherEvents, relay: WindowRelay): Dispatcher {
  const contract = combineContracts(features.map((f) => f.contract));
  const handlers = handlerMap(features);
  const forwarded = new Set<string>(contract.engineEventNames);
  return {
    contract,
    async dispatch(name, args) {
      // Only a string is named in the message: String() of a deeply nested array overflows the stack.
      if (!isRequestOf(contract, name)) throw new TraderError('UNKNOWN_METHOD', `未知的请求：${typeof name === 'string' ? name.slice(0, 200) : `（${typeof name}，应为字符串）`}`);
      const parsed = contract.requests[name]!.check(args ?? {}, 'args');
      if (!parsed.ok) throw new TraderError('BAD_ARGS', `请求 ${name} 的参数错误：${formatIssues(parsed.issues)}`);
      const handler = handlers.get(name)!;
      // Waiting for a later burst would let newer events overtake the snapshot.
      if (name === 'app/snapshot') return await handler(parsed.value);
      try {
        return await handler(parsed.value);
      } finally {
        await events.settled();
      }
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
