import type { FileSummary, QuestionSummary } from '../extract.js';
import { maskRanges } from '../literals.js';
import { defineRule } from '../rule.js';
import { pointAt } from '../source.js';
import { WORD } from '../text.js';

interface Answer {
  file: FileSummary;
  question: QuestionSummary;
  /** Its words are words[from … to) of the whole corpus. */
  from: number;
  to: number;
  /** Offset of the answer's text in its file. */
  start: number;
}

/** The answer's source, its code and math blanked out (offsets kept): the words compared. */
function answerWords(file: FileSummary, question: QuestionSummary, start: number): string {
  return maskRanges(file.source.text, start, question.nodes.at(-1)!.position!.end.offset!, question.literals);
}

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

/** Offset in its file of word number `word` of the corpus (found again: only reported words need it). */
function wordOffset(answer: Answer, word: number): number {
  let n = answer.from;
  for (const m of answerWords(answer.file, answer.question, answer.start).matchAll(WORD)) {
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
  check({ files, options, report }) {
    const k = options.minWords;
    // Words become small integers (one Map lookup per word), so a window is hashed by rolling
    // over integers and compared without touching strings. All answers' words sit in one
    // typed array, with their offsets in the file.
    const vocabulary = new Map<string, number>();
    const ids = new Int32List();
    const answers: Answer[] = [];
    let windows = 0;
    for (const file of files) {
      for (const question of file.questions) {
        const first = question.nodes[0];
        const last = question.nodes.at(-1);
        if (!first || !last) continue;
        const start = first.position!.start.offset!;
        const from = ids.length;
        for (const m of answerWords(file, question, start).matchAll(WORD)) {
          const word = m[0].toLowerCase();
          let id = vocabulary.get(word);
          if (id === undefined) vocabulary.set(word, (id = vocabulary.size + 1));
          ids.push(id);
        }
        answers.push({ file, question, from, to: ids.length, start });
        if (ids.length - from >= k) windows += ids.length - from - k + 1;
      }
    }
    const words = ids.data;
    // Which answer a word belongs to: answers hold consecutive ranges of words.
    const ownerOf = (word: number): number => {
      let lo = 0;
      let hi = answers.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (answers[mid]!.from <= word) lo = mid;
        else hi = mid - 1;
      }
      return lo;
    };
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
    // B^(k−1) mod 2^32, to take the oldest word out of the rolling hash.
    let top = 1;
    for (let x = 1; x < k; x++) top = Math.imul(top, BASE);
    answers.forEach((answer, a) => {
      const best = new Map<number, { length: number; at: number; otherAt: number }>();
      const end = answer.to;
      if (end - answer.from < k) return;
      let h = 0;
      for (let x = answer.from; x < answer.from + k; x++) h = (Math.imul(h, BASE) + words[x]!) >>> 0;
      let i = answer.from;
      while (i + k <= end) {
        const slot = lookup(h, i);
        const j = firstAt[slot]!;
        let skip = 1;
        if (j === -1) {
          firstAt[slot] = i;
        } else if (ownerOf(j) !== a) {
          const o = ownerOf(j);
          const otherEnd = answers[o]!.to;
          let length = k;
          while (i + length < end && j + length < otherEnd && words[i + length] === words[j + length]) length++;
          const current = best.get(o);
          if (!current || length > current.length) best.set(o, { length, at: i, otherAt: j });
          skip = length - k + 1;
        }
        let moved = 0;
        for (; moved < skip && i + k < end; moved++, i++) h = (Math.imul((h - Math.imul(words[i]!, top)) >>> 0, BASE) + words[i + k]!) >>> 0;
        if (moved < skip) break;
      }
      for (const [o, match] of [...best].sort((x, y) => x[0] - y[0])) {
        const other = answers[o]!;
        const from = pointAt(answer.file.lineStarts, wordOffset(answer, match.at));
        const to = pointAt(answer.file.lineStarts, wordEnd(answer.file.source.text, wordOffset(answer, match.at + match.length - 1)));
        const origin = pointAt(other.file.lineStarts, wordOffset(other, match.otherAt));
        report({
          file: answer.file,
          message:
            `Answer to question ${answer.question.number} repeats a ${match.length}-word passage from the answer to question ` +
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

const BASE = 0x01000193;

function sameWords(words: Int32Array, i: number, j: number, k: number): boolean {
  for (let x = 0; x < k; x++) if (words[i + x] !== words[j + x]) return false;
  return true;
}
