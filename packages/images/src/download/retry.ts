// Retries with exponential back-off for what may pass: a reset or refused connection, a timeout, a
// body cut short, HTTP 5xx, 408 and 429. Bounded: after `attempts` tries the last reason is the
// error. Anything else (a 404, a bad signature, a full disk) is thrown at once. The wait ends
// early on a stop signal (stop-signals.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import { untilStopped } from '@rejviz/core';
import { ImageError, type ImageFailure } from '../image-error.js';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** The wait before the second try; doubled for each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseDelayMs: 500, maxDelayMs: 8_000 };

/** A failure worth another try; `failure` is what it becomes when the tries run out. */
export class TransientError extends Error {
  constructor(message: string, readonly failure: ImageFailure = 'network', readonly immediate = false) {
    super(message);
    this.name = 'TransientError';
  }
}

const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ERR_STREAM_PREMATURE_CLOSE']);

/** Whether a network error (node's `code`) may pass on a retry. */
export function isTransientNetworkError(err: unknown): boolean {
  return TRANSIENT_CODES.has((err as NodeJS.ErrnoException).code ?? '');
}

/** Runs `fn` until it succeeds, throws a non-transient error, or the tries run out. */
export async function withRetries<T>(what: string, policy: RetryPolicy, fn: (attempt: number) => Promise<T>, onRetry?: (reason: string, attempt: number) => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (!(err instanceof TransientError)) throw err;
      if (attempt >= policy.attempts) throw new ImageError(err.failure, `${what} failed after ${attempt} attempts: ${err.message}`);
      onRetry?.(err.message, attempt);
      if (!err.immediate) {
        const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
        await untilStopped(sleep(delay), what);
      }
    }
  }
}
