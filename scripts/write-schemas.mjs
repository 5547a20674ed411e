// Writes schemas/*.schema.json from the TypeScript sources of truth in @genai-qa/core
// (run after building core: `npm run schemas`). test/schemas.test.ts fails when they drift.
import fs from 'node:fs';
import { configSchema, corpusSchema, lintReportSchema, schemaJson } from '@genai-qa/core';

const out = new URL('../schemas/', import.meta.url);
fs.mkdirSync(out, { recursive: true });
const write = (name, schema) => fs.writeFileSync(new URL(name, out), schemaJson(schema));
write('corpus.schema.json', corpusSchema);
write('config.schema.json', configSchema());
write('lint-report.schema.json', lintReportSchema);
console.log('wrote schemas/corpus.schema.json, schemas/config.schema.json, schemas/lint-report.schema.json');
