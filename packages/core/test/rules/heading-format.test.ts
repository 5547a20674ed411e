import { describe, expect, it } from 'vitest';
import { findings, fix } from '../helpers.js';

describe('heading-format', () => {
  it('accepts "# N. Question"', () => {
    expect(findings('heading-format', '# 1. What is a GAN?\n\nA model.\n')).toEqual([]);
  });

  it('reports a missing space after the number and fixes it', () => {
    const md = '# 18.What is an autoencoder?\n\nA network.\n';
    expect(findings('heading-format', md)).toEqual([
      {
        line: 1,
        column: 6,
        message: 'Missing space after "18." in the question heading; write "18. What is an autoencoder?"',
        fixable: true,
      },
    ]);
    expect(fix(md, 'heading-format')).toBe('# 18. What is an autoencoder?\n\nA network.\n');
  });

  it('reports "#18. What" (a paragraph, not a heading)', () => {
    const md = '# 1. A?\n\nYes.\n\n#2. What is B?\n\nB.\n';
    expect(findings('heading-format', md)).toEqual([
      { line: 5, column: 2, message: 'Missing space after "#": this line is a paragraph, not a question heading', fixable: true },
    ]);
    expect(fix(md, 'heading-format')).toBe('# 1. A?\n\nYes.\n\n# 2. What is B?\n\nB.\n');
  });

  it('does not report other headings', () => {
    expect(findings('heading-format', '# 1. What?\n\n## Details\n\nText.\n')).toEqual([]);
  });
});

describe('what counts as a question heading', () => {
  it('a digit right after the dot belongs to the number: "# 3.14 is pi?" is not question 3', () => {
    expect(findings('heading-format', '# 1. What?\n\nYes.\n\n# 3.14 is pi?\n\nNo.\n')).toEqual([]);
  });
});
