import type { Corpus } from '@genai-qa/core';
import { exportJson } from '@genai-qa/export-json';

/** A build target: a pure function from the validated corpus to named files. */
export interface Target {
  name: string;
  description: string;
  files(corpus: Corpus): Map<string, Uint8Array>;
}

export const TARGETS: readonly Target[] = [
  { name: 'json', description: 'questions.json and questions.jsonl', files: exportJson },
];
