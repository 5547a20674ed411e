import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configSchema, corpusSchema, lintReportSchema } from '@genai-qa/core';

// schemas/*.json are generated from the TypeScript sources (`npm run schemas`); the committed
// files must be exactly what the code would write, so consumers never see a stale schema.
const read = (name: string) => fs.readFileSync(new URL(`../schemas/${name}`, import.meta.url), 'utf8');
const render = (schema: unknown) => `${JSON.stringify(schema, null, 2)}\n`;

describe('committed schemas match the code', () => {
  it('corpus.schema.json', () => expect(read('corpus.schema.json')).toBe(render(corpusSchema)));
  it('config.schema.json', () => expect(read('config.schema.json')).toBe(render(configSchema())));
  it('lint-report.schema.json', () => expect(read('lint-report.schema.json')).toBe(render(lintReportSchema)));
});
