import type { FileSummary, QuestionSummary } from '../extract.js';
import { defineRule } from '../rule.js';
import { lshCandidates } from '../similarity.js';
import { containment, jaccard, shingles, terms } from '../text.js';

export interface DuplicateQuestionOptions {
  questionThreshold: number;
  answerThreshold: number;
  identicalThreshold: number;
  shingleSize: number;
  strategy: 'auto' | 'exhaustive' | 'lsh';
  exhaustiveLimit: number;
}

interface Entry {
  file: FileSummary;
  question: QuestionSummary;
  questionTerms: Set<string>;
  /** Computed on first use: only candidate pairs need the answers. */
  answerShingles?: Set<string>;
}

/**
 * Two questions that ask the same thing split a learner's reviews and drift apart over
 * time. Questions compare by their topic terms (stop words dropped, Porter-stemmed), answers
 * by containment of their prose's term shingles, so rewording ("How can X be prevented?" /
 * "What are some ways to prevent X?") does not hide a duplicate, while related questions
 * ("What is X?" / "How to prevent X?") whose answers differ are not flagged. Code and math
 * are left out of the answers: two answers that show the same formula or snippet do not make
 * their questions the same. Both thresholds must be met, or the questions must be
 * near-identical. Large corpora use MinHash + LSH to find candidates, so the cost grows
 * about linearly with the number of questions.
 */
export default defineRule<DuplicateQuestionOptions>({
  scope: 'corpus',
  meta: {
    id: 'duplicate-question',
    description: 'No two questions ask the same thing.',
    severity: 'error',
    fixable: false,
    defaultOptions: {
      questionThreshold: 0.6,
      answerThreshold: 0.5,
      identicalThreshold: 0.95,
      shingleSize: 3,
      strategy: 'auto',
      exhaustiveLimit: 1000,
    },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        questionThreshold: { type: 'number', minimum: 0, maximum: 1, description: 'Minimum Jaccard similarity of the questions’ terms.' },
        answerThreshold: { type: 'number', minimum: 0, maximum: 1, description: 'Minimum containment of the answers’ term shingles.' },
        identicalThreshold: { type: 'number', minimum: 0, maximum: 1, description: 'Question similarity that is a duplicate whatever the answers say.' },
        shingleSize: { type: 'integer', minimum: 1, maximum: 8, description: 'Words per answer shingle.' },
        strategy: { type: 'string', enum: ['auto', 'exhaustive', 'lsh'], description: 'Compare all pairs, use MinHash + LSH, or choose by corpus size.' },
        exhaustiveLimit: { type: 'integer', minimum: 0, description: 'With strategy "auto", corpora up to this many questions compare all pairs.' },
      },
    },
  },
  check({ files, options, report }) {
    const entries: Entry[] = files.flatMap((file) =>
      file.questions.map((question) => ({
        file,
        question,
        questionTerms: new Set(terms(question.question)),
      })),
    );
    const exhaustive =
      options.strategy === 'exhaustive' || (options.strategy === 'auto' && entries.length <= options.exhaustiveLimit);
    const pairs: Iterable<[number, number]> = exhaustive ? allPairs(entries.length) : candidatePairs(entries);
    const found: Array<[number, number, number, number]> = [];
    for (const [i, j] of pairs) {
      const a = entries[i]!;
      const b = entries[j]!;
      if (a.question.id === b.question.id && a.question.idExplicit && b.question.idExplicit) continue;
      const q = jaccard(a.questionTerms, b.questionTerms);
      if (q < Math.min(options.questionThreshold, options.identicalThreshold)) continue;
      a.answerShingles ??= shingles(terms(a.question.prose), options.shingleSize);
      b.answerShingles ??= shingles(terms(b.question.prose), options.shingleSize);
      const ans = containment(a.answerShingles, b.answerShingles);
      if (q >= options.identicalThreshold || (q >= options.questionThreshold && ans >= options.answerThreshold)) {
        found.push([i, j, q, ans]);
      }
    }
    found.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    for (const [i, j, q, ans] of found) {
      const first = entries[i]!;
      const later = entries[j]!;
      const heading = later.question.heading.position!;
      report({
        file: later.file,
        message:
          `Question ${later.question.number} "${later.question.question}" duplicates question ${first.question.number} ` +
          `"${first.question.question}" (questions ${percent(q)} similar, answers ${percent(ans)} overlapping); merge them`,
        line: heading.start.line,
        column: heading.start.column,
        endLine: heading.end.line,
        endColumn: heading.end.column,
        related: [
          {
            file: first.file.source.path,
            line: first.question.line,
            column: first.question.heading.position!.start.column,
            message: `question ${first.question.number}`,
          },
        ],
      });
    }
  },
});

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/**
 * Candidates for large corpora, linear in the corpus: questions with the same terms pair
 * with the first of them (never all with all), and one question per distinct term set goes
 * into MinHash + LSH for the near-identical ones. Pairs are yielded, not collected: a large
 * templated corpus has millions of candidates, and each is checked once.
 */
function* candidatePairs(entries: readonly Entry[]): Generator<[number, number]> {
  const firstWithTerms = new Map<string, number>();
  const representatives: number[] = [];
  for (const [index, entry] of entries.entries()) {
    const key = [...entry.questionTerms].sort().join(' ');
    const first = firstWithTerms.get(key);
    if (first === undefined) {
      firstWithTerms.set(key, index);
      representatives.push(index);
    } else {
      yield [first, index];
    }
  }
  firstWithTerms.clear();
  for (const [a, b] of lshCandidates(representatives.map((i) => entries[i]!.questionTerms))) {
    yield [representatives[a]!, representatives[b]!];
  }
}

function* allPairs(n: number): Generator<[number, number]> {
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) yield [i, j];
}
