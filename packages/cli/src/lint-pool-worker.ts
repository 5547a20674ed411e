import { workerData, type MessagePort } from 'node:worker_threads';
import { LintSession, packSummary, transferList } from '@genai-qa/core';
import { nodeHost, type InputFile } from './files.js';
import { errorMessage, plainInput, type PoolMessage, type PoolSettings } from './lint-pool.js';

// A thread of lint's pool (lint-pool.ts): takes the next file nobody has taken, lints it with
// the file rules, posts the result and marks the file done, until no file is left.

const { port, next, done, files, settings } = workerData as { port: MessagePort; next: Int32Array; done: Int32Array; files: InputFile[]; settings: PoolSettings };
const session = new LintSession({ config: settings.config, limits: settings.limits, layout: settings.layout, host: nodeHost });

for (let index = Atomics.add(next, 0, 1); index < files.length; index = Atomics.add(next, 0, 1)) {
  let message: PoolMessage;
  let transfer: ArrayBuffer[] = [];
  try {
    const input = plainInput(files[index]!, settings.cwd, settings.limits);
    const result = session.lintFile(input);
    const summary = packSummary(result.summary);
    transfer = transferList(summary);
    message = { index, source: input.source, refused: input.refused, diagnostics: result.diagnostics, summary, layout: result.file?.layout };
  } catch (error) {
    message = errorMessage(index, error);
  }
  port.postMessage(message, transfer);
  Atomics.store(done, index, 1);
  Atomics.notify(done, index);
}
