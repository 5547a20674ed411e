import { Worker } from 'node:worker_threads';

// `genai-qa lsp` starts the lint worker of large files (large-files.ts) first thing, before it
// loads the rest of the server: loading the engine takes the worker a few hundred
// milliseconds, which then pass while the main thread loads its own modules and answers
// `initialize`, instead of after the editor has opened a large file. The server takes the
// worker over when the content root has a large file, and stops it otherwise. This module
// imports nothing else, so that importing it costs nothing.

let prestarted: Worker | undefined;

/** Starts the lint worker now (once). */
export function prestartLintWorker(): void {
  if (prestarted) return;
  const worker = new Worker(new URL('./lint-worker.js', import.meta.url));
  worker.unref();
  // A worker that failed or stopped before it was taken over is not handed out.
  const drop = (): void => {
    if (prestarted === worker) prestarted = undefined;
  };
  worker.once('error', drop);
  worker.once('exit', drop);
  prestarted = worker;
}

/** The prestarted worker, now the caller's (undefined when none was started, or it failed). */
export function takePrestartedWorker(): Worker | undefined {
  const worker = prestarted;
  prestarted = undefined;
  worker?.removeAllListeners('error').removeAllListeners('exit');
  return worker;
}

/** Stops the prestarted worker, if it was not taken over (a content root without large files). */
export function stopPrestartedWorker(): void {
  void takePrestartedWorker()?.terminate();
}
