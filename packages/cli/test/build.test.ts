import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { CLEAN, cli, tempTree } from './helpers.js';

const schema = JSON.parse(fs.readFileSync(new URL('../../../schemas/corpus.schema.json', import.meta.url), 'utf8'));
const read = (dir: string, name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

describe('genai-qa build', () => {
  it('lints, then writes every artifact and says what it wrote', async () => {
    const dir = tempTree({ 'content/q.md': `---\ntitle: Two questions\ndescription: A test.\n---\n\n${CLEAN}` });
    const result = await cli(['build'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const json = read(dir, 'dist/questions.json');
    const size = (name: string) => fs.statSync(path.join(dir, 'dist', name)).size;
    const kb = (n: number) => (n < 1000 ? `${n} B` : `${(n / 1000).toFixed(1)} kB`);
    expect(result.stdout).toBe(
      `wrote dist/questions.json (${kb(size('questions.json'))})\n` +
        `wrote dist/questions.jsonl (${kb(size('questions.jsonl'))})\n` +
        `wrote dist/two-questions.apkg (${kb(size('two-questions.apkg'))})\n` +
        `wrote dist/two-questions.pdf (${kb(size('two-questions.pdf'))})\n`,
    );
    const corpus = JSON.parse(json);
    expect(new Ajv({ strict: true }).validate(schema, corpus)).toBe(true);
    expect(corpus.title).toBe('Two questions');
    expect(corpus.questions[0]).toEqual({
      id: 'what-is-a-gan',
      number: 1,
      question: 'What is a GAN?',
      answer: {
        markdown: 'A generator and a discriminator trained against each other.',
        text: 'A generator and a discriminator trained against each other.',
        html: '<p>A generator and a discriminator trained against each other.</p>',
      },
      tags: [],
      source: { file: 'q.md', line: 6 },
    });
    expect(json.endsWith('}\n')).toBe(true);
    expect(json.split('\n')[1]).toBe('  "title": "Two questions",');
    const lines = read(dir, 'dist/questions.jsonl').trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(corpus.questions);
  });

  it('gives the same bytes on every build', async () => {
    const dir = tempTree({ 'content/q.md': CLEAN });
    await cli(['build', '--out', 'a'], dir);
    await cli(['build', '--out', 'b'], dir);
    for (const name of fs.readdirSync(path.join(dir, 'a'))) {
      expect(fs.readFileSync(path.join(dir, 'b', name)).equals(fs.readFileSync(path.join(dir, 'a', name))), name).toBe(true);
    }
    expect(fs.readdirSync(path.join(dir, 'a')).sort()).toEqual([
      'questions-and-answers.apkg', 'questions-and-answers.pdf', 'questions.json', 'questions.jsonl',
    ]);
  });

  it('leaves exactly one deck: a renamed collection replaces the old file', async () => {
    const dir = tempTree({ 'content/q.md': `---\ntitle: Old name\n---\n\n${CLEAN}` });
    await cli(['build'], dir);
    fs.writeFileSync(path.join(dir, 'content/q.md'), `---\ntitle: New name\n---\n\n${CLEAN}`);
    const result = await cli(['build', '--only', 'anki'], dir);
    expect(result.stdout).toContain('removed dist/old-name.apkg (from an earlier build)\n');
    expect(fs.readdirSync(path.join(dir, 'dist')).filter((f) => f.endsWith('.apkg'))).toEqual(['new-name.apkg']);
  });

  it('dates artifacts from SOURCE_DATE_EPOCH', async () => {
    const dir = tempTree({ 'content/q.md': CLEAN });
    await cli(['build', '--only', 'anki', '--out', 'a'], dir, { SOURCE_DATE_EPOCH: '1700000000' });
    await cli(['build', '--only', 'anki', '--out', 'b'], dir, { SOURCE_DATE_EPOCH: '1800000000' });
    const a = fs.readFileSync(path.join(dir, 'a/questions-and-answers.apkg'));
    const b = fs.readFileSync(path.join(dir, 'b/questions-and-answers.apkg'));
    expect(a.equals(b)).toBe(false);
  });

  it('refuses on lint errors (exit 1, findings on stderr, nothing written) unless --force', async () => {
    const dir = tempTree({ 'content/q.md': '# 1.What is a GAN?\n\nTwo networks.\n' });
    const refused = await cli(['build'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('heading-format');
    expect(refused.stderr.trimEnd().split('\n').at(-1)).toBe('genai-qa: not building: lint found 1 error (use --force to build anyway)');
    expect(fs.existsSync(path.join(dir, 'dist'))).toBe(false);

    const forced = await cli(['build', '--force'], dir);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain('building despite lint errors (--force)');
    expect(JSON.parse(read(dir, 'dist/questions.json')).questions[0].question).toBe('What is a GAN?');
  });

  it('keeps the previous artifacts when the build refuses', async () => {
    const dir = tempTree({ 'content/q.md': CLEAN });
    await cli(['build'], dir);
    const before = read(dir, 'dist/questions.json');
    fs.writeFileSync(path.join(dir, 'content/q.md'), '# 1.Broken\n\nx y z w.\n');
    expect((await cli(['build'], dir)).code).toBe(1);
    expect(read(dir, 'dist/questions.json')).toBe(before);
    expect(fs.readdirSync(path.join(dir, 'dist')).sort()).toEqual(['questions-and-answers.apkg', 'questions-and-answers.pdf', 'questions.json', 'questions.jsonl']);
  });

  it('--content, --out and --only; unknown targets and input errors exit 2', async () => {
    const dir = tempTree({ 'qa/q.md': CLEAN });
    expect((await cli(['build', '--content', 'qa', '--out', 'out', '--only', 'json'], dir)).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'out/questions.json'))).toBe(true);
    expect(await cli(['build', '--content', 'qa', '--only', 'epub'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'genai-qa: unknown target "epub" in --only; expected json, anki, pdf\n',
    });
    expect(await cli(['build'], dir)).toEqual({ code: 2, stdout: '', stderr: 'genai-qa: content: no such file or directory\n' });
    expect((await cli(['build', '--help'], dir)).stdout).toMatch(/^Usage: genai-qa build/);
  });
});
