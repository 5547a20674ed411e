import { Worker } from 'node:worker_threads';
import { unpackSummary, type Diagnostic as Finding, type FileSummary } from '@genai-qa/core';
import type { ForgetJob, LintJob, PostedResult } from './lint-worker.js';
import { takePrestartedWorker } from './prestart.js';

/** Files from this many characters on are linted in full in a worker (see incremental.ts). */
export const LARGE_FILE = 500_000;

export interface LintResult {
  id: number;
  findings: Finding[];
  parsed: FileSummary;
}

interface Queued {
  job: LintJob;
  done: (r: LintResult) => void;
  /** Called with the findings as soon as the worker has them, before the summary follows. */
  early?: ((findings: Finding[]) => void) | undefined;
}

/**
 * One worker thread linting large files in full, one job at a time: a job waiting behind the
 * running one is replaced by a newer job for the same file (only the latest text matters).
 */
export class LargeFileLinter {
  private worker: Worker | undefined;
  private running: (Queued & { key: string; findings?: Finding[] }) | undefined;
  private readonly pending = new Map<string, Queued>();

  lint(key: string, job: LintJob, done: (result: LintResult) => void, early?: (findings: Finding[]) => void): void {
    this.pending.set(key, { job, done, early });
    if (!this.running) this.next();
  }

  private next(): void {
    const first = this.pending.entries().next();
    if (first.done) return;
    const [key, queued] = first.value;
    this.pending.delete(key);
    this.running = { key, ...queued };
    this.start().postMessage(queued.job);
  }

  /**
   * Starts the worker if it is not running: loading the engine in it takes a few hundred
   * milliseconds, which the server spends before a large file is opened when it knows one
   * is there. Returns the worker.
   */
  start(): Worker {
    if (this.worker) return this.worker;
    const worker = takePrestartedWorker() ?? new Worker(new URL('./lint-worker.js', import.meta.url));
    this.worker = worker;
    worker.unref();
    worker.on('error', (error) => {
      // A bug in the engine: say so, drop the job, start a fresh worker for the next one.
      process.stderr.write(`genai-qa lsp: lint worker failed: ${error.message}\n`);
      this.worker = undefined;
      this.running = undefined;
      this.next();
    });
    worker.on('message', (posted: PostedResult) => {
      const running = this.running!;
      if ('findings' in posted) {
        running.findings = posted.findings;
        running.early?.(posted.findings);
        return;
      }
      this.running = undefined;
      running.done({ id: posted.id, findings: running.findings!, parsed: unpackSummary(posted.parsed, running.job.source) });
      this.next();
    });
    return worker;
  }

  /** Whether the worker is running (started, or linting). */
  get started(): boolean {
    return this.worker !== undefined;
  }

  /** Drops what the worker keeps of a file (it was closed). */
  forget(key: string): void {
    this.pending.delete(key);
    this.worker?.postMessage({ forget: key } satisfies ForgetJob);
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
