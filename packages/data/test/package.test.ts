import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Validator } from '@cfworker/json-schema';
import { beforeAll, describe, expect, it } from 'vitest';

// The package as a consumer gets it: packed with `npm pack` (which regenerates the data),
// installed from the tarball into a fresh project, then used from ESM, CommonJS and
// TypeScript. Nothing here imports the package from the source tree.
const pkgDir = path.resolve(import.meta.dirname, '..');
const repo = path.resolve(pkgDir, '../..');
const bin = (name: string) => path.join(repo, 'node_modules/.bin', name);
const sh = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_loglevel: 'error' } });

let project: string;
let tarball: string;

beforeAll(() => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-data-'));
  const packed = JSON.parse(sh('npm', ['pack', '--json', '--pack-destination', work], pkgDir)) as Array<{ filename: string }>;
  tarball = path.join(work, packed[0]!.filename);
  project = path.join(work, 'consumer');
  fs.mkdirSync(project);
  fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, version: '1.0.0' }));
  sh('npm', ['install', '--no-audit', '--no-fund', '--offline', tarball], project);
}, 120_000);

describe('@genai-qa/data, packed and installed', () => {
  it('ships exactly the allow-listed files', () => {
    const files = sh('tar', ['-tzf', tarball], repo).trim().split('\n').map((f) => f.replace(/^package\//, '')).sort();
    expect(files).toEqual([
      'LICENSE', 'README.md', 'assets/images/mode-collapse.svg', 'index.cjs', 'index.d.cts', 'index.d.ts', 'index.js', 'package.json',
      'questions.json', 'questions.jsonl', 'schema.json',
    ]);
  });

  it('carries fresh data: the questions of content/', () => {
    const installed = JSON.parse(fs.readFileSync(path.join(project, 'node_modules/@genai-qa/data/questions.json'), 'utf8'));
    const headings = fs
      .readFileSync(path.join(repo, 'content/generative-ai.md'), 'utf8')
      .split('\n')
      .filter((l) => /^# \d+\. /.test(l))
      .map((l) => l.replace(/^# \d+\. /, ''));
    expect(installed.questions.map((q: { question: string }) => q.question)).toEqual(headings);
  });

  it('works from ESM and from CommonJS, with the same data', () => {
    const probe = 'JSON.stringify({ n: m.questions.length, gan: m.byId("what-is-a-gan")?.question, vae: m.byTag("genai::vae").map((q) => q.id), tags: m.tags(), title: m.title })';
    const esm = sh('node', ['--input-type=module', '-e', `import * as m from '@genai-qa/data'; console.log(${probe})`], project);
    const cjs = sh('node', ['-e', `const m = require('@genai-qa/data'); console.log(${probe})`], project);
    expect(esm).toBe(cjs);
    const result = JSON.parse(esm);
    expect(result.n).toBe(51);
    expect(result.gan).toBe('What is a GAN?');
    expect(result.vae).toContain('what-is-a-variational-autoencoder-vae');
    expect(result.tags).toEqual([...result.tags].sort());
    expect(result.title).toBe('Generative AI Interview Questions');
  });

  it('ships every image the answers show, resolvable under assets/', () => {
    const out = sh(
      'node',
      ['-e', `const m = require('@genai-qa/data'); const fs = require('fs');
       const srcs = m.questions.flatMap((q) => [...q.answer.html.matchAll(/<img[^>]* src="([^"]+)"/g)].map((x) => x[1]));
       console.log(JSON.stringify(srcs.map((s) => [s, fs.statSync(require.resolve('@genai-qa/data/assets/' + s)).size > 0])))`],
      project,
    );
    expect(JSON.parse(out)).toEqual([['images/mode-collapse.svg', true]]);
  });

  it('exports the raw JSON and the schema as subpaths, and the data is frozen', () => {
    const out = sh(
      'node',
      ['-e', `const d = require('@genai-qa/data/questions.json'); const s = require('@genai-qa/data/schema.json'); const m = require('@genai-qa/data');
       try { m.questions[0].question = 'x'; } catch {}
       console.log(d.questions.length, s.title, Object.isFrozen(m.questions[0]), m.questions[0].question !== 'x')`],
      project,
    );
    expect(out.trim()).toBe('51 Corpus true true');
  });

  it('type-checks a TypeScript consumer (and its types are not any)', () => {
    fs.writeFileSync(
      path.join(project, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, types: [] } }),
    );
    fs.writeFileSync(
      path.join(project, 'consumer.mts'),
      `import { byId, byTag, questions, tags, type Question, type Corpus } from '@genai-qa/data';
const q: Question | undefined = byId('what-is-a-gan');
const html: string | undefined = q?.answer.html;
const line: number | undefined = q?.source.line;
const all: readonly Question[] = questions;
const vae: Question[] = byTag('genai::vae');
const names: string[] = tags();
// @ts-expect-error: number is a number, not a string
const wrong: string = all[0]!.number;
// @ts-expect-error: no such field
all[0]!.nope;
export type { Corpus };
export { html, line, vae, names, wrong };
`,
    );
    fs.writeFileSync(
      path.join(project, 'consumer.cts'),
      `import data = require('@genai-qa/data');
const first: data.Question | undefined = data.questions[0];
export const id: string | undefined = first?.id;
`,
    );
    expect(() => sh(bin('tsc'), ['-p', project], project)).not.toThrow();
  });

  it('questions.json is valid against schema.json by a second, independent validator', () => {
    const dir = path.join(project, 'node_modules/@genai-qa/data');
    const schema = JSON.parse(fs.readFileSync(path.join(dir, 'schema.json'), 'utf8'));
    const data = JSON.parse(fs.readFileSync(path.join(dir, 'questions.json'), 'utf8'));
    const result = new Validator(schema, '7', false).validate(data);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator really checks: a broken id fails.
    data.questions[0].id = 'Not A Slug';
    expect(new Validator(schema, '7', false).validate(data).valid).toBe(false);
  });

  it('passes publint and arethetypeswrong (strict profile)', () => {
    expect(sh(bin('publint'), [pkgDir], repo)).toContain('All good!');
    expect(sh(bin('attw'), ['--pack', pkgDir, '--profile', 'strict', '--format', 'table-flipped'], repo)).toContain('No problems found');
  }, 120_000);
});
