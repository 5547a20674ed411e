import type { Nodes, Paragraph } from 'mdast';
import { maskRanges } from '../literals.js';
import { composeEdits } from '../edits.js';
import { defineRule, type Fix } from '../rule.js';
import { pointAt } from '../source.js';
import { containmentAtLeast, sentencesOfEach, termsOfWords, words } from '../text.js';

export interface Occurrence {
  /** The sentence's words, lower-cased, joined by a space: what an exact repeat shares. */
  key: string;
  /** Its topic terms; empty when it has fewer than `minTerms` (it rewords nothing then). */
  terms: ReadonlySet<string>;
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
      const paragraphs: Array<{ paragraph: Paragraph; parent: boolean }> = [];
      for (const block of q.nodes) {
        // A paragraph of its own (not in a list or quote) takes its blank lines when it goes.
        if (block.type === 'paragraph') paragraphs.push({ paragraph: block, parent: false });
        else for (const paragraph of descendants(block, PARAGRAPH)) paragraphs.push({ paragraph, parent: true });
      }
      // A line break inside a paragraph is a space, not a sentence boundary (Intl.Segmenter
      // breaks after every newline); offsets are kept since "\n" and " " have one length.
      const compared = paragraphs.map(({ paragraph }) => {
        const seen = comparedText(paragraph, text, paragraph.position!.start.offset!, paragraph.position!.end.offset!);
        return seen.includes('\n') ? seen.replace(/\n/g, ' ') : seen;
      });
      const sentenceLists = sentencesOfEach(compared);
      paragraphs.forEach(({ paragraph, parent }, p) => {
        const pStart = paragraph.position!.start.offset!;
        const pEnd = paragraph.position!.end.offset!;
        const list = sentenceLists[p]!;
        for (let i = 0; i < list.length; i++) {
          const s = list[i]!;
          const found = words(s.text);
          if (found.length < options.minWords) continue;
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
          // A sentence with fewer terms than minTerms rewords nothing: no set is built for it.
          const terms = termsOfWords(found);
          all.push({ key: found.join(' '), terms: terms.length < options.minTerms ? NO_TERMS : new Set(terms), start, end, removal });
        }
      });
      for (const group of groupRepeats(all, options.similarity, options.minTerms)) {
        const [first, second] = group as [Occurrence, Occurrence];
        // The sentence as written (a line break in it read as a space); built for repeats only.
        const raw = (o: Occurrence): string => text.slice(o.start, o.end).replace(/\n/g, ' ');

        // Only a sentence identical to an earlier one is deleted; a reworded repeat is left for a person.
        const seen = new Set<string>();
        const exact: Occurrence[] = [];
        let copies = 0; // later occurrences identical to an earlier one
        for (const o of group) {
          const written = raw(o);
          if (seen.has(written)) {
            copies++;
            if (o.removal) exact.push(o);
          } else seen.add(written);
        }
        const reworded = group.length - 1 - copies;
        const fix: Fix | undefined = composeEdits(text, exact.map((o) => ({ range: o.removal!, text: '' })));
        const from = pointAt(file.lineStarts, second.start);
        const to = pointAt(file.lineStarts, group.at(-1)!.end);
        const firstAt = pointAt(file.lineStarts, first.start);
        report({
          message:
            `Sentence ${group.length === 2 ? 'appears twice' : `appears ${group.length} times`} in this answer` +
            `${reworded === 0 ? '' : reworded === group.length - 1 ? ' (reworded)' : ` (${reworded} reworded)`}: "${preview(raw(second))}"`,
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
 * topic terms contained at `similarity` in it, of comparable length; the earliest such
 * sentence decides the group. Groups of one are dropped.
 *
 * Linear in practice, not pairwise: the same words are found by key; reworded candidates
 * by prefix filtering (a set join's classic trick). With the terms of every sentence in one
 * order, rarest first, two sets that share at least t terms share one among the first
 * |set| − t + 1 terms of each, so only sentences that share such a "prefix" term are compared.
 */
export function groupRepeats(all: Occurrence[], similarity: number, minTerms = 5, indexFrom = SMALL_ANSWER): Occurrence[][] {
  const groups: Occurrence[][] = [];
  const groupOf: Array<Occurrence[]> = [];
  const byKey = new Map<string, Occurrence[]>();
  // Most answers have a handful of sentences: comparing each with the earlier ones costs less
  // than building the index (counting and sorting every term), and finds the same earliest one.
  const pairwise = similarity < 1 && all.length < indexFrom;
  const reworded = similarity < 1 && !pairwise && rewordable(all, minTerms) ? new RewordIndex(all, similarity, minTerms) : undefined;
  for (const [i, s] of all.entries()) {
    let home = byKey.get(s.key);
    if (!home && pairwise && s.terms.size >= minTerms) {
      for (let j = 0; j < i; j++) {
        if (matches(s, all[j]!, similarity, minTerms)) {
          home = groupOf[j];
          break;
        }
      }
    }
    if (!home && reworded) {
      const j = reworded.earliestMatch(i);
      if (j !== undefined) home = groupOf[j];
    }
    if (!home) groups.push((home = []));
    home.push(s);
    groupOf[i] = home;
    if (!byKey.has(s.key)) byKey.set(s.key, home);
    reworded?.add(i);
  }
  return groups.filter((g) => g.length > 1);
}

/** Up to this many sentences in an answer, reworded repeats are looked for pair by pair. */
const SMALL_ANSWER = 24;

/** Whether two sentences at least could reword each other (both long enough in terms). */
function rewordable(all: Occurrence[], minTerms: number): boolean {
  let long = 0;
  for (const o of all) if (o.terms.size >= minTerms && ++long === 2) return true;
  return false;
}

/** Whether `s` rewords `earlier`: topic terms contained at `similarity`, of comparable number. */
function matches(s: Occurrence, earlier: Occurrence, similarity: number, minTerms: number): boolean {
  const small = Math.min(s.terms.size, earlier.terms.size);
  const large = Math.max(s.terms.size, earlier.terms.size);
  return small >= minTerms && small * 2 >= large && containmentAtLeast(s.terms, earlier.terms, similarity);
}

/**
 * Earlier sentences by the rarest of their terms, to find reworded repeats (see groupRepeats).
 *
 * The prefix a sentence must share depends on the pair: two sets of m terms or more that
 * share at least t = ⌈similarity × m⌉ share one among the first size − t + 1 terms of each.
 * A sentence is indexed with the longest prefix any partner needs (the smallest partner it
 * may have), by term and by its number of terms; a lookup takes, per size of partner, only
 * its own prefix for that size. Sentences made from one template ("Step 12 uses the
 * encoder.") share their frequent words; with the longest prefix for every pair each would
 * be compared with every earlier one (a 1 MB answer of them took minutes).
 */
class RewordIndex {
  private readonly sorted: string[][];
  private readonly prefix: number[];
  /** Term → number of terms of the sentence → the sentences (in order) with that term in their prefix. */
  private readonly postings = new Map<string, Map<number, number[]>>();

  constructor(
    private readonly all: Occurrence[],
    private readonly similarity: number,
    private readonly minTerms: number,
  ) {
    const frequency = new Map<string, number>();
    for (const o of all) for (const t of o.terms) frequency.set(t, (frequency.get(t) ?? 0) + 1);
    const rank = (a: string, b: string): number => frequency.get(a)! - frequency.get(b)! || (a < b ? -1 : a > b ? 1 : 0);
    this.sorted = all.map((o) => (o.terms.size >= minTerms ? [...o.terms].sort(rank) : []));
    this.prefix = all.map((o) => {
      const size = o.terms.size;
      // The fewest terms any partner must share: the smaller set has at least
      // max(minTerms, ⌈size / 2⌉) terms (small * 2 >= large).
      const needed = this.needed(Math.max(minTerms, Math.ceil(size / 2)));
      return needed <= 0 ? Infinity : size - needed + 1;
    });
  }

  /** The fewest terms two sentences whose smaller one has `m` terms share if they match; kept low on purpose (0 when in doubt). */
  private needed(m: number): number {
    return Math.ceil(this.similarity * m - 1e-6);
  }

  /** Adds sentence `i` (after its own lookup). */
  add(i: number): void {
    const terms = this.sorted[i]!;
    const size = terms.length;
    const length = Math.min(size, this.prefix[i]!);
    for (let k = 0; k < length; k++) {
      let bySize = this.postings.get(terms[k]!);
      if (!bySize) this.postings.set(terms[k]!, (bySize = new Map<number, number[]>()));
      const list = bySize.get(size);
      if (list) list.push(i);
      else bySize.set(size, [i]);
    }
  }

  /** The earliest sentence before `i` that `i` rewords, if any. */
  earliestMatch(i: number): number | undefined {
    const s = this.all[i]!;
    if (s.terms.size < this.minTerms) return undefined;
    if (this.prefix[i] === Infinity) {
      // A similarity so low that sets sharing no term match: compare with every earlier one.
      for (let j = 0; j < i; j++) if (this.matches(s, this.all[j]!)) return j;
      return undefined;
    }
    const terms = this.sorted[i]!;
    const size = terms.length;
    const lists: number[][] = [];
    for (let k = 0; k < Math.min(size, this.prefix[i]!); k++) {
      const bySize = this.postings.get(terms[k]!);
      if (!bySize) continue;
      for (const [other, list] of bySize) {
        const small = Math.min(size, other);
        if (small < this.minTerms || small * 2 < Math.max(size, other)) continue;
        // This term is in the prefix this pair needs (the partner's own prefix was indexed longer).
        if (k < size - this.needed(small) + 1) lists.push(list);
      }
    }
    // Candidates in increasing order (a merge of the sorted lists); the first that matches wins.
    const cursor = lists.map(() => 0);
    let last = -1;
    for (;;) {
      let best = -1;
      let from = -1;
      for (let l = 0; l < lists.length; l++) {
        const list = lists[l]!;
        while (cursor[l]! < list.length && list[cursor[l]!]! <= last) cursor[l]!++;
        if (cursor[l]! < list.length && (best === -1 || list[cursor[l]!]! < best)) {
          best = list[cursor[l]!]!;
          from = l;
        }
      }
      if (from === -1) return undefined;
      last = best;
      if (this.matches(s, this.all[best]!)) return best;
    }
  }

  private matches(s: Occurrence, earlier: Occurrence): boolean {
    return matches(s, earlier, this.similarity, this.minTerms);
  }
}

/**
 * The paragraph's text as the sentences are compared, same length (so offsets hold): each
 * inline link's `](destination "title")` is blanked out (a link cited by its title,
 * `[What is X?](#what-is-x)`, must not count its anchor as a second, reworded sentence), and
 * so is its inline code and math (`$…$`, `` `…` ``): a formula is not a sentence, and two
 * sentences that differ only in their formula repeat the same prose.
 */
function comparedText(paragraph: Paragraph, text: string, pStart: number, pEnd: number): string {
  const destinations: Array<[number, number]> = [];
  const literals: Array<[number, number]> = [];
  for (const node of descendants(paragraph, MASKED)) {
    const to = node.position?.end.offset;
    const from = node.type === 'link' ? node.children.at(-1)?.position?.end.offset : node.position?.start.offset;
    if (from === undefined || to === undefined) continue;
    if (node.type !== 'link') literals.push([from, to]);
    else if (text[from] === ']' && text[from + 1] === '(') destinations.push([from, to]);
  }
  // A destination becomes spaces (the sentence ends before it, as it always has); code and
  // math a run of "_", no word and no sentence end, so the sentence still spans its formula.
  const withoutLinks = maskRanges(text, pStart, pEnd, destinations);
  return literals.length === 0 ? withoutLinks : maskRanges(withoutLinks, 0, pEnd - pStart, literals.map(([a, b]) => [a - pStart, b - pStart]), '_');
}

const NO_TERMS: ReadonlySet<string> = new Set();
const PARAGRAPH: ReadonlySet<'paragraph'> = new Set(['paragraph']);
const MASKED: ReadonlySet<'link' | 'inlineCode' | 'inlineMath'> = new Set(['link', 'inlineCode', 'inlineMath']);

/**
 * The nodes of the given types under `node` (itself included), in document order. A walk of
 * its own rather than the shared node index: that would build and keep an index for every
 * paragraph and block of the file, most of them asked once, here.
 */
function descendants<T extends Nodes['type']>(node: Nodes, types: ReadonlySet<T>): Array<Extract<Nodes, { type: T }>> {
  const out: Nodes[] = [];
  const walk = (n: Nodes): void => {
    if (types.has(n.type as T)) out.push(n);
    if ('children' in n) for (const child of n.children) walk(child);
  };
  walk(node);
  return out as Array<Extract<Nodes, { type: T }>>;
}

function preview(sentence: string): string {
  const flat = sentence.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}
