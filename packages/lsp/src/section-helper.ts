import { workerData, type MessagePort } from 'node:worker_threads';
import { helpWith, type HelpJob, type HelpResult } from '@genai-qa/core';

// The second thread of a large file's first lint (see ThreadHelper): lints the QUESTION_RULES
// of the later sections while the lint worker does the rest, and says when it is done through
// a shared flag, for which the lint worker waits.

const { port, flag } = workerData as { port: MessagePort; flag: Int32Array };

// A thread that dies (out of memory, a bug) says so at once: the lint worker stops waiting.
process.on('uncaughtException', (error) => {
  process.stderr.write(`genai-qa lsp: section helper failed: ${error.message}\n`);
  Atomics.store(flag, 0, -1);
  Atomics.notify(flag, 0);
  process.exit(1);
});

port.on('message', ({ id, job }: { id: number; job: HelpJob }) => {
  let result: HelpResult | undefined;
  try {
    result = helpWith(job);
  } catch (error) {
    // The lint worker does the sections itself.
    process.stderr.write(`genai-qa lsp: section helper failed: ${(error as Error).message}\n`);
  }
  port.postMessage({ id, result });
  Atomics.store(flag, 0, id);
  Atomics.notify(flag, 0);
});
