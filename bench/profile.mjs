#!/usr/bin/env node
// Where the time of `genai-qa lint` goes: runs it once under `node --cpu-prof` on a cached
// benchmark corpus and sums the self time of the sampled functions by package.
//   node bench/profile.mjs [--size 10000] [--layout split|single] [--seed 42] [--top 25] [--keep]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { CLI, ensureCorpus, loadAverage, machineFacts, ROOT } from './lib.mjs';

const USAGE = `Usage: node bench/profile.mjs [options]

Profiles one run of \`genai-qa lint content --format json\` (node --cpu-prof) on the benchmark
corpus of the given size and prints the self time by package group and the top functions.

Options:
  --size <n>   questions (default 10000)
  --layout <l> split (1,000 questions per file, default) or single (one file)
  --seed <n>   generator seed (default 42)
  --top <n>    functions to list (default 25)
  --keep       keep the .cpuprofile (printed path) instead of deleting it
  -h, --help   show this help`;

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '10000' },
    layout: { type: 'string', default: 'split' },
    seed: { type: 'string', default: '42' },
    top: { type: 'string', default: '25' },
    keep: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const { dir } = ensureCorpus(Number(values.size), Number(values.seed), { layout: values.layout, log: (m) => console.error(`profile: ${m}`) });
const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-profile-'));
const machine = machineFacts();
console.log(`node --cpu-prof ${path.relative(dir, CLI)} lint content --format json  (cwd ${path.relative(ROOT, dir)})`);
console.log(`Node ${machine.node}, ${machine.cpu}, ${machine.cores} cores; load ${loadAverage().join(', ')}`);
const start = performance.now();
const run = spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profileDir, CLI, 'lint', 'content', '--format', 'json'], {
  cwd: dir,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, NO_COLOR: '1' },
});
const wall = (performance.now() - start) / 1000;
const file = fs.readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
if (!file) {
  console.error(`profile: no profile written (exit ${run.status})`);
  process.exit(1);
}
const profile = JSON.parse(fs.readFileSync(path.join(profileDir, file), 'utf8'));

// Self time per node: sample i lasts until the next sample.
const self = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);

function where(url) {
  if (!url) return { pkg: '', file: '' };
  if (url.startsWith('node:')) return { pkg: 'node', file: url };
  const p = url.replace(/^file:\/\//, '');
  const nm = p.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = p.slice(nm + '/node_modules/'.length).split('/');
    const pkg = parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
    return { pkg, file: parts.slice(pkg.includes('/') ? 2 : 1).join('/') };
  }
  const ours = /\/packages\/([^/]+)\/dist\/(.+)$/.exec(p);
  if (ours) return { pkg: `@genai-qa/${ours[1]}`, file: ours[2] };
  return { pkg: path.relative(ROOT, p), file: '' };
}

function group(functionName, url) {
  if (!url) return functionName.startsWith('(') ? functionName.replace(/[()]/g, '') : 'native / V8';
  const { pkg, file } = where(url);
  if (pkg === 'node') return 'node internals';
  if (/^micromark/.test(pkg)) return 'micromark (Markdown tokenizer)';
  if (/^unist-util-(visit|visit-parents|is)$/.test(pkg)) return 'unist-util-visit (tree walks, mostly by rules)';
  if (/^(mdast-util-|remark-|unified$|unist-|vfile|bail$|trough$|devlop$|decode-named-character-reference$|character-entities|zwitch$|longest-streak$|markdown-table$|ccount$|escape-string-regexp$)/.test(pkg)) return 'mdast / remark (tree from tokens)';
  if (/^(hast-|rehype-|property-information$|html-void-elements$|space-separated-tokens$|comma-separated-tokens$|stringify-entities$|web-namespaces$|mdast-util-to-hast$)/.test(pkg)) return 'hast / rehype (HTML rendering)';
  if (pkg === '@genai-qa/core') return file.startsWith('rules/') ? `genai-qa rules (core/dist/rules)` : `genai-qa core (${file.replace(/\.js$/, '')})`;
  if (pkg.startsWith('@genai-qa/')) return pkg;
  return pkg;
}

const byGroup = new Map();
const byFunction = new Map();
for (const node of profile.nodes) {
  const ms = self.get(node.id);
  if (!ms) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  const g = group(functionName, url);
  byGroup.set(g, (byGroup.get(g) ?? 0) + ms);
  const { pkg, file } = where(url);
  const key = `${functionName || '(anonymous)'}  ${pkg ? `${pkg}/${file}:${lineNumber + 1}` : ''}`;
  byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
}
const pct = (ms) => `${((100 * ms) / total).toFixed(1).padStart(5)} %`;
console.log(`wall ${wall.toFixed(2)} s under the profiler (exit ${run.status}), ${(total / 1000).toFixed(2)} s sampled`);
console.log('\nself time by group:');
for (const [g, ms] of [...byGroup].sort((a, b) => b[1] - a[1])) console.log(`  ${pct(ms)}  ${(ms / 1000).toFixed(2).padStart(6)} s  ${g}`);
console.log(`\ntop ${values.top} functions by self time:`);
for (const [f, ms] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) console.log(`  ${pct(ms)}  ${(ms / 1000).toFixed(2).padStart(6)} s  ${f}`);
// Who asks for Markdown parsing: the time under micromark / mdast-util-from-markdown, by
// the nearest genai-qa function above it.
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const parsing = new Map();
for (const [id, ms] of self) {
  const frame = nodes.get(id).callFrame;
  const g = group(frame.functionName, frame.url);
  if (!g.startsWith('micromark') && !g.startsWith('mdast')) continue;
  let up = parent.get(id);
  let caller = 'elsewhere';
  while (up !== undefined) {
    const f = nodes.get(up).callFrame;
    const w = where(f.url);
    if (w.pkg.startsWith('@genai-qa/')) {
      caller = `${f.functionName || '(anonymous)'}  ${w.pkg}/${w.file}:${f.lineNumber + 1}`;
      break;
    }
    up = parent.get(up);
  }
  parsing.set(caller, (parsing.get(caller) ?? 0) + ms);
}
console.log('\nmicromark + mdast self time, by the genai-qa function that asked for it:');
for (const [f, ms] of [...parsing].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`  ${pct(ms)}  ${(ms / 1000).toFixed(2).padStart(6)} s  ${f}`);
if (values.keep) console.log(`\nprofile: ${path.join(profileDir, file)}`);
else fs.rmSync(profileDir, { recursive: true, force: true });
