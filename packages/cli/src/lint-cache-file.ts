import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { corpusKey, isStoredDiagnostics, isStoredFile, isStoredFileHead, isStoredQuestion, type Diagnostic, type LintStore, type StoredFile, type StoredQuestion } from '@genai-qa/core/store';
import { writeFileAtomic } from './atomic.js';
import type { InputFile } from './paths.js';
import { version } from './version.js';

export { corpusKey };

// The file of `genai-qa lint --cache` and of the language server: a LintStore (core's
// store.ts) kept on disk, its key, reading and writing. Only @genai-qa/core/store at run
// time here (the schemas that check a cache file): the warm path (lint-warm.ts) uses it
// before the engine is loaded.

export const DEFAULT_CACHE_LOCATION = '.genai-qa-cache/lint.json';
const CACHE_FILE_NAME = 'lint.json';
// 3: entries keep the file's summary (the corpus rules rerun without parsing unchanged files),
// and large files keep their question rules' findings per question. 4: the corpus rules' memory.
const FORMAT = 4;

/** A file's entry (see core's StoredFile), with its path. */
export interface FileEntry extends StoredFile {
  path: string;
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
  /** The corpus rules' diagnostics and their key (null: not kept, e.g. a file was not hashed). */
  corpus: { hash: string; diagnostics: Diagnostic[] } | null;
  /** The question rules' findings per segment of a large file, by key (core's question-cache.ts). */
  questions: Array<[string, StoredQuestion]>;
  /** What the corpus rules kept for their next run, by rule id (each rule checks its own). */
  memory: Record<string, unknown>;
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

/** The real path of a file or directory, symlinks resolved; null when it does not exist. */
export function realpathOrNull(absolutePath: string): string | null {
  try {
    return fs.realpathSync(absolutePath);
  } catch {
    return null;
  }
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

/** The last cache file parsed, by path, size and modification time (the warm path and the run read it once). */
let lastRead: { file: string; size: number; mtimeMs: number; parsed: { data?: unknown; ignored?: string } } | undefined;

/** The cache file parsed as JSON (not checked): `ignored` when missing, unreadable or not JSON. */
function parseCacheFile(file: string): { data?: unknown; ignored?: string } {
  let text: string;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
    if (lastRead && lastRead.file === file && lastRead.size === stat.size && lastRead.mtimeMs === stat.mtimeMs) return lastRead.parsed;
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return { ignored: (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
  }
  let parsed: { data?: unknown; ignored?: string };
  try {
    parsed = { data: JSON.parse(text) };
  } catch {
    parsed = { ignored: 'not JSON' };
  }
  lastRead = { file, size: stat.size, mtimeMs: stat.mtimeMs, parsed };
  return parsed;
}

/**
 * The cache in `file` when it was made with `key`, its shape not checked yet (see
 * readCacheFile): for the warm path, which compares the files' hashes first and checks the
 * whole only when they all match.
 */
export function peekCacheFile(file: string, key: CacheKey): { data?: CacheData; ignored?: string } {
  const { data: value, ignored } = parseCacheFile(file);
  if (ignored) return { ignored };
  const data = value as CacheData;
  if (typeof data !== 'object' || data === null) return { ignored: 'not a lint cache' };
  if (data.format !== key.format || data.genaiQa !== key.genaiQa) return { ignored: 'another genai-qa version' };
  if (data.engine !== key.engine) return { ignored: 'another build of the lint engine' };
  if (data.config !== key.config) return { ignored: 'another configuration' };
  return { data };
}

const checked = new WeakMap<object, string | undefined>();

/**
 * The cache in `file` when it was made with `key`. A missing, unreadable, malformed or
 * foreign (other version, engine or config) file gives `ignored` and no data: it is ignored,
 * never an error, and overwritten at the end of the run.
 */
export function readCacheFile(file: string, key: CacheKey): { data?: CacheData; ignored?: string } {
  const peeked = peekCacheFile(file, key);
  if (!peeked.data) return peeked;
  const { data } = peeked;
  if (!checked.has(data)) checked.set(data, withParts(file, data) ?? malformed(data));
  const problem = checked.get(data);
  return problem ? { ignored: problem } : { data };
}

/** What is wrong with a cache's shape ('malformed'), or undefined. */
function malformed(data: CacheData): string | undefined {
  if (!Array.isArray(data.rules) || !data.rules.every((r) => typeof r === 'string')) return 'malformed';
  // The schemas check the shapes (core's store.ts); the rest, what no schema can say.
  const ruleIds = new Set(data.rules);
  if (!Array.isArray(data.files)) return 'malformed';
  for (const e of data.files) {
    if (typeof e?.path !== 'string') return 'malformed';
    const { path: shown, ...entry } = e;
    if (!isStoredFileHead(entry) || !entry.diagnostics.every((d) => d.file === shown && ruleIds.has(d.ruleId))) return 'malformed';
  }
  const paths = new Set(data.files.map((e) => e.path));
  const corpus = data.corpus as unknown;
  if (corpus !== null && !(typeof data.corpus?.hash === 'string' && isStoredDiagnostics(data.corpus.diagnostics))) return 'malformed';
  if (corpus !== null && !data.corpus!.diagnostics.every((d) => paths.has(d.file) && ruleIds.has(d.ruleId))) return 'malformed';
  if (!Array.isArray(data.questions) || !data.questions.every((q) => Array.isArray(q) && q.length === 2 && typeof q[0] === 'string' && isStoredQuestion(q[1]))) {
    return 'malformed';
  }
  return undefined;
}

/*
 * On disk the cache is three files: `lint.json` holds what the warm path prints (each file's
 * hash, link targets and diagnostics, the corpus rules' diagnostics), small enough to read
 * in a blink; `lint.parts.json` beside it holds what the engine reads on every run (the
 * per-question entries, the corpus rules' memory), and `lint.summaries.json` each file's
 * summary, which is read only when a file is unchanged (a 10k-question file's summary is
 * 20 MB, of no use once the file is edited). `lint.json` names both files' hashes, so that
 * files that do not belong together are ignored.
 */

interface Parts {
  /** Each file's segment keys (null: not cut into segments). */
  segments: Array<string[] | null>;
  questions: CacheData['questions'];
  memory: CacheData['memory'];
}

/** The file beside the cache file that holds the per-question entries and the corpus rules' memory. */
export function partsFile(file: string): string {
  return path.join(path.dirname(file), `${path.basename(file).replace(/\.json$/, '')}.parts.json`);
}

/** The file beside the cache file that holds the files' summaries. */
export function summariesFile(file: string): string {
  return path.join(path.dirname(file), `${path.basename(file).replace(/\.json$/, '')}.summaries.json`);
}

/** A file beside the cache file, when it is the one `recorded` names (its hash), parsed; or why not. */
function readBeside(file: string, recorded: unknown, what: string): { value?: unknown; problem?: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return { problem: `${what} missing` };
  }
  if (recorded !== sha256(text)) return { problem: `${what} of another run` };
  try {
    return { value: JSON.parse(text) };
  } catch {
    return { problem: 'malformed' };
  }
}

/** Puts the per-question entries and the memory of the parts file into `data`; or says why it cannot. */
function withParts(file: string, data: CacheData): string | undefined {
  const { value, problem } = readBeside(partsFile(file), (data as { parts?: unknown }).parts, 'parts');
  if (problem) return problem;
  const parts = value as Parts;
  const n = Array.isArray(data.files) ? data.files.length : -1;
  if (!Array.isArray(parts?.segments) || parts.segments.length !== n) return 'malformed';
  data.files.forEach((entry, i) => {
    const segments = parts.segments[i];
    if (segments !== null) entry.segments = segments!;
  });
  data.questions = parts.questions;
  const memory = parts.memory as unknown;
  if (typeof memory !== 'object' || memory === null || Array.isArray(memory)) return 'malformed';
  data.memory = parts.memory;
  return undefined;
}

const summariesRead = new WeakMap<object, string | undefined>();

/** Puts each file's summary into `data` (read once per cache read); or says why it cannot. */
export function withSummaries(file: string, data: CacheData): string | undefined {
  if (summariesRead.has(data)) return summariesRead.get(data);
  const { value, problem } = readBeside(summariesFile(file), (data as { summaries?: unknown }).summaries, 'summaries');
  let outcome = problem;
  if (!outcome) {
    const summaries = (value as { summaries?: unknown })?.summaries;
    if (!Array.isArray(summaries) || summaries.length !== data.files.length) outcome = 'malformed';
    else {
      data.files.forEach((entry, i) => (entry.summary = summaries[i] as FileEntry['summary']));
      if (!data.files.every(({ path: _path, ...entry }) => isStoredFile(entry))) outcome = 'malformed';
    }
  }
  summariesRead.set(data, outcome);
  return outcome;
}

/** Writes the cache atomically (temp files, then rename: the parts first); the same data gives the same bytes. */
export function writeCacheFile(file: string, data: CacheData): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const { questions, files, memory, ...rest } = data;
  const parts = `${JSON.stringify({ segments: files.map((f) => f.segments ?? null), questions, memory } satisfies Parts)}\n`;
  const summaries = `${JSON.stringify({ summaries: files.map((f) => f.summary) })}\n`;
  writeFileAtomic(partsFile(file), parts);
  writeFileAtomic(summariesFile(file), summaries);
  const entries = files.map(({ summary: _summary, segments: _segments, ...entry }) => entry);
  writeFileAtomic(file, `${JSON.stringify({ ...rest, files: entries, parts: sha256(parts), summaries: sha256(summaries) })}\n`);
}

/**
 * The cache file as a LintStore: read once (ignored when foreign or malformed), entries put
 * during the run kept beside the old ones, and written back (`save`) with an entry for each
 * file of the run, in the run's order.
 */
export class CacheFileStore implements LintStore {
  /** The entries read, their summaries put in when first needed (withSummaries). */
  private readonly old: Map<string, Omit<StoredFile, 'summary'> & { summary?: StoredFile['summary'] }>;
  private readonly data: CacheData | undefined;
  private readonly put = new Map<string, StoredFile>();
  private oldCorpus: CacheData['corpus'];
  private newCorpus: CacheData['corpus'] | undefined;
  /** Why the cache file was not used ('missing', 'another configuration', …); undefined when it was. */
  ignored: string | undefined;
  private oldPaths: string[];
  private readonly oldQuestions: Map<string, StoredQuestion>;
  /** The segment entries put in this run. */
  private readonly usedQuestions = new Map<string, StoredQuestion>();
  private questionsPut = false;
  private readonly memory: Map<string, unknown>;
  private memoryPut = false;

  constructor(
    readonly file: string,
    private readonly key: CacheKey,
    private readonly rules: string[],
  ) {
    const { data, ignored } = readCacheFile(file, key);
    this.ignored = ignored;
    this.data = data;
    this.old = new Map((data?.files ?? []).map(({ path: shown, ...entry }) => [shown, entry]));
    this.oldPaths = (data?.files ?? []).map((e) => e.path);
    this.oldCorpus = data?.corpus ?? null;
    this.oldQuestions = new Map(data?.questions ?? []);
    this.memory = new Map(Object.entries(data?.memory ?? {}));
  }

  getMemory(ruleId: string): unknown {
    return this.memory.get(ruleId);
  }

  putMemory(ruleId: string, value: unknown): void {
    this.memory.set(ruleId, value);
    this.memoryPut = true;
  }

  getQuestion(key: string): StoredQuestion | undefined {
    return this.usedQuestions.get(key) ?? this.oldQuestions.get(key);
  }

  putQuestion(key: string, entry: StoredQuestion): void {
    this.usedQuestions.set(key, entry);
    this.questionsPut = true;
  }

  getFile(shown: string, hash?: string): StoredFile | undefined {
    const mine = this.put.get(shown);
    if (mine) return mine;
    const old = this.old.get(shown);
    if (!old || (hash !== undefined && old.hash !== hash)) return undefined;
    if (old.summary === undefined && this.data) {
      const problem = withSummaries(this.file, this.data);
      if (problem) {
        // Summaries that do not belong with lint.json: nothing of the old run is used.
        this.ignored = problem;
        this.old.clear();
        this.oldQuestions.clear();
        this.memory.clear();
        this.oldCorpus = null;
        return undefined;
      }
      for (const { path: entryPath, summary } of this.data.files) {
        const entry = this.old.get(entryPath);
        if (entry && entry.summary === undefined) entry.summary = summary;
      }
    }
    return this.old.get(shown) as StoredFile | undefined;
  }

  putFile(shown: string, entry: StoredFile): void {
    this.put.set(shown, entry);
  }

  getCorpus(hash: string): Diagnostic[] | undefined {
    const corpus = this.newCorpus ?? this.oldCorpus;
    return corpus?.hash === hash ? corpus.diagnostics : undefined;
  }

  putCorpus(hash: string, diagnostics: Diagnostic[]): void {
    this.newCorpus = { hash, diagnostics };
  }

  /**
   * Writes the entries of `paths` (the files of the run, in order) and the corpus results,
   * unless the file holds exactly that already. Returns the problem when it could not be written.
   */
  save(paths: readonly string[]): string | undefined {
    const unchanged =
      this.ignored === undefined && this.put.size === 0 && !this.questionsPut && !this.memoryPut && this.newCorpus === undefined && paths.length === this.oldPaths.length && paths.every((p, i) => p === this.oldPaths[i]);
    if (unchanged) return undefined;
    const files: FileEntry[] = [];
    // The segment entries of the files written (no others: an edited question's old entry goes).
    const questions: Array<[string, StoredQuestion]> = [];
    for (const shown of paths) {
      const entry = this.getFile(shown);
      if (!entry) continue;
      files.push({ path: shown, ...entry });
      for (const key of entry.segments ?? []) {
        const question = this.getQuestion(key);
        if (question) questions.push([key, question]);
      }
    }
    const shownSet = new Set(paths);
    const corpus = this.newCorpus ?? this.oldCorpus;
    const kept = files.length === paths.length && corpus && corpus.diagnostics.every((d) => shownSet.has(d.file)) ? corpus : null;
    try {
      // (Each rule's memory describes the questions it was made from, whichever files they were: it is kept as it is.)
      const memory = Object.fromEntries([...this.memory].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      writeCacheFile(this.file, { ...this.key, rules: this.rules, files, corpus: kept, questions, memory });
      // What was written is now what the file holds (the language server saves again and again).
      for (const [shown, entry] of this.put) this.old.set(shown, entry);
      for (const [key, entry] of this.usedQuestions) this.oldQuestions.set(key, entry);
      this.put.clear();
      this.usedQuestions.clear();
      this.questionsPut = false;
      this.memoryPut = false;
      this.oldCorpus = kept;
      this.newCorpus = undefined;
      this.oldPaths = [...paths];
      this.ignored = undefined;
      return undefined;
    } catch (error) {
      return `could not write the lint cache ${this.file}: ${(error as Error).message}`;
    }
  }
}
