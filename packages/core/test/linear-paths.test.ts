import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanSection } from '../src/fast-parse.js';
import { finderByLine, lineRangeSet } from '../src/line-index.js';
import { parseMarkdown, parseWhole } from '../src/parse.js';
import { groupRepeats, type Occurrence } from '../src/rules/repeated-sentence.js';
import { suppressionsOf } from '../src/lint.js';
import { containment, containmentAtLeast, sentences, sentencesOfEach } from '../src/text.js';
import { findings, lint } from './helpers.js';

// Inputs that exercise the paths that used to cost the square of their size (issue 17).
// What is checked is the output: the same as the simple definition gives.

describe('the fast scanner on long paragraphs', () => {
  it('reads code spans on every line of a paragraph of 3,000 lines, each at its line', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `line ${i} has \`code ${i}\` in it`);
    const text = `# 1. Q\n\n${lines.join('\n')}\n`;
    const blocks = scanSection(text, 0, text.length, 1)!;
    const paragraph = blocks[1] as { type: string; children: Array<{ type: string; value: string; position: { start: { line: number; column: number } } }> };
    expect(paragraph.type).toBe('paragraph');
    const spans = paragraph.children.filter((c) => c.type === 'inlineCode');
    expect(spans).toHaveLength(3000);
    expect(spans.at(-1)).toMatchObject({ value: 'code 2999', position: { start: { line: 3002, column: 15 } } });
    expect(JSON.stringify(parseMarkdown(text))).toBe(JSON.stringify(parseWhole(text)));
  });

  it('reads prose without a backtick, and unmatched runs of backticks, as micromark does', () => {
    const prose = Array.from({ length: 200 }, (_, i) => `# ${i + 1}. Question ${i}?\n\nPlain answer ${i}.\n\n- one\n- two\n- three\n`).join('\n');
    expect(JSON.stringify(parseMarkdown(prose))).toBe(JSON.stringify(parseWhole(prose)));
    const runs = '# 1. Q\n\nA `` b ``` c ` d ```` e `` f ``` g\nh ` i\n';
    expect(JSON.stringify(parseMarkdown(runs))).toBe(JSON.stringify(parseWhole(runs)));
    const value = (parseMarkdown(runs).children[1] as { children: Array<{ type: string; value: string }> }).children.map((c) => [c.type, c.value]);
    // The first `` closes at the next run of two, past the runs of other sizes.
    expect(value).toEqual([
      ['text', 'A '],
      ['inlineCode', 'b ``` c ` d ```` e'],
      ['text', ' f ``` g\nh ` i'],
    ]);
  });

  it('finds the end of a comment only on its own lines', () => {
    const text = '# 1. Q\n\n<!--\nopen\n\n# 2. R\n\nText.\n\n<!-- c -->\n';
    expect(JSON.stringify(parseMarkdown(text))).toBe(JSON.stringify(parseWhole(text)));
  });
});

describe('sentences in windows', () => {
  it('gives the sentences of one whole segmentation, whatever the window', () => {
    const text = 'Dr. Smith arrived.  He said "Hi!" (Then left.) e.g. this one. 1. 2. 3. ok? Yes… ÇA VA. 日本語です。次の文。 etc.  ( 123 lower case. End';
    const whole = sentences(text, Infinity);
    expect(whole.slice(0, 3)).toEqual([
      { text: 'Dr.', start: 0, end: 3 },
      { text: 'Smith arrived.', start: 4, end: 18 },
      { text: 'He said "Hi!"', start: 20, end: 33 },
    ]);
    for (const window of [1, 2, 5, 8, 13, 40]) expect(sentences(text, window)).toEqual(whole);
  });

  it('on generated text', () => {
    const piece = fc.constantFrom('a', 'The', 'dog', '.', '!', '?', ' ', '  ', ')', '"', '(', '1', '2.5', 'e.g.', 'U.S.', 'Mr.', 'x', 'É', 'ß', '。', '…', '\u00a0', '😀', 'lower', 'Upper');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), fc.integer({ min: 1, max: 30 }), (parts, window) => {
        const text = parts.join('');
        expect(sentences(text, window)).toEqual(sentences(text, Infinity));
      }),
      { numRuns: 2000 },
    );
  });

  it('segments texts together as each alone (sentencesOfEach)', () => {
    expect(sentencesOfEach(['One. Two', 'No end', 'e.g. this. And that?', ''])).toEqual([
      [
        { text: 'One.', start: 0, end: 4 },
        { text: 'Two', start: 5, end: 8 },
      ],
      [{ text: 'No end', start: 0, end: 6 }],
      [
        { text: 'e.g. this.', start: 0, end: 10 },
        { text: 'And that?', start: 11, end: 20 },
      ],
      [],
    ]);
    // A text that ends mid-sentence, or with a terminator and closing marks, followed by one
    // that starts in lower case or with a number: the line feed between them keeps them apart.
    const piece = fc.constantFrom('a', 'The', 'dog', '.', '!', '?', ' ', '  ', ')', '"', "'", '(', '1', '2.5', 'e.g.', 'U.S.', 'Mr.', 'É', '。', '…', '\u00a0', '\t', '\n', ',', ';', 'lower', 'Upper');
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 16 }).map((parts) => parts.join('')), { maxLength: 8 }), (texts) => {
        expect(sentencesOfEach(texts)).toEqual(texts.map((text) => sentences(text)));
      }),
      { numRuns: 3000 },
    );
  });

  it('gives what Intl.Segmenter gives where it is not called (texts of one sentence)', () => {
    const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
    const reference = (text: string): Array<{ text: string; start: number; end: number }> =>
      [...segmenter.segment(text)].flatMap(({ segment, index }) => {
        const trimmed = segment.trimEnd();
        const lead = trimmed.length - trimmed.trimStart().length;
        return trimmed.trim() ? [{ text: trimmed.slice(lead), start: index + lead, end: index + trimmed.length }] : [];
      });
    expect(sentences('One plain sentence without an end')).toEqual([{ text: 'One plain sentence without an end', start: 0, end: 33 }]);
    expect(sentences('  It ends here?!") ')).toEqual([{ text: 'It ends here?!")', start: 2, end: 18 }]);
    expect(sentences('It ends. )')).toEqual(reference('It ends. )'));
    expect(reference('It ends. )')).toHaveLength(2); // a closing mark after the space starts a sentence
    const piece = fc.constantFrom('a', 'Upper', 'lower', ' ', '\t', '.', '!', '?', ')', ']', '"', "'", '’', '”', '(', '2.5', 'e.g.', '。', '…', '\u2024', '\n', ',', ';', 'É');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(sentences(text)).toEqual(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('segments a paragraph of 20,000 sentences into 20,000 sentences', () => {
    const text = Array.from({ length: 20_000 }, (_, i) => `Sentence number ${i} ends here.`).join(' ');
    const list = sentences(text);
    expect(list).toHaveLength(20_000);
    expect(list.at(-1)).toEqual({ text: 'Sentence number 19999 ends here.', start: text.length - 32, end: text.length });
  });
});

/** The definition groupRepeats must keep: each sentence joins the group of the earliest earlier sentence it repeats. */
function pairwiseGroups(all: Occurrence[], similarity: number, minTerms: number): Occurrence[][] {
  const groupOf = new Map<Occurrence, Occurrence[]>();
  const groups: Occurrence[][] = [];
  all.forEach((s, i) => {
    let home: Occurrence[] | undefined;
    for (let j = 0; j < i && !home; j++) if (all[j]!.key === s.key) home = groupOf.get(all[j]!);
    for (let j = 0; j < i && !home && similarity < 1; j++) {
      const e = all[j]!;
      const small = Math.min(s.terms.size, e.terms.size);
      const large = Math.max(s.terms.size, e.terms.size);
      if (small >= minTerms && small * 2 >= large && containment(s.terms, e.terms) >= similarity) home = groupOf.get(e);
    }
    if (!home) groups.push((home = []));
    home.push(s);
    groupOf.set(s, home);
  });
  return groups.filter((g) => g.length > 1);
}

describe('containmentAtLeast', () => {
  it('answers as containment(a, b) >= similarity does, for any sets and threshold', () => {
    const set = fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { maxLength: 12 }).map((items) => new Set(items));
    const threshold = fc.oneof(fc.constantFrom(0, 0.1, 0.3, 1 / 3, 0.5, 0.7, 0.8, 0.9, 0.95, 1), fc.double({ min: 0, max: 1, noNaN: true }));
    fc.assert(
      fc.property(set, set, threshold, (a, b, similarity) => {
        expect(containmentAtLeast(a, b, similarity)).toBe(containment(a, b) >= similarity);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('repeated-sentence grouping', () => {
  const occurrence = (terms: string[], n: number): Occurrence => ({ key: terms.join(' '), terms: new Set(terms), start: n, end: n, removal: undefined });

  it('groups as the pairwise comparison does, with the index or without', () => {
    const vocabulary = ['gan', 'vae', 'model', 'train', 'data', 'loss', 'latent', 'noise', 'decod', 'encod', 'sampl'];
    const sentence = fc.array(fc.constantFrom(...vocabulary), { minLength: 1, maxLength: 11 });
    fc.assert(
      fc.property(fc.array(sentence, { maxLength: 40 }), fc.constantFrom(0, 0.3, 0.5, 0.8, 0.9, 1), fc.integer({ min: 1, max: 6 }), (list, similarity, minTerms) => {
        const all = list.map(occurrence);
        const index = (groups: Occurrence[][]): number[][] => groups.map((g) => g.map((o) => all.indexOf(o)));
        const expected = index(pairwiseGroups(all, similarity, minTerms));
        // Through the index (as a long answer is), pair by pair (a short one), and as the rule picks.
        for (const indexFrom of [0, Infinity, undefined]) expect(index(groupRepeats(all, similarity, minTerms, indexFrom))).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('reports one sentence said 1,000 times once, and fixes away every copy', () => {
    const sentence = 'The generator learns to fool the discriminator.';
    const md = `# 1. What does a GAN do?\n\n${Array.from({ length: 1000 }, () => sentence).join(' ')}\n`;
    expect(findings('repeated-sentence', md)).toEqual([
      { line: 3, column: 49, message: `Sentence appears 1000 times in this answer: "${sentence}"`, fixable: true },
    ]);
    const [diagnostic] = lint(md, { config: { rules: { 'repeated-sentence': 'error' } } }).filter((d) => d.ruleId === 'repeated-sentence');
    expect(md.slice(0, diagnostic!.fix!.range[0]) + diagnostic!.fix!.text + md.slice(diagnostic!.fix!.range[1])).toBe(`# 1. What does a GAN do?\n\n${sentence}\n`);
  });
});

describe('repeated-sentence on sentences cut from one template', () => {
  // The same frequent words in every sentence and a number of its own: each sentence shares
  // most of its terms with every other, never 90 % of them. (Such an answer of 1 MB took
  // 28 s when every pair was a candidate; the bench's templated-sentences family times it.)
  const step = (i: number) => `Step ${i} of the tokenizer splits the input text into tokens ${i * 7 + 3}.`;

  it('finds the one reworded sentence among 5,000, and nothing else', () => {
    const list = Array.from({ length: 5000 }, (_, i) => step(i));
    // Sentence 4001 says sentence 11 again, its words in another order.
    list[4000] = 'The tokenizer splits the input text into tokens 73 of step 10.';
    const paragraphs: string[] = [];
    for (let i = 0; i < list.length; i += 10) paragraphs.push(list.slice(i, i + 10).join(' '));
    const md = `# 1. What does a tokenizer do?\n\n${paragraphs.join('\n\n')}\n`;
    expect(findings('repeated-sentence', md)).toEqual([
      { line: 803, column: 1, message: 'Sentence appears twice in this answer (reworded): "The tokenizer splits the input text into tokens 73 of ste…"' },
    ]);
  });
});

describe('suppressions and metadata in files of many questions', () => {
  const questions = 1000;
  const md = Array.from(
    { length: questions },
    (_, i) => `# ${i + 1}. Question ${i}?\n\n<!-- genai-qa-disable-question trailing-whitespace -->\n\nAnswer ${i} ends with spaces.  \n\nAlso silenced.  \n`,
  ).join('\n');

  it('silences each question’s findings with its own comment, and nothing else', () => {
    expect(findings('trailing-whitespace', md)).toEqual([]);
    const found = findings('trailing-whitespace', md.replace('<!-- genai-qa-disable-question trailing-whitespace -->\n\n', ''));
    expect(found).toHaveLength(2);
    expect(found.map((f) => f.line)).toEqual([3, 5]); // the first question's two lines
  });

  it('finds a metadata comment outside every question', () => {
    const text = `<!-- genai-qa id="stray" -->\n\n${md}`;
    expect(findings('invalid-metadata', text)).toEqual([
      { line: 1, column: 1, message: 'genai-qa metadata comment is not inside a question; put it right after the question heading' },
    ]);
  });

  it('reads disable and enable regions as their union per rule', () => {
    const silenced = suppressionsOf({
      questions: [],
      directives: [
        { kind: 'disable', rules: [], line: 2, endLine: 2 },
        { kind: 'enable', rules: ['a'], line: 5, endLine: 5 },
        { kind: 'enable', rules: [], line: 9, endLine: 9 },
        { kind: 'disable-next-line', rules: ['b'], line: 11, endLine: 12 },
      ] as never,
    });
    const table = ['a', 'b'].map((id) => Array.from({ length: 14 }, (_, line) => (silenced(id, line) ? 'x' : '.')).join(''));
    expect(table).toEqual(['..xxxx........', '..xxxxxxxx...x']);
  });
});

describe('line lookups', () => {
  it('find the question holding a line, as Array.find does', () => {
    const questions = [
      { line: 1, endLine: 4 },
      { line: 5, endLine: 5 },
      { line: 8, endLine: 12 },
    ];
    const at = finderByLine(questions);
    expect([0, 1, 4, 5, 6, 7, 8, 12, 13].map((l) => questions.indexOf(at(l)!))).toEqual([-1, 0, 0, 1, -1, -1, 2, 2, -1]);
    const overlapping = [{ line: 3, endLine: 9 }, { line: 1, endLine: 4 }];
    expect(finderByLine(overlapping)(3)).toBe(overlapping[0]);
  });

  it('merge ranges, open-ended ones included', () => {
    const inside = lineRangeSet([{ from: 7, to: Infinity }, { from: 2, to: 3 }, { from: 3, to: 4 }]);
    expect(Array.from({ length: 10 }, (_, l) => (inside(l) ? 'x' : '.')).join('')).toBe('..xxx..xxx');
  });
});
