// Generates the package's data and types from content/ (run by `npm run build` and before
// `npm pack`, so a packed tarball always carries fresh data):
//   questions.json, questions.jsonl   via `genai-qa build --only json` (which lints first)
//   schema.json                       the corpus JSON Schema
//   index.d.ts, index.d.cts           types compiled from that schema
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { run } from '@genai-qa/cli';
import { corpusSchema, referencedImages, schemaJson } from '@genai-qa/core';
import { compile } from 'json-schema-to-typescript';

const here = fileURLToPath(new URL('..', import.meta.url));
const content = fileURLToPath(new URL('../../../content', import.meta.url));

const code = await run(['build', '--content', content, '--out', here, '--only', 'json'], {
  cwd: here,
  env: process.env,
  stdout: { write: () => true },
  stderr: process.stderr,
});
if (code !== 0) {
  console.error('@genai-qa/data: content/ did not build; fix the findings above');
  process.exit(code);
}

fs.writeFileSync(new URL('../schema.json', import.meta.url), schemaJson(corpusSchema));

// The images the answers show, under assets/ with the same relative paths as in content/,
// so that an answer's <img src="images/x.svg"> resolves to @genai-qa/data/assets/images/x.svg.
const assets = fileURLToPath(new URL('../assets', import.meta.url));
fs.rmSync(assets, { recursive: true, force: true });
const corpus = JSON.parse(fs.readFileSync(new URL('../questions.json', import.meta.url), 'utf8'));
for (const key of referencedImages(corpus)) {
  const from = `${content}/${key}`;
  if (!fs.existsSync(from)) continue; // lint reports it; build refused already unless forced
  fs.mkdirSync(`${assets}/${key.split('/').slice(0, -1).join('/')}`, { recursive: true });
  fs.copyFileSync(fs.realpathSync(from), `${assets}/${key}`);
}

const types = await compile(structuredClone(corpusSchema), 'Corpus', {
  bannerComment: '/* Generated from schema.json by scripts/generate.mjs: do not edit. */',
  additionalProperties: false,
  strictIndexSignatures: true,
  format: true,
  style: { singleQuote: true, printWidth: 100 },
});
const api = `
/** The whole collection: title, description, source files and questions. */
export declare const corpus: Readonly<Corpus>;
/** Every question, in the order of the content. */
export declare const questions: readonly Question[];
/** Title of the collection. */
export declare const title: string;
/** Description of the collection. */
export declare const description: string;
/** The question with this id, or undefined. Ids are stable across releases (see README). */
export declare function byId(id: string): Question | undefined;
/** Questions with this tag or a tag below it ("gan" also matches "gan::training"). */
export declare function byTag(tag: string): Question[];
/** Every tag used, sorted. */
export declare function tags(): string[];
`;
for (const name of ['index.d.ts', 'index.d.cts']) fs.writeFileSync(new URL(`../${name}`, import.meta.url), types + api);
console.error('@genai-qa/data: wrote questions.json, questions.jsonl, schema.json, index.d.ts, index.d.cts');
