import { describe, expect, it, vi } from 'vitest';
import * as fastParse from '../src/fast-parse.js';
import { parseMarkdown, parseWhole } from '../src/parse.js';

// Count the scanner's calls and what they return (parse.ts imports the mocked module).
vi.mock('../src/fast-parse.js', async (importOriginal) => {
  const original = await importOriginal<typeof fastParse>();
  return { ...original, scanSection: vi.fn(original.scanSection) };
});

describe('a file that cannot be cut at all', () => {
  // One question whose answer is one tight list: no second question heading, no blank line
  // before a line at the margin. It used to go to micromark whole (1.1 GB and 15 s of CPU for
  // 4 MB of list); the scanner reads it as one section.
  const text = '# 1. What are the steps?\n\n- Tokenise the text.\n- Embed each token.\n- Attend to the others.\n';

  it('is read by the fast scanner, as one section', () => {
    const scan = vi.mocked(fastParse.scanSection);
    scan.mockClear();
    const tree = parseMarkdown(text);
    expect(scan.mock.calls).toEqual([[text, 0, text.length, 1]]);
    expect(scan.mock.results[0]!.value.map((b: { type: string }) => b.type)).toEqual(['heading', 'list']);
    expect(JSON.stringify(tree)).toBe(JSON.stringify(parseWhole(text)));
  });

  it('still goes to micromark alone with the scanner off', () => {
    const scan = vi.mocked(fastParse.scanSection);
    scan.mockClear();
    expect(JSON.stringify(parseMarkdown(text, { fast: false }))).toBe(JSON.stringify(parseWhole(text)));
    expect(scan).not.toHaveBeenCalled();
  });
});
