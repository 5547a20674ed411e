import { blockCuts, lintFiles, LintSession, parseFile, resolveConfig, resolveLimits, SectionLinter, type Diagnostic, type SourceFile } from '@genai-qa/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// The language server lints an edited document section by section (core's LintSession with a
// SectionLinter, packages/core/src/sections.ts): only the questions whose text changed are
// parsed and linted again. Each case below edits a small
// file and checks the findings twice: against the findings written out, and against a full
// lint of the edited text (parseFile + lintFiles, the file's own rules), which they must equal.

const config = resolveConfig({});
const limits = resolveLimits({});

function source(text: string): SourceFile {
  return { path: 'content/q.md', absolutePath: '/work/content/q.md', root: '/work/content', text, eol: '\n', bom: false };
}

/** One version of the document, linted as the server lints it: core's session, with the document's sections kept in `linter`. */
const session = new LintSession({ config, limits });
function lintVersion(linter: SectionLinter, text: string) {
  const result = session.lintFile({ source: source(text), relativePath: 'q.md' }, { sections: linter });
  return { findings: result.diagnostics, ...result.sections };
}

const full = (text: string): Diagnostic[] => lintFiles([parseFile(source(text), 'q.md', { limits })], { config, scopes: ['file'] });
const shown = (findings: readonly Diagnostic[]) => findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`);

const FILE = [
  '# 1. What is a GAN?',
  '',
  'A generator and a discriminator trained against each other.',
  '',
  '# 2. What is a VAE?',
  '',
  'An encoder and a decoder, with $\\frac{1}{2$ of the loss a KL term.',
  '',
  '# 3. What is a token?',
  '',
  'A unit of text.  ',
  '',
].join('\n');

/** Lints FILE, then `edited`: the second lint's result, and how many sections it parsed again. */
function afterEdit(edited: string) {
  const linter = new SectionLinter();
  const first = lintVersion(linter, FILE);
  expect(first.findings).toEqual(full(FILE));
  return lintVersion(linter, edited);
}

/**
 * The property both layouts are checked by: a document made of `parts`, then the same with
 * some parts removed and others inserted at one place, each linted in turn by one
 * SectionLinter, gives the findings of a full lint of that text. Returns the number of runs
 * whose edited text was linted section-wise, reusing at least one of its `sections(text)`.
 */
function editsEqualFullLint(parts: fc.Arbitrary<string[]>, textOf: (parts: string[]) => string, sections: (text: string) => number, numRuns: number): number {
  let reusing = 0;
  fc.assert(
    fc.property(parts, fc.nat(), fc.nat(3), parts, (before, at, removed, inserted) => {
      const start = before.length === 0 ? 0 : at % (before.length + 1);
      const after = [...before.slice(0, start), ...inserted, ...before.slice(start + removed)];
      const linter = new SectionLinter();
      const a = textOf(before);
      const b = textOf(after);
      expect(lintVersion(linter, a).findings).toEqual(full(a));
      const result = lintVersion(linter, b);
      expect(result.findings).toEqual(full(b));
      if (result.incremental && result.parsed < sections(b)) reusing++;
    }),
    { numRuns },
  );
  return reusing;
}

describe('section-wise lint of an edited document', () => {
  it('FILE itself: the TeX error in question 2, the trailing spaces in question 3', () => {
    expect(shown(full(FILE))).toEqual(['7:43 invalid-math', '11:16 trailing-whitespace']);
  });

  it('a one-line edit in question 1 parses one section again; the later findings move down a line', () => {
    const edited = FILE.replace('against each other.', 'against each other.\nSee https://example.org.');
    const result = afterEdit(edited);
    expect(result).toMatchObject({ incremental: true, parsed: 1 });
    expect(shown(result.findings)).toEqual(['4:5 bare-url', '8:43 invalid-math', '12:16 trailing-whitespace']);
    expect(result.findings).toEqual(full(edited));
  });

  it('fixing the TeX in question 2: its finding goes, the others stay', () => {
    const edited = FILE.replace('\\frac{1}{2$', '\\frac{1}{2}$');
    const result = afterEdit(edited);
    expect(result.parsed).toBe(1);
    expect(shown(result.findings)).toEqual(['11:16 trailing-whitespace']);
    expect(result.findings).toEqual(full(edited));
  });

  it('a heading typed into question 2 splits it in two: the numbering is found wrong after it', () => {
    const edited = FILE.replace('An encoder and a decoder,', 'An encoder.\n\n# 3. What is a decoder?\n\nA decoder,');
    const result = afterEdit(edited);
    expect(result.parsed).toBe(2);
    expect(shown(result.findings)).toEqual(['11:28 invalid-math', '13:1 question-numbering', '15:16 trailing-whitespace']);
    expect(result.findings).toEqual(full(edited));
  });

  it('a heading deleted merges questions 2 and 3: the numbering is right again', () => {
    const split = FILE.replace('An encoder and a decoder,', 'An encoder.\n\n# 3. What is a decoder?\n\nA decoder,');
    const linter = new SectionLinter();
    lintVersion(linter, split);
    const merged = split.replace('\n\n# 3. What is a decoder?\n\n', ' ');
    const result = lintVersion(linter, merged);
    expect(result.parsed).toBe(1);
    expect(shown(result.findings)).toEqual(['7:40 invalid-math', '11:16 trailing-whitespace']);
    expect(result.findings).toEqual(full(merged));
  });

  it('a code fence opened in question 1 and never closed takes in the questions after it', () => {
    const edited = FILE.replace('against each other.', 'against each other.\n\n```python');
    const result = afterEdit(edited);
    // No heading is left after the fence opens: one question, with the rest as its code.
    expect(shown(result.findings)).toEqual([]);
    expect(result.findings).toEqual(full(edited));
  });

  it('an edit inside a closed code fence: trailing spaces in code are not findings, and nothing else moves', () => {
    const fenced = FILE.replace('against each other.', 'against each other.\n\n```python\nx = 1\n```');
    const linter = new SectionLinter();
    expect(lintVersion(linter, fenced).findings).toEqual(full(fenced));
    const edited = fenced.replace('x = 1', 'x = 1  \n# 2. not a heading in code');
    const result = lintVersion(linter, edited);
    expect(result.parsed).toBe(1);
    expect(shown(result.findings)).toEqual(['12:43 invalid-math', '16:16 trailing-whitespace']);
    expect(result.findings).toEqual(full(edited));
  });

  it('a comment that silences a rule from question 1 on silences the findings of reused sections too', () => {
    const edited = FILE.replace('against each other.', 'against each other.\n\n<!-- genai-qa-disable trailing-whitespace invalid-math -->');
    const result = afterEdit(edited);
    expect(result.parsed).toBe(1);
    expect(shown(result.findings)).toEqual([]);
    expect(result.findings).toEqual(full(edited));
  });

  it('a file that cannot be cut at its questions (a link definition) is linted whole', () => {
    const edited = `${FILE}\n[gan]: https://example.org/gan\n`;
    const result = afterEdit(edited);
    expect(result.incremental).toBe(false);
    expect(result.findings).toEqual(full(edited));
  });
});

describe('section-wise lint after any edit (property)', () => {
  // Lines that start, end or silence questions, open fences and HTML, and make findings.
  const LINES = [
    '# 1. What is a GAN?',
    '# 2. What is a VAE?',
    '# 2. What is a token?',
    '## 3. What is a prior?',
    '## Topic',
    '',
    '',
    'A generator and a discriminator.',
    'See https://example.org for more.',
    'Two  spaces here.',
    'Math $\\frac{1}{2$ that breaks, and $a^2$ that does not.',
    '$$',
    '```',
    '~~~python',
    'Trailing spaces.  ',
    'One sentence said twice here. One sentence said twice here.',
    '– first item',
    '– second item',
    '- a real list item',
    '> a quote',
    '<!-- genai-qa-disable trailing-whitespace -->',
    '<!-- genai-qa-enable -->',
    '<!-- genai-qa-disable-next-line bare-url -->',
    '<!-- genai-qa-disable-question multiple-spaces -->',
    '<details><summary>What is RL?</summary>',
    '</details>',
    '![](images/none.png)',
    '[gan]: https://example.org/gan',
  ];
  const lines = fc.array(fc.constantFrom(...LINES), { maxLength: 30 });

  it('equals a full lint of the edited text, for documents and edits made of such lines', () => {
    const reusing = editsEqualFullLint(lines, (parts) => parts.join('\n') + '\n', (text) => (text.match(/^#{1,2} \d+\. /gm) ?? []).length + 1, 200);
    // The property is not only checked on files linted whole.
    expect(reusing).toBeGreaterThan(30);
  });
});

describe('section-wise lint of a file without question headings (cut at its block starts)', () => {
  const BOLD = [
    '**1. What is a GAN?**',
    '',
    'A generator and a discriminator. They are trained against each other.',
    '',
    'They are trained against each other.',
    '',
    '**2. What is a VAE?**',
    '',
    'An encoder and a decoder.',
    '',
    '```python',
    'def f():',
    '    pass',
    '',
    'def g():  ',
    '```',
    '',
    'Trailing spaces.  ',
    '',
  ].join('\n');

  it('is cut at each paragraph and fence outside code, not at the line in the code block', () => {
    // The lines: 1 (question 1), 3, 5, 7 (question 2), 9, 11 (the fence), 18; not 15 (`def g():`, in the code).
    const lineOf = (offset: number) => BOLD.slice(0, offset).split('\n').length;
    expect(blockCuts(BOLD).map(lineOf)).toEqual([3, 5, 7, 9, 11, 18]);
  });

  it('an edit in question 1 lints its sections again and reuses those of question 2', () => {
    const linter = new SectionLinter();
    const first = lintVersion(linter, BOLD);
    expect(shown(first.findings)).toEqual(['5:1 repeated-sentence', '18:17 trailing-whitespace']);
    expect(first.findings).toEqual(full(BOLD));
    const edited = BOLD.replace('An encoder', 'An  encoder');
    const result = lintVersion(linter, edited);
    expect(result).toMatchObject({ incremental: true, parsed: 1 });
    expect(shown(result.findings)).toEqual(['5:1 repeated-sentence', '9:3 multiple-spaces', '18:17 trailing-whitespace']);
    expect(result.findings).toEqual(full(edited));
  });

  it('a question typed between two paragraphs of an answer splits it: the repeat across them is no longer one', () => {
    const linter = new SectionLinter();
    lintVersion(linter, BOLD);
    // Sections 3 and 5 are unchanged, but question 1 now ends before the second: no repeat.
    const edited = BOLD.replace('\nThey are trained against each other.\n', '\n**2. What is a critic?**\n\nThey are trained against each other.\n');
    const result = lintVersion(linter, edited);
    expect(result.incremental).toBe(true);
    expect(result.findings).toEqual(full(edited));
    expect(shown(result.findings).filter((f) => f.endsWith('repeated-sentence'))).toEqual([]);
  });

  it('a code block that runs across a blank line inside a list item is found once parsed: the file is linted whole', () => {
    const listed = BOLD.replace('An encoder and a decoder.', '- An encoder:\n\n  ```\n  x = 1\n\nnot code, the item ended\n  ```');
    const linter = new SectionLinter();
    expect(lintVersion(linter, listed).findings).toEqual(full(listed));
    const edited = listed.replace('x = 1', 'x = 2');
    expect(lintVersion(linter, edited).findings).toEqual(full(edited));
  });

  // Blocks of files in the bold layout and of their answers: labels, fences and HTML that run
  // across blank lines (closed, and now and then not), lists, quotes, topic headings, findings.
  const BLOCKS = [
    '**1. What is a GAN?**',
    '**2. What is a VAE?**',
    '**What is a token?**',
    '**Answer:** A unit of text.',
    '## Topic',
    'A generator and a discriminator.',
    'One sentence said twice here. One sentence said twice here.',
    'One sentence said twice here.',
    'Trailing spaces.  ',
    'See https://example.org for more.',
    'Two  spaces here.\nand a second line',
    'Math $\\frac{1}{2$ that breaks.',
    'Difficulty: Hard',
    '$$\na^2\n\nb^2\n$$',
    '```\ncode\n\nat the margin\n```',
    '~~~python\ndef f():\n    pass\n\ndef g():  \n~~~',
    '    indented code\n\n    more',
    '<!--\na comment\n\nacross a blank line\n-->',
    '<pre>\npre\n\nformatted\n</pre>',
    '<details><summary>What is RL?</summary>\n\nLearning from rewards.\n\n</details>',
    '<!-- genai-qa-disable trailing-whitespace -->',
    '<!-- genai-qa-enable -->',
    '<!-- genai-qa-disable-question multiple-spaces -->',
    '- a list item\n\n  continued in the item\n- another',
    '1. one\n2. two',
    '> a quote\n>\n> more quote',
    '---',
    '```',
    '<!--',
  ];
  const lines = fc.array(fc.tuple(fc.constantFrom(...BLOCKS), fc.constantFrom('\n', '\n\n', '\n\n', '\n\n\n')).map(([b, gap]) => b + gap), { maxLength: 20 });

  it('equals a full lint of the edited text, for documents and edits made of such lines', () => {
    const reusing = editsEqualFullLint(lines, (parts) => parts.join(''), (text) => blockCuts(text).length + 1, 300);
    expect(reusing).toBeGreaterThan(50);
  });
});
