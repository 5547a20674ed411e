import type { Corpus, Question } from './model.js';

export type Bump = 'none' | 'patch' | 'minor' | 'major';

export const BUMP_ORDER: readonly Bump[] = ['none', 'patch', 'minor', 'major'];

export interface Change {
  kind: 'removed' | 'added' | 'edited' | 'collection';
  bump: Exclude<Bump, 'none'>;
  id?: string;
  /** What changed, for people: "removed", "answer, tags", "title". */
  detail: string;
}

export interface CorpusDiff {
  bump: Bump;
  changes: Change[];
}

// Every field of a question but its id (the key). Lists compare element by element.
const FIELDS: ReadonlyArray<[string, (q: Question) => unknown]> = [
  ['question', (q) => q.question],
  ['answer', (q) => q.answer.markdown],
  ['tags', (q) => JSON.stringify(q.tags)],
  ['number', (q) => q.number],
  ['section', (q) => JSON.stringify(q.section ?? [])],
  ['difficulty', (q) => q.difficulty ?? ''],
  ['sources', (q) => JSON.stringify(q.sources ?? [])],
  ['source', (q) => q.source.file],
];

/**
 * What changed between two releases of the dataset, and the semver bump it needs for
 * consumers of @genai-qa/data: a removed id breaks lookups (major), a new question is new
 * data (minor), an edited question keeps every id (patch). Edits are any field of a
 * question: its text, answer, tags, number, section path, difficulty, source links or file.
 * Setting, changing or dropping `section`, `difficulty` or `sources` is an edit (patch): the
 * fields are optional in the schema, so a consumer already reads questions without them.
 */
export function diffCorpora(before: Corpus, after: Corpus): CorpusDiff {
  const changes: Change[] = [];
  const old = new Map(before.questions.map((q) => [q.id, q]));
  const now = new Map(after.questions.map((q) => [q.id, q]));
  for (const [id, q] of old) {
    if (!now.has(id)) changes.push({ kind: 'removed', bump: 'major', id, detail: `removed (was question ${q.number}: "${q.question}")` });
  }
  for (const [id, q] of now) {
    const was = old.get(id);
    if (!was) {
      changes.push({ kind: 'added', bump: 'minor', id, detail: `added (question ${q.number}: "${q.question}")` });
      continue;
    }
    const edited = FIELDS.filter(([, get]) => get(was) !== get(q)).map(([name]) => name);
    if (edited.length > 0) changes.push({ kind: 'edited', bump: 'patch', id, detail: `edited: ${edited.join(', ')}` });
  }
  for (const key of ['title', 'description'] as const) {
    if (before[key] !== after[key]) changes.push({ kind: 'collection', bump: 'patch', detail: `collection ${key} edited` });
  }
  const bump = changes.reduce<Bump>((max, c) => (BUMP_ORDER.indexOf(c.bump) > BUMP_ORDER.indexOf(max) ? c.bump : max), 'none');
  return { bump, changes };
}
