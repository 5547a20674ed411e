import { lintFiles, parseFile, resolveConfig, resolveLimits, summarizeFile, type Diagnostic, type SourceFile } from '@genai-qa/core';
import { describe, expect, it } from 'vitest';
import { commonEnds, provisional } from '../src/incremental.js';

// The provisional findings of a one-question edit (used for large files while the full lint
// runs): the same as a full lint when the edit stays inside one question's text.

const config = resolveConfig({});
const limits = resolveLimits({});

function source(text: string): SourceFile {
  return { path: 'content/q.md', absolutePath: '/work/content/q.md', root: '/work/content', text, eol: '\n', bom: false };
}

function lint(text: string) {
  const file = parseFile(source(text), 'q.md', { limits });
  return { source: source(text), parsed: summarizeFile(file), findings: lintFiles([file], { config, scopes: ['file'] }) };
}

const BEFORE = [
  '# 1. What is a GAN?',
  '',
  'Two networks trained against each other.',
  '',
  '# 2. What is a VAE?',
  '',
  'An encoder and a decoder.',
  '',
  '# 3. What is a token?',
  '',
  'A unit of text.  ',
  '',
].join('\n');

const brief = (findings: ReadonlyArray<{ line: number; column: number; ruleId: string; fix?: unknown }>) =>
  findings.map((f) => ({ line: f.line, column: f.column, ruleId: f.ruleId, fix: f.fix }));

describe('provisional findings of a one-question edit', () => {
  it('a new line in question 2 with a bare URL: found there, the later finding (and its fix) moved down a line', () => {
    const after = BEFORE.replace('An encoder and a decoder.', 'An encoder and a decoder.\nSee https://example.org too.');
    const guess = provisional(lint(BEFORE), source(after), 'q.md', config, limits)!;
    expect(brief(guess.findings)).toEqual(brief(lint(after).findings));
    expect(brief(guess.findings).map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(['8:5 bare-url', '12:16 trailing-whitespace']);
    // The line starts are moved, not counted again: the same as the text's.
    expect(guess.parsed.lineStarts).toEqual(lint(after).parsed.lineStarts);
  });

  it('a sentence repeated in question 3: the finding points at the first one, in the file\'s lines', () => {
    const after = BEFORE.replace('A unit of text.  ', 'A token is a unit of text for the model.\n\nA token is a unit of text for the model.');
    const guess = provisional(lint(BEFORE), source(after), 'q.md', config, limits)!;
    const repeat = (findings: readonly Diagnostic[]) => findings.filter((f) => f.ruleId === 'repeated-sentence').map((f) => ({ line: f.line, related: f.related }));
    expect(repeat(guess.findings)).toEqual(repeat(lint(after).findings));
    expect(repeat(guess.findings)).toEqual([{ line: 13, related: [expect.objectContaining({ file: 'content/q.md', line: 11 })] }]);
  });

  it('a line taken out of question 2: the line starts after it move up', () => {
    const after = BEFORE.replace('An encoder and a decoder.\n', '');
    const guess = provisional(lint(BEFORE), source(after), 'q.md', config, limits)!;
    expect(guess.parsed.lineStarts).toEqual(lint(after).parsed.lineStarts);
    expect(brief(guess.findings)).toEqual(brief(lint(after).findings));
  });

  it('the common start and end of two texts, longer than one compared slice', () => {
    const a = `${'x'.repeat(200_000)}abc${'y'.repeat(70_000)}`;
    expect(commonEnds(a, a.replace('abc', 'aXc'))).toEqual({ prefix: 200_001, suffix: 70_001 });
    expect(commonEnds(a, a.replace('abc', 'ac'))).toEqual({ prefix: 200_001, suffix: 70_001 });
    expect(commonEnds('same', 'same')).toEqual({ prefix: 4, suffix: 0 });
  });

  it('a finding fixed in the edited question disappears', () => {
    const before = BEFORE.replace('An encoder and a decoder.', 'An encoder  and a decoder.');
    const guess = provisional(lint(before), source(BEFORE), 'q.md', config, limits)!;
    expect(brief(guess.findings)).toEqual(brief(lint(BEFORE).findings));
  });

  it('TeX broken, then fixed, in question 2: the invalid-math finding comes and goes with it', () => {
    const broken = BEFORE.replace('An encoder and a decoder.', 'An encoder and a decoder, $\\frac{1}{2$ each.');
    const guess = provisional(lint(BEFORE), source(broken), 'q.md', config, limits)!;
    expect(brief(guess.findings).map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(['7:38 invalid-math', '11:16 trailing-whitespace']);
    expect(brief(guess.findings)).toEqual(brief(lint(broken).findings));
    const fixed = provisional(lint(broken), source(BEFORE), 'q.md', config, limits)!;
    expect(brief(fixed.findings)).toEqual(brief(lint(BEFORE).findings));
  });

  it('an edit that may start a question (a heading line) gets none: only the full lint', () => {
    const after = BEFORE.replace('An encoder and a decoder.', 'An encoder and a decoder.\n\n# 3. What is a prior?\n\nA belief.');
    expect(provisional(lint(BEFORE), source(after), 'q.md', config, limits)).toBeUndefined();
  });

  it('an edit of a question heading gets none', () => {
    const after = BEFORE.replace('# 2. What is a VAE?', '# 2.What is a VAE?');
    expect(provisional(lint(BEFORE), source(after), 'q.md', config, limits)).toBeUndefined();
  });
});
