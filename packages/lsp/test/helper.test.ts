import { lintFiles, LintSession, parseFile, resolveConfig, resolveLimits, SectionLinter, type SourceFile } from '@genai-qa/core';
import { describe, expect, it } from 'vitest';
// The helper thread runs the built code (dist/section-helper.js), so the built modules are tested here.
import { ThreadHelper } from '../dist/thread-helper.js';

// A large file's first lint shares out the per-question rules (core's QUESTION_RULES) of its later
// questions to a second thread. The findings are those of a full lint all the same.

const config = resolveConfig({});
const limits = resolveLimits({});

function source(text: string): SourceFile {
  return { path: 'content/big.md', absolutePath: '/work/content/big.md', root: '/work/content', text, eol: '\n', bom: false };
}

/** 800 questions; question 700 says a sentence twice and has a bare URL, question 20 a trailing space. */
function file(): string {
  const parts: string[] = [];
  for (let n = 1; n <= 800; n++) {
    let body = `Item ${n} is the ${n % 7}th kind of thing in group ${n * 13}.`;
    if (n === 700) body += ` See https://example.org. Item ${n} is the ${n % 7}th kind of thing in group ${n * 13}.`;
    if (n === 20) body += ' ';
    parts.push(`# ${n}. What is item ${n}?\n\n${body}\n`);
  }
  return parts.join('\n');
}

describe('the first lint of a large file, shared with a helper thread', () => {
  it('the helper lints the later questions; the findings are a full lint\'s', () => {
    const text = file();
    const helper = new ThreadHelper();
    try {
      const result = new LintSession({ config, limits }).lintFile({ source: source(text), relativePath: 'big.md' }, { sections: new SectionLinter(helper) });
      expect(result.sections?.helped).toBeGreaterThan(300);
      const lines = text.split('\n');
      const q700 = lines.findIndex((l) => l.startsWith('# 700. ')) + 3;
      const q20 = lines.findIndex((l) => l.startsWith('# 20. ')) + 3;
      expect(result.diagnostics.map((f) => `${f.line} ${f.ruleId}`)).toEqual([`${q20} trailing-whitespace`, `${q700} bare-url`, `${q700} repeated-sentence`]);
      expect(result.diagnostics).toEqual(lintFiles([parseFile(source(text), 'big.md', { limits })], { config, scopes: ['file'] }));
    } finally {
      helper.close();
    }
  });
});
