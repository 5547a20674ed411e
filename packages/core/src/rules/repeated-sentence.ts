import type { Paragraph } from 'mdast';
import { nodesOfType } from '../nodes.js';
import { composeEdits } from '../edits.js';
import { defineRule, type Fix } from '../rule.js';
import { pointAt } from '../source.js';
import { containment, sentences, termsOfWords, words } from '../text.js';

interface Occurrence {
  raw: string;
  key: string;
  terms: Set<string>;
  start: number;
  end: number;
  /** What to delete to remove this sentence cleanly (with the space before it). */
  removal: [number, number] | undefined;
}

/**
 * The same sentence twice in one answer is a copy-paste slip (the delivered VAE answer
 * says one sentence three times). Sentences come from `Intl.Segmenter`; they compare by
 * their words, ignoring case and punctuation. `--fix` deletes later copies that are
 * exactly identical to the first; a reworded repeat is left for a person.
 */
interface Options {
  minWords: number;
  similarity: number;
  minTerms: number;
}

export default defineRule<Options>({
  scope: 'file',
  meta: {
    id: 'repeated-sentence',
    description: 'A sentence appears at most once in an answer.',
    severity: 'error',
    fixable: true,
    defaultOptions: { minWords: 4, similarity: 0.9, minTerms: 5 },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        minWords: { type: 'integer', minimum: 1, description: 'Shorter sentences ("Yes.") may repeat.' },
        similarity: {
          type: 'number',
          minimum: 0,
          maximum: 1,
          description: 'A reworded sentence whose terms are this much contained in an earlier one counts as a repeat (1 = exact repeats only).',
        },
        minTerms: { type: 'integer', minimum: 1, description: 'Reworded repeats are only looked for in sentences with at least this many topic terms.' },
      },
    },
  },
  check({ file, options, report }) {
    const text = file.source.text;
    for (const q of file.questions) {
      const all: Occurrence[] = [];
      for (const block of q.nodes) {
        // A paragraph of its own (not in a list or quote) takes its blank lines when it goes.
        const paragraphs = block.type === 'paragraph' ? [block] : nodesOfType(block, 'paragraph');
        for (const paragraph of paragraphs) {
          const parent = paragraph !== block;
          const pStart = paragraph.position!.start.offset!;
          const pEnd = paragraph.position!.end.offset!;
          // A line break inside a paragraph is a space, not a sentence boundary (Intl.Segmenter
          // breaks after every newline); offsets are kept since "\n" and " " have one length.
          const list = sentences(withoutDestinations(paragraph, text, pStart, pEnd).replace(/\n/g, ' '));
          list.forEach((s, i) => {
            const found = words(s.text);
            if (found.length < options.minWords) return;
            const key = found.join(' ');
            const start = pStart + s.start;
            const end = pStart + s.end;
            let removal: [number, number] | undefined;
            if (i > 0) removal = [pStart + list[i - 1]!.end, end];
            else if (list.length > 1) removal = [start, pStart + list[1]!.start];
            else if (!parent) {
              let after = pEnd;
              while (text[after] === '\n') after++;
              let before = pStart;
              while (before > 0 && /\s/.test(text[before - 1]!)) before--;
              // The last paragraph of the file goes with the blank lines before it.
              removal = after >= text.length ? [before, pEnd] : [pStart, after];
            }
            all.push({ raw: text.slice(start, end).replace(/\n/g, ' '), key, terms: new Set(termsOfWords(found)), start, end, removal });
          });
        }
      }
      for (const group of groupRepeats(all, options.similarity, options.minTerms)) {
        const [first, second] = group as [Occurrence, Occurrence];

        // Only a sentence identical to an earlier one is deleted; a reworded repeat is left for a person.
        const exact = group.filter((o, i) => i > 0 && o.removal && group.slice(0, i).some((e) => e.raw === o.raw));
        const reworded = group.length - 1 - group.filter((o, i) => i > 0 && group.slice(0, i).some((e) => e.raw === o.raw)).length;
        const fix: Fix | undefined = composeEdits(text, exact.map((o) => ({ range: o.removal!, text: '' })));
        const from = pointAt(file.lineStarts, second.start);
        const to = pointAt(file.lineStarts, group.at(-1)!.end);
        const firstAt = pointAt(file.lineStarts, first.start);
        report({
          message:
            `Sentence ${group.length === 2 ? 'appears twice' : `appears ${group.length} times`} in this answer` +
            `${reworded === 0 ? '' : reworded === group.length - 1 ? ' (reworded)' : ` (${reworded} reworded)`}: "${preview(second.raw)}"`,
          line: from.line,
          column: from.column,
          endLine: to.line,
          endColumn: to.column,
          related: [{ file: file.source.path, line: firstAt.line, column: firstAt.column, message: 'first occurrence' }],
          ...(fix ? { fix } : {}),
        });
      }
    }
  },
});

/**
 * Groups each sentence with the earlier sentence it repeats: the same words, or (reworded)
 * topic terms contained at `similarity` in it, of comparable length. Groups of one are dropped.
 */
function groupRepeats(all: Occurrence[], similarity: number, minTerms = 5): Occurrence[][] {
  const groups: Occurrence[][] = [];
  const groupOf = new Map<Occurrence, Occurrence[]>();
  for (const [i, s] of all.entries()) {
    let home: Occurrence[] | undefined;
    for (let j = 0; j < i && !home; j++) {
      const earlier = all[j]!;
      if (earlier.key === s.key) home = groupOf.get(earlier);
    }
    for (let j = 0; j < i && !home && similarity < 1; j++) {
      const earlier = all[j]!;
      const small = Math.min(s.terms.size, earlier.terms.size);
      const large = Math.max(s.terms.size, earlier.terms.size);
      if (small >= minTerms && small * 2 >= large && containment(s.terms, earlier.terms) >= similarity) home = groupOf.get(earlier);
    }
    if (!home) groups.push((home = []));
    home.push(s);
    groupOf.set(s, home);
  }
  return groups.filter((g) => g.length > 1);
}

/**
 * The paragraph's text with each inline link's `](destination "title")` blanked out (same
 * length, so offsets hold): a link cited by its title, `[What is X?](#what-is-x)`, must not
 * count its anchor as a second, reworded sentence.
 */
function withoutDestinations(paragraph: Paragraph, text: string, pStart: number, pEnd: number): string {
  let out = '';
  let at = pStart;
  for (const link of nodesOfType(paragraph, 'link')) {
    const from = link.children.at(-1)?.position?.end.offset;
    const to = link.position?.end.offset;
    if (from === undefined || to === undefined || from < at || text[from] !== ']' || text[from + 1] !== '(') continue;
    out += text.slice(at, from) + text.slice(from, to).replace(/[^\n]/g, ' ');
    at = to;
  }
  return at === pStart ? text.slice(pStart, pEnd) : out + text.slice(at, pEnd);
}

function preview(sentence: string): string {
  const flat = sentence.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}
