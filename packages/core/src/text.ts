import { stemmer } from 'stemmer';

// Small English stop-word list: function words that carry no topic, so that
// "How can X be prevented" and "What are some ways to prevent X" compare on X.
const STOP_WORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being
  below between both but by can could did do does doing down during each either etc few for from further
  had has have having he her here hers herself him himself his how i if in into is it its itself just
  may me might more most must my myself no nor not now of off on once only or other our ours ourselves
  out over own same she should so some such than that the their theirs them themselves then there these
  they this those through to too under until up use used uses using very via was way ways we were what
  when where which while who whom why will with would you your yours yourself yourselves`.split(/\s+/),
);

// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

export const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Lower-cased words of a text (NFKC), apostrophes kept inside words. */
export function words(text: string): string[] {
  // NFKC leaves ASCII as it is; most text is ASCII, and normalising is not free.
  return (ASCII.test(text) ? text : text.normalize('NFKC')).toLowerCase().match(WORD) ?? [];
}

// Stemming is the costly part of term extraction and a corpus repeats its words: memoise,
// with the stop words in the same memo (one lookup a word). The memo is kept small: a text's
// common words come back soon after it is cleared, while a memo of every word of a large
// corpus of rare words (names, identifiers, another language) costs more to grow and to keep
// than stemming them again.
const TERMS_KEPT = 65_536;
/** Word → its term, or null for a stop word. */
const termMemo = new Map<string, string | null>();
function termOf(word: string): string | null {
  let term = termMemo.get(word);
  if (term === undefined) {
    if (STOP_WORDS.has(word)) term = null;
    else {
      const last = word.length - 1;
      // A possessive "'s" goes first (what /['’]s$/ removed, without a regex per word).
      const possessive = last > 0 && word.charCodeAt(last) === 115 && (word[last - 1] === "'" || word[last - 1] === '’');
      term = stemmer(possessive ? word.slice(0, -2) : word);
    }
    if (termMemo.size >= TERMS_KEPT) termMemo.clear();
    termMemo.set(word, term);
  }
  return term;
}

/** Topic terms: stop words dropped, Porter-stemmed. */
export function terms(text: string): string[] {
  return termsOfWords(words(text));
}

/** Terms of already lower-cased words (see `words`). */
export function termsOfWords(list: readonly string[]): string[] {
  const out: string[] = [];
  for (const w of list) {
    const term = termOf(w);
    if (term !== null) out.push(term);
  }
  return out;
}

/** Contiguous k-term shingles, joined by a space. Texts shorter than k give one shingle. */
export function shingles(items: readonly string[], k: number): Set<string> {
  const out = new Set<string>();
  if (items.length === 0) return out;
  if (items.length <= k) {
    out.add(items.join(' '));
    return out;
  }
  for (let i = 0; i + k <= items.length; i++) out.add(items.slice(i, i + k).join(' '));
  return out;
}

export function intersectionSize<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of small) if (large.has(x)) n++;
  return n;
}

/** |A ∩ B| / |A ∪ B| (0 for two empty sets). */
export function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  const inter = intersectionSize(a, b);
  const union = a.size + b.size - inter;
  return union === 0 ? 0 : inter / union;
}

/** |A ∩ B| / min(|A|, |B|): how much of the smaller set the larger one contains. */
export function containment<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  const min = Math.min(a.size, b.size);
  return min === 0 ? 0 : intersectionSize(a, b) / min;
}

/**
 * Whether `containment(a, b) >= similarity`, found with as few lookups as it takes: the
 * count stops once enough items are shared, or once too many are missing to get there
 * (most pairs of sentences share little, and are told apart after a miss or two).
 */
export function containmentAtLeast<T>(a: ReadonlySet<T>, b: ReadonlySet<T>, similarity: number): boolean {
  const small = a.size <= b.size ? a : b;
  const large = small === a ? b : a;
  const min = small.size;
  if (min === 0) return 0 >= similarity;
  // The fewest shared items that reach it: the least k with k / min >= similarity, found
  // with that very comparison (so that rounding decides as containment's division does).
  let needed = Math.max(0, Math.ceil(similarity * min));
  while (needed > 0 && (needed - 1) / min >= similarity) needed--;
  while (needed <= min && needed / min < similarity) needed++;
  if (needed === 0) return true;
  if (needed > min) return false;
  let shared = 0;
  let missing = 0;
  const spare = min - needed; // items of the smaller set that may be missing from the larger
  for (const x of small) {
    if (large.has(x)) {
      if (++shared === needed) return true;
    } else if (++missing > spare) return false;
  }
  return false;
}

/** 32-bit FNV-1a hash of a string. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Characters that end the look-ahead of every sentence-break rule (UAX #29): letters,
 * sentence terminators and paragraph separators. A boundary with one of them after it, in
 * the text segmented, is where it is in any longer text.
 */
const SETTLES = /[\p{L}.!?\n\r\u0085\u2028\u2029]/u;

/**
 * Sentences of a text with their offsets (trailing whitespace excluded from each).
 *
 * V8's segmenter takes time that grows with the square of the text (a paragraph of 250,000
 * characters: 0.6 s; of 1,000,000: 13 s), so a long text is segmented in windows of about
 * `window` characters. A window ends at the start of its last sentence that has a letter or
 * a terminator after it inside the window (every rule has then seen what it needs), and
 * the next window starts there: the boundaries are those of one call on the whole text.
 */
export function sentences(text: string, window = 8192): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  if (oneSentence(text)) {
    addSentence(out, text, 0);
    return out;
  }
  let base = 0;
  let size = window;
  while (base < text.length) {
    const end = Math.min(text.length, base + size);
    const part = base === 0 && end === text.length ? text : text.slice(base, end);
    const found: Array<{ segment: string; index: number }> = [];
    for (const s of segmenter.segment(part)) found.push({ segment: s.segment, index: s.index });
    let keep = found.length;
    if (end < text.length) {
      let settled = part.length - 1;
      while (settled >= 0 && !SETTLES.test(part[settled]!)) settled--;
      keep = found.length - 1;
      while (keep > 0 && found[keep]!.index > settled) keep--;
      if (keep === 0) {
        size *= 2; // one sentence fills the window: look further
        continue;
      }
    }
    for (let k = 0; k < keep; k++) addSentence(out, found[k]!.segment, base + found[k]!.index);
    base = keep < found.length ? base + found[keep]!.index : end;
    size = window;
  }
  return out;
}

/**
 * `sentences` of each text, as `texts.map((t) => sentences(t))` gives them, with one call of
 * the segmenter for all the texts of more than one sentence (it costs about 2 µs a call, as
 * much as a short sentence's segmentation): they are segmented joined by line feeds. A line
 * feed is a paragraph separator in UAX #29, after which a sentence always ends (SB4), and no
 * rule looks past one (SB8's look-ahead stops at it; SB9–SB11 end a sentence with it), so each
 * text has the boundaries it has alone; the line feed itself is trailing white space, which
 * no sentence keeps.
 */
export function sentencesOfEach(texts: readonly string[]): Array<Array<{ text: string; start: number; end: number }>> {
  const out: Array<Array<{ text: string; start: number; end: number }>> = texts.map(() => []);
  const joined: number[] = [];
  texts.forEach((text, i) => {
    if (oneSentence(text)) addSentence(out[i]!, text, 0);
    else joined.push(i);
  });
  if (joined.length === 1) out[joined[0]!] = sentences(texts[joined[0]!]!);
  if (joined.length <= 1) return out;
  const starts: number[] = [];
  let all = '';
  for (const i of joined) {
    starts.push(all.length);
    all += texts[i]! + '\n';
  }
  let k = 0;
  for (const s of sentences(all)) {
    while (k + 1 < starts.length && starts[k + 1]! <= s.start) k++;
    const base = starts[k]!;
    out[joined[k]!]!.push({ text: s.text, start: s.start - base, end: s.end - base });
  }
  return out;
}

// Where UAX #29 may end a sentence: after a terminator (Sentence_Terminal, which holds the
// full stops of ATerm) or a paragraph separator. (Checked for every code point against V8's
// segmenter: no other character ends a sentence.)
const BREAKS = /[\p{Sentence_Terminal}\n\r\u0085\u2028\u2029]/u;
// Terminators, closing marks and spaces: the end of one sentence, with nothing after it.
const ENDING = /^[.!?]+["'’”)\]]*[ \t]*$/;

/**
 * Whether the text is one sentence, known without the segmenter (which costs a call per
 * text): no terminator and no separator at all, or only a plain ending (". ", `?")`).
 * Most list items and many paragraphs are one sentence.
 */
function oneSentence(text: string): boolean {
  const at = text.search(BREAKS);
  return at === -1 || ENDING.test(text.slice(at));
}

function addSentence(out: Array<{ text: string; start: number; end: number }>, segment: string, index: number): void {
  // (trimEnd removes what /\s+$/ would, without the regex's backtracking over long runs.)
  const trimmed = segment.trimEnd();
  const lead = trimmed.length - trimmed.trimStart().length;
  if (trimmed.trim().length === 0) return;
  out.push({ text: trimmed.slice(lead), start: index + lead, end: index + trimmed.length });
}
