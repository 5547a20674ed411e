import type { Corpus, ExportOptions } from '@genai-qa/core';
import { exportJson } from '@genai-qa/export-json';

/** A build target: a pure function from the validated corpus (and its images) to named files. */
export interface Target {
  name: string;
  description: string;
  files(corpus: Corpus, options: ExportOptions): Map<string, Uint8Array> | Promise<Map<string, Uint8Array>>;
}

export const TARGETS: readonly Target[] = [
  { name: 'json', description: 'questions.json and questions.jsonl', files: (corpus) => exportJson(corpus) },
];
