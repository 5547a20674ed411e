import fs from 'node:fs';
import { entryHolds, isStoredDiagnostics, sortDiagnosticsBy, type Diagnostic } from '@genai-qa/core/store';
import { readConfigText } from './config-text.js';
import type { Io } from './io.js';
import { cacheKey, corpusKey, fileHash, peekCacheFile, realpathOrNull, resolveCacheLocation } from './lint-cache-file.js';
import { parseLintArgs, printFindings, withContent } from './lint-options.js';
import { displayPath, listInputFiles } from './paths.js';

/*
 * The warm path of `genai-qa lint --cache`: when nothing changed since the cache was written
 * (same files, same bytes, same link targets, same configuration and engine), print the
 * cached findings without loading the lint engine at all. Loading @genai-qa/core (the
 * Markdown parser and its hundreds of modules) is most of what a warm run would otherwise
 * cost. Anything else, or anything unexpected, returns undefined: the command then runs as
 * usual (lint-cache.ts), which gives the same output, the proper error messages, and
 * rewrites the cache.
 *
 * Not a second pipeline: whether an entry holds is decided by the code the lint session uses
 * (core's store-validity.ts: the same hash, the same real paths of the link targets), the
 * cache file's key (configuration, version, engine) by the same peekCacheFile, the hashes by
 * the same fileHash, the corpus entry by the same corpusKey, and the order by the same
 * comparator (store.ts sortDiagnosticsBy, which core's sortDiagnostics is with the engine's
 * rule order; here the order the cache was written with, which names the same rules).
 * A file is hashed as not refused: it was not refused when the cache was written (the hash
 * would include the reason), and with the same real paths, bytes and configuration it would
 * not be now.
 */
export function warmLint(argv: string[], io: Io): number | undefined {
  let args: ReturnType<typeof parseLintArgs>;
  try {
    args = withContent(parseLintArgs(argv), io.cwd);
  } catch {
    return undefined;
  }
  // --fix writes files, --fix-dry-run and --changed-since print other things, --check-external
  // asks the network, SARIF needs the rules' metadata.
  // --verbose reports what the parser found, which the cache does not keep.
  if (!args.cache || args.help || args.fix || args.fixDryRun || args.changedSince !== undefined || args.checkExternal || args.verbose || args.format === 'sarif') {
    return undefined;
  }
  let diagnostics: Diagnostic[];
  try {
    const found = cachedFindings(args.paths, io.cwd, args.config, resolveCacheLocation(args.cacheLocation, io.cwd));
    if (!found) return undefined;
    diagnostics = found;
  } catch {
    return undefined;
  }
  return printFindings(diagnostics, args, io);
}

/** The cached findings, sorted, when every input is unchanged; else undefined. */
function cachedFindings(paths: readonly string[], cwd: string, config: string | undefined, cacheFile: string): Diagnostic[] | undefined {
  const key = cacheKey(readConfigText(config, cwd));
  // The hashes first, on the file as parsed (a mismatch is the common case, and cheap to see);
  // the diagnostics' shape is checked (core's store schemas) only when every file is unchanged.
  const { data } = peekCacheFile(cacheFile, key);
  if (!data || !Array.isArray(data.files)) return undefined;
  const inputs = listInputFiles(paths, cwd, () => new Error('not found'));
  if (inputs.length !== data.files.length) return undefined;
  const files: Array<{ path: string; hash: string }> = [];
  const diagnostics: Diagnostic[] = [];
  for (const [i, input] of inputs.entries()) {
    const entry = data.files[i]!;
    const shown = displayPath(input.absolutePath, cwd);
    if (entry.path !== shown) return undefined;
    const real = fs.realpathSync(input.absolutePath);
    const rootReal = fs.realpathSync(input.root);
    const hash = fileHash({ ...input, path: shown, real, rootReal, refused: undefined }, fs.readFileSync(real));
    // The hash first, cheap to compare; the link targets below, once the shapes are checked.
    if (entry.hash !== hash) return undefined;
    files.push({ path: shown, hash });
  }
  if (!data.corpus || corpusKey(files) !== data.corpus.hash) return undefined;
  // Only what is printed is checked here (the diagnostics): the summaries serve the engine.
  if (!Array.isArray(data.rules) || !isStoredDiagnostics(data.corpus.diagnostics)) return undefined;
  const ruleIds = new Set(data.rules);
  const shown = new Set(files.map((f) => f.path));
  if (!data.corpus.diagnostics.every((d) => shown.has(d.file) && ruleIds.has(d.ruleId))) return undefined;
  for (const [i, entry] of data.files.entries()) {
    if (!isStoredDiagnostics(entry.diagnostics) || !isHostList(entry.host) || !entry.diagnostics.every((d) => d.file === entry.path && ruleIds.has(d.ruleId))) return undefined;
    if (!entryHolds(entry, files[i]!.hash, realpathOrNull)) return undefined;
    for (const d of entry.diagnostics) diagnostics.push(d); // (no spread: any number of findings)
  }
  for (const d of data.corpus.diagnostics) diagnostics.push(d);
  return sortDiagnosticsBy(
    diagnostics,
    files.map((f) => f.path),
    data.rules,
  );
}


/** Whether a cache file's `host` of an entry is a list of [path, real path or null] (the file is input: it may be anything). */
function isHostList(value: unknown): value is Array<[string, string | null]> {
  return Array.isArray(value) && value.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && (typeof pair[1] === 'string' || pair[1] === null));
}
