import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, fixSource, inspectSource, parseFile, resolveLimits, validateConfig, type Limits } from '@genai-qa/core';
import { findings, parse } from '../helpers.js';

const words = (bytes: number): string => 'word '.repeat(Math.ceil(bytes / 5)).slice(0, bytes);

/** What input-safety says about a file under these limits. */
function problems(markdown: string, limits: Partial<Limits> = {}): Array<{ line: number; message: string }> {
  return inspectSource(markdown, { ...DEFAULT_LIMITS, ...limits }).map(({ line, message }) => ({ line, message }));
}

describe('input-safety', () => {
  describe('block size (limits.maxBlockBytes)', () => {
    it('refuses a file with a paragraph over the limit, and parses none of it', () => {
      const md = `# 1. Q?\n\nShort.\n\n${words(100_001)}\n`;
      expect(findings('input-safety', md)).toEqual([
        { line: 5, column: 1, message: 'A paragraph or table of 100002 bytes starts here, over the limit of 100000 (limits.maxBlockBytes); the file is not parsed' },
      ]);
      expect(parse(md).questions).toEqual([]);
    });

    it('leaves a file it does not parse as it is when fixing with the same limits', () => {
      const md = `# 1. What is a test?\n\nA  test ${words(199)}\n`;
      const source = { path: 'q.md', text: md };
      expect(fixSource(source, 'q.md', { limits: resolveLimits({ limits: { maxBlockBytes: 100 } }) }).text).toBe(md);
      expect(fixSource(source, 'q.md').text).toBe(md.replace('A  test', 'A test'));
    });

    it('counts a table as one block, and bytes of UTF-8', () => {
      const table = `| a | b |\n| - | - |\n${'| é | 😀 |\n'.repeat(1000)}`;
      // Two header lines of 10 bytes, then rows of 14 (é is 2 bytes, 😀 is 4): 14,020.
      expect(problems(`# 1. Q?\n\n${table}`, { maxBlockBytes: 14_000 })).toEqual([
        { line: 3, message: 'A paragraph or table of 14020 bytes starts here, over the limit of 14000 (limits.maxBlockBytes); the file is not parsed' },
      ]);
      expect(problems(`# 1. Q?\n\n${table}`, { maxBlockBytes: 14_020 })).toEqual([]);
    });

    it('measures each paragraph, list item, heading and quote paragraph on its own', () => {
      const paragraphs = Array.from({ length: 30 }, () => words(4000)).join('\n\n');
      const list = Array.from({ length: 30 }, () => `- ${words(4000)}`).join('\n');
      const quote = Array.from({ length: 30 }, () => `> ${words(4000)}`).join('\n>\n');
      const headed = Array.from({ length: 30 }, (_, i) => `# ${i + 1}. Q?\n${words(4000)}`).join('\n');
      for (const md of [paragraphs, list, quote, headed]) expect(problems(md, { maxBlockBytes: 5000 })).toEqual([]);
    });

    it('leaves fenced code alone', () => {
      expect(problems(`# 1. Q?\n\n\`\`\`\n${'x = 1\n'.repeat(30_000)}\`\`\`\n`)).toEqual([]);
    });

    it('is raised in the config, which validates it', () => {
      const md = `# 1. Q?\n\n${words(100_001)}\n`;
      const limits = resolveLimits(validateConfig({ limits: { maxBlockBytes: 200_000 } }, 'genai-qa.config.json'));
      expect(limits.maxBlockBytes).toBe(200_000);
      const file = parseFile(parse(md).source, 'q.md', { limits });
      expect(file.safety).toEqual([]);
      expect(file.questions).toHaveLength(1);
      expect(() => validateConfig({ limits: { maxBlockBytes: 0 } }, 'genai-qa.config.json')).toThrow(/genai-qa\.config\.json/);
    });
  });

  describe('emphasis delimiters (limits.maxBlockDelimiters)', () => {
    it('refuses a paragraph with more runs of *, _ or ~ than the limit', () => {
      const md = `# 1. Q?\n\n${'a* b_ '.repeat(1001)}\n`;
      expect(problems(md)).toEqual([
        { line: 3, message: 'A paragraph or table with 2002 runs of *, _ or ~ starts here, over the limit of 2000 (limits.maxBlockDelimiters); the file is not parsed' },
      ]);
    });

    it('counts a run of the same character once (** is one run)', () => {
      expect(problems(`${'**b** '.repeat(1000)}\n`)).toEqual([]);
      expect(problems(`${'**b** '.repeat(1001)}\n`)).toHaveLength(1);
    });
  });
});
