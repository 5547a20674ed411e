import path from 'node:path';
import { LINK_CHECK_DEFAULTS, type LinkCheckConfig } from '@genai-qa/core';

/** The `linkCheck` config with defaults filled in, patterns compiled and durations in ms. */
export interface LinkCheckSettings {
  include: RegExp[];
  exclude: RegExp[];
  /** Inclusive ranges of final statuses that count as alive. */
  accepted: Array<[number, number]>;
  timeout: number;
  retries: number;
  concurrency: number;
  perHostConcurrency: number;
  /** The cache file (absolute) and how long its results stay valid; undefined: no cache. */
  cache?: { path: string; maxAge: number };
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** "1d", "12h", "90s", "500ms" or a number of milliseconds → milliseconds. */
export function parseDuration(value: number | string): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+)(ms|s|m|h|d|w)$/.exec(value);
  if (!match) throw new Error(`not a duration: "${value}" (write e.g. "1d", "12h", "30m")`);
  return Number(match[1]) * UNITS[match[2]!]!;
}

/** Settings from a validated config (validateConfig has checked the patterns and ranges). */
export function linkCheckSettings(config: LinkCheckConfig = {}, cwd: string): LinkCheckSettings {
  const d = LINK_CHECK_DEFAULTS;
  const cache = config.cache === false ? undefined : { ...d.cache, ...config.cache };
  return {
    include: (config.include ?? d.include).map((p) => new RegExp(p)),
    exclude: (config.exclude ?? d.exclude).map((p) => new RegExp(p)),
    accepted: (config.acceptedStatusCodes ?? d.acceptedStatusCodes).map((code) => {
      if (typeof code === 'number') return [code, code];
      const [from, to] = code.split('-').map(Number);
      return [from!, to!];
    }),
    timeout: config.timeout ?? d.timeout,
    retries: config.retries ?? d.retries,
    concurrency: config.concurrency ?? d.concurrency,
    perHostConcurrency: config.perHostConcurrency ?? d.perHostConcurrency,
    ...(cache ? { cache: { path: path.resolve(cwd, cache.path), maxAge: parseDuration(cache.maxAge) } } : {}),
  };
}

export function isAccepted(settings: LinkCheckSettings, status: number): boolean {
  return settings.accepted.some(([from, to]) => status >= from && status <= to);
}

/** Whether a URL (without fragment) is checked at all: it matches an include (if any) and no exclude. */
export function isSelected(settings: LinkCheckSettings, url: string): boolean {
  if (settings.include.length > 0 && !settings.include.some((p) => p.test(url))) return false;
  return !settings.exclude.some((p) => p.test(url));
}
