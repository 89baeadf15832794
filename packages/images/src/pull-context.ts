// What a pull works with: core's runner (every tool: gpg, gpgv, xz, zstd, qemu-img), the
// environment (XDG dirs), where notices go, and the pull's settings with their defaults.
import type { Runner, Services } from '@rejviz/core';
import type { Digest } from './digest.js';
import { DEFAULT_RETRY, type RetryPolicy } from './download/retry.js';
import type { ProgressRenderer } from './progress/progress-event.js';

/** The part of core's Services a pull uses. */
export type ImageServices = Pick<Services, 'runner' | 'env' | 'notice'>;

export interface PullOptions {
  /** Use the cache only; no URL is resolved or fetched. */
  offline?: boolean;
  /** Take an image nothing verifies (recorded as unverified). */
  insecureUnverified?: boolean;
  /** A digest pinned by hand (--checksum): the checksum file is not needed. */
  checksum?: Digest | null;
  /** Default $XDG_CACHE_HOME/rejviz/images. */
  cacheDir?: string;
  /** Default $XDG_DATA_HOME/rejviz/keyring. */
  keyringDir?: string;
  retry?: RetryPolicy;
  /** A request fails when no byte arrives for this long; default 30 s. */
  timeoutMs?: number;
  /** Hash a cached image before using it (default true): a damaged one is fetched again. */
  checkCached?: boolean;
  progress?: ProgressRenderer;
}

/** PullOptions with the defaults filled in, and the services. */
export interface PullContext {
  runner: Runner;
  env: NodeJS.ProcessEnv;
  notice(text: string): void;
  offline: boolean;
  insecureUnverified: boolean;
  pinned: Digest | null;
  cacheDir: string;
  keyringDir: string | undefined;
  retry: RetryPolicy;
  timeoutMs: number;
  checkCached: boolean;
  progress: ProgressRenderer | null;
}

/** The context of one pull: `options` with their defaults, and the services. */
export function pullContext(options: PullOptions, services: ImageServices, cacheDir: string): PullContext {
  return {
    runner: services.runner,
    env: services.env,
    notice: (text) => services.notice(text),
    offline: options.offline ?? false,
    insecureUnverified: options.insecureUnverified ?? false,
    pinned: options.checksum ?? null,
    cacheDir,
    keyringDir: options.keyringDir,
    retry: options.retry ?? DEFAULT_RETRY,
    timeoutMs: options.timeoutMs ?? 30_000,
    checkCached: options.checkCached ?? true,
    progress: options.progress ?? null,
  };
}
