#!/usr/bin/env node
import { run } from './run.js';

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
