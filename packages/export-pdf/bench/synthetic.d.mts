import type { Corpus } from '@genai-qa/core';

/** The Markdown of one synthetic answer (about 1–2 KB). */
export function syntheticAnswer(i: number, next?: () => number): string;
/** A corpus of `n` synthetic questions, built directly as the model. */
export function syntheticCorpus(n: number): Corpus;
