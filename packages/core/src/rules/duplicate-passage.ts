import type { ExtractedQuestion, ParsedFile } from '../extract.js';
import { defineRule } from '../rule.js';
import { pointAt } from '../source.js';
import { hash32, wordsWithOffsets } from '../text.js';

interface Answer {
  file: ParsedFile;
  question: ExtractedQuestion;
  words: string[];
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
    const answers: Answer[] = [];
    for (const file of files) {
      const text = file.source.text;
      for (const question of file.questions) {
        const first = question.nodes[0];
        const last = question.nodes.at(-1);
        if (!first || !last) continue;
        const start = first.position!.start.offset!;
        const found = wordsWithOffsets(text.slice(start, last.position!.end.offset!));
        answers.push({
          file,
          question,
          words: found.map((w) => w.word),
          offsets: found.map((w) => start + w.offset),
          ends: found.map((w) => start + w.offset + w.word.length),
        });
      }
    }
    // First occurrence of each window hash: [answer index, word index].
    const firstSeen = new Map<number, number>();
    const STRIDE = 0x200000; // word positions per answer stay below 2^21
    answers.forEach((answer, a) => {
      const best = new Map<number, { length: number; at: number; otherAt: number }>();
      let i = 0;
      const n = answer.words.length;
      while (i + k <= n) {
        const h = windowHash(answer.words, i, k);
        const seen = firstSeen.get(h);
        if (seen !== undefined && Math.floor(seen / STRIDE) !== a) {
          const other = answers[Math.floor(seen / STRIDE)]!;
          const j = seen % STRIDE;
          if (sameWords(answer.words, i, other.words, j, k)) {
            let length = k;
            while (i + length < n && j + length < other.words.length && answer.words[i + length] === other.words[j + length]) length++;
            const o = Math.floor(seen / STRIDE);
            const current = best.get(o);
            if (!current || length > current.length) best.set(o, { length, at: i, otherAt: j });
            i += length - k + 1;
            continue;
          }
        }
        if (seen === undefined && i < STRIDE) firstSeen.set(h, a * STRIDE + i);
        i++;
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

function windowHash(words: string[], start: number, k: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < start + k; i++) h = hash32(words[i]!, h ^ 0x20);
  return h;
}

function sameWords(a: string[], i: number, b: string[], j: number, k: number): boolean {
  for (let x = 0; x < k; x++) if (a[i + x] !== b[j + x]) return false;
  return true;
}
