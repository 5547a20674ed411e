import type { Node } from 'unist';
import type { FileSummary, ParsedFile } from './extract.js';
import type { ReportedDiagnostic } from './report-schema.js';

export type Severity = 'error' | 'warning';

/** Replace `range` (offsets in the file's LF-normalised text) by `text`. */
export interface Fix {
  range: [number, number];
  text: string;
}

export interface Location {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** A related place of a finding (another question it duplicates, …), as in the report. */
export type RelatedLocation = NonNullable<ReportedDiagnostic['related']>[number];

/**
 * A finding, as reporters print it: an item of the report (its type comes from the report's
 * JSON Schema, report-schema.ts), with the safe fix when there is one (not part of the JSON
 * report). `file` is the path shown to people.
 */
export interface Diagnostic extends ReportedDiagnostic {
  fix?: Fix;
}

export interface Report extends Location {
  message: string;
  /** A finding more serious than the rule's default (used unless the config sets a severity). */
  severity?: Severity;
  related?: RelatedLocation[];
  fix?: Fix;
}

/** What rules may ask of the file system (injected, so rules stay testable). */
export interface Host {
  /** Real path of an existing file or directory, symlinks resolved; undefined when missing. */
  realpath(absolutePath: string): string | undefined;
}

export interface RuleMeta<Options> {
  id: string;
  description: string;
  severity: Severity;
  fixable: boolean;
  /** Inline genai-qa-disable comments do not apply (the rule checks those comments, or files that are not parsed). */
  unsilenceable?: boolean;
  defaultOptions: Options;
  /** JSON Schema of the options object (properties only; merged into config.schema.json). */
  optionsSchema: Record<string, unknown>;
}

export interface FileContext<Options> {
  file: ParsedFile;
  options: Options;
  host: Host;
  /** Every rule id known to the engine (for checking directives). */
  ruleIds: ReadonlySet<string>;
  report: (report: Report) => void;
}

export interface CorpusContext<Options> {
  /** Every file, without trees (see FileSummary): corpus rules compare questions across files. */
  files: readonly FileSummary[];
  options: Options;
  report: (report: Report & { file: FileSummary }) => void;
  /**
   * What this rule kept (`keep`) in an earlier run with the same store, to redo only what
   * the changed questions touch; undefined without a store or on a first run. It comes from
   * a cache file: the rule checks it, and ignores what it cannot use.
   */
  previous?: unknown;
  /** Keeps a JSON value for the next run (lintCorpus's `memory`); absent without a store. */
  keep?: (memory: unknown) => void;
}

/**
 * What `genai-qa lint --check-external` found for one http(s) URL. Pure data: core never
 * touches the network; the CLI's link checker fills this in, the 'external' rules report it.
 */
export type ExternalLinkStatus =
  | {
      status: 'alive';
      /** Set when the URL is permanently redirected (301/308): the first status and where the permanent hops end. */
      redirect?: { status: number; to: string };
    }
  | { status: 'dead'; reason: string };

/** Results of the external check, keyed by `externalUrlKey(url)` (the URL without its fragment). */
export type ExternalLinks = ReadonlyMap<string, ExternalLinkStatus>;

export interface ExternalContext<Options> {
  file: ParsedFile;
  options: Options;
  links: ExternalLinks;
  report: (report: Report) => void;
}

/**
 * A rule of scope 'external' reads what the network said about the file's links. The engine
 * runs it only when it is given those results (`lint --check-external`); offline it is
 * skipped, yet it is a rule like any other: configurable, silenceable, documented, in SARIF.
 */
export type Rule<Options = Record<string, never>> = { meta: RuleMeta<Options> } & (
  | { scope: 'file'; check(context: FileContext<Options>): void }
  | { scope: 'corpus'; check(context: CorpusContext<Options>): void }
  | { scope: 'external'; check(context: ExternalContext<Options>): void }
);

// eslint-style helper so each rule file reads `export default defineRule({...})`.
export function defineRule<Options>(rule: Rule<Options>): Rule<Options> {
  return rule;
}

export const DOCS_BASE = 'https://github.com/genai-qa/genai-qa/blob/main/docs/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}

/** Location of an mdast/unist node. */
export function nodeLocation(node: Node): Location {
  const p = node.position!;
  return { line: p.start.line, column: p.start.column, endLine: p.end.line, endColumn: p.end.column };
}

/** The empty options schema for rules without options. */
export const NO_OPTIONS = { type: 'object', additionalProperties: false, properties: {} } as const;
