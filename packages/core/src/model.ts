import type { JSONSchemaType } from 'ajv';

/** One question of the corpus, as every exporter receives it. */
export interface Question {
  /** Stable identifier: a slug of the question text unless overridden in the Markdown. */
  id: string;
  /** The number written in the heading; informative only, never part of the id. */
  number: number;
  /** The question as plain text, without its number. */
  question: string;
  answer: {
    /** The answer's Markdown source, without genai-qa comments. */
    markdown: string;
    /** The answer as plain text (blocks separated by blank lines). */
    text: string;
    /** The answer rendered to sanitized HTML (GitHub's sanitize schema). */
    html: string;
  };
  /** Lower-case tags; `::` separates levels of a hierarchy. */
  tags: string[];
  /** Headings above the question, outermost first (absent when there are none). */
  section?: string[];
  /** From a difficulty marker after the question (👶 easy, ⭐ medium, 🚀 hard). */
  difficulty?: 'easy' | 'medium' | 'hard';
  /** URLs of the source links written after the question (`[[src](url)]`). */
  sources?: string[];
  source: {
    /** Path of the Markdown file relative to the content root, `/` separators. */
    file: string;
    /** Line of the question heading (1-based). */
    line: number;
  };
}

/** Metadata of one Markdown file of the corpus. */
export interface CorpusFile {
  file: string;
  title: string;
  description: string;
}

export interface Corpus {
  /** Title of the collection (deck and guide title). */
  title: string;
  description: string;
  files: CorpusFile[];
  questions: Question[];
}

/**
 * One character of an id's words: a lower-case ASCII letter, a digit, `_`, or any non-ASCII
 * character but a space or a control. Written in the regular-expression subset that JSON Schema
 * recommends for interoperability (no `\p{…}`, no lookbehind, no flags; `\xHH` escapes and
 * literal characters only), so that Python's `re`, Go's RE2, Rust and .NET read it as ECMA-262 does.
 * GitHub's slugger (the default id) drops punctuation and spaces and lower-cases letters, and
 * keeps letters, marks and digits of every script, so every id it makes matches (checked over all code points
 * in packages/core/test/model.test.ts).
 */
const ID_CHAR = '[^\\x00-\\x2f\\x3a-\\x5e\\x60\\x7b-\\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]';
export const ID_PATTERN = `^${ID_CHAR}+(-${ID_CHAR}+)*$`;
/**
 * A tag: levels joined by "::", each of words of ID_CHAR joined by "-" or "." (`gan::training`,
 * `v1.5`, `基础`, `regresión-lineal`). Letters of any script, as in ids, since a tag derived from
 * a section heading is its slug (layout.ts sectionTag); no space or control anywhere, as Anki
 * separates a note's tags with spaces. Every tag of the ASCII pattern before it still matches.
 */
const TAG_LEVEL = `${ID_CHAR}+([-.]${ID_CHAR}+)*`;
export const TAG_PATTERN = `^${TAG_LEVEL}(::${TAG_LEVEL})*$`;

const nonEmpty = { type: 'string', minLength: 1 } as const;

/**
 * The JSON Schema of the model. Typed as `JSONSchemaType<Corpus>`, so the compiler
 * rejects any drift between these interfaces and the schema; `schemas/corpus.schema.json`
 * is written from this object (`npm run schemas`) and a test keeps the two identical.
 */
const typedSchema: JSONSchemaType<Corpus> = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://genai-qa.dev/schemas/corpus.schema.json',
  title: 'Corpus',
  description: 'A question-and-answer collection compiled from Markdown by genai-qa.',
  type: 'object',
  additionalProperties: false,
  required: ['title', 'description', 'files', 'questions'],
  properties: {
    title: { ...nonEmpty, description: 'Title of the collection.' },
    description: { type: 'string', description: 'What the collection is about.' },
    files: {
      type: 'array',
      description: 'The Markdown files the corpus was read from, in order.',
      items: {
        title: 'CorpusFile',
        type: 'object',
        additionalProperties: false,
        required: ['file', 'title', 'description'],
        properties: {
          file: nonEmpty,
          title: { type: 'string' },
          description: { type: 'string' },
        },
      },
    },
    questions: {
      type: 'array',
      items: {
        title: 'Question',
        type: 'object',
        additionalProperties: false,
        required: ['id', 'number', 'question', 'answer', 'tags', 'source'],
        properties: {
          id: { type: 'string', pattern: ID_PATTERN, maxLength: 200, description: 'Stable identifier of the question: GitHub’s heading slug of the question text unless the Markdown sets one (<!-- genai-qa id="…" -->). Words of lower-case letters (any script), digits, marks and underscores, joined by single hyphens; never derived from the number, so renumbering keeps it.' },
          number: { type: 'integer', minimum: 0, description: 'Number written in the heading.' },
          question: { ...nonEmpty, description: 'The question as plain text.' },
          answer: {
            title: 'Answer',
            description: 'The answer as Markdown, plain text and sanitized HTML.',
            type: 'object',
            additionalProperties: false,
            required: ['markdown', 'text', 'html'],
            properties: {
              markdown: { type: 'string', description: 'The answer’s Markdown source.' },
              text: { type: 'string', description: 'Plain text; blocks separated by blank lines.' },
              html: { type: 'string', description: 'HTML sanitized with GitHub’s schema: no script, no event handlers.' },
            },
          },
          tags: {
            type: 'array',
            description: 'Lower-case tags (letters of any script, digits, "_", words joined by "-" or "."; no spaces); "::" separates levels of a hierarchy.',
            uniqueItems: true,
            items: { type: 'string', pattern: TAG_PATTERN },
          },
          section: {
            type: 'array',
            nullable: true,
            minItems: 1,
            description: 'Headings above the question (topic, sub-topic …), outermost first; absent when there are none.',
            items: nonEmpty,
          },
          difficulty: {
            type: 'string',
            nullable: true,
            enum: ['easy', 'medium', 'hard'],
            description: 'From a difficulty marker after the question: 👶 easy, ⭐ medium, 🚀 hard.',
          },
          sources: {
            type: 'array',
            nullable: true,
            minItems: 1,
            description: 'URLs of the source links written after the question ([[src](url)]); absent when there are none.',
            items: { type: 'string', minLength: 1 },
          },
          source: {
            title: 'Source',
            description: 'Where the question is written in the content.',
            type: 'object',
            additionalProperties: false,
            required: ['file', 'line'],
            properties: {
              file: { ...nonEmpty, description: 'Markdown file, relative to the content root.' },
              line: { type: 'integer', minimum: 1, description: 'Line of the question heading.' },
            },
          },
        },
      },
    },
  },
};

/**
 * `nullable: true` is how JSONSchemaType spells an optional property; it is not a JSON
 * Schema keyword (other validators do not know it), and the model never holds null, so
 * the published schema leaves it out.
 */
function withoutNullable<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNullable) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'nullable').map(([k, v]) => [k, withoutNullable(v)])) as T;
}

export const corpusSchema: JSONSchemaType<Corpus> = withoutNullable(typedSchema);
