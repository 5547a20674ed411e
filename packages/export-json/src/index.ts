import { corpusSchema, type Corpus } from '@genai-qa/core';

/**
 * Key order follows the schema's `properties` (title, description, files, questions; id,
 * number, question, answer, tags, source …), whatever order the object was built in, so
 * that diffs between releases stay small and the same corpus always gives the same bytes.
 */
function ordered(value: unknown, schema: Record<string, unknown> | undefined): unknown {
  if (Array.isArray(value)) return value.map((item) => ordered(item, schema?.items as Record<string, unknown> | undefined));
  if (value === null || typeof value !== 'object') return value;
  const properties = (schema?.properties ?? {}) as Record<string, Record<string, unknown>>;
  const keys = Object.keys(value);
  const known = Object.keys(properties).filter((k) => keys.includes(k));
  const rest = keys.filter((k) => !(k in properties)).sort();
  const out: Record<string, unknown> = {};
  for (const key of [...known, ...rest]) out[key] = ordered((value as Record<string, unknown>)[key], properties[key]);
  return out;
}

const encoder = new TextEncoder();

/** `questions.json`: the whole validated model, stable key order, 2-space indent, trailing newline. */
export function toJson(corpus: Corpus): Uint8Array {
  return encoder.encode(`${JSON.stringify(ordered(corpus, corpusSchema), null, 2)}\n`);
}

/** `questions.jsonl`: one question per line (streamable; easy to diff and to grep). */
export function toJsonl(corpus: Corpus): Uint8Array {
  const itemSchema = (corpusSchema.properties as Record<string, { items?: unknown }>).questions?.items as Record<string, unknown>;
  return encoder.encode(corpus.questions.map((q) => `${JSON.stringify(ordered(q, itemSchema))}\n`).join(''));
}

/** Every file this exporter writes, by name. */
export function exportJson(corpus: Corpus): Map<string, Uint8Array> {
  return new Map([
    ['questions.json', toJson(corpus)],
    ['questions.jsonl', toJsonl(corpus)],
  ]);
}
