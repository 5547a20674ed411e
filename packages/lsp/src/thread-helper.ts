import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { Helper, HelpJob, HelpResult } from '@genai-qa/core';

/** How long the lint worker waits for the helper before linting the sections itself. */
const PATIENCE_MS = 30_000;

/**
 * A helper thread for the lint worker (core's sections.ts: Helper): the second core lints part of a
 * large file's first lint. The lint worker's lint is synchronous, so it waits for the result
 * by blocking on a shared flag (Atomics.wait, which a worker may do) and reads it with
 * receiveMessageOnPort. The flag holds the id of the last job done, or -1 once the thread died.
 */
export class ThreadHelper implements Helper {
  private worker: Worker | undefined;
  private port: MessagePort | undefined;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private id = 0;

  /** Starts the thread (it loads the engine meanwhile). */
  warm(): void {
    if (this.worker) return;
    const { port1, port2 } = new MessageChannel();
    this.worker = new Worker(new URL('./section-helper.js', import.meta.url), { workerData: { port: port2, flag: this.flag }, transferList: [port2] });
    this.worker.unref();
    this.worker.on('error', (error) => {
      process.stderr.write(`genai-qa lsp: section helper thread failed: ${error.message}\n`);
      this.worker = undefined;
    });
    this.port = port1;
  }

  start(job: HelpJob): () => HelpResult | undefined {
    this.warm();
    const id = ++this.id;
    const port = this.port!;
    port.postMessage({ id, job });
    return () => {
      const until = Date.now() + PATIENCE_MS;
      for (let seen = Atomics.load(this.flag, 0); seen !== id; seen = Atomics.load(this.flag, 0)) {
        if (seen === -1 || Date.now() > until) return undefined;
        Atomics.wait(this.flag, 0, seen, 1000);
      }
      // Answers to earlier jobs (given up on) are passed over.
      for (let message = receiveMessageOnPort(port); message; message = receiveMessageOnPort(port)) {
        const { id: answered, result } = message.message as { id: number; result: HelpResult | undefined };
        if (answered === id) return result;
      }
      return undefined;
    };
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
