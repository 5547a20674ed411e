import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { lintCommand } from '@genai-qa/cli';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cli, tempTree, type CliResult } from './helpers.js';

/*
 * `genai-qa lint --check-external` against a local HTTP server on 127.0.0.1 (random port):
 * never the outside network. The server counts every request by path, so the tests can say
 * exactly what was asked, and how often.
 */

const hits = new Map<string, number>();
let base = '';
let server: http.Server;

function serve(req: http.IncomingMessage, res: http.ServerResponse): void {
  const url = req.url ?? '/';
  const seen = hits.get(url) ?? 0;
  hits.set(url, seen + 1);
  const send = (status: number, headers: Record<string, string> = {}) => {
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : `${status}\n`);
  };
  switch (url) {
    case '/ok':
    case '/moved-target':
    case '/found-target':
    case '/perm-target':
      return send(200);
    case '/moved':
      return send(301, { location: '/moved-target' });
    case '/found':
      return send(302, { location: '/found-target' });
    case '/perm':
      return send(308, { location: `${base}/perm-target` });
    case '/missing':
      return send(404);
    case '/gone':
      return send(410);
    case '/busy': // rate-limited once, with Retry-After in seconds
      return seen === 0 ? send(429, { 'retry-after': '1' }) : send(200);
    case '/unavailable': // down once, without Retry-After
      return seen === 0 ? send(503) : send(200);
    case '/slow': // beyond the 500 ms timeout, every time
      setTimeout(() => send(200), 1000);
      return;
    case '/slow-ok': // well under the timeout
      setTimeout(() => send(200), 150);
      return;
    case '/no-head':
      return send(req.method === 'HEAD' ? 405 : 200);
    case '/reset':
      req.socket.destroy();
      return;
    default:
      return send(404);
  }
}

beforeAll(async () => {
  server = http.createServer(serve);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => hits.clear());

const requests = () => Object.fromEntries([...hits].sort(([a], [b]) => (a < b ? -1 : 1)));

/** Backoff waits asked for; the test sleeps at most 5 ms of each, so Retry-After: 1 costs no second. */
let waits: number[] = [];

async function lint(args: string[], cwd: string, now?: number): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await lintCommand(
    args,
    { cwd, env: {}, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } },
    {
      network: {
        sleep: (ms) => (waits.push(ms), new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5)))),
        ...(now !== undefined ? { now: () => now } : {}),
      },
    },
  );
  return { code, stdout, stderr };
}

interface Finding {
  file: string;
  line: number;
  column: number;
  ruleId: string;
  severity: string;
  message: string;
  fixable: boolean;
}

const external = (result: CliResult) =>
  (JSON.parse(result.stdout) as Finding[])
    .filter((d) => d.ruleId === 'dead-link' || d.ruleId === 'permanent-redirect')
    .map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.ruleId} ${d.message.replaceAll(base, 'BASE')}${d.fixable ? ' (fixable)' : ''}`);

const CONFIG = JSON.stringify({ linkCheck: { timeout: 500, retries: 1, concurrency: 8, perHostConcurrency: 4 } });

function corpus(): Record<string, string> {
  return {
    'genai-qa.config.json': CONFIG,
    'content/a.md': [
      '# 1. Which links work?',
      '',
      `Alive: [ok](${base}/ok), <${base}/slow-ok>, [busy](${base}/busy) and [unavailable](${base}/unavailable).`,
      '',
      `Redirected: [moved](${base}/moved#intro), [found](${base}/found) and [perm][perm].`,
      '',
      `Dead: [missing](${base}/missing), ${base}/gone and ![A bar chart](${base}/missing#figure).`,
      '',
      `Without HEAD: [no-head](${base}/no-head).`,
      '',
      `[perm]: ${base}/perm`,
      '',
    ].join('\n'),
    'content/b.md': [
      '# 1. Which links fail?',
      '',
      `Slow: [slow](${base}/slow). Reset: [reset](${base}/reset). Missing again: <${base}/missing>.`,
      '',
    ].join('\n'),
  };
}

/** What the first run reports on corpus(), positions computed from the text. */
function expected(files: Record<string, string>): string[] {
  const at = (file: string, line: number, needle: string) => `${file}:${line}:${files[file]!.split('\n')[line - 1]!.indexOf(needle) + 1}`;
  return [
    `${at('content/a.md', 5, '[moved]')} warning permanent-redirect Link "BASE/moved#intro" redirects permanently (301) to "BASE/moved-target#intro"; link there directly (fixable)`,
    `${at('content/a.md', 7, '[missing]')} error dead-link Link "BASE/missing" is dead: 404 Not Found`,
    `${at('content/a.md', 7, `${base}/gone`)} error dead-link Link "BASE/gone" is dead: 410 Gone`,
    `${at('content/a.md', 7, '![A bar chart]')} error dead-link Image "BASE/missing#figure" is dead: 404 Not Found`,
    `${at('content/a.md', 11, '[perm]:')} warning permanent-redirect Link definition "BASE/perm" redirects permanently (308) to "BASE/perm-target"; link there directly (fixable)`,
    `${at('content/b.md', 3, '[slow]')} error dead-link Link "BASE/slow" is dead: no response within 500 ms (2 attempts)`,
    `${at('content/b.md', 3, '[reset]')} error dead-link Link "BASE/reset" is dead: connection closed without a response (2 attempts)`,
    `${at('content/b.md', 3, `<${base}/missing>`)} error dead-link Link "BASE/missing" is dead: 404 Not Found`,
  ];
}

describe('genai-qa lint --check-external', () => {
  it('is off by default: no request, no dead-link', async () => {
    const dir = tempTree(corpus());
    const result = await cli(['lint', '--format', 'json'], dir);
    expect(external(result)).toEqual([]);
    expect(hits.size).toBe(0);
    expect(fs.existsSync(path.join(dir, '.genai-qa-cache'))).toBe(false);
  });

  it('reports every dead link at every place it occurs, requests each URL once, and caches the definite answers', async () => {
    const files = corpus();
    const dir = tempTree(files);
    waits = [];
    const first = await lint(['--check-external', '--format', 'json'], dir);
    expect(first.code).toBe(1);
    expect(first.stderr).toBe('');
    expect(external(first)).toEqual(expected(files));

    expect(requests()).toEqual({
      '/busy': 2, // 429 (Retry-After: 1), then 200
      '/found': 1,
      '/found-target': 1,
      '/gone': 1,
      '/missing': 1, // linked three times, in two files, once with a #fragment
      '/moved': 1,
      '/moved-target': 1,
      '/no-head': 2, // HEAD 405, then GET 200
      '/ok': 1,
      '/perm': 1,
      '/perm-target': 1,
      '/reset': 3, // HEAD dropped, GET dropped, then GET again
      '/slow': 2, // two timeouts (HEAD; a timeout is no reason to try GET)
      '/slow-ok': 1,
      '/unavailable': 2, // 503, then 200
    });
    expect(waits).toContain(1000); // Retry-After: 1 was honoured

    const cache = JSON.parse(fs.readFileSync(path.join(dir, '.genai-qa-cache/links.json'), 'utf8'));
    expect(Object.keys(cache.entries).map((u) => u.replace(base, ''))).toEqual([
      '/busy', '/found', '/found-target', '/gone', '/missing', '/moved', '/moved-target', '/no-head', '/ok', '/perm',
      '/perm-target', '/slow-ok', '/unavailable',
    ]);
    expect(cache.entries[`${base}/moved`]).toEqual({ checked: expect.any(String), status: 200, redirects: [{ status: 301, to: `${base}/moved-target` }] });

    // Within the cache age, only the failures that may be transient (timeouts, dropped connections) are asked again.
    hits.clear();
    const second = await lint(['--check-external', '--format', 'json'], dir);
    expect(external(second)).toEqual(external(first));
    expect(requests()).toEqual({ '/reset': 3, '/slow': 2 });
  });

  it('--fix rewrites permanent redirects to where they end, keeping the fragment, and leaves temporary ones', async () => {
    const dir = tempTree(corpus());
    const fixed = await lint(['--check-external', '--fix', '--format', 'json'], dir);
    expect(external(fixed).filter((l) => l.includes('permanent-redirect'))).toEqual([]);
    const text = fs.readFileSync(path.join(dir, 'content/a.md'), 'utf8');
    expect(text).toContain(`[moved](${base}/moved-target#intro), [found](${base}/found) and [perm][perm].`);
    expect(text).toContain(`[perm]: ${base}/perm-target\n`);
    // The new URLs were answered during the first check: the next run asks nothing about them.
    hits.clear();
    await lint(['--check-external', '--format', 'json'], dir);
    expect(Object.keys(requests())).toEqual(['/reset', '/slow']);
  });

  it('a run within the cache age sends no request; after it, the links are asked again', async () => {
    const dir = tempTree({
      'genai-qa.config.json': JSON.stringify({ linkCheck: { cache: { path: 'cache/links.json', maxAge: '1h' } } }),
      'content/q.md': `# 1. Where?\n\nSee [ok](${base}/ok), [moved](${base}/moved) and [missing](${base}/missing).\n`,
    });
    const start = Date.UTC(2030, 0, 1);
    const first = await lint(['--check-external', '--format', 'json'], dir, start);
    expect(external(first)).toHaveLength(2);
    expect(Object.values(requests()).reduce((a, b) => a + b)).toBe(4);
    expect(fs.readdirSync(path.join(dir, 'cache'))).toEqual(['links.json']); // no temporary file left

    hits.clear();
    const again = await lint(['--check-external', '--format', 'json'], dir, start + 59 * 60_000);
    expect(external(again)).toEqual(external(first));
    expect(hits.size).toBe(0);

    const later = await lint(['--check-external', '--format', 'json'], dir, start + 61 * 60_000);
    expect(external(later)).toEqual(external(first));
    expect(requests()).toEqual({ '/missing': 1, '/moved': 1, '/moved-target': 1, '/ok': 1 });
  });

  it('"dead-link" can be re-severitied or turned off in the config; with both external rules off nothing is requested', async () => {
    const dir = tempTree({
      'content/a.md': `# 1. Gone?\n\nSee [ok](${base}/ok).\n\n[gone](${base}/gone)\n`,
      'content/b.md': `# 1. Missing?\n\n[missing](${base}/missing)\n`,
      'genai-qa.config.json': JSON.stringify({ rules: { 'dead-link': 'warning' }, linkCheck: { cache: false } }),
    });
    const warned = await lint(['--check-external', '--format', 'json'], dir);
    expect(warned.code).toBe(0);
    expect(external(warned)).toEqual([
      'content/a.md:5:1 warning dead-link Link "BASE/gone" is dead: 410 Gone',
      'content/b.md:3:1 warning dead-link Link "BASE/missing" is dead: 404 Not Found',
    ]);
    expect(fs.existsSync(path.join(dir, '.genai-qa-cache'))).toBe(false); // cache: false

    fs.writeFileSync(path.join(dir, 'genai-qa.config.json'), JSON.stringify({ rules: { 'dead-link': 'off', 'permanent-redirect': 'off' } }));
    hits.clear();
    const off = await lint(['--check-external', '--format', 'json'], dir);
    expect(external(off)).toEqual([]);
    expect(hits.size).toBe(0);
  });

  it('a dead link can be silenced for one line; the URL is still asked about once', async () => {
    const dir = tempTree({
      'genai-qa.config.json': JSON.stringify({ linkCheck: { cache: false } }),
      'content/q.md': `# 1. Where?\n\n<!-- genai-qa-disable-next-line dead-link -- kept for the record -->\n[old](${base}/gone)\n\n[again](${base}/gone)\n`,
    });
    const result = await lint(['--check-external', '--format', 'json'], dir);
    expect(external(result)).toEqual(['content/q.md:6:1 error dead-link Link "BASE/gone" is dead: 410 Gone']);
    expect(requests()).toEqual({ '/gone': 1 });
  });

  it('a refused connection is a dead link (no retry: nothing listens there)', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const dir = tempTree({ 'content/q.md': `# 1. Where?\n\n[down](http://127.0.0.1:${port}/page)\n` });
    const result = await lint(['--check-external', '--format', 'json'], dir);
    expect(external(result)).toEqual([`content/q.md:3:1 error dead-link Link "http://127.0.0.1:${port}/page" is dead: connection refused`]);
  });
});
