import { STATUS_CODES } from 'node:http';
import { externalLinkNodes, externalUrlKey, type ExternalLinkStatus, type ParsedFile } from '@genai-qa/core';
import { cacheable, readCache, writeCache, type CacheEntry, type Observation } from './cache.js';
import { Limiter } from './limiter.js';
import { DEFAULT_BACKOFF, probe, realNetwork, type Answer, type Backoff, type Network } from './request.js';
import { isAccepted, isSelected, type LinkCheckSettings } from './settings.js';

export { linkCheckSettings, parseDuration, type LinkCheckSettings } from './settings.js';
export type { Network, Backoff } from './request.js';
export type { Observation } from './cache.js';

/*
 * `genai-qa lint --check-external`: the only network code of genai-qa. It asks about every
 * http(s) URL the files link to (once per URL, fragment dropped), and hands the answers to
 * the core rules dead-link and permanent-redirect as plain data (ExternalLinks), which report
 * them at every place the URL occurs, configurable and silenceable like any other finding.
 */

export interface LinkCheckOptions {
  /** fetch, clock and sleep (default: the real ones). */
  network?: Partial<Network>;
  backoff?: Partial<Backoff>;
  /** Redirects followed before giving up (default 10). */
  maxRedirects?: number;
}

export interface LinkCheckResult {
  /** Verdicts by URL without fragment (externalUrlKey), for lintFiles({ external }). */
  links: Map<string, ExternalLinkStatus>;
  /** URLs without a verdict (still rate-limited after every retry): not reported, not cached. */
  unchecked: Array<{ url: string; reason: string }>;
  /** HTTP requests sent (retries and HEAD→GET fallbacks included). */
  requests: number;
  /** Something wrong with the cache file (it was ignored, or could not be written). */
  cacheProblem?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const PERMANENT = new Set([301, 308]);

export async function checkExternalLinks(
  files: readonly ParsedFile[],
  settings: LinkCheckSettings,
  options: LinkCheckOptions = {},
): Promise<LinkCheckResult> {
  let requests = 0;
  const base = { ...realNetwork, ...options.network };
  const network: Network = { ...base, fetch: (input, init) => (requests++, base.fetch(input, init)) };
  const policy = { timeout: settings.timeout, retries: settings.retries, backoff: { ...DEFAULT_BACKOFF, ...options.backoff } };
  const limiter = new Limiter(settings.concurrency, settings.perHostConcurrency);
  const maxRedirects = options.maxRedirects ?? 10;
  const now = network.now();

  const urls = new Set<string>();
  for (const file of files) for (const { key } of externalLinkNodes(file.tree)) if (isSelected(settings, key)) urls.add(key);

  const cached = settings.cache ? readCache(settings.cache.path, now, settings.cache.maxAge) : { entries: new Map<string, CacheEntry>() };
  let cacheProblem = cached.problem && `ignored the link cache ${settings.cache!.path}: ${cached.problem}`;
  const fresh = new Map<string, CacheEntry>();

  // One request (with its retries) per URL, also when a URL is both linked and a redirect hop.
  const answers = new Map<string, Promise<Answer>>();
  const ask = (url: URL): Promise<Answer> => {
    let answer = answers.get(url.href);
    if (!answer) answers.set(url.href, (answer = probe(url, policy, network, limiter)));
    return answer;
  };

  /** Follows redirects by hand, so that every hop is seen (and a permanent one can be fixed). */
  async function observe(start: string): Promise<Observation> {
    const redirects: Observation['redirects'] = [];
    let current: URL;
    try {
      current = new URL(start);
    } catch {
      return { redirects, failure: 'not a valid URL' };
    }
    const seen = new Set([current.href]);
    for (;;) {
      const answer = await ask(current);
      const attempts = answer.attempts > 1 ? { attempts: answer.attempts } : {};
      if (answer.kind === 'failure') return { redirects, failure: answer.reason, ...attempts };
      if (!REDIRECTS.has(answer.status) || answer.location === undefined) return { redirects, status: answer.status, ...attempts };
      let next: URL;
      try {
        next = new URL(answer.location, current);
      } catch {
        return { redirects, failure: `${answer.status} redirect to an invalid URL "${answer.location}"` };
      }
      redirects.push({ status: answer.status, to: next.href });
      next.hash = '';
      if (next.protocol !== 'http:' && next.protocol !== 'https:') return { redirects, failure: `redirects to a non-HTTP URL` };
      if (seen.has(next.href)) return { redirects, failure: 'redirect loop' };
      if (redirects.length > maxRedirects) return { redirects, failure: `more than ${maxRedirects} redirects` };
      seen.add(next.href);
      current = next;
    }
  }

  const observations = new Map<string, Observation>();
  await Promise.all(
    [...urls].map(async (url) => {
      const hit = cached.entries.get(url);
      if (hit) {
        observations.set(url, hit);
        return;
      }
      const observation = await observe(url);
      observations.set(url, observation);
      if (cacheable(observation)) fresh.set(url, { ...observation, checked: now });
    }),
  );
  // Each hop of a chain that ended in a status is a URL whose answer is now known too
  // (after `--fix` rewrote a permanent redirect, the new URL needs no request).
  for (const observation of [...observations.values()]) {
    if (observation.status === undefined) continue;
    observation.redirects.forEach((hop, i) => {
      const key = externalUrlKey(hop.to);
      if (key === undefined || observations.has(key) || !isSelected(settings, key)) return;
      const rest: Observation = { redirects: observation.redirects.slice(i + 1), status: observation.status };
      observations.set(key, rest);
      if (!cached.entries.has(key) && cacheable(rest)) fresh.set(key, { ...rest, checked: now });
    });
  }

  if (settings.cache && fresh.size > 0) {
    try {
      writeCache(settings.cache.path, new Map([...cached.entries, ...fresh]));
    } catch (error) {
      cacheProblem = `could not write the link cache ${settings.cache.path}: ${(error as Error).message}`;
    }
  }

  const links = new Map<string, ExternalLinkStatus>();
  const unchecked: LinkCheckResult['unchecked'] = [];
  for (const [url, observation] of observations) {
    const verdict = classify(observation, settings);
    if (verdict.status === 'unchecked') {
      if (urls.has(url)) unchecked.push({ url, reason: verdict.reason });
    } else links.set(url, verdict);
  }
  unchecked.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  return { links, unchecked, requests, ...(cacheProblem ? { cacheProblem } : {}) };
}

/** The verdict on what a URL answered, under the accepted status codes. */
export function classify(observation: Observation, settings: LinkCheckSettings): ExternalLinkStatus | { status: 'unchecked'; reason: string } {
  const { redirects, status } = observation;
  const tries = observation.attempts && observation.attempts > 1 ? ` (${observation.attempts} attempts)` : '';
  const via = redirects.length > 0 ? `, after a redirect to ${redirects.at(-1)!.to}` : '';
  if (status === undefined) return { status: 'dead', reason: `${observation.failure ?? 'no answer'}${tries}${via}` };
  const phrase = `${status} ${STATUS_CODES[status] ?? ''}`.trim();
  if (status === 429) {
    const n = observation.attempts ?? 1;
    return { status: 'unchecked', reason: `still ${phrase} after ${n} attempt${n === 1 ? '' : 's'}` };
  }
  if (!isAccepted(settings, status)) return { status: 'dead', reason: `${phrase}${tries}${via}` };
  // The address to keep is where the leading permanent redirects end; a temporary hop after
  // them is the site's business, and a chain that starts temporary is left alone.
  let to: string | undefined;
  for (const hop of redirects) {
    if (!PERMANENT.has(hop.status)) break;
    to = hop.to;
  }
  return to === undefined ? { status: 'alive' } : { status: 'alive', redirect: { status: redirects[0]!.status, to } };
}
