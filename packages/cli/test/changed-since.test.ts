import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { needs } from '../../../test/support/readers.js';
import { cli, tempTree } from './helpers.js';

const git = needs('git');

const BASE = [
  '# 1. What is a GAN?',
  '',
  'A generator and a discriminator trained against each other. ',
  '',
  '# 2. What is a VAE?',
  '',
  'An encoder and a decoder trained with a reconstruction and a KL term.',
  '',
  '# 3. What is diffusion?',
  '',
  'A model that learns to reverse a gradual noising process, step by step.',
  '',
].join('\n');

/** A git repository whose `main` holds content/q.md = BASE, checked out on a new branch `feature`. */
function repository(): string {
  const dir = tempTree({ 'content/q.md': BASE });
  const git = (...args: string[]): void => void execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qm', 'base');
  git('checkout', '-qb', 'feature');
  return dir;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const full = path.join(dir, file);
  fs.writeFileSync(full, change(fs.readFileSync(full, 'utf8')));
}

/** `file:line rule` of each finding of `lint --format json`. */
function findings(stdout: string): string[] {
  return (JSON.parse(stdout) as Array<{ file: string; line: number; ruleId: string }>).map((d) => `${d.file}:${d.line} ${d.ruleId}`);
}

describe.skipIf(git.skip)(`genai-qa lint --changed-since <ref> (on a real git branch)${git.reason}`, () => {
  it('reports only the questions the branch changed; the old trailing space of question 1 is not reported', async () => {
    const dir = repository();
    edit(dir, 'content/q.md', (t) => t.replace('# 2. What is a VAE?', '# 2.What is a VAE?'));
    expect(findings((await cli(['lint', '--format', 'json'], dir)).stdout)).toEqual([
      'content/q.md:3 trailing-whitespace',
      'content/q.md:5 heading-format',
    ]);
    const result = await cli(['lint', '--format', 'json', '--changed-since', 'main'], dir);
    expect(findings(result.stdout)).toEqual(['content/q.md:5 heading-format']);
    expect(result.code).toBe(1);
  });

  it('a committed change counts as well as one in the working tree, and a branch without changes reports nothing', async () => {
    const dir = repository();
    expect(await cli(['lint', '--changed-since', 'main'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    edit(dir, 'content/q.md', (t) => t.replace('step by step.', 'step by step.  '));
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', 'commit', '-qam', 'edit'], { cwd: dir });
    expect(findings((await cli(['lint', '--format', 'json', '--changed-since', 'main'], dir)).stdout)).toEqual([
      'content/q.md:11 trailing-whitespace',
    ]);
  });

  it('a new question that duplicates an unchanged one is reported: duplicates are looked for in the whole corpus', async () => {
    const dir = repository();
    edit(dir, 'content/q.md', (t) => `${t}\n# 4. What is a GAN?\n\nA generator and a discriminator trained against each other.\n`);
    expect(findings((await cli(['lint', '--format', 'json', '--changed-since', 'main'], dir)).stdout)).toEqual([
      'content/q.md:13 duplicate-question',
      'content/q.md:13 duplicate-id',
    ]);
  });

  it('a duplicate reported on an unchanged question is kept when the other side (its related question) changed', async () => {
    const dir = repository();
    // Question 1 becomes a copy of question 3: the finding sits on question 3, which did not change.
    edit(dir, 'content/q.md', (t) =>
      t
        .replace('# 1. What is a GAN?', '# 1. What is diffusion?')
        .replace('A generator and a discriminator trained against each other. ', 'A model that learns to reverse a gradual noising process, step by step.'),
    );
    expect(findings((await cli(['lint', '--format', 'json', '--changed-since', 'main'], dir)).stdout)).toEqual([
      'content/q.md:9 duplicate-question',
      'content/q.md:9 duplicate-id',
    ]);
  });

  it('a new, untracked file is changed as a whole', async () => {
    const dir = repository();
    fs.writeFileSync(path.join(dir, 'content/new.md'), '# 1.What is a token?\n\nA piece of text that a model reads as one unit.\n');
    expect(findings((await cli(['lint', '--format', 'json', '--changed-since', 'main'], dir)).stdout)).toEqual([
      'content/new.md:1 heading-format',
    ]);
  });

  it('an unknown ref is a usage error: exit 2, one line', async () => {
    const dir = repository();
    expect(await cli(['lint', '--changed-since', 'origin/nowhere'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'genai-qa: --changed-since: git knows no commit "origin/nowhere" (fetch it first, e.g. git fetch origin main)\n',
    });
  });
});
