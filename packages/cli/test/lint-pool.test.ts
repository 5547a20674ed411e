import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_THREADS, POOL_FROM_BYTES, POOL_FROM_CORES, poolThreads } from '../src/lint-pool.js';
import { tempTree } from './helpers.js';

// lint on several threads (lint-pool.ts) must print what lint on one prints, byte for byte.
// The pool's workers are the built ones: these tests run the built binary.

const BIN = fileURLToPath(new URL('../bin/genai-qa.js', import.meta.url));

function lint(dir: string, threads: number, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'lint', 'content', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, GENAI_QA_THREADS: String(threads) } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** An answer of about `bytes` bytes of plain sentences, none repeated, ten to a paragraph. */
function answer(n: number, bytes: number): string {
  const out: string[] = [];
  for (let i = 0, size = 0; size < bytes; i++) {
    const s = `Sentence ${i} of answer ${n} names the ${['encoder', 'decoder', 'sampler', 'critic'][i % 4]} number ${i * 7 + n}.`;
    out.push(i % 10 === 9 ? `${s}\n\n` : `${s} `);
    size += s.length + 1;
  }
  return out.join('').trim();
}

describe('how many threads lint', () => {
  const files = (n: number) => Array.from({ length: n }, (_, i) => ({ absolutePath: `/c/${i}.md`, root: '/c', relativePath: `${i}.md` }));

  it('uses one per core on a large corpus from POOL_FROM_CORES cores, up to DEFAULT_MAX_THREADS, else one', () => {
    expect(poolThreads(files(10), POOL_FROM_BYTES, {}, POOL_FROM_CORES)).toBe(POOL_FROM_CORES);
    expect(poolThreads(files(2), POOL_FROM_BYTES, {}, 8)).toBe(2);
    expect(poolThreads(files(100), POOL_FROM_BYTES, {}, 64)).toBe(DEFAULT_MAX_THREADS);
    expect(poolThreads(files(100), POOL_FROM_BYTES, { GENAI_QA_THREADS: '16' }, 64)).toBe(16);
    expect(poolThreads(files(10), POOL_FROM_BYTES - 1, {}, 8)).toBe(1);
    expect(poolThreads(files(10), 10 * POOL_FROM_BYTES, {}, POOL_FROM_CORES - 1)).toBe(1);
  });

  it('does as GENAI_QA_THREADS says, but never more threads than files', () => {
    expect(poolThreads(files(10), 0, { GENAI_QA_THREADS: '3' }, 2)).toBe(3);
    expect(poolThreads(files(2), 0, { GENAI_QA_THREADS: '8' }, 2)).toBe(2);
    expect(poolThreads(files(10), 10 * POOL_FROM_BYTES, { GENAI_QA_THREADS: '1' }, 16)).toBe(1);
    expect(poolThreads(files(1), 10 * POOL_FROM_BYTES, { GENAI_QA_THREADS: '4' }, 16)).toBe(1);
    // Not a number: as if unset.
    expect(poolThreads(files(10), 0, { GENAI_QA_THREADS: 'many' }, 16)).toBe(1);
  });
});

describe('lint on several threads', () => {
  // The first file is large, so that the workers have loaded before the main thread is done
  // with it and take the others; the findings are of file rules and of corpus rules.
  const tree = (extra: Record<string, string | Uint8Array> = {}) =>
    tempTree({
      'content/01-large.md': `# 1. What is a large answer?\n\n${answer(1, 1_500_000)}\n`,
      'content/02.md': '# 1. What is a GAN?\n\nA generator and a discriminator.   \n\n# 2. What is a VAE?\n\nAn encoder. An encoder maps inputs to a latent space. An encoder maps inputs to a latent space.\n',
      'content/03.md': '# 1. What is a GAN?\n\nTwo networks that compete.\n',
      'content/04.md': '\ufeff# 1. What is a token?\r\n\r\nA piece of text [see](missing.md).\r\n',
      'content/05.md': '# Notes\n\nNo questions here.\n',
      'content/06.md': '# 1. What is attention?\n\nWeights over positions; see [the GAN answer](02.md#1-what-is-a-gan).\n',
      ...extra,
    });

  it('prints the same report as one thread, in every format, with the workers linting files', () => {
    const dir = tree();
    for (const format of ['json', 'stylish', 'sarif']) {
      const one = lint(dir, 1, '--format', format);
      const three = lint(dir, 3, '--format', format);
      expect(three).toEqual(one);
      expect(one.code).toBe(1);
    }
    const json = JSON.parse(lint(dir, 1, '--format', 'json').stdout) as Array<{ filePath: string; ruleId: string }>;
    // Findings of file rules and of corpus rules, from files the workers linted.
    expect(new Set(json.map((d) => d.ruleId))).toEqual(new Set(['trailing-whitespace', 'repeated-sentence', 'broken-link', 'duplicate-id', 'duplicate-question', 'no-questions']));
    const verbose = lint(dir, 3, '--verbose');
    const [, here, workers] = /files linted on 3 threads: (\d+) on the main thread, (\d+) by 2 workers/.exec(verbose.stderr) ?? [];
    expect(Number(here) + Number(workers)).toBe(6);
    expect(Number(workers)).toBeGreaterThan(0);
    expect(verbose.stderr.split('\n')[0]).toBe(lint(dir, 1, '--verbose').stderr.split('\n')[0]);
  }, 120_000);

  it('stops at a file that is not UTF-8 with the same error as one thread', () => {
    const dir = tree({ 'content/03.md': Buffer.from('# 1. What is a GAN?\n\nCaf\xe9.\n', 'latin1') });
    const one = lint(dir, 1);
    expect(one).toEqual({ code: 2, stdout: '', stderr: 'genai-qa: content/03.md: not valid UTF-8 (invalid byte 0xe9 on line 3)\n' });
    expect(lint(dir, 3)).toEqual(one);
  }, 120_000);

  it('refuses a file over the size limit as one thread does', () => {
    const dir = tree();
    fs.writeFileSync(path.join(dir, 'genai-qa.config.json'), JSON.stringify({ limits: { maxFileBytes: 200 } }));
    const one = lint(dir, 1, '--format', 'json');
    expect(one.stdout).toContain('over the limit');
    expect(lint(dir, 3, '--format', 'json')).toEqual(one);
  }, 120_000);
});
