import type { Limiter } from './limiter.js';

/** The outside world of a link check, injected so that tests are fast and deterministic. */
export interface Network {
  fetch: typeof globalThis.fetch;
  /** Milliseconds since the epoch (cache ages, Retry-After dates). */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realNetwork: Network = {
  fetch: (input, init) => globalThis.fetch(input, init),
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Waits between attempts, in ms: exponential from `min` up to `max`; Retry-After up to `maxRetryAfter`. */
export interface Backoff {
  min: number;
  max: number;
  maxRetryAfter: number;
}

export const DEFAULT_BACKOFF: Backoff = { min: 1000, max: 30_000, maxRetryAfter: 60_000 };

export interface RequestPolicy {
  timeout: number;
  retries: number;
  backoff: Backoff;
}

/** What one URL answered, once retries are spent: a status (and Location), or why there was none. */
export type Answer =
  | { kind: 'response'; status: number; location?: string; attempts: number }
  | { kind: 'failure'; reason: string; attempts: number };

export type Attempt =
  | { kind: 'response'; status: number; location?: string; retryAfter?: string }
  | { kind: 'error'; reason: string; retry: boolean; headFallback: boolean };

const USER_AGENT = 'genai-qa-link-check (+https://github.com/genai-qa/genai-qa)';

/** Statuses worth asking again: the server is busy or briefly broken. */
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
/** HEAD answers that say "ask with GET" rather than anything about the page. */
const HEAD_REFUSED = new Set([403, 405, 501]);

/**
 * Asks about one URL (no redirect following: the caller walks redirects). HEAD first; GET
 * when the server refuses HEAD (403, 405, 501) or drops the connection. Timeouts, dropped
 * connections, 408, 429 and 5xx are retried up to `retries` times with exponential backoff,
 * honouring Retry-After (seconds or an HTTP date) up to a cap. Each request takes a slot of
 * the limiter for its host only while it is in flight, not while it waits to retry.
 */
export async function probe(url: URL, policy: RequestPolicy, network: Network, limiter: Limiter): Promise<Answer> {
  const send = (method: 'HEAD' | 'GET') => limiter.run(url.host, () => request(url, method, policy.timeout, network));
  let method: 'HEAD' | 'GET' = 'HEAD';
  for (let attempt = 1; ; attempt++) {
    let result = await send(method);
    if (method === 'HEAD' && (result.kind === 'response' ? HEAD_REFUSED.has(result.status) : result.headFallback)) {
      method = 'GET';
      result = await send(method);
    }
    const retry = result.kind === 'response' ? RETRY_STATUSES.has(result.status) : result.retry;
    if (!retry || attempt > policy.retries) {
      return result.kind === 'response'
        ? { kind: 'response', status: result.status, ...(result.location !== undefined ? { location: result.location } : {}), attempts: attempt }
        : { kind: 'failure', reason: result.reason, attempts: attempt };
    }
    await network.sleep(delay(result, attempt, policy.backoff, network.now()));
  }
}

/** The wait before attempt `attempt + 1`. */
export function delay(result: Attempt, attempt: number, backoff: Backoff, now: number): number {
  const asked = result.kind === 'response' ? retryAfter(result.retryAfter, now) : undefined;
  if (asked !== undefined) return Math.min(asked, backoff.maxRetryAfter);
  return Math.min(backoff.max, backoff.min * 2 ** (attempt - 1));
}

/** Retry-After in ms: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function retryAfter(value: string | undefined, now: number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

async function request(url: URL, method: 'HEAD' | 'GET', timeout: number, network: Network): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  try {
    const response = await network.fetch(url, {
      method,
      redirect: 'manual',
      signal: controller.signal,
      headers: { 'user-agent': USER_AGENT, accept: '*/*' },
    });
    // Only the status matters: drop the body instead of downloading it.
    await response.body?.cancel().catch(() => undefined);
    const location = response.headers.get('location');
    const after = response.headers.get('retry-after');
    return {
      kind: 'response',
      status: response.status,
      ...(location !== null ? { location } : {}),
      ...(after !== null ? { retryAfter: after } : {}),
    };
  } catch (error) {
    if (controller.signal.aborted) return { kind: 'error', reason: `no response within ${timeout} ms`, retry: true, headFallback: false };
    return networkError(error);
  } finally {
    clearTimeout(timer);
  }
}

/** fetch's TypeError("fetch failed") carries the system or undici error as its cause. */
function networkError(error: unknown): Attempt {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : (error as { code?: unknown }).code;
  switch (code) {
    case 'ENOTFOUND':
      return { kind: 'error', reason: 'host not found', retry: false, headFallback: false };
    case 'EAI_AGAIN':
      return { kind: 'error', reason: 'host lookup failed (EAI_AGAIN)', retry: true, headFallback: false };
    case 'ECONNREFUSED':
      return { kind: 'error', reason: 'connection refused', retry: false, headFallback: false };
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return { kind: 'error', reason: 'could not connect in time', retry: true, headFallback: false };
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return { kind: 'error', reason: 'connection closed without a response', retry: true, headFallback: true };
  }
  if (typeof code === 'string' && /CERT|TLS|SSL|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return { kind: 'error', reason: `TLS error (${code})`, retry: false, headFallback: false };
  }
  const detail = typeof code === 'string' ? code : String((cause?.message as string | undefined) ?? (error as Error).message);
  return { kind: 'error', reason: `request failed (${detail})`, retry: true, headFallback: true };
}
