import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { words } from '../packages/core/src/text.js';
import { cli, SEED, tempTree } from '../packages/cli/test/helpers.js';

// The corpus exactly as it was delivered (test/fixtures/seed/delivered.md), defects and all:
// the linter's first customer. Every finding the validator issue names, at its line.
interface Finding {
  ruleId: string;
  line: number;
  column: number;
  endLine?: number;
  severity: string;
  fixable: boolean;
  message: string;
  related?: Array<{ line: number }>;
}

const dir = tempTree({ 'content/delivered.md': SEED });
const result = await cli(['lint', '--format', 'json'], dir);
const report: Finding[] = JSON.parse(result.stdout);
const at = (ruleId: string) => report.filter((d) => d.ruleId === ruleId).map((d) => d.line);

describe('lint on the delivered corpus', () => {
  it('fails with exit code 1', async () => {
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
  });

  it('repeated-sentence: Q5 says one sentence three times (line 21)', async () => {
    expect(report.filter((d) => d.ruleId === 'repeated-sentence')).toEqual([
      expect.objectContaining({
        line: 21,
        column: 108,
        severity: 'error',
        fixable: true,
        message: 'Sentence appears 3 times in this answer (1 reworded): "It is a type of Generative AI that is based on a neural n…"',
      }),
    ]);
  });

  it('duplicate-question: Q14 duplicates Q13, and no related-but-different pair is flagged', async () => {
    const found = report.filter((d) => d.ruleId === 'duplicate-question');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      line: 54,
      severity: 'error',
      message:
        'Question 14 "What are some ways to prevent overfitting in generative AI models?" duplicates question 13 ' +
        '"How can overfitting be prevented in generative models?" (questions 80% similar, answers 90% overlapping); merge them',
      related: [{ file: 'content/delivered.md', line: 47, column: 1, message: 'question 13' }],
    });
  });

  it('duplicate-passage: Q4 copies a sentence of Q3, Q14 copies the items of Q13 (and two shorter copies)', async () => {
    expect(report.filter((d) => d.ruleId === 'duplicate-passage').map((d) => [d.line, d.endLine, d.related?.[0]?.line, d.message.match(/\d+-word/)?.[0]])).toEqual([
      [17, 17, 14, '30-word'], // Q4 ← Q3: "…trained together in an adversarial manner, where the generator tries…"
      [34, 34, 30, '18-word'], // Q9 ← Q8: "the generator produces a limited variety of outputs, leading to…"
      [56, 60, 49, '102-word'], // Q14 ← Q13: the five items
      [94, 94, 91, '16-word'], // Q27 ← Q26: "…predict the next word or sequence of words based on the context…"
    ]);
  });

  it('broken-link and image-alt-text: ![alt text](image.png) on line 35', async () => {
    expect(report.filter((d) => d.line === 35).map((d) => [d.ruleId, d.message])).toEqual([
      ['broken-link', 'Image target "image.png" does not exist (looked for content/image.png)'],
      ['image-alt-text', 'Image alt text "alt text" is a placeholder; describe what the image shows'],
    ]);
  });

  it('heading-format: exactly the nine headings without a space after the number', async () => {
    expect(at('heading-format')).toEqual([69, 71, 73, 75, 79, 81, 88, 90, 92]);
  });

  it('bare-url: the AWS link on line 18', async () => {
    expect(at('bare-url')).toEqual([18]);
  });

  it('text-fragment: the AWS link on line 18 carries a #:~:text= scroll hint', async () => {
    expect(report.filter((d) => d.ruleId === 'text-fragment')).toEqual([
      expect.objectContaining({
        line: 18,
        column: 1,
        severity: 'warning',
        fixable: true,
        message: 'Text fragment "#:~:text=A%20generative%20adversarial%2…" is a browser scroll hint, not part of the address; remove it',
      }),
    ]);
  });

  it('pseudo-list: Q2 lines 9–12 and Q8 lines 30–32', async () => {
    expect(report.filter((d) => d.ruleId === 'pseudo-list').map((d) => [d.line, d.endLine])).toEqual([
      [9, 12],
      [30, 32],
    ]);
  });

  it('whitespace rules wherever they occur', async () => {
    expect(at('multiple-spaces')).toEqual([83]);
    expect(at('trailing-whitespace')).toEqual([6, 17, 48, 62, 87, 93, 94]);
    expect(at('final-newline')).toEqual([94]);
    expect(at('blank-lines-around-headings')).toEqual([
      13, 16, 20, 23, 26, 28, 33, 36, 43, 45, 47, 54, 63, 65, 67, 69, 71, 73, 75, 77, 79, 81, 88, 90, 92,
    ]);
  });

  it('reports nothing else', async () => {
    const expected = new Set([
      'repeated-sentence', 'duplicate-question', 'duplicate-passage', 'broken-link', 'image-alt-text', 'heading-format',
      'bare-url', 'text-fragment', 'pseudo-list', 'multiple-spaces', 'trailing-whitespace', 'final-newline',
      'blank-lines-around-headings',
    ]);
    expect(report.filter((d) => !expected.has(d.ruleId))).toEqual([]);
    expect(report).toHaveLength(55);
  });
});

const fixDir = tempTree({ 'content/delivered.md': SEED });
const fixedFile = path.join(fixDir, 'content/delivered.md');
const first = await cli(['lint', '--fix', '--format', 'json'], fixDir);
const once = fs.readFileSync(fixedFile, 'utf8');
await cli(['lint', '--fix'], fixDir);
const twice = fs.readFileSync(fixedFile, 'utf8');

describe('--fix on the delivered corpus', () => {

  it('is idempotent: fixing twice gives the same file as fixing once', async () => {
    expect(twice).toBe(once);
    expect(once).not.toBe(SEED.toString('utf8'));
  });

  it('loses no word except the exact repeat of a sentence and the text fragment of the AWS link', async () => {
    const count = (text: string) => {
      const m = new Map<string, number>();
      for (const w of words(text)) m.set(w, (m.get(w) ?? 0) + 1);
      return m;
    };
    const before = count(SEED.toString('utf8'));
    const after = count(once);
    const lost: string[] = [];
    for (const [w, n] of before) for (let i = after.get(w) ?? 0; i < n; i++) lost.push(w);
    // The fragment is removed from the URL up to the sentence's final full stop, which stays.
    const fragment = '#:~:text=A%20generative%20adversarial%20network%20system,network%20and%20the%20discriminator%20network';
    expect(SEED.toString('utf8')).toContain(`https://aws.amazon.com/what-is/gan/${fragment}.\n`);
    expect(once).toContain('<https://aws.amazon.com/what-is/gan/>.\n');
    expect(lost.sort()).toEqual(
      [...words('It is a type of Generative AI that is based on a neural network architecture'), ...words(fragment)].sort(),
    );
  });

  it('leaves no fixable finding behind', async () => {
    const remaining: Finding[] = JSON.parse(first.stdout);
    expect(remaining.filter((d) => d.fixable)).toEqual([]);
    expect(remaining.map((d) => d.ruleId).sort()).toEqual([
      'broken-link', 'duplicate-passage', 'duplicate-passage', 'duplicate-passage', 'duplicate-passage',
      'duplicate-question', 'image-alt-text', 'repeated-sentence',
    ]);
  });

  it('turns the pseudo-lists into real lists and the bare URL into an autolink without its text fragment', async () => {
    expect(once).toContain(
      'Generative AI has a wide range of applications, including:\n\n- Text generation: Generating new text',
    );
    expect(once).toContain('The main challenges in training GANs include:\n\n- Mode collapse: This occurs');
    expect(once).toContain('refer to this link:\\\n<https://aws.amazon.com/what-is/gan/>.\n');
    expect(once).toContain('# 18. What is an autoencoder?\n\nAn autoencoder');
    expect(once.endsWith('generate text.\n')).toBe(true);
  });
});
