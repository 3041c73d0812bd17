/**
 * The retry policy: which failures are retried, how long to wait (Retry-After or exponential backoff with
 * jitter), run on p-retry and abortable at every step.
 */
import { AbortError, HttpError, isWaybillError, RateLimitError } from '../errors/index.js'
import { sleep, systemClock } from './clock.js'
import type { Clock, HttpMethod, RetryOptions } from './types.js'

/** The defaults of {@link RetryOptions}, resolved. */
export const DEFAULT_RETRY: Required<RetryOptions> = {
  limit: 2,
  statuses: [408, 429, 500, 502, 503, 504],
  methods: ['GET', 'HEAD', 'PUT', 'DELETE'],
  networkErrors: true,
  backoffBaseMs: 300,
  backoffCapMs: 10_000,
  jitter: 'full',
  maxRetryAfterMs: 60_000,
}

/**
 * Parses a `Retry-After` value (delta seconds or an HTTP-date) into milliseconds from `now`. Returns `undefined`
 * for a missing or unreadable value; a date in the past gives 0.
 * @example parseRetryAfter('30') // 30000
 * @example parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT', Date.parse('Wed, 21 Oct 2015 07:27:00 GMT')) // 60000
 */
export function parseRetryAfter(
  value: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (value === undefined || value === null) return undefined
  const text = value.trim()
  if (text === '') return undefined
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000)
  if (!/[a-z]/i.test(text)) return undefined
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.max(0, at - now)
}

/** Resolves user options against the defaults. */
export function resolveRetry(...layers: (RetryOptions | undefined)[]): Required<RetryOptions> {
  const out = { ...DEFAULT_RETRY }
  for (const layer of layers) {
    if (!layer) continue
    for (const [k, v] of Object.entries(layer)) if (v !== undefined) (out as Record<string, unknown>)[k] = v
  }
  return out
}

/** True when `error` may be retried under `policy` for `method`. */
export function isRetryable(error: unknown, method: HttpMethod, policy: Required<RetryOptions>): boolean {
  if (!policy.methods.includes(method)) return false
  if (error instanceof RateLimitError) {
    if (error.code === 'ERR_QUOTA') return false
    if (error.retryAfterMs !== undefined && error.retryAfterMs > policy.maxRetryAfterMs) return false
  }
  if (error instanceof HttpError) {
    // An AuthError is final, except a token endpoint that failed with a retryable status (5xx, 408, 429).
    if ((error.code === 'ERR_AUTH' && !error.retryable) || error.status === undefined) return false
    return policy.statuses.includes(error.status)
  }
  if (isWaybillError(error)) {
    return policy.networkErrors && (error.code === 'ERR_NETWORK' || error.code === 'ERR_TIMEOUT')
  }
  return false
}

/** The wait before retry number `retry` (1-based). A server-given `Retry-After` wins and is never jittered. */
export function retryDelay(
  retry: number,
  error: unknown,
  policy: Required<RetryOptions>,
  random: () => number = Math.random,
): number {
  const serverMs = (error as { retryAfterMs?: number }).retryAfterMs
  if (typeof serverMs === 'number') return Math.min(serverMs, policy.maxRetryAfterMs)
  const backoff = Math.min(policy.backoffCapMs, policy.backoffBaseMs * 2 ** (retry - 1))
  if (policy.jitter === 'none') return backoff
  if (policy.jitter === 'equal') return backoff / 2 + random() * (backoff / 2)
  return random() * backoff
}

/** Extra controls for {@link withRetry}. */
export interface WithRetryOptions {
  method: HttpMethod
  signal?: AbortSignal
  clock?: Clock
  random?: () => number
  /** Called before each wait, with the delay chosen. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void
}

/**
 * Runs `attempt` until it succeeds, fails with something not retryable, or the limit is reached. Aborting the
 * signal stops waiting at once and rejects with `AbortError`.
 */
export async function withRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  policy: Required<RetryOptions> | false,
  options: WithRetryOptions,
): Promise<T> {
  const { signal, method } = options
  const clock = options.clock ?? systemClock
  if (policy === false || policy.limit <= 0) return attempt(1)
  try {
    // p-retry loads with the first request that may be retried, not with the client (#26).
    const { default: pRetry } = await import('p-retry')
    return await pRetry(attempt, {
      retries: policy.limit,
      minTimeout: 0,
      maxTimeout: 0,
      factor: 1,
      randomize: false,
      signal,
      shouldRetry: ({ error }) => isRetryable(error, method, policy),
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        if (retriesLeft <= 0 || !isRetryable(error, method, policy)) return
        const delayMs = retryDelay(attemptNumber, error, policy, options.random)
        options.onRetry?.({ attempt: attemptNumber, delayMs, error })
        await sleep(clock, delayMs, signal)
      },
    })
  } catch (error) {
    if (signal?.aborted && !(isWaybillError(error) && error.code === 'ERR_ABORTED')) {
      throw new AbortError('Request aborted while waiting to retry', { cause: signal.reason })
    }
    throw error
  }
}
