/**
 * Reconnect delays: doubling from `first` up to `max`, with ±20 % jitter so a fleet of
 * terminals dropped together does not knock on the front in step.
 */
export interface BackoffPolicy {
  first: number;
  max: number;
  /** 0..1 fraction of the delay drawn at random either way */
  jitter: number;
}

export const DEFAULT_BACKOFF: Readonly<BackoffPolicy> = { first: 200, max: 10_000, jitter: 0.2 };

/** Delay in ms before attempt `attempt` (0-based). */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const base = Math.min(policy.max, policy.first * 2 ** Math.min(attempt, 30));
  const spread = base * policy.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(Math.min(policy.max, base + spread)));
}
