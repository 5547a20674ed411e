#!/usr/bin/env node
import v8 from 'node:v8';

// For `lint`, keep V8's young generation at its initial size instead of letting it grow to
// 2 × 16 MB. Parsing allocates many short-lived nodes; given room, the young generation grows
// and stays that big for the rest of the run. At 10k questions this takes about 35 MB off the
// peak memory of `lint`, with no measurable change in time (BENCHMARKS.md). Not for `build`:
// the exporters keep much of what they allocate (page content, glyph runs), and a small young
// generation made a 10k PDF build a third slower. V8 reads the flag whenever it decides
// whether to grow the space, so setting it here, before the engine is loaded, is enough.
// Only the command does this: importing the library does not. On a large input lint sets the
// default growth back (lint-command.ts, youngGenerationFor).
if (process.argv[2] === 'lint') v8.setFlagsFromString('--semi-space-growth-factor=1');
// The language server's lint worker loads the engine while this thread loads the rest
// (packages/lsp/src/prestart.ts); hence the commands are imported only after this.
if (process.argv[2] === 'lsp') (await import('@genai-qa/lsp/prestart')).prestartLintWorker();
const { run } = await import('./run.js');

try {
  process.exitCode = await run(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
  });
} catch (error) {
  // An unexpected failure is a bug: say so in one line, keep the stack for debugging on request.
  process.stderr.write(`genai-qa: internal error: ${(error as Error).message}\n`);
  if (process.env.GENAI_QA_DEBUG) process.stderr.write(`${(error as Error).stack}\n`);
  process.exitCode = 2;
}
