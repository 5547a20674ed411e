import type { ExtractedQuestion, ParsedFile } from '../extract.js';
import { defineRule } from '../rule.js';
import { pointAt } from '../source.js';
import { WORD } from '../text.js';

interface Answer {
  file: ParsedFile;
  question: ExtractedQuestion;
  words: Int32Array;
  offsets: number[];
  ends: number[];
}

/**
 * An answer that copies a long passage of another answer (a whole sentence, a list of
 * items) makes learners study the same text twice and lets the copies drift apart. A
 * passage is a run of at least `minWords` identical consecutive words (case and
 * punctuation ignored). Every window of `minWords` words is hashed once, so the cost
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
    // over integers and compared without touching strings.
    const vocabulary = new Map<string, number>();
    const answers: Answer[] = [];
    let windows = 0;
    for (const file of files) {
      const text = file.source.text;
      for (const question of file.questions) {
        const first = question.nodes[0];
        const last = question.nodes.at(-1);
        if (!first || !last) continue;
        const start = first.position!.start.offset!;
        const ids: number[] = [];
        const offsets: number[] = [];
        const ends: number[] = [];
        for (const m of text.slice(start, last.position!.end.offset!).matchAll(WORD)) {
          const word = m[0].toLowerCase();
          let id = vocabulary.get(word);
          if (id === undefined) vocabulary.set(word, (id = vocabulary.size + 1));
          ids.push(id);
          offsets.push(start + m.index);
          ends.push(start + m.index + m[0].length);
        }
        answers.push({ file, question, words: Int32Array.from(ids), offsets, ends });
        if (ids.length >= k) windows += ids.length - k + 1;
      }
    }
    // First occurrence of each window hash, in an open-addressing table of typed arrays
    // (a Map of a million numbers costs ten times the memory and most of the time).
    let capacity = 1024;
    while (capacity < windows * 2) capacity *= 2;
    const mask = capacity - 1;
    const keys = new Uint32Array(capacity);
    const firstAnswer = new Int32Array(capacity).fill(-1);
    const firstWord = new Int32Array(capacity);
    const lookup = (h: number): number => {
      let slot = (Math.imul(h, 0x9e3779b1) >>> 0) & mask;
      while (firstAnswer[slot] !== -1 && keys[slot] !== h) slot = (slot + 1) & mask;
      return slot;
    };
    // B^(k−1) mod 2^32, to take the oldest word out of the rolling hash.
    let top = 1;
    for (let x = 1; x < k; x++) top = Math.imul(top, BASE);
    answers.forEach((answer, a) => {
      const best = new Map<number, { length: number; at: number; otherAt: number }>();
      const words = answer.words;
      const n = words.length;
      if (n < k) return;
      let h = 0;
      for (let x = 0; x < k; x++) h = (Math.imul(h, BASE) + words[x]!) >>> 0;
      let i = 0;
      while (i + k <= n) {
        const slot = lookup(h);
        const o = firstAnswer[slot]!;
        let skip = 1;
        if (o !== -1 && o !== a) {
          const other = answers[o]!;
          const j = firstWord[slot]!;
          if (sameWords(words, i, other.words, j, k)) {
            let length = k;
            while (i + length < n && j + length < other.words.length && words[i + length] === other.words[j + length]) length++;
            const current = best.get(o);
            if (!current || length > current.length) best.set(o, { length, at: i, otherAt: j });
            skip = length - k + 1;
          }
        } else if (o === -1) {
          keys[slot] = h;
          firstAnswer[slot] = a;
          firstWord[slot] = i;
        }
        let moved = 0;
        for (; moved < skip && i + k < n; moved++, i++) h = (Math.imul((h - Math.imul(words[i]!, top)) >>> 0, BASE) + words[i + k]!) >>> 0;
        if (moved < skip) break;
      }
      for (const [o, match] of [...best].sort((x, y) => x[0] - y[0])) {
        const other = answers[o]!;
        const from = pointAt(answer.file.lineStarts, answer.offsets[match.at]!);
        const to = pointAt(answer.file.lineStarts, answer.ends[match.at + match.length - 1]!);
        const origin = pointAt(other.file.lineStarts, other.offsets[match.otherAt]!);
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

function sameWords(a: Int32Array, i: number, b: Int32Array, j: number, k: number): boolean {
  for (let x = 0; x < k; x++) if (a[i + x] !== b[j + x]) return false;
  return true;
}
