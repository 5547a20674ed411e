import { resolveConfig, type Config, type ResolvedRule } from './config.js';
import { parseFile, summarizeFile, type FileSummary, type ParsedFile } from './extract.js';
import type { LayoutSetting } from './layout.js';
import { lintBySegment, SEGMENTED_FROM } from './question-cache.js';
import { lintCorpus, lintFiles, NO_FILE_SYSTEM, sortDiagnostics } from './lint.js';
import { rules } from './rules/index.js';
import type { Diagnostic, ExternalLinks, Host } from './rule.js';
import { DEFAULT_LIMITS, type Limits } from './safety.js';
import type { SectionLinter } from './sections.js';
import type { SourceFile } from './source.js';
import { corpusKey, type LintStore, type StoredFile, type StoredSummary } from './store.js';
import { entryHolds } from './store-validity.js';

/*
 * The one way to lint: files (path and text) in, diagnostics and summaries out. `lint`,
 * `lint --cache`, `build` and the language server all run a LintSession; what differs is
 * where the files come from (the CLI reads the disk, the editor holds open documents) and
 * which store, if any, keeps results between runs. Core reads no disk: what the rules ask
 * of the file system goes through the Host it is given.
 *
 * With a store, a file whose hash and host answers are those of a stored entry is not
 * parsed: its own diagnostics and its summary come from the entry. The corpus rules run on
 * the summaries, stored or fresh, unless the store holds their diagnostics for exactly
 * these files. Diagnostics come out as one lintFiles call on every file returns them.
 *
 * Given a SectionLinter (sections.ts), which holds a document's previous version, lintFile
 * parses and lints only the questions that changed since: the language server's lint after
 * an edit. The rules kept per question are the same for that and for the store's
 * per-question entries (question-rules.ts).
 */

export interface LintInput {
  source: SourceFile;
  /** Path relative to the content root, `/` separators. */
  relativePath: string;
  /** Why the file was not read (too large, outside the content root): it is not parsed. */
  refused?: string;
  /**
   * A hash of everything lint reads of the file (its bytes, its paths, why it was refused);
   * the store's key. Without it, the store is not used for this file.
   */
  hash?: string;
}

/**
 * A file linted already, by lintFile in this session's settings on another thread (the CLI's
 * worker pool): lint takes its result as it is, in the file's place in the order.
 */
export interface PrelintedInput extends LintInput {
  prelinted: FileResult;
}

export interface SessionOptions {
  /** A config (as in genai-qa.config.json) or an already resolved one. */
  config?: Config | Map<string, ResolvedRule>;
  limits?: Limits;
  /** The `questions` layout of the config (what it leaves out is detected per file). */
  layout?: LayoutSetting | undefined;
  /** What the rules ask of the file system (see rule.ts Host). */
  host?: Host;
  /** Results of the external link check; the store is not used with them (they change without the files). */
  external?: ExternalLinks | undefined;
  /** Results kept between runs (see store.ts). */
  store?: LintStore | undefined;
  /** Called before each corpus rule that runs (progress display). */
  onRule?: ((ruleId: string, index: number, total: number) => void) | undefined;
}

/** One file, linted with its own rules. */
export interface FileResult {
  diagnostics: Diagnostic[];
  summary: FileSummary;
  /** The parsed file with its tree, when it was parsed (not reused). */
  file?: ParsedFile;
  /** True when the diagnostics and summary came from the store. */
  reused: boolean;
  /** With a SectionLinter: how many sections were parsed again, and whether the file could be linted by sections. */
  sections?: { parsed: number; incremental: boolean; helped?: number };
}

export interface SessionResult {
  diagnostics: Diagnostic[];
  summaries: FileSummary[];
  /** The parsed files, trees kept (only with `keepTrees`: what `build` exports). */
  files: ParsedFile[];
  /** Paths (as shown) whose own diagnostics came from the store, and those that were linted. */
  reused: string[];
  linted: string[];
  /** Whether the corpus rules' diagnostics came from the store. */
  corpusReused: boolean;
}

export class LintSession {
  readonly config: Map<string, ResolvedRule>;
  readonly limits: Limits;
  readonly layout: LayoutSetting | undefined;
  private readonly host: Host;
  private readonly store: LintStore | undefined;

  constructor(private readonly options: SessionOptions = {}) {
    this.config = options.config instanceof Map ? options.config : resolveConfig(options.config);
    this.limits = options.limits ?? DEFAULT_LIMITS;
    this.layout = options.layout;
    this.host = options.host ?? NO_FILE_SYSTEM;
    this.store = options.external === undefined ? options.store : undefined;
  }

  /** Parses one file as lint does (no rule runs). */
  parse(input: LintInput): ParsedFile {
    return parseFile(input.source, input.relativePath, {
      limits: this.limits,
      ...(input.refused ? { refused: input.refused } : {}),
      ...(this.layout ? { layout: this.layout } : {}),
    });
  }

  /** The stored entry of a file when it is valid for this input: same hash, same answers of the host (store-validity.ts, as the warm path decides). */
  stored(input: LintInput): StoredFile | undefined {
    if (!this.store || input.hash === undefined) return undefined;
    const entry = this.store.getFile(input.source.path, input.hash);
    return entry && entryHolds(entry, input.hash, (target) => this.host.realpath(target)) ? entry : undefined;
  }

  /**
   * Lints one file with its own rules (and the external ones, given their results). With
   * `sections`, the document's state across versions: only the sections changed since the
   * version it last linted are parsed and linted again (the store is not used then, nor
   * external results; a refused file is linted as usual). `onFindings` gets the diagnostics
   * as soon as they are known, before the summary is made (the language server's worker
   * posts them at once: the editor does not wait for what only the corpus rules need).
   */
  lintFile(input: LintInput, { keepTree = false, sections, onFindings }: { keepTree?: boolean; sections?: SectionLinter; onFindings?: (diagnostics: Diagnostic[]) => void } = {}): FileResult {
    if (sections && input.refused === undefined) {
      const { file, findings, parsed, incremental, helped } = sections.lint(input.source, input.relativePath, { config: this.config, limits: this.limits, layout: this.layout, host: this.host });
      onFindings?.(findings);
      return { diagnostics: findings, summary: summarizeFile(file), file, reused: false, sections: { parsed, incremental, ...(helped ? { helped } : {}) } };
    }
    const entry = keepTree ? undefined : this.stored(input);
    if (entry) {
      onFindings?.(entry.diagnostics);
      return { diagnostics: entry.diagnostics, summary: withSource(entry.summary, input.source), reused: true };
    }
    const file = this.parse(input);
    const host = recording(this.host);
    // A large file with a store: the question rules per question (question-cache.ts).
    const { diagnostics, segments } =
      this.store && input.hash !== undefined && !file.skipped && file.questions.length >= SEGMENTED_FROM
        ? lintBySegment(file, this.config, host.host, this.store)
        : { diagnostics: lintFiles([file], { config: this.config, host: host.host, external: this.options.external, scopes: ['file', 'external'] }), segments: undefined };
    onFindings?.(diagnostics);
    const summary = summarizeFile(file);
    if (this.store && input.hash !== undefined) {
      this.store.putFile(input.source.path, { hash: input.hash, host: host.seen(), diagnostics, summary: withoutSource(summary), ...(segments ? { segments } : {}) });
    }
    return { diagnostics, summary, reused: false, file };
  }

  /**
   * The corpus rules (duplicates across files) on the files' summaries. With a store and
   * every file's hash, their diagnostics are reused while the files are the same.
   */
  lintCorpus(summaries: readonly FileSummary[], hashes?: ReadonlyArray<string | undefined>): { diagnostics: Diagnostic[]; reused: boolean } {
    const key = this.store && hashes && hashes.every((h) => h !== undefined) ? corpusKey(summaries.map((s, i) => ({ path: s.source.path, hash: hashes[i]! }))) : undefined;
    const stored = key === undefined ? undefined : this.store!.getCorpus(key);
    if (stored) return { diagnostics: stored, reused: true };
    const { onRule } = this.options;
    const store = this.store;
    const memory = store?.getMemory && store.putMemory ? { get: (id: string) => store.getMemory!(id), put: (id: string, value: unknown) => store.putMemory!(id, value) } : undefined;
    const diagnostics = lintCorpus(summaries, { config: this.config, memory, ...(onRule ? { onRule } : {}) });
    if (key !== undefined) this.store!.putCorpus(key, diagnostics);
    return { diagnostics, reused: false };
  }

  /**
   * Lints files together: each file's own rules as it comes (one tree in memory at a time,
   * unless `keepTrees`), then the corpus rules on the summaries. `onFile` is called before
   * each file (progress display).
   */
  lint(inputs: Iterable<LintInput | PrelintedInput>, options: { keepTrees?: boolean; onFile?(input: LintInput, result: FileResult): void } = {}): SessionResult {
    const diagnostics: Diagnostic[] = [];
    const summaries: FileSummary[] = [];
    const hashes: Array<string | undefined> = [];
    const files: ParsedFile[] = [];
    const reused: string[] = [];
    const linted: string[] = [];
    for (const input of inputs) {
      const result = 'prelinted' in input ? input.prelinted : this.lintFile(input, { keepTree: options.keepTrees ?? false });
      options.onFile?.(input, result);
      // One push per diagnostic: a spread of 150,000 arguments overflows the stack.
      for (const d of result.diagnostics) diagnostics.push(d);
      summaries.push(result.summary);
      hashes.push(input.hash);
      if (options.keepTrees) files.push(result.file!);
      (result.reused ? reused : linted).push(input.source.path);
    }
    const corpus = this.lintCorpus(summaries, hashes);
    for (const d of corpus.diagnostics) diagnostics.push(d);
    sortDiagnostics(
      diagnostics,
      summaries.map((s) => s.source.path),
    );
    return { diagnostics, summaries, files, reused, linted, corpusReused: corpus.reused };
  }
}

/** The rule ids in the engine's order: the order of diagnostics on one position. */
export function ruleOrder(): string[] {
  return rules.map((r) => r.meta.id);
}

function withoutSource(summary: FileSummary): StoredSummary {
  const { source: _source, ...rest } = summary;
  return rest;
}

function withSource(summary: StoredSummary, source: SourceFile): FileSummary {
  return { ...summary, source };
}

/** A host that remembers every path asked about and the answer, sorted by path. */
function recording(host: Host): { host: Host; seen(): Array<[string, string | null]> } {
  const seen = new Map<string, string | null>();
  return {
    host: {
      realpath(absolutePath) {
        const real = host.realpath(absolutePath);
        seen.set(absolutePath, real ?? null);
        return real;
      },
    },
    seen: () => [...seen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}
