#!/usr/bin/env node
// Real layouts at scale: each hand-written file of test/fixtures/layouts (the layouts of
// question banks on GitHub: bold questions, `Q:` labels, lists, tables, <details>, Chinese …)
// is repeated, with its longer words replaced copy by copy, into one file of about --bytes,
// and `genai-qa lint` and markdownlint-cli2 read it in the same run. CPU time (user + sys,
// GNU time) and peak memory of each, and their ratio. Neither generator of the benchmark
// wrote these layouts, so a path that is slow only on them shows here.
//
//   node bench/layouts.mjs [--bytes 2000000] [--only a,b] [--no-markdownlint] [--markdownlint-timeout 600] [--out FILE]
//
// Needs the build (npm run build:packages) and GNU time (/usr/bin/time, Debian package "time").
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CLI, loadAverage, MARKDOWNLINT, MARKDOWNLINT_CONFIG, measureCommand, ROOT, TIME } from './lib.mjs';

const { values } = parseArgs({
  options: {
    bytes: { type: 'string', default: '2000000' },
    only: { type: 'string' },
    'no-markdownlint': { type: 'boolean', default: false },
    // markdownlint-cli2's own parser is superlinear on tables: a run stopped here is "> s".
    'markdownlint-timeout': { type: 'string', default: '600' },
    out: { type: 'string', default: path.join(ROOT, 'bench/results-layouts.json') },
  },
});
if (!fs.existsSync(TIME)) {
  console.error(`bench: layouts needs GNU time at ${TIME} (Debian package "time")`);
  process.exit(2);
}
const FIXTURES = path.join(ROOT, 'test/fixtures/layouts');
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'ta', 'vo', 'zen', 'pel', 'dor', 'sil', 'qua', 'bri', 'tor', 'lum'];

/** A made-up word standing for `word` in copy `k`: the same in every place of one copy. */
function stand(word, k) {
  let h = 2166136261 ^ k;
  for (const ch of word) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  let out = '';
  for (let i = 0; i < 3; i++) {
    out += SYLLABLES[h % SYLLABLES.length];
    h = Math.imul(h, 2654435761) >>> 0;
  }
  return out;
}

/** The fixture repeated to at least `bytes` bytes, its lower-case words of five letters or more changed copy by copy. */
export function scaleLayout(text, bytes) {
  const parts = [];
  let size = 0;
  for (let k = 1; size < bytes; k++) {
    const copy = text.replace(/\b[a-z]{5,}\b/g, (w) => stand(w, k));
    parts.push(copy);
    size += Buffer.byteLength(copy) + 2;
  }
  return parts.join('\n\n');
}

/** CPU seconds (user + sys) and peak MB of a command, by GNU time; with `limit`, stopped after that many seconds (`over`). */
/** One command measured (lib.mjs), its output read back; a run stopped at `limit` has `over` set to it. */
function measure(args, cwd, limit) {
  const outFile = path.join(cwd, '.bench-out');
  const r = measureCommand(args, cwd, outFile, limit);
  const stdout = fs.readFileSync(outFile, 'utf8');
  fs.rmSync(outFile, { force: true });
  if (r.timedOut) return { cpu: null, peakMB: null, over: limit, exit: r.exit, stdout: '' };
  return { cpu: r.cpu, peakMB: r.peakMB, exit: r.exit, stdout };
}

const names = (values.only ? values.only.split(',') : fs.readdirSync(FIXTURES)).sort();
const bytes = Number(values.bytes);
console.log(`layouts: ${names.length}, about ${bytes} bytes each, load ${loadAverage().join(' ')}`);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-layouts-'));
const rows = [];
try {
  for (const name of names) {
    const file = fs.readdirSync(path.join(FIXTURES, name)).find((f) => f.endsWith('.md'));
    const dir = path.join(tmp, name);
    fs.mkdirSync(path.join(dir, 'content'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'content', file), scaleLayout(fs.readFileSync(path.join(FIXTURES, name, file), 'utf8'), bytes));
    fs.writeFileSync(path.join(dir, 'genai-qa.config.json'), JSON.stringify({ limits: { maxFileBytes: 4 * bytes } }));
    fs.copyFileSync(MARKDOWNLINT_CONFIG, path.join(dir, '.markdownlint-cli2.jsonc'));
    const { stdout, ...lint } = measure([CLI, 'lint', 'content', '--format', 'json'], dir);
    if (lint.exit !== 0 && lint.exit !== 1) throw new Error(`lint of ${name} exited with ${lint.exit}`);
    const report = JSON.parse(stdout);
    const findings = (report.diagnostics ?? report).length;
    const mdl = values['no-markdownlint'] ? undefined : (({ stdout: _, ...m }) => m)(measure([MARKDOWNLINT, 'content/**/*.md'], dir, Number(values['markdownlint-timeout'])));
    // Against a stopped run the ratio is an upper bound.
    const ratio = mdl ? Number((lint.cpu / (mdl.cpu ?? mdl.over)).toFixed(2)) : undefined;
    const row = { layout: name, bytes: fs.statSync(path.join(dir, 'content', file)).size, lint, findings, ...(mdl ? { markdownlint: mdl, ratio, ...(mdl.over ? { ratioBelow: true } : {}) } : {}) };
    rows.push(row);
    console.error(`bench: ${name}: lint ${lint.cpu} s CPU${mdl ? `, markdownlint-cli2 ${mdl.over ? `over ${mdl.over} s (stopped)` : `${mdl.cpu} s`}` : ''}`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log('\n| layout | MB | lint CPU s | peak MB | findings | markdownlint-cli2 CPU s | peak MB | lint ÷ markdownlint-cli2 |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  const m = r.markdownlint;
  console.log(`| ${r.layout} | ${(r.bytes / 1e6).toFixed(2)} | ${r.lint.cpu} | ${r.lint.peakMB} | ${r.findings} | ${m ? (m.over ? `> ${m.over}` : m.cpu) : '—'} | ${m?.peakMB ?? '—'} | ${r.ratio !== undefined ? `${r.ratioBelow ? '< ' : ''}${r.ratio}×` : '—'} |`);
}
fs.writeFileSync(values.out, `${JSON.stringify({ load: loadAverage(), bytes, rows }, null, 2)}\n`);
console.log(`\nresults: ${path.relative(process.cwd(), values.out)}`);
