import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { lintCorpus, summarizeFile, type Config, type FileSummary } from '@genai-qa/core';
import { describe, expect, it } from 'vitest';
import { answersOf } from '../src/rules/duplicate-passage.js';
import { updated } from '../src/rules/duplicate-passage-memory.js';
import type { CorpusMemory } from '../src/lint.js';
import { parse } from './helpers.js';

/*
 * The corpus rules with a memory of the last run (what `lint --cache` keeps) redo only what
 * the changed questions touch. Whatever the edit, the findings must be those of a full run,
 * in the same order: checked on random corpora and random edits.
 */

interface Question {
  question: string;
  answer: string;
}
type Corpus = Question[][];

const toMarkdown = (questions: Question[]): string => questions.map((q, i) => `# ${i + 1}. ${q.question}\n\n${q.answer}\n`).join('\n');
const summaries = (corpus: Corpus): FileSummary[] => corpus.map((questions, f) => summarizeFile(parse(toMarkdown(questions), `part-${f}.md`)));

/** A store's memory as a cache file keeps it: through JSON. */
function jsonMemory(): CorpusMemory & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: (id) => (values.has(id) ? JSON.parse(values.get(id)!) : undefined),
    put: (id, value) => void values.set(id, JSON.stringify(value)),
  };
}

// Few words, so that passages and questions repeat; short passages count (minWords 4), and
// duplicate-question uses MinHash + LSH with small buckets whatever the corpus size.
const config: Config = {
  rules: {
    'duplicate-passage': { options: { minWords: 4 } },
    'duplicate-question': { options: { strategy: 'lsh' } },
  },
};
const word = fc.constantFrom('model', 'token', 'attention', 'layer', 'weights', 'the', 'loss', 'gradient', '`code`', 'data');
const words = (min: number, max: number) => fc.array(word, { minLength: min, maxLength: max }).map((w) => w.join(' '));
const question = fc.record({
  question: words(2, 5).map((w) => `What is ${w}?`),
  answer: fc.array(words(1, 14), { minLength: 1, maxLength: 3 }).map((p) => p.join('\n\n')),
});
const corpus = fc.array(fc.array(question, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 }).filter((c) => c.flat().length >= 8);

type Edit =
  | { kind: 'change'; at: number; to: Question }
  | { kind: 'insert'; at: number; file: number; to: Question }
  | { kind: 'delete'; at: number }
  | { kind: 'move'; at: number; file: number; to: number }
  | { kind: 'copy'; at: number; from: number };
const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('change' as const), at: fc.nat(), to: question }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), file: fc.nat(), to: question }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('move' as const), at: fc.nat(), file: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('copy' as const), at: fc.nat(), from: fc.nat() }),
);

/** The corpus after an edit; positions are taken modulo the sizes, so that every edit applies. */
function applyEdit(before: Corpus, e: Edit): Corpus {
  const c = before.map((f) => [...f]);
  const all = c.flatMap((f, file) => f.map((_, i) => [file, i] as const));
  const [file, i] = all[e.at % all.length]!;
  if (e.kind === 'change') c[file]![i] = e.to;
  else if (e.kind === 'insert') c[e.file % c.length]!.splice(e.at % (c[e.file % c.length]!.length + 1), 0, e.to);
  else if (e.kind === 'delete' && c[file]!.length > 1) c[file]!.splice(i, 1);
  else if (e.kind === 'move') {
    const [moved] = c[file]!.splice(i, 1);
    const target = c[e.file % c.length]!;
    target.splice(e.to % (target.length + 1), 0, moved!);
    if (c[file]!.length === 0) c[file]!.push(moved!);
  } else if (e.kind === 'copy') {
    const [from, j] = all[e.from % all.length]!;
    c[file]![i] = { ...c[file]![i]!, answer: `${c[file]![i]!.answer} ${c[from]![j]!.answer}` };
  }
  return c;
}

describe('corpus rules with the memory of the last run', () => {
  it('after random edits, give exactly the findings of a full run (a fresh seed every run)', () => {
    const seed = process.env.GENAI_QA_SEED ? Number(process.env.GENAI_QA_SEED) : Math.floor(Math.random() * 2 ** 31);
    console.log(`corpus memory: seed ${seed} (replay: GENAI_QA_SEED=${seed} npx vitest run packages/core/test/corpus-memory.test.ts)`);
    let incremental = 0;
    let edits = 0;
    const found = new Map<string, number>();
    const same = (start: Corpus, steps: Edit[][]): boolean => {
      const memory = jsonMemory();
      let current = start;
      const first = summaries(current);
      expect(lintCorpus(first, { config, memory })).toEqual(lintCorpus(first, { config }));
      for (const step of steps) {
        current = step.reduce(applyEdit, current);
        const after = summaries(current);
        const previous = memory.get('duplicate-passage');
        edits++;
        if (updated(answersOf(after), 4, previous)) incremental++;
        const full = lintCorpus(after, { config });
        for (const d of full) found.set(d.ruleId, (found.get(d.ruleId) ?? 0) + 1);
        const remembered = lintCorpus(after, { config, memory });
        if (JSON.stringify(remembered) !== JSON.stringify(full)) return false;
      }
      return true;
    };
    const details = fc.check(fc.property(corpus, fc.array(fc.array(edit, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 3 }), same), { numRuns: 300, seed });
    if (details.failed) {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-memory-')), `seed-${seed}.json`);
      fs.writeFileSync(file, `${JSON.stringify(details.counterexample, null, 2)}\n`);
      console.log(`corpus memory: seed ${seed} failed; the corpus and edits are in ${file}`);
      throw new Error(`seed ${seed}: ${String(details.errorInstance ?? 'findings differ')} (corpus and edits in ${file})`);
    }
    // Most edits are small enough to be redone alone: the property is about that path.
    expect(incremental).toBeGreaterThan(edits / 2);
    // And the corpora have findings of both rules to get right.
    expect(found.get('duplicate-passage')).toBeGreaterThan(edits / 4);
    expect(found.get('duplicate-question')).toBeGreaterThan(edits / 10);
    console.log(`corpus memory: ${edits} edits, ${incremental} redone incrementally; findings ${JSON.stringify(Object.fromEntries(found))}`);
  }, 120_000);

  it('ignores a memory it cannot use (foreign, of other options, tampered)', () => {
    const files = summaries([
      [
        { question: 'What is attention?', answer: 'the model weights the data of every token layer' },
        { question: 'What is a token?', answer: 'It is the model weights the data of every token in a text.' },
      ],
    ]);
    const full = lintCorpus(files, { config });
    expect(full.filter((d) => d.ruleId === 'duplicate-passage')).toHaveLength(1);
    const memory = jsonMemory();
    lintCorpus(files, { config, memory });
    const kept = JSON.parse(memory.values.get('duplicate-passage')!);
    for (const bad of [null, 'x', { ...kept, minWords: 5 }, { ...kept, windows: 'AAAA' }, { ...kept, findings: [[[7, 4, 0, 0]], []] }]) {
      memory.values.set('duplicate-passage', JSON.stringify(bad));
      expect(lintCorpus(files, { config, memory })).toEqual(full);
    }
    const question = JSON.parse(memory.values.get('duplicate-question')!);
    expect(question.texts).toEqual(['What is attention?', 'What is a token?']);
    expect(question.terms).toEqual(['attent', 'token']);
    for (const bad of [[], { ...question, lsh: '{}' }, { ...question, bands: 'AAAA' }, { ...question, terms: [1] }]) {
      memory.values.set('duplicate-question', JSON.stringify(bad));
      expect(lintCorpus(files, { config, memory })).toEqual(full);
    }
  });
});
