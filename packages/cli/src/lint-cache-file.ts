import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Diagnostic } from '@genai-qa/core';
import { writeFileAtomic } from './atomic.js';
import type { InputFile } from './paths.js';
import { version } from './version.js';

// The file of `genai-qa lint --cache` (see lint-cache.ts): its format, key, reading and
// writing. No @genai-qa/core at run time here: the warm path (lint-warm.ts) uses it before
// the engine is loaded.

export const DEFAULT_CACHE_LOCATION = '.genai-qa-cache/lint.json';
const CACHE_FILE_NAME = 'lint.json';
const FORMAT = 2;

export interface FileEntry {
  path: string;
  hash: string;
  /** Every path the file rules resolved on disk, with the real path it had (null: missing). */
  realpaths: Array<[string, string | null]>;
  diagnostics: Diagnostic[];
}

/** What the whole cache is valid for. */
export interface CacheKey {
  format: number;
  genaiQa: string;
  /** A hash of the lint engine's code. */
  engine: string;
  /** A hash of the config file's text; null when there is no config file. */
  config: string | null;
}

export interface CacheData extends CacheKey {
  /** Rule ids in the engine's order (the order of diagnostics on one position). */
  rules: string[];
  files: FileEntry[];
  corpus: { hash: string; diagnostics: Diagnostic[] };
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

export function cacheKey(configText: string | undefined): CacheKey {
  return { format: FORMAT, genaiQa: version, engine: engineFingerprint(), config: configText === undefined ? null : sha256(configText) };
}

/**
 * Everything of a file that lint depends on, besides the link targets around it: where it
 * is, where its symlinks lead, why it was not read (if it was not), and its bytes.
 */
export function fileHash(
  file: InputFile & { path: string; real: string; rootReal: string; refused: string | undefined },
  bytes: Uint8Array,
): string {
  const head = JSON.stringify([file.path, file.absolutePath, file.root, file.relativePath, file.real, file.rootReal, file.refused ?? null]);
  return crypto.createHash('sha256').update(head).update('\0').update(bytes).digest('hex');
}

/** The hash the corpus rules' results are kept under: every file's path and hash, in order. */
export function corpusHash(files: ReadonlyArray<{ path: string; hash: string }>): string {
  return sha256(files.map((f) => `${f.path}\0${f.hash}\n`).join(''));
}

/** The real path of a file or directory, symlinks resolved; null when it does not exist. */
export function realpathOrNull(absolutePath: string): string | null {
  try {
    return fs.realpathSync(absolutePath);
  } catch {
    return null;
  }
}

/** The entry, when it was made for this content and the link targets it resolved are unchanged. */
export function freshEntry(entry: FileEntry | undefined, hash: string): FileEntry | undefined {
  if (!entry || entry.hash !== hash) return undefined;
  for (const [target, real] of entry.realpaths) if (realpathOrNull(target) !== real) return undefined;
  return entry;
}

/**
 * Sorts diagnostics as lintFiles does: by file (in `paths` order), line, column, then rule (in
 * `rules` order); stable, so ties keep their order. Sorts in place and returns the array.
 */
export function sortDiagnostics(diagnostics: Diagnostic[], paths: readonly string[], rules: readonly string[]): Diagnostic[] {
  const fileOrder = new Map(paths.map((p, i) => [p, i]));
  const ruleOrder = new Map(rules.map((r, i) => [r, i]));
  return diagnostics.sort(
    (a, b) =>
      fileOrder.get(a.file)! - fileOrder.get(b.file)! ||
      a.line - b.line ||
      a.column - b.column ||
      ruleOrder.get(a.ruleId)! - ruleOrder.get(b.ruleId)!,
  );
}

let engine: string | undefined;

/**
 * A hash of the lint engine's code (@genai-qa/core's JavaScript), computed once: a rebuilt
 * engine does not reuse results of the old one, even when the version number is the same.
 */
export function engineFingerprint(): string {
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

export function sha256(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/**
 * The cache in `file` when it was made with `key`. A missing, unreadable, malformed or
 * foreign (other version, engine or config) file gives `ignored` and no data: it is ignored,
 * never an error, and overwritten at the end of the run.
 */
export function readCacheFile(file: string, key: CacheKey): { data?: CacheData; ignored?: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { ignored: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
  }
  let data: CacheData;
  try {
    data = JSON.parse(text) as CacheData;
  } catch {
    return { ignored: 'not JSON' };
  }
  if (typeof data !== 'object' || data === null) return { ignored: 'not a lint cache' };
  if (data.format !== key.format || data.genaiQa !== key.genaiQa) return { ignored: 'another genai-qa version' };
  if (data.engine !== key.engine) return { ignored: 'another build of the lint engine' };
  if (data.config !== key.config) return { ignored: 'another configuration' };
  if (!Array.isArray(data.rules) || !data.rules.every((r) => typeof r === 'string')) return { ignored: 'malformed' };
  const ruleIds = new Set(data.rules);
  if (!Array.isArray(data.files) || !data.files.every((e) => isFileEntry(e, ruleIds))) return { ignored: 'malformed' };
  const paths = new Set(data.files.map((e) => e.path));
  if (!(typeof data.corpus?.hash === 'string' && isDiagnostics(data.corpus.diagnostics, paths, ruleIds))) return { ignored: 'malformed' };
  return { data };
}

/** Writes the cache atomically (temp file, then rename); the same data gives the same bytes. */
export function writeCacheFile(file: string, data: CacheData): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, `${JSON.stringify(data)}\n`);
}

function isFileEntry(value: unknown, ruleIds: ReadonlySet<string>): value is FileEntry {
  const e = value as FileEntry;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.path === 'string' &&
    typeof e.hash === 'string' &&
    Array.isArray(e.realpaths) &&
    e.realpaths.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string' && (p[1] === null || typeof p[1] === 'string')) &&
    isDiagnostics(e.diagnostics, e.path, ruleIds)
  );
}

/** Enough of a Diagnostic's shape that no reporter can trip over a tampered cache. */
function isDiagnostics(value: unknown, files: string | ReadonlySet<string>, ruleIds: ReadonlySet<string>): value is Diagnostic[] {
  const int = (n: unknown) => Number.isInteger(n);
  const optInt = (n: unknown) => n === undefined || Number.isInteger(n);
  return (
    Array.isArray(value) &&
    value.every((d: Diagnostic) => {
      if (typeof d !== 'object' || d === null) return false;
      if (typeof d.file !== 'string' || (typeof files === 'string' ? d.file !== files : !files.has(d.file))) return false;
      if (!int(d.line) || !int(d.column) || !optInt(d.endLine) || !optInt(d.endColumn)) return false;
      if (!ruleIds.has(d.ruleId) || (d.severity !== 'error' && d.severity !== 'warning')) return false;
      if (typeof d.message !== 'string' || typeof d.fixable !== 'boolean') return false;
      if (d.fix !== undefined && !(Array.isArray(d.fix.range) && d.fix.range.length === 2 && d.fix.range.every(int) && typeof d.fix.text === 'string')) return false;
      if (d.related !== undefined && !(Array.isArray(d.related) && d.related.every((r) => typeof r?.file === 'string' && int(r.line) && optInt(r.column)))) return false;
      return true;
    })
  );
}
