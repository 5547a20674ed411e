import fs from 'node:fs';
import path from 'node:path';
import {
  inspectSource,
  isInsideRoot,
  LintSession,
  resolveConfig,
  SectionLinter,
  resolveLimits,
  sortDiagnostics,
  summarizeFile,
  type Config,
  type Host,
  type LintInput,
  type LintStore,
  type Diagnostic as Finding,
  type FileSummary,
  type LayoutSetting,
  type Limits,
  type ResolvedRule,
  type SourceFile,
} from '@genai-qa/core';
import { provisional } from './incremental.js';
import { fixAllEdits, type FixAll } from './fix-all.js';
import type { LargeFileLinter } from './large-files.js';

/** What the server asks of the file system, as `genai-qa lint` does it (given by the CLI). */
export interface ServerHost {
  /** The configuration: `configFile` (relative to `cwd`), else genai-qa.config.json in `cwd` if present. Throws ConfigError. */
  loadConfig(configFile: string | undefined, cwd: string): Config;
  /** The Markdown files of a content root, absolute, in the order lint lists them. */
  listFiles(root: string, cwd: string): string[];
  /**
   * Reads a file of a content root as lint does: refused (empty, with the reason) when it
   * must not be read; `hash` keys the lint store (what `lint --cache` hashes of the file).
   */
  readFile(absolutePath: string, root: string, cwd: string, limits: Limits): { source: SourceFile; refused?: string; hash?: string };
  /** What the rules ask of the file system (link targets); without it, core assumes every target exists. */
  fileSystem?: Host;
  /**
   * The lint store of the workspace (the cache file of `lint --cache`, when it lints with
   * it), for a configuration: read and written by the server too. Undefined: no store.
   */
  lintStore?(configFile: string | undefined, cwd: string): { store: LintStore; save(paths: readonly string[]): string | undefined } | undefined;
}

export interface WorkspaceOptions {
  /** The working directory: paths are shown relative to it, the config file is found in it. */
  cwd: string;
  /** The content root, relative to cwd (default: the config's `content`, else `content`). */
  contentRoot?: string;
  /** The configuration file (default genai-qa.config.json in cwd, when present). */
  config?: string;
}

/** An open document's text, as lint sees it, and its own findings. */
export interface OpenFile {
  version: number;
  /** The text as the editor holds it (BOM removed). */
  text: string;
  source: SourceFile;
  parsed: FileSummary;
  findings: Finding[];
  /** Set while the findings are provisional (a large file's full lint is still running). */
  provisional?: boolean;
  /** The store key of the file on disk, when the text is the file's as it is on disk. */
  hash?: string;
}

/**
 * The lint state of one workspace: its configuration, its content root, the open documents
 * and what the corpus rules found across the content root. Pure bookkeeping over the core
 * API; the protocol lives in server.ts.
 */
export class Workspace {
  readonly cwd: string;
  /** The content root: the client's `contentRoot`, else the config's `content`, else content/. */
  root: string;
  private readonly explicitRoot: boolean;
  readonly configFile: string | undefined;
  config: Map<string, ResolvedRule> = resolveConfig({});
  limits: Limits = resolveLimits({});
  /** The config's `questions` layout (undefined: detected per file). */
  layout: LayoutSetting | undefined;
  private readonly open = new Map<string, OpenFile>();
  private readonly disk = new Map<string, { mtimeMs: number; size: number; summary: FileSummary; hash: string | undefined }>();
  /** The one lint session of the workspace (core's LintSession), remade when the config changes. */
  private session: LintSession;
  private store: ReturnType<NonNullable<ServerHost['lintStore']>>;
  /** The section-wise lint state of each open document linted here (not in the worker). */
  private readonly linters = new Map<string, SectionLinter>();
  /** The last "fix all" of each open file, with the text and config it was worked out for. */
  private readonly fixes = new Map<string, { text: string; config: Map<string, ResolvedRule>; all: FixAll }>();
  /** How often each file was closed: a worker's result for a file closed since is dropped. */
  private readonly closings = new Map<string, number>();
  /** Corpus findings by absolute path, from the last corpus run. */
  private corpus = new Map<string, Finding[]>();

  constructor(
    private readonly host: ServerHost,
    options: WorkspaceOptions,
  ) {
    this.cwd = options.cwd;
    this.root = path.resolve(options.cwd, options.contentRoot ?? 'content');
    this.explicitRoot = options.contentRoot !== undefined;
    this.configFile = options.config;
    this.session = this.newSession();
  }

  private newSession(): LintSession {
    return new LintSession({ config: this.config, limits: this.limits, layout: this.layout, host: this.host.fileSystem, store: this.store?.store });
  }

  /** The absolute path of the config file that is watched (whether or not it exists). */
  get configPath(): string {
    return path.resolve(this.cwd, this.configFile ?? 'genai-qa.config.json');
  }

  /** (Re)reads the configuration; throws ConfigError, keeping the previous one. */
  reloadConfig(): void {
    const raw = this.host.loadConfig(this.configFile, this.cwd);
    this.config = resolveConfig(raw);
    this.limits = resolveLimits(raw);
    this.layout = raw.questions;
    if (!this.explicitRoot) this.root = path.resolve(this.cwd, raw.content ?? 'content');
    this.disk.clear();
    this.store = this.host.lintStore?.(this.configFile, this.cwd);
    this.session = this.newSession();
  }

  /** Why a file is not linted, or undefined when it is inside the content root. */
  outside(absolutePath: string): string | undefined {
    if (!fs.existsSync(this.root)) return `the content root ${this.shown(this.root)}/ does not exist`;
    if (!isInsideRoot(this.root, absolutePath) || absolutePath === this.root) return `it is outside the content root ${this.shown(this.root)}/`;
    return undefined;
  }

  shown(absolutePath: string): string {
    return path.relative(this.cwd, absolutePath).split(path.sep).join('/') || '.';
  }

  private read(absolutePath: string, editorText: string): { text: string; source: SourceFile } {
    // What decodeSource does to bytes, done to the editor's string (already decoded).
    const text = editorText.charCodeAt(0) === 0xfeff ? editorText.slice(1) : editorText;
    let lf = text;
    let eol: SourceFile['eol'] = '\n';
    if (text.includes('\r')) {
      const crlf = (text.match(/\r\n/g) ?? []).length;
      const bare = (text.match(/\n/g) ?? []).length - crlf;
      lf = text.replace(/\r\n?/g, '\n');
      if (crlf > bare) eol = '\r\n';
    }
    const bom = editorText.charCodeAt(0) === 0xfeff;
    return { text, source: { path: this.shown(absolutePath), absolutePath, root: this.root, text: lf, eol, bom } };
  }

  /** Lints an open document's text with the file's own rules, now. */
  update(absolutePath: string, version: number, editorText: string): OpenFile {
    const { text, source } = this.read(absolutePath, editorText);
    const onDisk = this.asOnDisk(absolutePath, source);
    if (onDisk) {
      // As on disk, with the shared lint cache: the session reads and keeps its entry.
      const result = this.session.lintFile(onDisk);
      const entry: OpenFile = { version, text, source, parsed: result.summary, findings: result.diagnostics, ...(onDisk.hash ? { hash: onDisk.hash } : {}) };
      this.open.set(absolutePath, entry);
      return entry;
    }
    // Only the edited questions are parsed and linted again (core's sections.ts, through the session).
    let sections = this.linters.get(absolutePath);
    if (!sections) this.linters.set(absolutePath, (sections = new SectionLinter()));
    const result = this.session.lintFile({ source, relativePath: this.relative(absolutePath) }, { sections });
    const entry: OpenFile = { version, text, source, parsed: result.summary, findings: result.diagnostics };
    this.open.set(absolutePath, entry);
    return entry;
  }

  /**
   * A large document (LARGE_FILE characters or more): the full lint goes to the worker, which
   * calls `exact` with the entry once it is done (unless the text moved on meanwhile), and
   * `early` with the findings alone a little before (the summary is still being made). Returns
   * the provisional entry for a one-question edit (incremental.ts), else undefined.
   */
  updateLarge(
    absolutePath: string,
    version: number,
    editorText: string,
    linter: LargeFileLinter,
    exact: (entry: OpenFile) => void,
    early?: (findings: Finding[], source: SourceFile) => void,
  ): OpenFile | undefined {
    const { text, source } = this.read(absolutePath, editorText);
    const relativePath = this.relative(absolutePath);
    const before = this.open.get(absolutePath);
    // The text as on disk, linted by `lint --cache` already: the store has its findings.
    const onDisk = this.asOnDisk(absolutePath, source);
    const stored = onDisk && this.session.stored(onDisk) ? this.session.lintFile(onDisk) : undefined;
    if (stored) {
      const entry: OpenFile = { version, text, source, parsed: stored.summary, findings: stored.diagnostics, ...(onDisk?.hash ? { hash: onDisk.hash } : {}) };
      this.open.set(absolutePath, entry);
      setImmediate(() => {
        if (this.open.get(absolutePath) === entry) exact(entry);
      });
      return undefined;
    }
    const opened = this.closings.get(absolutePath) ?? 0;
    // Closed meanwhile (and maybe opened again), or edited since: this result is not the document's.
    const stale = (): boolean => {
      const current = this.open.get(absolutePath);
      return (this.closings.get(absolutePath) ?? 0) !== opened || (current !== undefined && current.version > version);
    };
    linter.lint(
      absolutePath,
      { id: version, key: absolutePath, source, relativePath, config: this.config, limits: this.limits, layout: this.layout },
      (result) => {
        if (stale()) return;
        const entry: OpenFile = { version, text, source, parsed: result.parsed, findings: result.findings };
        this.open.set(absolutePath, entry);
        exact(entry);
      },
      early && ((findings) => (stale() ? undefined : early(findings, source))),
    );
    if (!before) return undefined;
    const guess = provisional(before, source, relativePath, this.config, this.limits, this.layout);
    if (!guess) return undefined;
    const entry: OpenFile = { version, text, source, parsed: guess.parsed, findings: guess.findings, provisional: true };
    this.open.set(absolutePath, entry);
    return entry;
  }

  get(absolutePath: string): OpenFile | undefined {
    return this.open.get(absolutePath);
  }

  close(absolutePath: string): void {
    this.closings.set(absolutePath, (this.closings.get(absolutePath) ?? 0) + 1);
    this.open.delete(absolutePath);
    this.linters.delete(absolutePath);
    this.fixes.delete(absolutePath);
  }

  openPaths(): string[] {
    return [...this.open.keys()];
  }

  /** The Markdown files of the content root, as lint lists them (none when it does not exist). */
  private rootFiles(): string[] {
    return fs.existsSync(this.root) ? this.host.listFiles(this.root, this.cwd) : [];
  }

  /**
   * Whether the content root holds a file of at least `bytes` bytes (its size on disk; a
   * file of n characters has at least n bytes): the server then starts its lint worker
   * before the editor opens one.
   */
  hasFileOf(bytes: number): boolean {
    const files = this.rootFiles();
    return files.some((file) => {
      try {
        return fs.statSync(file).size >= bytes;
      } catch {
        return false;
      }
    });
  }

  /**
   * Runs the corpus rules (duplicates, ids) on every file of the content root, open
   * documents as the editor holds them, the others as on disk. Returns the paths whose
   * corpus findings changed (to be published again).
   */
  lintCorpus(): Set<string> {
    const files = this.rootFiles();
    for (const open of this.open.keys()) if (!files.includes(open) && !this.outside(open)) files.push(open);
    const summaries: FileSummary[] = [];
    const hashes: Array<string | undefined> = [];
    for (const file of files) {
      const open = this.open.get(file);
      const { summary, hash } = open ? { summary: open.parsed, hash: this.savedHash(file, open) } : this.fromDisk(file);
      summaries.push(summary);
      hashes.push(hash);
    }
    const found = this.session.lintCorpus(summaries, hashes).diagnostics;
    // Written back for the next `lint --cache` (only the files as they are on disk).
    if (this.store && hashes.every((h) => h !== undefined)) {
      const problem = this.store.save(summaries.map((s) => s.source.path));
      if (problem) process.stderr.write(`genai-qa lsp: ${problem}\n`);
    }
    const next = new Map<string, Finding[]>();
    for (const finding of found) {
      const absolute = path.resolve(this.cwd, finding.file);
      const list = next.get(absolute) ?? [];
      list.push(finding);
      next.set(absolute, list);
    }
    const changed = new Set<string>();
    for (const file of new Set([...this.corpus.keys(), ...next.keys()])) {
      if (JSON.stringify(this.corpus.get(file) ?? []) !== JSON.stringify(next.get(file) ?? [])) changed.add(file);
    }
    this.corpus = next;
    return changed;
  }

  /** Every finding of a file: its own (`own`, else those of its open entry) and the corpus rules', sorted as lint sorts them. */
  findings(absolutePath: string, own = this.open.get(absolutePath)?.findings ?? []): Finding[] {
    const all = [...own, ...(this.corpus.get(absolutePath) ?? [])];
    return sortDiagnostics(all, [this.shown(absolutePath)]);
  }

  /** Every safe fix of an open document as separate edits, making of it what `genai-qa lint --fix` makes (fix-all.ts). */
  fixAll(absolutePath: string): FixAll | undefined {
    const open = this.open.get(absolutePath);
    if (!open) return undefined;
    // Editors ask for code actions as the cursor moves: the passes run once per text and config.
    const known = this.fixes.get(absolutePath);
    if (known && known.text === open.source.text && known.config === this.config) return known.all;
    const all = inspectSource(open.source.text, this.limits).some((p) => p.blocking)
      ? { edits: [], text: open.source.text }
      : fixAllEdits(open.source, this.relative(absolutePath), this.config, this.layout, this.limits);
    this.fixes.set(absolutePath, { text: open.source.text, config: this.config, all });
    return all;
  }

  private relative(absolutePath: string): string {
    return path.relative(this.root, absolutePath).split(path.sep).join('/');
  }

  /**
   * The file as `lint` reads it from disk, when that is the text given (the editor holds what
   * is saved): with its store key, so that the store's results for it are used and kept.
   */
  private asOnDisk(absolutePath: string, source: SourceFile): LintInput | undefined {
    if (!this.store) return undefined;
    try {
      const disk = this.host.readFile(absolutePath, this.root, this.cwd, this.limits);
      if (disk.refused || disk.hash === undefined || disk.source.text !== source.text) return undefined;
      return { source: disk.source, relativePath: this.relative(absolutePath), hash: disk.hash };
    } catch {
      return undefined;
    }
  }

  /**
   * The store key of an open document whose text is the file's on disk (saved since it was
   * linted: its entry is stored now), else undefined.
   */
  private savedHash(absolutePath: string, open: OpenFile): string | undefined {
    if (open.hash !== undefined || !this.store || open.provisional) return open.hash;
    const onDisk = this.asOnDisk(absolutePath, open.source);
    if (!onDisk) return undefined;
    this.session.lintFile(onDisk);
    open.hash = onDisk.hash!;
    return open.hash;
  }

  /** A closed file's summary (and store key), as on disk; with a store, its entry is used and kept. */
  private fromDisk(absolutePath: string): { summary: FileSummary; hash: string | undefined } {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(absolutePath);
    } catch {
      stat = undefined;
    }
    const cached = this.disk.get(absolutePath);
    if (stat && cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached;
    let summary: FileSummary;
    let hash: string | undefined;
    try {
      const { source, refused, hash: key } = this.host.readFile(absolutePath, this.root, this.cwd, this.limits);
      const input: LintInput = { source, relativePath: this.relative(absolutePath), ...(refused ? { refused } : {}), ...(key !== undefined ? { hash: key } : {}) };
      // With a store, the file's own rules run too, so that its entry is complete for `lint --cache`.
      summary = this.store ? this.session.lintFile(input).summary : summarizeFile(this.session.parse(input));
      hash = this.store ? key : undefined;
    } catch (error) {
      // Unreadable or not UTF-8: lint reports that as an input error; here it takes no part in the corpus.
      const source: SourceFile = { path: this.shown(absolutePath), absolutePath, root: this.root, text: '', eol: '\n', bom: false };
      summary = summarizeFile(this.session.parse({ source, relativePath: this.relative(absolutePath), refused: (error as Error).message }));
      hash = undefined;
    }
    if (stat) this.disk.set(absolutePath, { mtimeMs: stat.mtimeMs, size: stat.size, summary, hash });
    return { summary, hash };
  }
}
