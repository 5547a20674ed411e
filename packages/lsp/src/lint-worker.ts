import { parentPort } from 'node:worker_threads';
import fs from 'node:fs';
import os from 'node:os';
import { LintSession, packSummary, SectionLinter, transferList, type Diagnostic, type Host, type LayoutSetting, type Limits, type PackedSummary, type ResolvedRule, type SourceFile } from '@genai-qa/core';
import { ThreadHelper } from './thread-helper.js';

// A worker thread that lints a large open file (its own rules), so that the server stays
// responsive meanwhile: see Workspace.updateLarge and incremental.ts. It lints as the main
// thread does, with core's LintSession, and keeps each file's sections (a SectionLinter), so
// that after the first lint only the edited questions are linted.

export interface LintJob {
  id: number;
  /** The open file (its absolute path): the sections kept for it are reused. */
  key: string;
  source: SourceFile;
  relativePath: string;
  config: Map<string, ResolvedRule>;
  limits: Limits;
  layout: LayoutSetting | undefined;
}

/** The link targets, as the CLI's host resolves them (a function cannot be posted to a worker). */
const fileSystem: Host = {
  realpath(absolutePath) {
    try {
      return fs.realpathSync(absolutePath);
    } catch {
      return undefined;
    }
  },
};

/**
 * What the worker posts for a job, in two messages: the findings as soon as the rules are
 * done, then the file's summary (packed: large-files.ts unpacks it), which only the corpus
 * rules and the next edit's provisional findings need.
 */
export type PostedResult = { id: number; findings: Diagnostic[] } | { id: number; parsed: PackedSummary };

/** A file closed in the editor: its sections are dropped. */
export interface ForgetJob {
  forget: string;
}

const linters = new Map<string, SectionLinter>();
// A second thread takes on part of a large file's first lint, where there are cores for it.
// With two cores the helper loses: the lint worker, the helper, the main thread and V8's
// garbage collection contend, and the split costs about 1 s of CPU more (BENCHMARKS.md, the
// language server: 10,000 questions opened in 3.4 s without it, 5.0 s with it). Hence only
// from four cores up.
const HELPER_FROM_CORES = 4;
const helper = os.availableParallelism() >= HELPER_FROM_CORES ? new ThreadHelper() : undefined;
helper?.warm();
// The config arrives as a copy with every job: the same one (the same session) keeps the sections' findings.
let session: { key: string; session: LintSession } | undefined;

parentPort?.on('message', (job: LintJob | ForgetJob) => {
  if ('forget' in job) {
    linters.delete(job.forget);
    return;
  }
  const key = JSON.stringify([[...job.config], job.limits, job.layout ?? null]);
  if (session?.key !== key) session = { key, session: new LintSession({ config: job.config, limits: job.limits, layout: job.layout ?? undefined, host: fileSystem }) };
  let sections = linters.get(job.key);
  if (!sections) linters.set(job.key, (sections = new SectionLinter(helper)));
  const onFindings = (findings: Diagnostic[]): void => parentPort!.postMessage({ id: job.id, findings } satisfies PostedResult);
  const result = session.session.lintFile({ source: job.source, relativePath: job.relativePath }, { sections, onFindings });
  const parsed = packSummary(result.summary);
  parentPort!.postMessage({ id: job.id, parsed } satisfies PostedResult, transferList(parsed));
});
