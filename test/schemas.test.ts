import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema, corpusSchema, lintReportSchema, schemaJson } from '@genai-qa/core';

// schemas/*.json are generated from the TypeScript sources (`npm run schemas`); the committed
// files must be exactly what the code would write, so consumers never see a stale schema.
const read = (name: string) => fs.readFileSync(new URL(`../schemas/${name}`, import.meta.url), 'utf8');

describe('committed schemas match the code', () => {
  it('corpus.schema.json', () => expect(read('corpus.schema.json')).toBe(schemaJson(corpusSchema)));
  it('config.schema.json', () => expect(read('config.schema.json')).toBe(schemaJson(configSchema())));
  it('lint-report.schema.json', () => expect(read('lint-report.schema.json')).toBe(schemaJson(lintReportSchema)));
});

/** Every `pattern` and `patternProperties` key in a schema, with its JSON pointer. */
function patterns(node: unknown, at = ''): Array<{ at: string; pattern: string }> {
  if (Array.isArray(node)) return node.flatMap((item, i) => patterns(item, `${at}/${i}`));
  if (node === null || typeof node !== 'object') return [];
  const out: Array<{ at: string; pattern: string }> = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'pattern' && typeof value === 'string') out.push({ at: `${at}/pattern`, pattern: value });
    if (key === 'patternProperties' && value && typeof value === 'object') {
      for (const name of Object.keys(value)) out.push({ at: `${at}/patternProperties`, pattern: name });
    }
    out.push(...patterns(value, `${at}/${key}`));
  }
  return out;
}

/**
 * What JSON Schema's interoperable regular-expression subset leaves out, and other engines read
 * differently: Unicode property escapes (Python's re: "bad escape \p"), lookaround, inline flags
 * and non-capturing or named groups, `\u` escapes (Go's RE2 has none), and class escapes whose
 * meaning differs between engines (`\d` is any Unicode digit in .NET and Python).
 */
const OUTSIDE_SUBSET: Array<[RegExp, string]> = [
  [/\\[pP]\{/, 'a Unicode property escape'],
  [/\(\?<?[=!]/, 'lookaround'],
  [/\(\?/, 'a (?…) group or inline flag'],
  [/\\u/, 'a \\u escape'],
  [/\\[dDwWsSbB]/, 'a class escape whose meaning differs between engines'],
];

function problems(schema: unknown): string[] {
  return patterns(schema).flatMap(({ at, pattern }) =>
    OUTSIDE_SUBSET.filter(([re]) => re.test(pattern)).map(([, what]) => `${at}: ${pattern} uses ${what}`),
  );
}

describe('published schemas use only the interoperable regex subset', () => {
  it('finds what it looks for (the check can fail)', () => {
    expect(problems({ properties: { id: { pattern: '^[\\p{Ll}]+(?:-x)*$' } } })).toEqual([
      '/properties/id/pattern: ^[\\p{Ll}]+(?:-x)*$ uses a Unicode property escape',
      '/properties/id/pattern: ^[\\p{Ll}]+(?:-x)*$ uses a (?…) group or inline flag',
    ]);
  });

  for (const name of ['corpus.schema.json', 'config.schema.json', 'lint-report.schema.json']) {
    it(`schemas/${name}`, () => {
      const schema: unknown = JSON.parse(read(name));
      expect(patterns(schema).length).toBeGreaterThan(0);
      expect(problems(schema)).toEqual([]);
    });
  }

  it('the committed files are ASCII (non-ASCII characters of patterns written as JSON escapes)', () => {
    for (const name of ['corpus.schema.json', 'config.schema.json', 'lint-report.schema.json']) {
      expect(read(name)).toMatch(/^[\t\n\x20-\x7e]*$/);
    }
  });
});
