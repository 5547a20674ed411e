import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  encodeSource,
  fixSource,
  inspectSource,
  lintFiles,
  nodeHost,
  parseFile,
  resolveConfig,
  resolveLimits,
  ruleIds,
  rules,
  sortDiagnostics,
  type Diagnostic,
  type Host,
  type Limits,
  type ParsedFile,
  type ResolvedRule,
  type SourceFile,
} from '@genai-qa/core';
import { writeFileAtomic } from './atomic.js';
import { loadConfig } from './config-file.js';
import { collectFiles, readChecked, type InputFile } from './files.js';
import type { Io } from './io.js';
import { NO_PROGRESS, ruleProgress, type Progress } from './progress.js';
import { version } from './version.js';

/*
 * `genai-qa lint --cache`: the diagnostics of the last run, reused while nothing they depend
 * on has changed.
 *
 * - The whole cache is valid only for one genai-qa version, one build of the lint engine
 *   (a hash of @genai-qa/core's code, so a rebuilt engine with an unchanged version number
 *   does not reuse stale results) and one resolved configuration (every rule's severity and
 *   options, and the limits). Otherwise it is ignored and rewritten.
 * - Rules of scope 'file' see one file: their diagnostics are kept per file, keyed by the
 *   file's path and a hash of what lint reads of it (its decoded text, BOM, line endings,
 *   paths, and why it was not read, if it was not). broken-link and unsafe-link also look at
 *   the file system: the link targets they resolved are kept with the entry and resolved
 *   again, so a deleted or added image invalidates the file that links to it.
 * - Rules of scope 'corpus' see all files: their diagnostics are kept once, keyed by a hash
 *   of every file's path and hash.
 *
 * So a run where nothing changed reads and hashes the files and parses none; a run where
 * some files changed parses all of them (the corpus rules need every file) but runs the
 * file rules only on the changed ones. Diagnostics are stored as they are (including `fix`
 * and `related`), after suppression comments and severities were applied, and merged in
 * lintFiles' order, so every format prints the same bytes as without the cache.
 */

export const DEFAULT_CACHE_LOCATION = '.genai-qa-cache/lint.json';
const CACHE_FILE_NAME = 'lint.json';
const FORMAT = 1;

interface FileEntry {
  path: string;
  hash: string;
  /** Every path the file rules resolved on disk, with the real path it had (null: missing). */
  realpaths: Array<[string, string | null]>;
  diagnostics: Diagnostic[];
}

interface CacheData {
  format: number;
  genaiQa: string;
  engine: string;
  settings: string;
  files: FileEntry[];
  corpus: { hash: string; diagnostics: Diagnostic[] } | null;
}

/** What a cached run did (for tests and the benchmark): which files were parsed and linted. */
export interface CacheStats {
  /** Files whose file-rule diagnostics came from the cache. */
  reused: string[];
  /** Files the file rules ran on. */
  linted: string[];
  /** Files parsed (all of them when the corpus rules ran, else only the linted ones). */
  parsed: string[];
  /** Whether the corpus rules' diagnostics came from the cache. */
  corpusReused: boolean;
  /** Why the cache file was not used as a whole ('missing', 'unreadable', 'other settings', …). */
  ignored?: string;
}

/**
 * `--cache-location` as given (relative to the working directory): a file, or a directory
 * (an existing one, or a path ending in a slash) that gets `lint.json` in it.
 */
export function resolveCacheLocation(given: string | undefined, cwd: string): string {
  const location = path.resolve(cwd, given ?? DEFAULT_CACHE_LOCATION);
  if (given !== undefined && (/[\\/]$/.test(given) || isDirectory(location))) return path.join(location, CACHE_FILE_NAME);
  return location;
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Reads, optionally fixes, and lints files like lintPaths, with the cache file `cacheFile`.
 * `--fix` fixes exactly the files it fixes without the cache: all of them, except a file whose
 * cached diagnostics (valid for its current content) hold no fix, where fixing would change
 * nothing. Returns the same diagnostics, in the same order, as lintPaths.
 */
export function lintPathsCached(
  paths: readonly string[],
  io: Io,
  options: { config?: string; fix?: boolean; cacheFile: string; progress?: Progress },
): { diagnostics: Diagnostic[]; stats: CacheStats } {
  const progress = options.progress ?? NO_PROGRESS;
  const raw = loadConfig(options.config, io.cwd);
  const config = resolveConfig(raw);
  const limits = resolveLimits(raw);
  const inputs = collectFiles(paths, io.cwd);
  const key = { format: FORMAT, genaiQa: version, engine: engineFingerprint(), settings: settingsHash(config, limits) };
  const cached = readCacheFile(options.cacheFile, key);
  // A corpus rule with fixes would fix a file on its own in fixSource; none has fixes today.
  const corpusFixes = rules.some((r) => r.scope === 'corpus' && r.meta.fixable && config.get(r.meta.id)!.severity !== 'off');

  const files: Array<{ input: InputFile; source: SourceFile; refused?: string; hash: string; entry?: FileEntry }> = [];
  progress.phase(options.fix ? 'Fixing' : 'Reading', inputs.length, 'files');
  for (const input of inputs) {
    progress.update(files.length, input.relativePath);
    const checked = readChecked(input, io.cwd, limits.maxFileBytes);
    let source = checked.source;
    const refused = checked.refused;
    let hash = fileHash(source, input, refused);
    let entry = fresh(cached.entries.get(source.path), hash);
    const nothingToFix = entry !== undefined && !corpusFixes && entry.diagnostics.every((d) => d.fix === undefined);
    // A file that is refused or too deeply nested to parse is never fixed (as in lintPaths).
    if (options.fix && !nothingToFix && !refused && !inspectSource(source.text, limits).some((p) => p.blocking)) {
      const fixed = fixSource(source, input.relativePath, { config });
      if (fixed.text !== source.text) {
        writeFileAtomic(input.absolutePath, encodeSource(source, fixed.text));
        source = { ...source, text: fixed.text };
        hash = fileHash(source, input, refused);
        entry = fresh(cached.entries.get(source.path), hash);
      }
    }
    files.push({ input, source, ...(refused ? { refused } : {}), hash, ...(entry ? { entry } : {}) });
  }

  const corpusHash = sha256(files.map((f) => `${f.source.path}\0${f.hash}\n`).join(''));
  const corpusReused = cached.corpus?.hash === corpusHash;
  const parsed = new Map<string, ParsedFile>();
  const parse = (f: (typeof files)[number]): ParsedFile => {
    let file = parsed.get(f.source.path);
    if (!file) {
      file = parseFile(f.source, f.input.relativePath, { limits, ...(f.refused ? { refused: f.refused } : {}) });
      parsed.set(f.source.path, file);
    }
    return file;
  };

  const stats: CacheStats = { reused: [], linted: [], parsed: [], corpusReused, ...(cached.ignored ? { ignored: cached.ignored } : {}) };
  const entries: FileEntry[] = [];
  const diagnostics: Diagnostic[] = [];
  const stale = files.filter((f) => !f.entry).length;
  if (stale > 0) progress.phase(stale === files.length ? 'Linting' : 'Linting changed', stale, 'files');
  for (const f of files) {
    let entry = f.entry;
    if (entry) {
      stats.reused.push(f.source.path);
    } else {
      progress.update(stats.linted.length, f.input.relativePath);
      const host = recordingHost();
      const found = lintFiles([parse(f)], { config, scopes: ['file'], host });
      entry = { path: f.source.path, hash: f.hash, realpaths: host.seen(), diagnostics: found };
      stats.linted.push(f.source.path);
    }
    entries.push(entry);
    diagnostics.push(...entry.diagnostics);
  }
  let corpus = cached.corpus;
  if (!corpusReused) {
    progress.phase('Parsing', files.length, 'files');
    const all = files.map((f, i) => {
      progress.update(i, f.input.relativePath);
      return parse(f);
    });
    corpus = { hash: corpusHash, diagnostics: lintFiles(all, { config, scopes: ['corpus'], onRule: ruleProgress(progress) }) };
  }
  diagnostics.push(...corpus!.diagnostics);
  stats.parsed = files.map((f) => f.source.path).filter((p) => parsed.has(p));

  // A run that reused everything leaves the cache file as it is (it holds exactly this).
  const unchanged = !cached.ignored && corpusReused && stats.linted.length === 0 && cached.entries.size === files.length;
  if (!unchanged) {
    const data: CacheData = { ...key, files: entries, corpus: corpus! };
    try {
      fs.mkdirSync(path.dirname(options.cacheFile), { recursive: true });
      writeFileAtomic(options.cacheFile, `${JSON.stringify(data)}\n`);
    } catch (error) {
      io.stderr.write(`genai-qa: could not write the lint cache ${options.cacheFile}: ${(error as Error).message}\n`);
    }
  }
  return { diagnostics: sortDiagnostics(diagnostics, files.map((f) => f.source.path)), stats };
}

/** The entry, when it was made for this content and the link targets it resolved are unchanged. */
function fresh(entry: FileEntry | undefined, hash: string): FileEntry | undefined {
  if (!entry || entry.hash !== hash) return undefined;
  for (const [target, real] of entry.realpaths) if ((nodeHost.realpath(target) ?? null) !== real) return undefined;
  return entry;
}

/** The real file system, remembering every path asked about and the answer. */
function recordingHost(): Host & { seen(): Array<[string, string | null]> } {
  const seen = new Map<string, string | null>();
  return {
    realpath(absolutePath) {
      const real = nodeHost.realpath(absolutePath);
      seen.set(absolutePath, real ?? null);
      return real;
    },
    seen: () => [...seen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}

/** Everything of a file that lint depends on, besides the file system around it. */
function fileHash(source: SourceFile, input: InputFile, refused: string | undefined): string {
  const head = JSON.stringify([source.path, source.absolutePath, source.root, input.relativePath, source.bom, source.eol, refused ?? null]);
  return crypto.createHash('sha256').update(head).update('\0').update(source.text).digest('hex');
}

function settingsHash(config: Map<string, ResolvedRule>, limits: Limits): string {
  return sha256(canonicalJson({ rules: Object.fromEntries(config), limits }));
}

/** JSON with object keys sorted, so that the same settings always hash the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

let engine: string | undefined;

/** A hash of the lint engine's code (@genai-qa/core's JavaScript files), computed once. */
function engineFingerprint(): string {
  if (engine !== undefined) return engine;
  const hash = crypto.createHash('sha256');
  try {
    const dir = path.dirname(createRequire(import.meta.url).resolve('@genai-qa/core'));
    const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.[cm]?[jt]s$/.test(f) && !f.endsWith('.d.ts')).sort();
    for (const file of files) hash.update(`${file.split(path.sep).join('/')}\0`).update(fs.readFileSync(path.join(dir, file))).update('\0');
  } catch {
    hash.update('unknown');
  }
  engine = hash.digest('hex');
  return engine;
}

function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/**
 * The entries of a cache file made with the same key. A missing, unreadable, malformed or
 * foreign (other version, engine or settings) file gives no entries: it is ignored, never an
 * error, and overwritten at the end of the run.
 */
function readCacheFile(
  file: string,
  key: Omit<CacheData, 'files' | 'corpus'>,
): { entries: Map<string, FileEntry>; corpus: CacheData['corpus']; ignored?: string } {
  const none = (ignored: string) => ({ entries: new Map<string, FileEntry>(), corpus: null, ignored });
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return none((error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable');
  }
  let data: CacheData;
  try {
    data = JSON.parse(text) as CacheData;
  } catch {
    return none('not JSON');
  }
  if (typeof data !== 'object' || data === null) return none('not a lint cache');
  if (data.format !== key.format || data.genaiQa !== key.genaiQa) return none('another genai-qa version');
  if (data.engine !== key.engine) return none('another build of the lint engine');
  if (data.settings !== key.settings) return none('other settings');
  if (!Array.isArray(data.files) || !data.files.every(isFileEntry)) return none('malformed');
  if (data.corpus !== null && !(typeof data.corpus?.hash === 'string' && isDiagnostics(data.corpus.diagnostics, undefined))) return none('malformed');
  return { entries: new Map(data.files.map((e) => [e.path, e])), corpus: data.corpus };
}

function isFileEntry(value: unknown): value is FileEntry {
  const e = value as FileEntry;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.path === 'string' &&
    typeof e.hash === 'string' &&
    Array.isArray(e.realpaths) &&
    e.realpaths.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && (p[1] === null || typeof p[1] === 'string')) &&
    isDiagnostics(e.diagnostics, e.path)
  );
}

/** Enough of a Diagnostic's shape that no reporter can trip over a tampered cache. */
function isDiagnostics(value: unknown, file: string | undefined): value is Diagnostic[] {
  const int = (n: unknown) => Number.isInteger(n);
  const optInt = (n: unknown) => n === undefined || Number.isInteger(n);
  return (
    Array.isArray(value) &&
    value.every((d: Diagnostic) => {
      if (typeof d !== 'object' || d === null) return false;
      if (typeof d.file !== 'string' || (file !== undefined && d.file !== file)) return false;
      if (!int(d.line) || !int(d.column) || !optInt(d.endLine) || !optInt(d.endColumn)) return false;
      if (!ruleIds.has(d.ruleId) || (d.severity !== 'error' && d.severity !== 'warning')) return false;
      if (typeof d.message !== 'string' || typeof d.fixable !== 'boolean') return false;
      if (d.fix !== undefined && !(Array.isArray(d.fix.range) && d.fix.range.length === 2 && d.fix.range.every(int) && typeof d.fix.text === 'string')) return false;
      if (d.related !== undefined && !(Array.isArray(d.related) && d.related.every((r) => typeof r?.file === 'string' && int(r.line) && optInt(r.column)))) return false;
      return true;
    })
  );
}
