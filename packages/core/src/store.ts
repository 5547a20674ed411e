import { createHash } from 'node:crypto';
import { Ajv, type ValidateFunction } from 'ajv';
import type { FromSchema } from 'json-schema-to-ts';
import type { FileSummary } from './extract.js';
import { lintReportSchema, type LintReport } from './report-schema.js';
import type { Diagnostic } from './rule.js';

export type { Diagnostic };
export { entryHolds, type EntryKey } from './store-validity.js';

/*
 * What a LintSession keeps between runs, and the schemas that check it when it comes back
 * (a cache file is input like any other: a tampered or foreign one is ignored, never an
 * error). This module loads neither the parser nor the rules: the warm path of
 * `lint --cache` checks a cache file with it before the engine is loaded.
 */

const point = { type: 'object', required: ['line', 'column'], properties: integers('line', 'column', 'offset') } as const;
const position = { type: 'object', required: ['start', 'end'], properties: { start: point, end: point } } as const;

const located = { type: 'object', properties: { position } } as const;

const strings = { type: 'array', items: { type: 'string' } } as const;

/** `{ name: { type: 'integer' } }` for each name. */
function integers(...names: string[]): Record<string, { type: 'integer' }> {
  return Object.fromEntries(names.map((name) => [name, { type: 'integer' }]));
}

/** A diagnostic as stored: the report's item, with the safe fix. */
export const storedDiagnosticSchema = {
  ...lintReportSchema.items,
  properties: {
    ...lintReportSchema.items.properties,
    fix: {
      type: 'object',
      additionalProperties: false,
      required: ['range', 'text'],
      properties: { range: { type: 'array', minItems: 2, maxItems: 2, items: { type: 'integer', minimum: 0 } }, text: { type: 'string' } },
    },
  },
} as const;

/** A genai-qa comment of a summary (directives.ts Directive), its node left unchecked. */
const directive = {
  type: 'object',
  required: ['kind', 'rules', 'attributes', 'problems', 'line', 'column', 'endLine', 'startOffset', 'endOffset'],
  properties: {
    kind: { type: 'string', enum: ['metadata', 'disable', 'enable', 'disable-next-line', 'disable-question'] },
    rules: strings,
    attributes: { type: 'object', additionalProperties: { type: 'string' } },
    problems: strings,
    ...integers('line', 'column', 'endLine', 'startOffset', 'endOffset'),
  },
} as const;

/**
 * What the corpus rules and suppression comments read of a file (extract.ts FileSummary),
 * without its source (the caller has the text the hash was made of). Fields other
 * engineers' rules may add to a summary are kept as they are.
 */
export const storedSummarySchema = {
  type: 'object',
  required: ['relativePath', 'lineStarts', 'questions', 'directives', 'bodyLine', 'skipped'],
  properties: {
    relativePath: { type: 'string' },
    lineStarts: { type: 'array', items: { type: 'integer', minimum: 0 } },
    bodyLine: { type: 'integer', minimum: 1 },
    skipped: { type: 'boolean' },
    directives: { type: 'array', items: directive },
    questions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'idExplicit', 'number', 'question', 'line', 'endLine', 'text', 'heading', 'nodes'],
        properties: {
          ...Object.fromEntries(['id', 'question', 'text'].map((key) => [key, { type: 'string' }])),
          idExplicit: { type: 'boolean' },
          number: { type: 'number' },
          ...integers('line', 'endLine'),
          heading: located,
          nodes: { type: 'array', items: located },
        },
      },
    },
  },
} as const;

/** One file's entry: valid while the file's hash and the host's answers are the same. */
export const storedFileSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['hash', 'host', 'diagnostics', 'summary'],
  properties: {
    hash: { type: 'string' },
    /** Every path the file rules asked the host about, and the real path it had (null: missing). */
    host: { type: 'array', items: { type: 'array', minItems: 2, maxItems: 2, items: [{ type: 'string' }, { type: ['string', 'null'] }] } },
    diagnostics: { type: 'array', items: storedDiagnosticSchema },
    summary: storedSummarySchema,
    /** The keys of the file's per-question entries (large files only). */
    segments: { type: 'array', items: { type: 'string' } },
  },
} as const;

/** The question rules' findings on one segment of a file (question-cache.ts), relative to it. */
export const storedQuestionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['diagnostics'],
  properties: {
    diagnostics: { type: 'array', items: storedDiagnosticSchema },
  },
} as const;

export type StoredDiagnostic = FromSchema<typeof storedDiagnosticSchema>;

/** A segment's entry: lines relative to the segment's first line, offsets to its start. */
export interface StoredQuestion {
  diagnostics: Diagnostic[];
}

/**
 * A file's entry. The summary is typed by extract.ts's FileSummary (less its source), which
 * the schema above checks the parts of that the engine reads.
 */
export interface StoredFile {
  hash: string;
  host: Array<[string, string | null]>;
  diagnostics: Diagnostic[];
  summary: StoredSummary;
  /** The keys of the file's per-question entries (large files only: question-cache.ts). */
  segments?: string[];
}

export type StoredSummary = Omit<FileSummary, 'source'>;

/**
 * Where a LintSession keeps results between runs (`lint --cache` and the language server
 * give it the cache file's; see packages/cli/src/lint-cache-file.ts). The store is made for
 * one configuration, rule set and engine version: the caller keys it by them.
 */
export interface LintStore {
  /**
   * The entry last put for this path (as shown), if any, and if its hash is `hash` when that
   * is given (a store may then leave the rest of a stale entry unread); the session checks
   * that it is valid.
   */
  getFile(path: string, hash?: string): StoredFile | undefined;
  putFile(path: string, entry: StoredFile): void;
  /** The corpus rules' diagnostics last put under this key (a hash of every file's path and hash). */
  getCorpus(key: string): Diagnostic[] | undefined;
  putCorpus(key: string, diagnostics: Diagnostic[]): void;
  /** A segment's entry (question-cache.ts), by a hash of its text and of the file around it. */
  getQuestion(key: string): StoredQuestion | undefined;
  putQuestion(key: string, entry: StoredQuestion): void;
  /**
   * What a corpus rule kept for its next run (CorpusContext's `keep`: the duplicate rules
   * redo only what changed questions touch), by rule id. A store without these keeps none.
   */
  getMemory?(ruleId: string): unknown;
  putMemory?(ruleId: string, value: unknown): void;
}

const validators = new Map<object, ValidateFunction>();
let ajv: Ajv | undefined;

/** Validates with a schema compiled once (one Ajv for all; the schemas are ours, not checked against the meta-schema). */
function check(schema: object, value: unknown): boolean {
  let validate = validators.get(schema);
  if (!validate) {
    ajv ??= new Ajv({ strict: true, strictTuples: false, allowUnionTypes: true, validateSchema: false, addUsedSchema: false });
    validate = ajv.compile(schema);
    validators.set(schema, validate);
  }
  return validate(value);
}

/** Whether a value is a stored file entry (see storedFileSchema). */
export function isStoredFile(value: unknown): value is StoredFile {
  return check(storedFileSchema, value);
}

// The head's schema has no summary (one is out of place in a head): compiling the summary's
// schema costs about 50 ms, and a run after an edit reads no summary (isStoredFile checks one
// when it is read).
const { summary: _summary, ...headProperties } = storedFileSchema.properties;
const storedFileHeadSchema = { ...storedFileSchema, required: ['hash', 'host', 'diagnostics'], properties: headProperties } as const;

/** Whether a value is a stored file entry but for its summary, which it must not hold (a cache file keeps summaries apart and reads them when needed). */
export function isStoredFileHead(value: unknown): value is Omit<StoredFile, 'summary'> {
  return check(storedFileHeadSchema, value);
}

/** Whether a value is a segment's entry (see storedQuestionSchema). */
export function isStoredQuestion(value: unknown): value is StoredQuestion {
  return check(storedQuestionSchema, value);
}

/** Whether a value is a list of stored diagnostics. */
export function isStoredDiagnostics(value: unknown): value is Diagnostic[] {
  return check(storedDiagnosticsSchema, value);
}

const storedDiagnosticsSchema = { type: 'array', items: storedDiagnosticSchema } as const;

/** Whether a value is a lint report as `--format json` prints it (schemas/lint-report.schema.json). */
export function isLintReport(value: unknown): value is LintReport {
  return check(lintReportSchema, value);
}

/** The key of the corpus rules' results: every file's path and hash, in order. */
export function corpusKey(files: ReadonlyArray<{ path: string; hash: string }>): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(`${f.path}\0${f.hash}\n`);
  return hash.digest('hex');
}

/**
 * Sorts diagnostics as lint reports them: by file (in the order of `paths`, the files'
 * `source.path`), line, column, then rule (in the order of `rules`: the engine's, or the one
 * a cache file was written with). The sort is stable, so diagnostics that tie keep the order
 * they come in. Returns the array, sorted in place. (lint.ts's sortDiagnostics gives it the
 * engine's rule order.)
 */
export function sortDiagnosticsBy(diagnostics: Diagnostic[], paths: readonly string[], rules: readonly string[]): Diagnostic[] {
  const fileOrder = new Map(paths.map((p, i) => [p, i]));
  const ruleOrder = new Map(rules.map((r, i) => [r, i]));
  return diagnostics.sort(
    (a, b) =>
      fileOrder.get(a.file)! - fileOrder.get(b.file)! || a.line - b.line || a.column - b.column || ruleOrder.get(a.ruleId)! - ruleOrder.get(b.ruleId)!,
  );
}
