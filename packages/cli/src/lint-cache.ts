import {
  lintCorpus,
  lintFiles,
  parseFile,
  resolveConfig,
  resolveLimits,
  rules,
  summarizeFile,
  type Diagnostic,
  type FileSummary,
  type Host,
  type ParsedFile,
  type SourceFile,
} from '@genai-qa/core';
import { loadConfigWithText } from './config-file.js';
import { collectFiles, fixChecked, readChecked, type InputFile } from './files.js';
import type { Io } from './io.js';
import {
  cacheKey,
  corpusHash,
  fileHash,
  freshEntry,
  readCacheFile,
  realpathOrNull,
  sortDiagnostics,
  writeCacheFile,
  type CacheData,
  type FileEntry,
} from './lint-cache-file.js';
import { NO_PROGRESS, ruleProgress, type Progress } from './progress.js';

export { resolveCacheLocation } from './lint-cache-file.js';

/*
 * `genai-qa lint --cache`: the diagnostics of the last run, reused while nothing they depend
 * on has changed.
 *
 * - The whole cache is valid only for one genai-qa version, one build of the lint engine
 *   (a hash of @genai-qa/core's code, so a rebuilt engine with an unchanged version number
 *   does not reuse stale results) and one configuration (a hash of the config file's text,
 *   which with the engine fixes every rule's severity and options, and the limits).
 *   Otherwise it is ignored and rewritten.
 * - Rules of scope 'file' see one file: their diagnostics are kept per file, keyed by the
 *   file's path and a hash of what lint reads of it (its bytes, its paths and real paths,
 *   and why it was not read, if it was not). broken-link and unsafe-link also look at the
 *   file system: the link targets they resolved are kept with the entry and resolved again,
 *   so a deleted or added image invalidates the file that links to it.
 * - Rules of scope 'corpus' see all files: their diagnostics are kept once, keyed by a hash
 *   of every file's path and hash.
 *
 * So a run where nothing changed reads and hashes the files and parses none (lint-warm.ts
 * does that before the engine is even loaded); a run where
 * some files changed parses all of them (the corpus rules need every file) but runs the
 * file rules only on the changed ones. Diagnostics are stored as they are (including `fix`
 * and `related`), after suppression comments and severities were applied, and merged in
 * lintFiles' order, so every format prints the same bytes as without the cache.
 */

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
  /** Why the cache file was not used as a whole ('missing', 'unreadable', 'another configuration', …). */
  ignored?: string;
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
  const { config: raw, text: configText } = loadConfigWithText(options.config, io.cwd);
  const config = resolveConfig(raw);
  const limits = resolveLimits(raw);
  const inputs = collectFiles(paths, io.cwd);
  const key = cacheKey(configText);
  const read = readCacheFile(options.cacheFile, key);
  const cached = { entries: new Map((read.data?.files ?? []).map((e) => [e.path, e])), corpus: read.data?.corpus, ignored: read.ignored };
  // A corpus rule with fixes would fix a file on its own in fixSource; none has fixes today.
  const corpusFixes = rules.some((r) => r.scope === 'corpus' && r.meta.fixable && config.get(r.meta.id)!.severity !== 'off');

  const files: Array<{ input: InputFile; source: SourceFile; refused?: string; hash: string; entry?: FileEntry }> = [];
  progress.phase(options.fix ? 'Fixing' : 'Reading', inputs.length, 'files');
  for (const input of inputs) {
    progress.update(files.length, input.relativePath);
    const checked = readChecked(input, io.cwd, limits.maxFileBytes);
    let source = checked.source;
    const refused = checked.refused;
    const identity = { ...input, path: source.path, real: checked.real, rootReal: checked.rootReal, refused };
    let hash = fileHash(identity, checked.bytes);
    let entry = freshEntry(cached.entries.get(source.path), hash);
    const nothingToFix = entry !== undefined && !corpusFixes && entry.diagnostics.every((d) => d.fix === undefined);
    if (options.fix && !nothingToFix) {
      const fixed = fixChecked(input, checked, { config, limits, layout: raw.questions });
      if (fixed.written) {
        source = fixed.source;
        hash = fileHash(identity, fixed.written);
        entry = freshEntry(cached.entries.get(source.path), hash);
      }
    }
    files.push({ input, source, ...(refused ? { refused } : {}), hash, ...(entry ? { entry } : {}) });
  }

  const corpusKey = corpusHash(files.map((f) => ({ path: f.source.path, hash: f.hash })));
  const corpusReused = cached.corpus?.hash === corpusKey;
  // Files parsed so far, kept as summaries (no tree) for the corpus rules: one tree at a time.
  const parsed = new Map<string, FileSummary>();
  const parse = (f: (typeof files)[number]): ParsedFile => {
    const file = parseFile(f.source, f.input.relativePath, { limits, ...(f.refused ? { refused: f.refused } : {}), ...(raw.questions ? { layout: raw.questions } : {}) });
    parsed.set(f.source.path, summarizeFile(file));
    return file;
  };

  const stats: CacheStats = { reused: [], linted: [], parsed: [], corpusReused, ...(cached.ignored ? { ignored: cached.ignored } : {}) };
  const ruleOrder = rules.map((r) => r.meta.id);
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
      if (!parsed.has(f.source.path)) parse(f);
      return parsed.get(f.source.path)!;
    });
    corpus = { hash: corpusKey, diagnostics: lintCorpus(all, { config, onRule: ruleProgress(progress) }) };
  }
  diagnostics.push(...corpus!.diagnostics);
  stats.parsed = files.map((f) => f.source.path).filter((p) => parsed.has(p));

  // A run that reused everything leaves the cache file as it is (it holds exactly this).
  const unchanged = !cached.ignored && corpusReused && stats.linted.length === 0 && cached.entries.size === files.length;
  if (!unchanged) {
    const data: CacheData = { ...key, rules: ruleOrder, files: entries, corpus: corpus! };
    try {
      writeCacheFile(options.cacheFile, data);
    } catch (error) {
      io.stderr.write(`genai-qa: could not write the lint cache ${options.cacheFile}: ${(error as Error).message}\n`);
    }
  }
  return { diagnostics: sortDiagnostics(diagnostics, files.map((f) => f.source.path), ruleOrder), stats };
}

/** The real file system, remembering every path asked about and the answer. */
function recordingHost(): Host & { seen(): Array<[string, string | null]> } {
  const seen = new Map<string, string | null>();
  return {
    realpath(absolutePath) {
      const real = realpathOrNull(absolutePath);
      seen.set(absolutePath, real);
      return real ?? undefined;
    },
    seen: () => [...seen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}
