/**
 * Reconnect delays: doubling from `first` up to `max`, with jitter so terminals dropped
 * together by one MiniQMT restart do not all knock at once.
 */
export interface BackoffPolicy {
  first: number;
  max: number;
  /** 0..1 fraction of the delay drawn at random either way */
  jitter: number;
}

/** MiniQMT restarts take seconds: start at half a second, never wait more than 30. */
export const MINIQMT_BACKOFF: Readonly<BackoffPolicy> = { first: 500, max: 30_000, jitter: 0.2 };

/** Delay in ms before attempt `attempt` (0-based). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = MINIQMT_BACKOFF, random: () => number = Math.random): number {
  const base = Math.min(policy.max, policy.first * 2 ** Math.min(attempt, 30));
  const spread = base * policy.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(Math.min(policy.max, base + spread)));
}
