import type { Corpus, ExportOptions } from '@genai-qa/core';
import { defaultId } from '@genai-qa/core';
import { exportAnki } from '@genai-qa/export-anki';
import { exportJson } from '@genai-qa/export-json';
import { exportPdf } from '@genai-qa/export-pdf';

/** A build target: a pure function from the validated corpus (and its images) to named files. */
export interface Target {
  name: string;
  description: string;
  files(corpus: Corpus, options: ExportOptions): Map<string, Uint8Array> | Promise<Map<string, Uint8Array>>;
}

export const TARGETS: readonly Target[] = [
  { name: 'json', description: 'questions.json and questions.jsonl', files: (corpus) => exportJson(corpus) },
  {
    name: 'anki',
    description: '<title>.apkg, an Anki deck that re-imports in place',
    files: async (corpus, options) => new Map([[`${artifactName(corpus)}.apkg`, await exportAnki(corpus, options)]]),
  },
  {
    name: 'pdf',
    description: '<title>.pdf, a tagged PDF study guide',
    files: async (corpus, options) => new Map([[`${artifactName(corpus)}.pdf`, await exportPdf(corpus, options)]]),
  },
];

/** File name (without extension) of the deck and the guide: a slug of the collection title. */
export function artifactName(corpus: Corpus): string {
  return defaultId(corpus.title);
}

/** Extensions of which a build leaves exactly one file in the output directory. */
export const SINGLE_ARTIFACT_EXTENSIONS = ['.apkg', '.pdf'];
