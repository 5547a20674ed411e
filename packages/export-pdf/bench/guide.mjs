#!/usr/bin/env node
/**
 * The guide alone, for comparing two builds of the exporter: renders the synthetic corpus of
 * N questions with the exporter in `--dist` (default: this package's dist/) and prints the CPU
 * time of `exportPdf` (user + system, as bench.mjs's child measures it), its bytes, and with
 * `--out FILE` writes the PDF there (to `cmp` two builds). The corpus is this file's, so that
 * two builds get the same input; run them alternately, in separate processes:
 *
 *   node bench/guide.mjs 10000 --dist /path/to/other/checkout/packages/export-pdf/dist --out /tmp/old.pdf
 *   node bench/guide.mjs 10000 --out /tmp/new.pdf && cmp /tmp/old.pdf /tmp/new.pdf
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args.splice(at, 2)[1];
};
const dist = path.resolve(option('--dist') ?? fileURLToPath(new URL('../dist', import.meta.url)));
const out = option('--out');
const n = Number(args[0] ?? 1000);

const { syntheticCorpus } = await import('./synthetic.mjs');
const corpus = syntheticCorpus(n);
const { renderableAnswer } = await import('@genai-qa/core');
const answers = new Map(corpus.questions.map((q) => [q.id, renderableAnswer(q)]));
const { exportPdf } = await import(pathToFileURL(path.join(dist, 'index.js')).href);
const cpu = process.cpuUsage();
const bytes = await exportPdf(corpus, { assets: new Map(), answers, date: new Date(Date.UTC(2026, 0, 1)) });
const used = process.cpuUsage(cpu);
if (out) fs.writeFileSync(out, bytes);
console.log(JSON.stringify({ dist, questions: n, cpuMs: Math.round((used.user + used.system) / 1000), bytes: bytes.length }));
