import type { FileSummary } from '../extract.js';
import { lastAtOrBefore } from '../line-index.js';
import { defineRule } from '../rule.js';
import { pointAt } from '../source.js';
import { hash32, WORD } from '../text.js';
import { answerKey, answerWords, BASE, memoryOf, power, updated, windowHashes, type Answer, type Finding, type PassageMemory } from './duplicate-passage-memory.js';

/** A growable Int32Array: a corpus has millions of words, too many for arrays of numbers. */
class Int32List {
  data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
}

const WORD_AT = new RegExp(WORD.source, 'uy');
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x00-\x7f]*$/;

/**
 * The words of a text, each lower-cased. An ASCII text is lower-cased whole and split once
 * (lower-casing ASCII changes no length and no letter into a non-letter, so the words are
 * the same); elsewhere each word is lower-cased after the split, as a letter may lower-case
 * to more than one character ('İ' to 'i' and a combining dot, which is no letter).
 */
function lowerWords(text: string): Iterable<string> {
  if (ASCII.test(text)) return text.toLowerCase().match(WORD) ?? [];
  return Array.from(text.matchAll(WORD), (m) => m[0].toLowerCase());
}

/** Offset in its file of word number `word` of the answer (found again: only reported words need it). */
function wordOffset(answer: Answer, word: number): number {
  let n = 0;
  for (const m of answerWords(answer).matchAll(WORD)) {
    if (n++ === word) return answer.start + m.index;
  }
  return answer.start;
}

/** End offset of the word that starts at `offset`. */
function wordEnd(text: string, offset: number): number {
  WORD_AT.lastIndex = offset;
  const m = WORD_AT.exec(text);
  return offset + (m ? m[0].length : 0);
}

/**
 * An answer that copies a long passage of another answer (a whole sentence, a list of
 * items) makes learners study the same text twice and lets the copies drift apart. A
 * passage is a run of at least `minWords` identical consecutive words of prose (case and
 * punctuation ignored; code and math left out: a formula or a code block that two answers
 * share is not a copied passage). Every window of `minWords` words is hashed once, so the cost
 * grows linearly with the corpus. The copy is reported, pointing at the original.
 */
export default defineRule<{ minWords: number }>({
  scope: 'corpus',
  meta: {
    id: 'duplicate-passage',
    description: 'An answer does not copy a long passage of another answer.',
    severity: 'warning',
    fixable: false,
    defaultOptions: { minWords: 15 },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { minWords: { type: 'integer', minimum: 3, description: 'Shortest run of identical words that counts as a copied passage.' } },
    },
  },
  check({ files, options, report, previous, keep }) {
    const k = options.minWords;
    const answers = answersOf(files);
    // With a store, what changed since the kept run is redone alone (duplicate-passage-memory.ts).
    const result = (keep && updated(answers, k, previous)) || scanAll(answers, k, keep !== undefined);
    if (keep) keep(result.memory);
    result.findings.forEach((found, a) => {
      const answer = answers[a]!;
      for (const [o, length, at, otherAt] of found) {
        const other = answers[o]!;
        const from = pointAt(answer.file.lineStarts, wordOffset(answer, at));
        const to = pointAt(answer.file.lineStarts, wordEnd(answer.file.source.text, wordOffset(answer, at + length - 1)));
        const origin = pointAt(other.file.lineStarts, wordOffset(other, otherAt));
        report({
          file: answer.file,
          message:
            `Answer to question ${answer.question.number} repeats a ${length}-word passage from the answer to question ` +
            `${other.question.number} "${other.question.question}"; say it once, or say it differently`,
          line: from.line,
          column: from.column,
          endLine: to.line,
          endColumn: to.column,
          related: [{ file: other.file.source.path, line: origin.line, column: origin.column, message: `question ${other.question.number}` }],
        });
      }
    });
  },
});

/** The answers compared: every question with at least one block, in corpus order. */
export function answersOf(files: readonly FileSummary[]): Answer[] {
  const answers: Answer[] = [];
  for (const file of files) {
    for (const question of file.questions) {
      const first = question.nodes[0];
      if (!first || !question.nodes.at(-1)) continue;
      answers.push({ file, question, start: first.position!.start.offset! });
    }
  }
  return answers;
}

/**
 * Every answer against every earlier one: each answer's findings, `[other answer, length,
 * first word, other's first word]` (word numbers within each answer), by other answer.
 * With `withMemory`, also what the next run needs to redo only what changes.
 */
function scanAll(answers: readonly Answer[], k: number, withMemory: boolean): { findings: Finding[][]; memory: PassageMemory | undefined } {
  // Words become small integers (one Map lookup per word), so a window is hashed by rolling
  // over integers and compared without touching strings. All answers' words sit in one
  // typed array; answer a's are words[from[a] … from[a + 1]).
  const vocabulary = new Map<string, number>();
  const ids = new Int32List();
  const from = new Int32Array(answers.length + 1);
  let windows = 0;
  answers.forEach((answer, a) => {
    from[a] = ids.length;
    for (const word of lowerWords(answerWords(answer))) {
      let id = vocabulary.get(word);
      if (id === undefined) vocabulary.set(word, (id = vocabulary.size + 1));
      ids.push(id);
    }
    if (ids.length - from[a] >= k) windows += ids.length - from[a] - k + 1;
  });
  from[answers.length] = ids.length;
  const words = ids.data;
  // Which answer a word belongs to: answers hold consecutive ranges of words.
  const startOf = (answer: number): number => from[answer]!;
  const ownerOf = (word: number): number => Math.max(0, lastAtOrBefore(answers.length, startOf, word));
  // First occurrence of each window (the corpus position of its first word), in an
  // open-addressing table of one typed array indexed by the window's hash: a Map of a million
  // numbers costs several times the memory and most of the time. Slots hold no hash: a
  // probe compares the words themselves, and usually stops at the first one.
  let capacity = 1024;
  while (capacity * 0.6 < windows) capacity *= 2;
  const mask = capacity - 1;
  const firstAt = new Int32Array(capacity).fill(-1);
  // The slot of the window at word i: where the same words were first seen, or the empty
  // slot where they go.
  const lookup = (h: number, i: number): number => {
    let slot = (Math.imul(h, 0x9e3779b1) >>> 0) & mask;
    for (let j = firstAt[slot]!; j !== -1 && !sameWords(words, i, j, k); j = firstAt[slot]!) slot = (slot + 1) & mask;
    return slot;
  };
  const top = power(k);
  const findings = answers.map((_, a): Finding[] => {
    const best = new Map<number, { length: number; at: number; otherAt: number }>();
    const end = from[a + 1]!;
    if (end - from[a]! < k) return [];
    let h = 0;
    for (let x = from[a]!; x < from[a]! + k; x++) h = (Math.imul(h, BASE) + words[x]!) >>> 0;
    let i = from[a]!;
    while (i + k <= end) {
      const slot = lookup(h, i);
      const j = firstAt[slot]!;
      let skip = 1;
      if (j === -1) {
        firstAt[slot] = i;
      } else if (ownerOf(j) !== a) {
        const o = ownerOf(j);
        const otherEnd = from[o + 1]!;
        let length = k;
        while (i + length < end && j + length < otherEnd && words[i + length] === words[j + length]) length++;
        const current = best.get(o);
        if (!current || length > current.length) best.set(o, { length, at: i - from[a]!, otherAt: j - from[o]! });
        skip = length - k + 1;
      }
      let moved = 0;
      for (; moved < skip && i + k < end; moved++, i++) h = (Math.imul((h - Math.imul(words[i]!, top)) >>> 0, BASE) + words[i + k]!) >>> 0;
      if (moved < skip) break;
    }
    return [...best].sort((x, y) => x[0] - y[0]).map(([o, m]) => [o, m.length, m.at, m.otherAt]);
  });
  if (!withMemory) return { findings, memory: undefined };
  // The next run's memory: each answer's key and the hashes of its windows, from the words' own
  // hashes (the vocabulary's numbers are this run's only).
  const wordHash = new Uint32Array(vocabulary.size + 1);
  for (const [word, id] of vocabulary) wordHash[id] = hash32(word);
  const hashes = answers.map((_, a) => windowHashes(words.subarray(from[a], from[a + 1]), k, wordHash));
  return { findings, memory: memoryOf(answers.map(answerKey), hashes, findings, k) };
}


function sameWords(words: Int32Array, i: number, j: number, k: number): boolean {
  for (let x = 0; x < k; x++) if (words[i + x] !== words[j + x]) return false;
  return true;
}
