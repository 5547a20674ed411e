import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { needs } from '../../../test/support/readers.js';
import { CLEAN, cli, tempTree } from './helpers.js';

const git = needs('git');

const BROKEN = '# 1.What is a GAN?\n\nA generator and a discriminator trained against each other. \n# 2. What is a VAE?\n\nAn encoder and a decoder.\n';

describe('genai-qa lint --fix-dry-run', () => {
  it('prints the unified diff that --fix would apply and writes nothing; exit 1 as lint on the unfixed file', async () => {
    const dir = tempTree({ 'content/q.md': BROKEN });
    const result = await cli(['lint', '--fix-dry-run'], dir);
    expect(result).toEqual({
      code: 1,
      stderr: '',
      stdout: [
        'diff --git a/content/q.md b/content/q.md',
        '--- a/content/q.md',
        '+++ b/content/q.md',
        '@@ -1,6 +1,7 @@',
        '-# 1.What is a GAN?',
        '+# 1. What is a GAN?',
        ' ',
        '-A generator and a discriminator trained against each other. ',
        '+A generator and a discriminator trained against each other.',
        '+',
        ' # 2. What is a VAE?',
        ' ',
        ' An encoder and a decoder.',
        '',
      ].join('\n'),
    });
    expect(fs.readFileSync(path.join(dir, 'content/q.md'), 'utf8')).toBe(BROKEN);
  });

  it('prints nothing and exits 0 on a clean corpus', async () => {
    const dir = tempTree({ 'content/q.md': CLEAN });
    expect(await cli(['lint', '--fix-dry-run'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('keeps a CRLF file in CRLF, as --fix writes it', async () => {
    const dir = tempTree({ 'content/q.md': '# 1.What is a GAN?\r\n\r\nTwo networks trained against each other.\r\n' });
    expect((await cli(['lint', '--fix-dry-run'], dir)).stdout).toBe(
      [
        'diff --git a/content/q.md b/content/q.md',
        '--- a/content/q.md',
        '+++ b/content/q.md',
        '@@ -1,3 +1,3 @@',
        '-# 1.What is a GAN?\r',
        '+# 1. What is a GAN?\r',
        ' \r',
        ' Two networks trained against each other.\r',
        '',
      ].join('\n'),
    );
  });

  it('--fix and --fix-dry-run together are a usage error', async () => {
    const dir = tempTree({ 'content/q.md': CLEAN });
    expect(await cli(['lint', '--fix', '--fix-dry-run'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'genai-qa: --fix and --fix-dry-run cannot be used together\n',
    });
  });

  it.skipIf(git.skip)(`git apply takes the diff, and the result is what --fix writes${git.reason}`, async () => {
    const files = { 'content/a.md': BROKEN, 'content/b.md': '# 1. What is a token?\n\nA unit of text.   \n', 'content/c.md': CLEAN };
    const dryRun = tempTree(files);
    const fixed = tempTree(files);
    const patch = (await cli(['lint', '--fix-dry-run'], dryRun)).stdout;
    execFileSync('git', ['init', '-q'], { cwd: dryRun });
    execFileSync('git', ['apply', '-'], { cwd: dryRun, input: patch });
    await cli(['lint', '--fix'], fixed);
    for (const name of Object.keys(files)) {
      expect(fs.readFileSync(path.join(dryRun, name), 'utf8')).toBe(fs.readFileSync(path.join(fixed, name), 'utf8'));
    }
    expect(fs.readFileSync(path.join(fixed, 'content/b.md'), 'utf8')).toBe('# 1. What is a token?\n\nA unit of text.\n');
  });
});
