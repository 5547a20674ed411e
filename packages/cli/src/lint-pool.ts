import os from 'node:os';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { InputError, unpackSummary, type Diagnostic, type Layout, type LayoutSetting, type Limits, type LintInput, type LintSession, type PackedSummary, type PrelintedInput, type ResolvedRule, type SourceFile } from '@genai-qa/core';
import { readChecked, type InputFile } from './files.js';

/*
 * `lint` on more than one core: worker threads read and lint files with the file rules while
 * the main thread does the same, and the main thread then runs the corpus rules on every
 * summary, as on one thread. Each thread takes the next file not yet taken (a shared
 * counter), so a large file does not hold up the others; results are taken in the files'
 * order, so the report is the same, byte for byte, as a run on one thread.
 *
 * Only plain runs use it: with --cache, --fix, --check-external or for `build`
 * (which keeps every tree) the run stays on one thread. A worker that fails or dies costs
 * nothing but time: the main thread lints its file itself.
 */

/** Files from this many bytes in all are linted by several threads (a worker takes ~0.3 s to load the engine). */
export const POOL_FROM_BYTES = 2_000_000;
/**
 * Unless GENAI_QA_THREADS says otherwise, a pool from this many cores: on two, the second
 * thread's engine load, its own compiled code and garbage collection on both ate the gain
 * (BENCHMARKS.md, "lint on more than one core").
 */
export const POOL_FROM_CORES = 4;
/** At most this many threads unless GENAI_QA_THREADS asks for more: each is an engine and a heap of its own. */
export const DEFAULT_MAX_THREADS = 4;
/** How long the main thread waits for a worker's file before linting it itself. */
const PATIENCE_MS = 120_000;

/** What the pool's threads are given: the same settings as the main thread's session. */
export interface PoolSettings {
  cwd: string;
  config: Map<string, ResolvedRule>;
  limits: Limits;
  layout: LayoutSetting | undefined;
}

/** What a worker posts for the file at `index`. */
export type PoolMessage =
  | { index: number; source: SourceFile; refused: string | undefined; diagnostics: Diagnostic[]; summary: PackedSummary; layout: Layout | undefined }
  | { index: number; inputError: { file: string; reason: string } }
  | { index: number; failed: string };

/**
 * How many threads lint: GENAI_QA_THREADS when set to a number (1 turns the pool off), else
 * one per core from POOL_FROM_CORES cores on, DEFAULT_MAX_THREADS at most; one thread for a
 * corpus of one file, or too small to pay for starting workers (unless GENAI_QA_THREADS asks
 * for more).
 */
export function poolThreads(files: readonly InputFile[], bytes: number, env: Record<string, string | undefined>, cores = os.availableParallelism()): number {
  const set = env.GENAI_QA_THREADS?.trim();
  const asked = set !== undefined && /^\d+$/.test(set) ? Math.max(1, Number(set)) : undefined;
  if (files.length < 2) return 1;
  if (asked !== undefined) return Math.min(asked, files.length);
  return cores >= POOL_FROM_CORES && bytes >= POOL_FROM_BYTES ? Math.min(cores, DEFAULT_MAX_THREADS, files.length) : 1;
}

/** What a thread reports of an error on the file at `index`: an input error as it is, anything else as a failure. */
export function errorMessage(index: number, error: unknown): PoolMessage {
  return error instanceof InputError ? { index, inputError: { file: error.file, reason: error.reason } } : { index, failed: String(error) };
}

/** The file as plain lint reads it: what the main thread and every worker do for one file. */
export function plainInput(file: InputFile, cwd: string, limits: Limits): LintInput {
  const { source, refused } = readChecked(file, cwd, limits.maxFileBytes);
  return { source, relativePath: file.relativePath, ...(refused ? { refused } : {}) };
}

/** A file linted by the pool; `layout` is the question layout found in it (for --verbose). */
export interface PooledInput extends PrelintedInput {
  layout: Layout | undefined;
}

/** How many files each kind of thread linted (for --verbose). */
export interface PoolCounts {
  here: number;
  workers: number;
}

/**
 * The files linted in order, each with its result, by `threads` threads (this one among
 * them). `onFile(index)` is called as each one's turn comes (progress display).
 */
export function* pooledInputs(
  files: readonly InputFile[],
  settings: PoolSettings,
  session: LintSession,
  threads: number,
  onFile: (index: number) => void = () => {},
  counts: PoolCounts = { here: 0, workers: 0 },
): Generator<PooledInput> {
  const next = new Int32Array(new SharedArrayBuffer(4));
  // Per file: 1 once a worker has posted its result.
  const done = new Int32Array(new SharedArrayBuffer(4 * files.length));
  const workers: Array<{ worker: Worker; port: MessagePort }> = [];
  for (let i = 1; i < threads; i++) {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(new URL('./lint-pool-worker.js', import.meta.url), {
      workerData: { port: port2, next, done, files, settings },
      transferList: [port2],
    });
    worker.unref();
    // A worker that fails is not waited for (see PATIENCE_MS); its files are linted here.
    worker.on('error', () => {});
    workers.push({ worker, port: port1 });
  }
  const here = new Map<number, PooledInput>();
  const arrived = new Map<number, PoolMessage>();
  const lintHere = (index: number): PooledInput => {
    const input = plainInput(files[index]!, settings.cwd, settings.limits);
    const prelinted = session.lintFile(input);
    counts.here++;
    return { ...input, prelinted, layout: prelinted.file?.layout };
  };
  /** Takes the next file nobody has taken and lints it here; false when none is left. */
  const takeOne = (): boolean => {
    const index = Atomics.add(next, 0, 1);
    if (index >= files.length) return false;
    // An error is thrown when the file's turn comes, as on one thread (a bug's by linting it again then).
    try {
      here.set(index, lintHere(index));
    } catch (error) {
      arrived.set(index, errorMessage(index, error));
    }
    return true;
  };
  const receive = (): void => {
    for (const { port } of workers) {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        const message = m.message as PoolMessage;
        arrived.set(message.index, message);
      }
    }
  };
  try {
    for (let index = 0; index < files.length; index++) {
      onFile(index);
      // Not taken yet: take files in order until this one is taken here.
      while (index >= Atomics.load(next, 0) && takeOne());
      let mine = here.get(index);
      if (!mine) {
        const until = Date.now() + PATIENCE_MS;
        // A worker has it: lint further files here meanwhile, then wait for it.
        while (Atomics.load(done, index) === 0 && !arrived.has(index) && takeOne());
        while (Atomics.load(done, index) === 0 && !arrived.has(index) && Date.now() < until) Atomics.wait(done, index, 0, 50);
        receive();
        const message = arrived.get(index);
        arrived.delete(index);
        if (message && 'inputError' in message) throw new InputError(message.inputError.file, message.inputError.reason);
        // A worker that failed on the file, or did not answer: lint it here (a bug then shows with its own error).
        if (message && 'summary' in message) {
          mine = fromWorker(message, files[index]!);
          counts.workers++;
        } else mine = lintHere(index);
      }
      here.delete(index);
      yield mine;
    }
  } finally {
    for (const { worker } of workers) void worker.terminate();
  }
}

function fromWorker(message: Extract<PoolMessage, { summary: PackedSummary }>, file: InputFile): PooledInput {
  const input: LintInput = { source: message.source, relativePath: file.relativePath, ...(message.refused ? { refused: message.refused } : {}) };
  return { ...input, prelinted: { diagnostics: message.diagnostics, summary: unpackSummary(message.summary, message.source), reused: false }, layout: message.layout };
}
