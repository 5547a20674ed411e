import { LintSession, resolveConfig, resolveLimits, ruleOrder, rules, type Diagnostic, type ExternalLinks, type LayoutSetting, type LintInput, type ParsedFile } from '@genai-qa/core';
import fs from 'node:fs';
import { loadConfigWithText } from './config-file.js';
import { collectFiles, fixChecked, nodeHost, readChecked, type InputFile } from './files.js';
import type { Io } from './io.js';
import { LayoutTally } from './layout-report.js';
import { cacheKey, CacheFileStore, fileHash } from './lint-cache-file.js';
import { poolThreads, pooledInputs, type PoolCounts, type PooledInput } from './lint-pool.js';
import { NO_PROGRESS, ruleProgress, type Progress } from './progress.js';

/*
 * The one lint pipeline of the CLI: `lint`, `lint --cache` and `build` read (and with --fix,
 * fix) the files here and hand them to core's LintSession, one at a time. With a cache file
 * the session gets it as its store (lint-cache-file.ts):
 *
 * - The whole cache is valid only for one genai-qa version, one build of the lint engine
 *   (a hash of @genai-qa/core's code) and one configuration (a hash of the config file's
 *   text, which with the engine fixes every rule's severity and options, and the limits).
 *   Otherwise it is ignored and rewritten.
 * - A file's entry (its own diagnostics and its summary) is keyed by a hash of what lint
 *   reads of it (its bytes, its paths and real paths, why it was not read); the link targets
 *   the file rules resolved are kept with it and resolved again, so a deleted or added image
 *   invalidates the file that links to it.
 * - The corpus rules' diagnostics are kept once, keyed by every file's path and hash; when a
 *   file changed they run again on the summaries, stored ones for the unchanged files: only
 *   the changed files are parsed.
 *
 * Diagnostics are stored as they are (with `fix` and `related`), after suppression comments
 * and severities were applied, and merged in lintFiles' order, so every format prints the
 * same bytes as without the cache. The network's answers are never cached: with `external`,
 * the session uses no store.
 */

export interface LintPathsOptions {
  config?: string | undefined;
  fix?: boolean | undefined;
  /** The answers of the link check (`--check-external`): the external rules run and fix too. */
  external?: ExternalLinks | undefined;
  /** The cache file (`--cache`); none: nothing is kept. */
  cacheFile?: string | undefined;
  /** Keep every parsed file with its tree (what `build` exports); the cache is then not read. */
  keepTrees?: boolean;
  /** Print the question layout found on stderr (`--verbose`). */
  verbose?: boolean;
  /** Called once the files are listed, with their size on disk in all (before any is read). */
  onInputs?: (files: readonly InputFile[], bytes: number) => void;
  progress?: Progress;
}

/** What a run with a cache did (for tests and the benchmark). */
export interface CacheStats {
  /** Files whose own diagnostics came from the cache. */
  reused: string[];
  /** Files the file rules ran on. */
  linted: string[];
  /** Files parsed: the linted ones (the corpus rules read the stored summaries of the others). */
  parsed: string[];
  /** Whether the corpus rules' diagnostics came from the cache. */
  corpusReused: boolean;
  /** Why the cache file was not used as a whole ('missing', 'unreadable', 'another configuration', …). */
  ignored?: string;
}

export interface LintRun {
  /** The parsed files (with `keepTrees`; else empty). */
  files: ParsedFile[];
  diagnostics: Diagnostic[];
  /** The config's `questions`, if any. */
  layout: LayoutSetting | undefined;
  stats: CacheStats;
}

/**
 * Reads, optionally fixes, parses and lints files, in the order lint reports them. `--fix`
 * fixes exactly the files it fixes without the cache: all of them, except a file whose stored
 * diagnostics (valid for its current content) hold no fix, where fixing would change nothing.
 */
export function lintPaths(paths: readonly string[], io: Io, options: LintPathsOptions = {}): LintRun {
  const progress = options.progress ?? NO_PROGRESS;
  const { config: raw, text: configText } = loadConfigWithText(options.config, io.cwd);
  const config = resolveConfig(raw);
  const limits = resolveLimits(raw);
  const layout = raw.questions;
  const useCache = options.cacheFile !== undefined && !options.keepTrees && options.external === undefined;
  const store = useCache ? new CacheFileStore(options.cacheFile!, cacheKey(configText), ruleOrder()) : undefined;
  const session = new LintSession({ config, limits, layout, host: nodeHost, external: options.external, store, onRule: ruleProgress(progress) });
  // A corpus rule with fixes would fix a file on its own in fixSource; none has fixes today.
  const corpusFixes = rules.some((r) => r.scope === 'corpus' && r.meta.fixable && config.get(r.meta.id)!.severity !== 'off');

  const inputs = collectFiles(paths, io.cwd);
  const bytes = totalBytes(inputs);
  options.onInputs?.(inputs, bytes);
  progress.phase(options.fix ? 'Fixing and linting' : 'Linting', inputs.length, 'files');
  function* read(): Generator<LintInput> {
    for (const [index, input] of inputs.entries()) {
      progress.update(index, input.relativePath);
      const checked = readChecked(input, io.cwd, limits.maxFileBytes);
      const { refused } = checked;
      let source = checked.source;
      const identity = { ...input, path: source.path, real: checked.real, rootReal: checked.rootReal, refused };
      let hash = store ? fileHash(identity, checked.bytes) : undefined;
      const lintInput = (): LintInput => ({ source, relativePath: input.relativePath, ...(refused ? { refused } : {}), ...(hash !== undefined ? { hash } : {}) });
      const entry = session.stored(lintInput());
      const nothingToFix = entry !== undefined && !corpusFixes && entry.diagnostics.every((d) => d.fix === undefined);
      if (options.fix && !nothingToFix) {
        const fixed = fixChecked(input, checked, { config, limits, external: options.external, layout });
        if (fixed.written) {
          source = fixed.source;
          if (store) hash = fileHash(identity, fixed.written);
        }
      }
      yield lintInput();
    }
  }
  const tally = options.verbose ? new LayoutTally() : undefined;
  // A plain run of a large corpus lints its files on every core (lint-pool.ts); same report.
  const plain = !options.fix && !options.keepTrees && options.external === undefined && store === undefined;
  const threads = plain ? poolThreads(inputs, bytes, io.env) : 1;
  const counts: PoolCounts = { here: 0, workers: 0 };
  const pooled = (): Iterable<LintInput> =>
    pooledInputs(inputs, { cwd: io.cwd, config, limits, layout }, session, threads, (index) => progress.update(index, inputs[index]!.relativePath), counts);
  const result = session.lint(threads > 1 ? pooled() : read(), {
    keepTrees: options.keepTrees ?? false,
    onFile: (input, r) => {
      if (!tally) return;
      if (r.file) tally.add(r.file);
      // A file a worker linted: its layout came with its summary.
      else if ('layout' in input) tally.add({ layout: (input as PooledInput).layout, questions: r.summary.questions, skipped: r.summary.skipped });
    },
  });
  if (tally) io.stderr.write(tally.line(layout));
  if (options.verbose && threads > 1) {
    io.stderr.write(`genai-qa: files linted on ${threads} threads: ${counts.here} on the main thread, ${counts.workers} by ${threads - 1} worker${threads === 2 ? '' : 's'}\n`);
  }
  // (Read after the run: a cache file's summaries are read, and found wanting, only when needed.)
  const ignored = store?.ignored;
  if (store) {
    const problem = store.save(result.summaries.map((s) => s.source.path));
    if (problem) io.stderr.write(`genai-qa: ${problem}\n`);
  }
  const stats: CacheStats = {
    reused: result.reused,
    linted: result.linted,
    parsed: result.linted,
    corpusReused: result.corpusReused,
    ...(ignored ? { ignored } : {}),
  };
  return { files: result.files, diagnostics: result.diagnostics, layout, stats };
}

/** The files' sizes on disk together (what decides whether a pool pays; unreadable files count 0). */
function totalBytes(files: readonly InputFile[]): number {
  let bytes = 0;
  for (const file of files) {
    try {
      bytes += fs.statSync(file.absolutePath).size;
    } catch {
      // Reported when the file is read.
    }
  }
  return bytes;
}
