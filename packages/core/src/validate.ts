import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { corpusSchema, type Corpus } from './model.js';

let compiled: ValidateFunction<Corpus> | undefined;

/** Thrown when a model does not match the corpus schema; nothing downstream may use it. */
export class SchemaError extends Error {
  constructor(readonly errors: ErrorObject[]) {
    super(`corpus does not match corpus.schema.json: ${formatAjvErrors(errors)}`);
    this.name = 'SchemaError';
  }
}

export function formatAjvErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
    .join('; ');
}

/** Validates a model against the corpus schema and returns it, or throws `SchemaError`. */
export function validateCorpus(corpus: unknown): Corpus {
  compiled ??= new Ajv({ allErrors: true, strict: true, unicodeRegExp: true }).compile(corpusSchema);
  if (!compiled(corpus)) throw new SchemaError(compiled.errors ?? []);
  return corpus;
}
