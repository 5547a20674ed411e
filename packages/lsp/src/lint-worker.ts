import { parentPort } from 'node:worker_threads';
import fs from 'node:fs';
import { LintSession, type Host, type LayoutSetting, type Limits, type ResolvedRule, type SourceFile } from '@genai-qa/core';

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

parentPort?.on('message', (job: LintJob) => {
  const session = new LintSession({ config: job.config, limits: job.limits, layout: job.layout, host: fileSystem });
  const result = session.lintFile({ source: job.source, relativePath: job.relativePath });
  parentPort!.postMessage({ id: job.id, findings: result.diagnostics, parsed: result.summary });
});
