import type { FileSummary, QuestionSummary } from '../extract.js';
import { defineRule } from '../rule.js';
import { bandCandidates, bandKeys, DEFAULT_LSH } from '../similarity.js';
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
  /** Its question's terms, sorted, joined by spaces: questions with the same key have the same terms. */
  key: string;
  /** Its question's terms as a set, made on first use (bandsOf, candidate pairs): most entries need none after an edit. */
  questionTerms: Set<string> | undefined;
  /** Computed on first use: only candidate pairs need the answers. */
  answerShingles: Set<string> | undefined;
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
  check({ files, options, report, previous, keep }) {
    const questions = files.flatMap((file) => file.questions.map((question) => ({ file, question })));
    const exhaustive =
      options.strategy === 'exhaustive' || (options.strategy === 'auto' && questions.length <= options.exhaustiveLimit);
    // With a store (and MinHash + LSH), each question's terms and each term set's band keys
    // come from the last run where the question text is the same.
    const memo = keep && !exhaustive ? readMemory(previous) : undefined;
    const termsOf = (text: string): string => memo?.terms.get(text) ?? [...new Set(terms(text))].sort().join(' ');
    const entries: Entry[] = questions.map(({ file, question }) => {
      const key = termsOf(question.question);
      return { file, question, key, questionTerms: undefined, answerShingles: undefined };
    });
    const bands = new Map<string, Uint32Array>();
    const bandsOf = (entry: Entry): Uint32Array => {
      let found = bands.get(entry.key) ?? memo?.bands.get(entry.key);
      if (!found) found = bandKeys(termSet(entry));
      bands.set(entry.key, found);
      return found;
    };
    const pairs: Iterable<[number, number]> = exhaustive ? allPairs(entries.length) : candidatePairs(entries, bandsOf);
    const found: Array<[number, number, number, number]> = [];
    for (const [i, j] of pairs) {
      const a = entries[i]!;
      const b = entries[j]!;
      if (a.question.id === b.question.id && a.question.idExplicit && b.question.idExplicit) continue;
      const q = jaccard(termSet(a), termSet(b));
      if (q < Math.min(options.questionThreshold, options.identicalThreshold)) continue;
      a.answerShingles ??= shingles(terms(a.question.prose), options.shingleSize);
      b.answerShingles ??= shingles(terms(b.question.prose), options.shingleSize);
      const ans = containment(a.answerShingles, b.answerShingles);
      if (q >= options.identicalThreshold || (q >= options.questionThreshold && ans >= options.answerThreshold)) {
        found.push([i, j, q, ans]);
      }
    }
    found.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    if (keep && !exhaustive) keep(memoryOf(entries, bands));
    // Each question is reported once, against the first question it duplicates: five copies
    // of a question make four findings, not ten (nor, repeated 200 times, 19,900).
    const reported = new Set<number>();
    for (const [i, j, q, ans] of found) {
      if (reported.has(j)) continue;
      reported.add(j);
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

/** An entry's question terms as a set (its key split; an empty key has none). */
function termSet(entry: Entry): Set<string> {
  return (entry.questionTerms ??= new Set(entry.key === '' ? [] : entry.key.split(' ')));
}

function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/**
 * Candidates for large corpora, linear in the corpus: questions with the same terms pair
 * with the first of them (never all with all), and one question per distinct term set goes
 * into MinHash + LSH for the near-identical ones. Pairs are yielded, not collected: a large
 * templated corpus has millions of candidates, and each is checked once.
 */
function* candidatePairs(entries: readonly Entry[], bandsOf: (entry: Entry) => Uint32Array): Generator<[number, number]> {
  const firstWithTerms = new Map<string, number>();
  const representatives: number[] = [];
  for (const [index, entry] of entries.entries()) {
    const first = firstWithTerms.get(entry.key);
    if (first === undefined) {
      firstWithTerms.set(entry.key, index);
      representatives.push(index);
    } else {
      yield [first, index];
    }
  }
  firstWithTerms.clear();
  const keys = representatives.map((i) => (entries[i]!.key === '' ? undefined : bandsOf(entries[i]!)));
  for (const [a, b] of bandCandidates(keys)) {
    yield [representatives[a]!, representatives[b]!];
  }
}

/** What a run keeps: each question text's terms, and each term set's band keys (base64 of a Uint32Array, this machine's byte order). */
interface QuestionMemory {
  version: 1;
  /** The LSH parameters the band keys are for. */
  lsh: string;
  texts: string[];
  terms: string[];
  sets: string[];
  bands: string;
}

const LSH = JSON.stringify(DEFAULT_LSH);

function memoryOf(entries: readonly Entry[], bands: ReadonlyMap<string, Uint32Array>): QuestionMemory {
  const texts = new Map<string, string>();
  for (const e of entries) texts.set(e.question.question, e.key);
  const sets = [...bands.keys()];
  const all = new Uint32Array(sets.length * DEFAULT_LSH.bands);
  sets.forEach((set, i) => all.set(bands.get(set)!, i * DEFAULT_LSH.bands));
  return { version: 1, lsh: LSH, texts: [...texts.keys()], terms: [...texts.values()], sets, bands: Buffer.from(all.buffer).toString('base64') };
}

/** The kept memory, when it is one this rule can use (it comes from a cache file). */
function readMemory(value: unknown): { terms: Map<string, string>; bands: Map<string, Uint32Array> } | undefined {
  const m = value as QuestionMemory;
  if (typeof m !== 'object' || m === null || m.version !== 1 || m.lsh !== LSH || typeof m.bands !== 'string') return undefined;
  if (![m.texts, m.terms, m.sets].every((list) => Array.isArray(list) && list.every((x) => typeof x === 'string')) || m.texts.length !== m.terms.length) return undefined;
  const bytes = Buffer.from(m.bands, 'base64');
  const width = DEFAULT_LSH.bands;
  if (bytes.length !== m.sets.length * width * 4) return undefined;
  const all = new Uint32Array(m.sets.length * width);
  new Uint8Array(all.buffer).set(bytes);
  return {
    terms: new Map(m.texts.map((text, i) => [text, m.terms[i]!])),
    bands: new Map(m.sets.map((set, i) => [set, all.subarray(i * width, (i + 1) * width)])),
  };
}

function* allPairs(n: number): Generator<[number, number]> {
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) yield [i, j];
}
