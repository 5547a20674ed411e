import { parentPort } from 'node:worker_threads';
import { lintFiles, parseFile, summarizeFile, type LayoutSetting, type Limits, type ResolvedRule, type SourceFile } from '@genai-qa/core';

// A worker thread that lints a large open file in full (its own rules), so that the server
// stays responsive meanwhile: see Workspace.updateLarge and incremental.ts.

export interface LintJob {
  id: number;
  source: SourceFile;
  relativePath: string;
  config: Map<string, ResolvedRule>;
  limits: Limits;
  layout: LayoutSetting | undefined;
}

parentPort?.on('message', (job: LintJob) => {
  const file = parseFile(job.source, job.relativePath, { limits: job.limits, ...(job.layout ? { layout: job.layout } : {}) });
  const findings = lintFiles([file], { config: job.config, scopes: ['file'] });
  parentPort!.postMessage({ id: job.id, findings, parsed: summarizeFile(file) });
});
