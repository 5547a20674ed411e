import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExternalLinks, linkCheckSettings, parseDuration, type LinkCheckSettings } from '../src/link-check/index.js';
import { Limiter } from '../src/link-check/limiter.js';
import { retryAfter } from '../src/link-check/request.js';
import { parse } from '../../core/test/helpers.js';
import { lintCommand } from '../src/lint-command.js';
import { cli, tempTree } from './helpers.js';

/*
 * The link checker's policy (retries, backoff, Retry-After, HEAD→GET, redirects, limits,
 * cache, include/exclude) against a scripted fetch and a fake clock: no socket, no waiting.
 */

type Reply = number | { status: number; headers?: Record<string, string> } | { error: string };

/** A fetch that answers from a script: per URL, one reply per request (the last one repeats). */
function scripted(routes: Record<string, Reply | Reply[]>) {
  const log: string[] = [];
  const seen = new Map<string, number>();
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    log.push(`${init?.method ?? 'GET'} ${url}`);
    const n = seen.get(url) ?? 0;
    seen.set(url, n + 1);
    const route = routes[url] ?? 200;
    const replies = Array.isArray(route) ? route : [route];
    const reply = replies[Math.min(n, replies.length - 1)]!;
    if (typeof reply === 'object' && 'error' in reply) throw Object.assign(new TypeError('fetch failed'), { cause: { code: reply.error } });
    const { status, headers } = typeof reply === 'number' ? { status: reply, headers: {} } : reply;
    return new Response(null, { status, headers });
  };
  return { fetch: fetch as typeof globalThis.fetch, log };
}

const NOW = Date.UTC(2030, 5, 1, 12);

function settings(overrides: Partial<LinkCheckSettings> = {}): LinkCheckSettings {
  return { ...linkCheckSettings({ cache: false }, '/'), timeout: 1000, retries: 3, ...overrides };
}

async function check(markdown: string, routes: Record<string, Reply | Reply[]>, overrides: Partial<LinkCheckSettings> = {}) {
  const net = scripted(routes);
  const waits: number[] = [];
  const result = await checkExternalLinks([parse(markdown)], settings(overrides), {
    network: { fetch: net.fetch, now: () => NOW, sleep: async (ms) => void waits.push(ms) },
    backoff: { min: 100, max: 300, maxRetryAfter: 5000 },
  });
  return { ...result, log: net.log, waits };
}

const page = (...urls: string[]) => `# 1. Where?\n\n${urls.map((u) => `- <${u}>`).join('\n')}\n`;

describe('link check: retries and backoff', () => {
  it('retries 503 with exponential backoff between the test minimum and maximum, then calls the link dead', async () => {
    const r = await check(page('https://a.test/down'), { 'https://a.test/down': 503 });
    expect(r.links.get('https://a.test/down')).toEqual({ status: 'dead', reason: '503 Service Unavailable (4 attempts)' });
    expect(r.waits).toEqual([100, 200, 300]);
    expect(r.log).toEqual(Array(4).fill('HEAD https://a.test/down'));
  });

  it('honours Retry-After in seconds and as an HTTP date, capped', async () => {
    const date = new Date(NOW + 3000).toUTCString();
    const far = new Date(NOW + 3_600_000).toUTCString();
    const r = await check(page('https://a.test/a', 'https://a.test/b', 'https://a.test/c'), {
      'https://a.test/a': [{ status: 429, headers: { 'retry-after': '2' } }, 200],
      'https://a.test/b': [{ status: 503, headers: { 'retry-after': date } }, 200],
      'https://a.test/c': [{ status: 429, headers: { 'retry-after': far } }, 204],
    });
    expect(r.waits.sort((x, y) => x - y)).toEqual([2000, 3000, 5000]);
    expect([...r.links.values()]).toEqual([{ status: 'alive' }, { status: 'alive' }, { status: 'alive' }]);
  });

  it('a link still rate-limited after every retry is not reported (and not cached), but listed as unchecked', async () => {
    const r = await check(page('https://a.test/busy'), { 'https://a.test/busy': 429 }, { retries: 1 });
    expect(r.links.has('https://a.test/busy')).toBe(false);
    expect(r.unchecked).toEqual([{ url: 'https://a.test/busy', reason: 'still 429 Too Many Requests after 2 attempts' }]);
  });

  it('lint says on stderr which links it could not check, and exits 0 for them', async () => {
    const cwd = tempTree({
      'genai-qa.config.json': JSON.stringify({ linkCheck: { retries: 1, cache: false } }),
      'content/q.md': page('https://a.test/busy'),
    });
    let stdout = '';
    let stderr = '';
    const io = { cwd, env: {}, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } };
    const { fetch } = scripted({ 'https://a.test/busy': 429 });
    const code = await lintCommand(['--check-external'], io, { network: { fetch, sleep: async () => {} } });
    expect({ code, stdout, stderr }).toEqual({
      code: 0,
      stdout: '',
      stderr: 'genai-qa: could not check https://a.test/busy (still 429 Too Many Requests after 2 attempts); not reported\n',
    });
  });

  it('retries timeouts and dropped connections, but not an unknown host or a refused connection', async () => {
    const r = await check(page('https://gone.test/', 'https://a.test/refused', 'https://a.test/reset'), {
      'https://gone.test/': { error: 'ENOTFOUND' },
      'https://a.test/refused': { error: 'ECONNREFUSED' },
      'https://a.test/reset': [{ error: 'ECONNRESET' }, { error: 'UND_ERR_SOCKET' }, 200],
    });
    expect(r.links.get('https://gone.test/')).toEqual({ status: 'dead', reason: 'host not found' });
    expect(r.links.get('https://a.test/refused')).toEqual({ status: 'dead', reason: 'connection refused' });
    expect(r.links.get('https://a.test/reset')).toEqual({ status: 'alive' });
    expect(r.log.filter((l) => l.includes('gone.test'))).toEqual(['HEAD https://gone.test/']);
    // A dropped HEAD is asked again with GET, which the later attempts keep.
    expect(r.log.filter((l) => l.includes('/reset'))).toEqual(['HEAD https://a.test/reset', 'GET https://a.test/reset', 'GET https://a.test/reset']);
  });

  it('parses Retry-After', () => {
    expect(retryAfter('7', NOW)).toBe(7000);
    expect(retryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
    expect(retryAfter('soon', NOW)).toBeUndefined();
    expect(retryAfter(undefined, NOW)).toBeUndefined();
  });
});

describe('link check: HEAD, GET and redirects', () => {
  it('falls back to GET when HEAD is refused (403, 405, 501); a GET 403 is then dead', async () => {
    const r = await check(page('https://a.test/405', 'https://a.test/501', 'https://a.test/403'), {
      'https://a.test/405': [405, 200],
      'https://a.test/501': [501, 200],
      'https://a.test/403': 403,
    });
    expect(r.links.get('https://a.test/405')).toEqual({ status: 'alive' });
    expect(r.links.get('https://a.test/501')).toEqual({ status: 'alive' });
    expect(r.links.get('https://a.test/403')).toEqual({ status: 'dead', reason: '403 Forbidden' });
    expect(r.log.filter((l) => l.endsWith('/403'))).toEqual(['HEAD https://a.test/403', 'GET https://a.test/403']);
  });

  it('keeps only the leading permanent redirects; a chain that starts temporary is not a permanent redirect', async () => {
    const r = await check(page('https://a.test/p', 'https://a.test/t'), {
      'https://a.test/p': { status: 301, headers: { location: '/p2' } },
      'https://a.test/p2': { status: 308, headers: { location: 'https://b.test/p3#top' } },
      'https://b.test/p3': { status: 302, headers: { location: '/login' } },
      'https://a.test/t': { status: 307, headers: { location: '/p' } },
    });
    expect(r.links.get('https://a.test/p')).toEqual({ status: 'alive', redirect: { status: 301, to: 'https://b.test/p3#top' } });
    expect(r.links.get('https://a.test/t')).toEqual({ status: 'alive' });
    // /p was asked once although it is both linked and a hop of /t.
    expect(r.log.filter((l) => l.endsWith('/p'))).toEqual(['HEAD https://a.test/p']);
  });

  it('a redirect to a dead page is dead; loops and endless chains are dead', async () => {
    const r = await check(page('https://a.test/to-404', 'https://a.test/loop', 'https://a.test/r0'), {
      'https://a.test/to-404': { status: 301, headers: { location: '/404' } },
      'https://a.test/404': 404,
      'https://a.test/loop': { status: 302, headers: { location: '/loop2' } },
      'https://a.test/loop2': { status: 302, headers: { location: '/loop' } },
      ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`https://a.test/r${i}`, { status: 302, headers: { location: `/r${i + 1}` } }])),
    });
    expect(r.links.get('https://a.test/to-404')).toEqual({ status: 'dead', reason: '404 Not Found, after a redirect to https://a.test/404' });
    expect(r.links.get('https://a.test/loop')).toEqual({ status: 'dead', reason: 'redirect loop, after a redirect to https://a.test/loop' });
    expect(r.links.get('https://a.test/r0')).toEqual({ status: 'dead', reason: 'more than 10 redirects, after a redirect to https://a.test/r11' });
  });

  it('a URL the WHATWG parser rejects is dead without a request', async () => {
    const r = await check('# 1. Where?\n\n[x](<https://exa mple.test/>)\n', {});
    expect(r.links.get('https://exa mple.test/')).toEqual({ status: 'dead', reason: 'not a valid URL' });
    expect(r.requests).toBe(0);
  });
});

describe('link check: what is checked', () => {
  it('checks each URL once whatever its fragment, and only http(s) links', async () => {
    const md = '# 1. Where?\n\n[a](https://a.test/x#one) [b](https://a.test/x#two) ![c](https://a.test/x) [d](mailto:a@b.test) [e](ftp://a.test/f) [f](./local.md)\n';
    const r = await check(md, {});
    expect(r.log).toEqual(['HEAD https://a.test/x']);
  });

  it('applies include, exclude and accepted status codes (numbers and ranges)', async () => {
    const urls = ['https://a.test/docs/1', 'https://a.test/docs/private', 'https://b.test/x', 'https://a.test/docs/403'];
    const r = await check(
      page(...urls),
      { 'https://a.test/docs/403': 403, 'https://a.test/docs/1': 299 },
      { include: [/^https:\/\/a\.test\/docs\//], exclude: [/private/], accepted: [[200, 299], [403, 403]] },
    );
    expect(new Set(r.log.map((l) => l.split(' ')[1]))).toEqual(new Set(['https://a.test/docs/1', 'https://a.test/docs/403']));
    expect([...r.links.keys()]).toEqual(['https://a.test/docs/1', 'https://a.test/docs/403']);
    expect([...r.links.values()]).toEqual([{ status: 'alive' }, { status: 'alive' }]);
  });

  it('an excluded URL stays unjudged even when another link redirects to it', async () => {
    const r = await check(page('https://a.test/account', 'https://a.test/login'), {
      'https://a.test/account': { status: 302, headers: { location: '/login' } },
      'https://a.test/login': 404,
    }, { exclude: [/\/login$/] });
    expect(r.links.get('https://a.test/account')).toEqual({ status: 'dead', reason: '404 Not Found, after a redirect to https://a.test/login' });
    expect(r.links.has('https://a.test/login')).toBe(false);
  });

  it('bounds requests in flight, in all and per host', async () => {
    let inFlight = 0;
    let most = 0;
    const perHost = new Map<string, number>();
    let mostPerHost = 0;
    const fetch = (async (input: string | URL) => {
      const host = new URL(String(input)).host;
      inFlight++;
      perHost.set(host, (perHost.get(host) ?? 0) + 1);
      most = Math.max(most, inFlight);
      mostPerHost = Math.max(mostPerHost, perHost.get(host)!);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      perHost.set(host, perHost.get(host)! - 1);
      return new Response(null, { status: 200 });
    }) as typeof globalThis.fetch;
    const urls = Array.from({ length: 12 }, (_, i) => `https://${['a', 'b', 'c'][i % 3]}.test/${i}`);
    await checkExternalLinks([parse(page(...urls))], settings({ concurrency: 4, perHostConcurrency: 1 }), { network: { fetch } });
    expect(most).toBe(3); // three hosts, one request each at a time
    expect(mostPerHost).toBe(1);
    most = 0;
    mostPerHost = 0;
    await checkExternalLinks([parse(page(...urls.map((u) => `${u}/again`)))], settings({ concurrency: 2, perHostConcurrency: 4 }), { network: { fetch } });
    expect(most).toBe(2);
  });

  it('the limiter lets a waiter whose host is free pass one whose host is busy', async () => {
    const limiter = new Limiter(2, 1);
    const order: string[] = [];
    let release!: () => void;
    const blocker = limiter.run('a', () => new Promise<void>((resolve) => (release = resolve)));
    const a2 = limiter.run('a', async () => void order.push('a2'));
    const b1 = limiter.run('b', async () => void order.push('b1'));
    await b1;
    expect(order).toEqual(['b1']);
    release();
    await Promise.all([blocker, a2]);
    expect(order).toEqual(['b1', 'a2']);
  });
});

describe('link check: cache', () => {
  const dir = () => tempTree({});
  const run = async (cwd: string, routes: Record<string, Reply | Reply[]>, now: number, markdown: string, accepted?: Array<[number, number]>) => {
    const net = scripted(routes);
    const s: LinkCheckSettings = {
      ...linkCheckSettings({ cache: { path: 'c/links.json', maxAge: '1d' } }, cwd),
      ...(accepted ? { accepted } : {}),
    };
    const result = await checkExternalLinks([parse(markdown)], s, { network: { fetch: net.fetch, now: () => now, sleep: async () => {} } });
    return { ...result, log: net.log, file: path.join(cwd, 'c/links.json') };
  };

  it('keeps definite answers for maxAge, re-judges them under new accepted codes, and asks transient failures again', async () => {
    const cwd = dir();
    const md = page('https://a.test/ok', 'https://a.test/403', 'https://a.test/500', 'https://a.test/timeout');
    const routes: Record<string, Reply> = { 'https://a.test/403': 403, 'https://a.test/500': 500, 'https://a.test/timeout': { error: 'UND_ERR_CONNECT_TIMEOUT' } };
    const first = await run(cwd, routes, NOW, md);
    expect(first.links.get('https://a.test/403')).toEqual({ status: 'dead', reason: '403 Forbidden' });
    expect(Object.keys(JSON.parse(fs.readFileSync(first.file, 'utf8')).entries)).toEqual(['https://a.test/403', 'https://a.test/ok']);

    const second = await run(cwd, routes, NOW + 23 * 3_600_000, md, [[200, 299], [403, 403]]);
    expect(second.links.get('https://a.test/403')).toEqual({ status: 'alive' });
    expect(new Set(second.log.map((l) => l.split(' ')[1]))).toEqual(new Set(['https://a.test/500', 'https://a.test/timeout']));

    const third = await run(cwd, routes, NOW + 25 * 3_600_000, page('https://a.test/ok'));
    expect(third.log).toEqual(['HEAD https://a.test/ok']);
    // Expired entries are dropped when the file is written again; fresh ones of other URLs stay.
    expect(JSON.parse(fs.readFileSync(third.file, 'utf8')).entries).toEqual({
      'https://a.test/ok': { checked: new Date(NOW + 25 * 3_600_000).toISOString(), status: 200, redirects: [] },
    });
  });

  it('ignores a damaged cache file, says so, and replaces it', async () => {
    const cwd = dir();
    fs.mkdirSync(path.join(cwd, 'c'));
    fs.writeFileSync(path.join(cwd, 'c/links.json'), '{ not json');
    const r = await run(cwd, {}, NOW, page('https://a.test/ok'));
    expect(r.cacheProblem).toBe(`ignored the link cache ${path.join(cwd, 'c/links.json')}: not valid JSON`);
    expect(r.links.get('https://a.test/ok')).toEqual({ status: 'alive' });
    expect(JSON.parse(fs.readFileSync(r.file, 'utf8')).version).toBe(1);
  });
});

describe('link check: configuration', () => {
  it('parses durations', () => {
    expect([parseDuration('1d'), parseDuration('12h'), parseDuration('90s'), parseDuration('500ms'), parseDuration(42)]).toEqual([
      86_400_000, 43_200_000, 90_000, 500, 42,
    ]);
  });

  it('has the documented defaults', () => {
    expect(linkCheckSettings({}, '/work')).toEqual({
      include: [],
      exclude: [],
      accepted: [[200, 299]],
      timeout: 10_000,
      retries: 3,
      concurrency: 8,
      perHostConcurrency: 2,
      cache: { path: '/work/.genai-qa-cache/links.json', maxAge: 86_400_000 },
    });
  });

  it.each([
    [{ exclude: ['(unclosed'] }, 'linkCheck.exclude: "(unclosed" is not a valid regular expression'],
    [{ acceptedStatusCodes: ['299-200'] }, 'linkCheck.acceptedStatusCodes: range "299-200" runs backwards; write it as "200-299"'],
    [{ acceptedStatusCodes: [99] }, '/linkCheck/acceptedStatusCodes/0'],
    [{ cache: { maxAge: 'a day' } }, '/linkCheck/cache'],
    [{ timeout: '10s' }, '/linkCheck/timeout must be integer'],
    [{ retry: 3 }, '/linkCheck must NOT have additional properties'],
  ])('rejects the config %j with exit 2 and one line', async (linkCheck, message) => {
    const cwd = tempTree({ 'genai-qa.config.json': JSON.stringify({ linkCheck }), 'content/q.md': '# 1. Q?\n\nA.\n' });
    const result = await cli(['lint', '--check-external'], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('documents --check-external in genai-qa lint --help', async () => {
    const help = (await cli(['lint', '--help'], tempTree({}))).stdout;
    expect(help).toMatch(/^ {2}--check-external {4}\S/m);
  });
});
