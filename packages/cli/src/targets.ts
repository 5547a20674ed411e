import type { Corpus, ExportOptions } from '@genai-qa/core';
import { defaultId } from '@genai-qa/core';
import { exportJson } from '@genai-qa/export-json';

/** A build target: a pure function from the validated corpus (and its images) to named files. */
export interface Target {
  name: string;
  description: string;
  files(corpus: Corpus, options: ExportOptions): Map<string, Uint8Array> | Promise<Map<string, Uint8Array>>;
}

// The Anki and PDF exporters load sql.js, pdfkit and fonts: import them only when building.
export const TARGETS: readonly Target[] = [
  { name: 'json', description: 'questions.json and questions.jsonl', files: (corpus) => exportJson(corpus) },
  {
    name: 'anki',
    description: '<title>.apkg, an Anki deck that re-imports in place',
    files: async (corpus, options) => new Map([[`${artifactName(corpus)}.apkg`, await (await import('@genai-qa/export-anki')).exportAnki(corpus, options)]]),
  },
  {
    name: 'pdf',
    description: '<title>.pdf, a tagged PDF study guide',
    files: async (corpus, options) => new Map([[`${artifactName(corpus)}.pdf`, await (await import('@genai-qa/export-pdf')).exportPdf(corpus, options)]]),
  },
];

/** File name (without extension) of the deck and the guide: a slug of the collection title. */
export function artifactName(corpus: Corpus): string {
  return defaultId(corpus.title);
}

/** Extensions of which a build leaves exactly one file in the output directory. */
export const SINGLE_ARTIFACT_EXTENSIONS = ['.apkg', '.pdf'];
