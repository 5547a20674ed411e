#!/usr/bin/env node
// The benchmark of issue 6: genai-qa lint against markdownlint-cli2, and genai-qa build per
// target, on seeded synthetic corpora with planted defects. See `node bench/run.mjs --help`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import {
  CLI,
  fileCount,
  LAYOUTS,
  MARKDOWNLINT,
  MARKDOWNLINT_CONFIG,
  ROOT,
  ensureCorpus,
  loadAverage,
  machineFacts,
  questionLocator,
  sizeLabel,
} from './lib.mjs';
import { analyse } from './recall.mjs';
import { measureCache } from './cache.mjs';

const USAGE = `Usage: node bench/run.mjs [options]        (or: npm run bench -- [options])

For each size and layout: generate a seeded synthetic corpus with planted defects (cached
in bench/.corpora/), then run, each in its own child process, measuring wall time and peak RSS:
  genai-qa lint content --format json     (recall of the planted defects from its report)
  markdownlint-cli2 "content/*.md"        (its default rules; bench/bench.markdownlint-cli2.jsonc)
  genai-qa build --content content --out DIR --only T --force   for each target T
  genai-qa lint content --format json --cache, cold (no cache file), warm (nothing
                                          changed), then with one question's answer edited
                                          (in a copy of the corpus): the warm ÷ cold and
                                          edited ÷ cold ratios, each report compared with
                                          a run without --cache
Prints a table per layout, the ratios and the issue's targets (met / NOT met); writes the
results as JSON (default bench/results.json).

Options:
  --sizes <list>     comma-separated question counts (default 1000,10000; 100000 is slow)
  --layout <l>       how the questions are cut into files: split (1,000 per file, the
                     generator's default), single (one file, like the real content and the
                     issue's reference numbers) or both (default). A size whose split layout
                     is one file anyway (up to 1,000 questions) is measured once.
  --runs <n>         measure every command n times and report the median (default 1)
  --targets <list>   build targets to measure (default json,anki,pdf; "none" for none)
  --seed <n>         generator seed (default 42)
  --meter <how>      wall time and peak RSS from "time" (GNU /usr/bin/time -f '%e %M', with
                     CPU time %U + %S) or "proc" (the parent's clock, and polling
                     /proc/<pid>/status VmHWM); default: time when /usr/bin/time is GNU time
  --results <file>   where to write the JSON results (default bench/results.json)
  --families         instead: the construct families of bench/families.mjs at 1 MB and 4 MB,
                     each family's growth and its ratio to markdownlint-cli2 (--families --help)
  -h, --help         show this help

Needs the packages built first (npm run bench does turbo run build).`;

const TIME = '/usr/bin/time';
const DEFAULT_SOURCE_DATE_EPOCH = '1767225600'; // 2026-01-01: artifacts do not depend on git

// ---------------------------------------------------------------------------------------
// Options

// The families mode (issue 17) has options of its own: see bench/families-run.mjs.
if (process.argv.includes('--families')) {
  const { runFamilies } = await import('./families-run.mjs');
  process.exit(runFamilies(process.argv.slice(2)));
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      layout: { type: 'string', default: 'both' },
      runs: { type: 'string', default: '1' },
      targets: { type: 'string', default: 'json,anki,pdf' },
      seed: { type: 'string', default: '42' },
      meter: { type: 'string' },
      results: { type: 'string', default: path.join(ROOT, 'bench/results.json') },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  console.error(`bench: ${error.message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const usage = (message) => {
  console.error(`bench: ${message}\n\n${USAGE}`);
  process.exit(2);
};
const sizes = values.sizes.split(',').map((s) => Number(s.trim().replace(/k$/i, '000')));
if (sizes.some((n) => !Number.isInteger(n) || n < 1)) usage(`--sizes expects whole numbers, got "${values.sizes}"`);
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) usage(`--runs expects a whole number ≥ 1, got "${values.runs}"`);
const seed = Number(values.seed);
if (!Number.isInteger(seed)) usage(`--seed expects a whole number, got "${values.seed}"`);
if (![...Object.keys(LAYOUTS), 'both'].includes(values.layout)) usage(`--layout expects split, single or both, got "${values.layout}"`);
const layouts = values.layout === 'both' ? Object.keys(LAYOUTS) : [values.layout];
const targets = values.targets === 'none' ? [] : values.targets.split(',').map((s) => s.trim()).filter(Boolean);
const gnuTime = hasGnuTime();
const meter = values.meter ?? (gnuTime ? 'time' : 'proc');
if (!['time', 'proc'].includes(meter)) usage(`--meter expects time or proc, got "${values.meter}"`);
if (meter === 'time' && !gnuTime) usage(`--meter time needs GNU time at ${TIME} (Debian package "time")`);
if (!fs.existsSync(CLI)) usage(`${path.relative(ROOT, CLI)} is missing: build the packages first (npm run build:packages, or npm run bench)`);
if (!fs.existsSync(MARKDOWNLINT)) usage(`${path.relative(ROOT, MARKDOWNLINT)} is missing: run npm ci`);

function hasGnuTime() {
  if (!fs.existsSync(TIME)) return false;
  const r = spawnSync(TIME, ['--version'], { encoding: 'utf8' });
  return /GNU/.test(`${r.stdout}${r.stderr}`);
}

// ---------------------------------------------------------------------------------------
// Measuring one child process

const env = { ...process.env, NO_COLOR: '1', SOURCE_DATE_EPOCH: process.env.SOURCE_DATE_EPOCH ?? DEFAULT_SOURCE_DATE_EPOCH };
delete env.FORCE_COLOR;
delete env.NODE_OPTIONS;

/**
 * Runs `node ...args` in `cwd` with stdout and stderr to files. Wall time and peak RSS are
 * the node process's own: GNU time waits for it directly (its %M is the largest RSS of the
 * processes it waited for), or /proc/<pid>/status VmHWM is polled every 10 ms.
 */
async function measure(args, { cwd, stdout, stderr }) {
  const out = fs.openSync(stdout, 'w');
  const err = fs.openSync(stderr, 'w');
  const timeFile = `${stderr}.time`;
  const load = loadAverage()[0];
  const start = performance.now();
  let peakKB = 0;
  let timer;
  let child;
  if (meter === 'time') {
    child = spawn(TIME, ['-f', '%e %M %U %S', '-o', timeFile, process.execPath, ...args], { cwd, env, stdio: ['ignore', out, err] });
  } else {
    child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', out, err] });
    const poll = () => {
      try {
        const kb = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
        if (kb > peakKB) peakKB = kb;
      } catch {
        // Gone already.
      }
    };
    poll();
    timer = setInterval(poll, 10);
  }
  const [code, signal] = await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (c, s) => resolve([c, s]));
  });
  const clockWall = (performance.now() - start) / 1000;
  clearInterval(timer);
  fs.closeSync(out);
  fs.closeSync(err);
  let wall = clockWall;
  let cpu = null;
  let exit = signal ?? code;
  if (meter === 'time') {
    const lines = fs.readFileSync(timeFile, 'utf8').trim().split('\n');
    fs.rmSync(timeFile, { force: true });
    const last = lines.at(-1);
    const match = /^(\d+(?:\.\d+)?) (\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(last);
    if (match) {
      wall = Number(match[1]);
      peakKB = Number(match[2]);
      cpu = +(Number(match[3]) + Number(match[4])).toFixed(2);
    }
    const killed = lines.map((l) => /terminated by signal (\d+)/.exec(l)?.[1]).find(Boolean);
    if (killed) exit = `signal ${killed}`;
  }
  return { wall: +wall.toFixed(2), peakMB: +(peakKB / 1024).toFixed(1), cpu, exit, clockWall: +clockWall.toFixed(3), loadBefore: load };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : +((s[m - 1] + s[m]) / 2).toFixed(2);
};
const rel = (p) => path.relative(ROOT, p) || '.';
const log = (message) => process.stderr.write(`bench: ${message}\n`);

// ---------------------------------------------------------------------------------------
// What lint offers right now (other engineers are changing the CLI)

function lintHelp() {
  const r = spawnSync(process.execPath, [CLI, 'lint', '--help'], { encoding: 'utf8', env });
  return `${r.stdout}${r.stderr}`;
}
const helpAtStart = lintHelp();
const cacheFlag = /(^|\s)--cache(\s|$|[=[<])/m.test(helpAtStart);
const cacheLocationFlag = /--cache-location/.test(helpAtStart);

// ---------------------------------------------------------------------------------------
// The run

const commandLine = ['node', path.relative(process.cwd(), process.argv[1]) || process.argv[1], ...process.argv.slice(2)].join(' ');
const machine = machineFacts();
const loadAtStart = loadAverage();
const startedAt = new Date().toISOString();

console.log(`command: ${process.env.npm_lifecycle_event === 'bench' ? `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}  →  ` : ''}${commandLine}  (cwd ${process.cwd()})`);
console.log(`machine: Node ${machine.node}, ${machine.platform}, ${machine.cpu}, ${machine.cores} cores, ${machine.totalMemoryGB} GB`);
console.log(`code:    ${machine.commit ?? 'no git'}${machine.uncommittedFilesUnderPackages ? ` + ${machine.uncommittedFilesUnderPackages} uncommitted file(s) under packages/` : ''}`);
console.log(`load:    ${loadAtStart.join(', ')} at start (1, 5, 15 min)`);
console.log(`meter:   ${meter === 'time' ? `GNU ${TIME} -f '%e %M %U %S'` : 'polling /proc/<pid>/status VmHWM every 10 ms'}; ${runs} run(s) per command${runs > 1 ? ', median' : ''}`);
console.log('');

const commands = [
  { key: 'lint', label: 'genai-qa lint --format json', args: [CLI, 'lint', 'content', '--format', 'json'] },
  { key: 'markdownlint', label: 'markdownlint-cli2 (default rules)', args: [MARKDOWNLINT, '--config', MARKDOWNLINT_CONFIG, 'content/*.md'] },
  ...targets.map((t) => ({ key: `build-${t}`, label: `genai-qa build --only ${t}`, target: t, args: [CLI, 'build', '--content', 'content', '--out', `last-run/build-${t}`, '--only', t, '--force'] })),
];

const results = [];
for (const size of sizes) for (const layout of layouts) {
  if (layout === 'single' && layouts.includes('split') && fileCount(size, 'split') === 1) {
    log(`[${sizeLabel(size)}] the split layout is one file already: single not measured separately`);
    continue;
  }
  const name = `${sizeLabel(size)} ${layout}`;
  const { dir, planted, generated, config } = ensureCorpus(size, seed, { layout, log });
  if (!generated) log(`using the cached corpus ${rel(dir)}`);
  if (config) log(`[${name}] ${rel(dir)}/genai-qa.config.json raises limits.maxFileBytes to ${config.limits.maxFileBytes} (the file is over the default 10 MB)`);
  const locate = questionLocator(path.join(dir, 'content'), dir);
  const outDir = path.join(dir, 'last-run');
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });
  const entry = {
    questions: size,
    layout,
    bytes: planted.bytes,
    files: fs.readdirSync(path.join(dir, 'content')).filter((f) => f.endsWith('.md')).length,
    corpus: rel(dir),
    ...(config ? { config } : {}),
    commands: {},
  };
  const record = (key, label, args, m, extra = {}) => {
    const c = (entry.commands[key] ??= { label, cwd: rel(dir), command: displayCommand(args, dir), runs: [] });
    c.runs.push({ ...m, ...extra });
  };
  let report;
  for (let run = 1; run <= runs; run++) {
    for (const command of commands) {
      const stdout = path.join(outDir, `${command.key}.out`);
      const stderr = path.join(outDir, `${command.key}.err`);
      if (command.target) fs.rmSync(path.join(dir, 'last-run', `build-${command.target}`), { recursive: true, force: true });
      const m = await measure(command.args, { cwd: dir, stdout, stderr });
      const extra = {};
      if (command.key === 'lint') {
        try {
          const parsed = JSON.parse(fs.readFileSync(stdout, 'utf8'));
          report ??= parsed;
          extra.findings = parsed.length;
        } catch (error) {
          extra.error = `not JSON: ${error.message}`;
        }
      } else if (command.key === 'markdownlint') {
        extra.findings = Number(/Summary: (\d+) error/.exec(fs.readFileSync(stdout, 'utf8'))?.[1] ?? NaN);
      } else if (command.target) {
        const built = path.join(dir, 'last-run', `build-${command.target}`);
        extra.artifactMB = fs.existsSync(built)
          ? +(fs.readdirSync(built).reduce((sum, f) => sum + fs.statSync(path.join(built, f)).size, 0) / 1e6).toFixed(2)
          : 0;
        fs.rmSync(built, { recursive: true, force: true });
      }
      const ok = command.key === 'lint' || command.key === 'markdownlint' ? m.exit === 0 || m.exit === 1 : m.exit === 0;
      if (!ok) extra.error ??= `exit ${m.exit}: ${tail(stderr)}`;
      record(command.key, command.label, command.args, m, extra);
      log(`[${name}] ${runs > 1 ? `run ${run}/${runs} ` : ''}${command.label}: ${m.wall} s, ${m.peakMB} MB, exit ${m.exit}${extra.error ? `  ⚠ ${extra.error}` : ''}`);
    }
    if (cacheFlag) await measureCache({ dir, outDir, name, report, cacheLocationFlag, measure, record, log, tail });
  }
  for (const c of Object.values(entry.commands)) {
    c.wall = median(c.runs.map((r) => r.wall));
    c.peakMB = median(c.runs.map((r) => r.peakMB));
    if (c.runs.every((r) => r.cpu !== null)) c.cpu = median(c.runs.map((r) => r.cpu));
    c.exit = c.runs[0].exit;
    for (const k of ['findings', 'artifactMB']) if (c.runs[0][k] !== undefined) c[k] = c.runs[0][k];
    const errors = c.runs.map((r) => r.error).filter(Boolean);
    if (errors.length) c.error = errors[0];
  }
  const lint = entry.commands.lint;
  const ml = entry.commands.markdownlint;
  entry.ratios = {
    lintTimeVsMarkdownlint: +(lint.wall / ml.wall).toFixed(2),
    lintMemoryVsMarkdownlint: +(lint.peakMB / ml.peakMB).toFixed(2),
    perRun: lint.runs.map((r, i) => ({ time: +(r.wall / ml.runs[i].wall).toFixed(2), memory: +(r.peakMB / ml.runs[i].peakMB).toFixed(2) })),
  };
  if (entry.commands['lint-cache-cold']) {
    entry.ratios.warmVsCold = +(entry.commands['lint-cache-warm'].wall / entry.commands['lint-cache-cold'].wall).toFixed(3);
    entry.ratios.editedVsCold = +(entry.commands['lint-cache-edited'].wall / entry.commands['lint-cache-cold'].wall).toFixed(3);
  }
  entry.recall = report ? analyse(report, planted, locate) : null;
  results.push(entry);
}

const loadAtEnd = loadAverage();
const helpAtEnd = lintHelp();
const cliChanged = helpAtEnd !== helpAtStart;

// ---------------------------------------------------------------------------------------
// Report

const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
const cell = (c, k) => (c ? `${fmt(c[k], k === 'wall' ? 2 : 0)}${c.error ? ' ⚠' : ''}` : '–');
const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
const describeLayout = { split: 'split: 1,000 questions per file', single: 'single: one file' };
/** The results of one layout, by size; a corpus that is one file anyway counts as single too. */
const groups = layouts.map((layout) => ({ layout, results: results.filter((r) => r.layout === layout || (layout === 'single' && r.files === 1)) }));
const tag = (r) => `${sizeLabel(r.questions)} in ${plural(r.files, 'file')}`;

for (const { layout, results: group } of groups) {
  if (group.length === 0) continue;
  const rows = [];
  const labels = [...new Map(group.flatMap((r) => Object.entries(r.commands).map(([k, c]) => [k, c.label]))).entries()];
  rows.push(['command', ...group.flatMap((r) => [`${sizeLabel(r.questions)} wall s`, `${sizeLabel(r.questions)} peak MB`])]);
  for (const [key, label] of labels) rows.push([label, ...group.flatMap((r) => [cell(r.commands[key], 'wall'), cell(r.commands[key], 'peakMB')])]);
  rows.push([
    '**lint ÷ markdownlint-cli2**',
    ...group.flatMap((r) => [`${fmt(r.ratios.lintTimeVsMarkdownlint)}×`, `${fmt(r.ratios.lintMemoryVsMarkdownlint)}×`]),
  ]);
  if (group.some((r) => r.ratios.warmVsCold !== undefined)) {
    rows.push(['**lint --cache warm ÷ cold**', ...group.flatMap((r) => [r.ratios.warmVsCold === undefined ? '–' : `${fmt(r.ratios.warmVsCold, 3)}×`, ''])]);
    rows.push(['**lint --cache one question edited ÷ cold**', ...group.flatMap((r) => [r.ratios.editedVsCold === undefined ? '–' : `${fmt(r.ratios.editedVsCold, 3)}×`, ''])]);
  }
  console.log(`layout ${describeLayout[layout]}`);
  console.log(`corpora: ${group.map((r) => `${sizeLabel(r.questions)} = ${r.questions} questions, ${(r.bytes / 1e6).toFixed(1)} MB in ${plural(r.files, 'file')}${r.config ? ` (genai-qa.config.json: limits.maxFileBytes ${r.config.limits.maxFileBytes})` : ''}`).join('; ')}`);
  console.log('');
  console.log(markdownTable(rows));
  console.log('');
  for (let i = 1; i < group.length; i++) {
    const [a, b] = [group[i - 1], group[i]];
    console.log(
      `scaling ${tag(a)} → ${tag(b)} (${fmt(b.questions / a.questions, 0)}× the questions): genai-qa lint ${fmt(b.commands.lint.wall / a.commands.lint.wall)}× the time, markdownlint-cli2 ${fmt(b.commands.markdownlint.wall / a.commands.markdownlint.wall)}×`,
    );
  }
  if (group.length > 1) console.log('');
}
for (const r of results) {
  const a = r.recall;
  console.log('');
  console.log(`${tag(r)}: genai-qa lint found ${r.commands.lint.findings} problems, markdownlint-cli2 ${r.commands.markdownlint.findings}`);
  if (r.commands.lint.cpu !== undefined) {
    console.log(`  CPU time (user + sys): genai-qa lint ${fmt(r.commands.lint.cpu)} s, markdownlint-cli2 ${fmt(r.commands.markdownlint.cpu)} s = ${fmt(r.commands.lint.cpu / r.commands.markdownlint.cpu)}× (less sensitive to other load than wall time)`);
  }
  if (!a) {
    console.log('  recall: n/a (no JSON report from genai-qa lint)');
    continue;
  }
  const pct = (x, n) => `${x}/${n} (${n ? fmt((100 * x) / n, 1) : '–'} %)`;
  const dq = a.nearDuplicates;
  console.log(
    `  near-duplicate pairs (duplicate-question): recall ${pct(dq.found, dq.planted)} — exact copies ${pct(dq.foundExact, dq.exact)}, reworded ${pct(dq.found - dq.foundExact, dq.planted - dq.exact)}; false positives ${dq.falsePositives.length}` +
      `${dq.foundViaAnotherCopy ? `; ${dq.foundViaAnotherCopy} of the found pairs reported against another copy of the same original` : ''}` +
      `${dq.superseded ? `; ${dq.superseded} planted pair(s) overwritten by a later plant, not counted` : ''}`,
  );
  if (dq.missed.length) console.log(`    missed: ${dq.missed.slice(0, 5).map((m) => `${m.a}~${m.b}${m.exact ? ' (exact)' : ''}`).join(', ')}${dq.missed.length > 5 ? ', …' : ''}`);
  console.log(`  repeated sentences (repeated-sentence): recall ${pct(a.repeatedSentences.found, a.repeatedSentences.planted)}; false positives ${a.repeatedSentences.falsePositives}`);
  console.log(`  broken links (broken-link): recall ${pct(a.brokenLinks.found, a.brokenLinks.planted)}; false positives ${a.brokenLinks.falsePositives}`);
  console.log(
    `  also (not counted above): duplicate-id ${a.duplicateId.onPlantedPairs} on planted pairs (the copy kept the question verbatim) + ${a.duplicateId.accidental} elsewhere (accidental); ` +
      `duplicate-passage ${a.duplicatePassage.onPlantedPairs} on planted pairs + ${a.duplicatePassage.accidental} elsewhere (accidental)`,
  );
  const others = Object.entries(a.byRule).filter(([id]) => !['duplicate-question', 'repeated-sentence', 'broken-link', 'duplicate-id', 'duplicate-passage'].includes(id));
  if (others.length) console.log(`  other rules: ${others.map(([id, n]) => `${id} ${n}`).join(', ')}`);
}
console.log('');
if (!cacheFlag) console.log('warm re-run: n/a (no --cache yet)');
else for (const r of results) {
  const [cold, warm] = [r.commands['lint-cache-cold'], r.commands['lint-cache-warm']];
  console.log(`warm re-run ${tag(r)}: cold ${fmt(cold.wall)} s, warm ${fmt(warm.wall)} s = ${fmt(r.ratios.warmVsCold, 3)}× (same report as without --cache: cold ${cold.runs[0].sameReportAsWithoutCache}, warm ${warm.runs[0].sameReportAsWithoutCache})`);
  const edited = r.commands['lint-cache-edited'];
  console.log(`one question edited ${tag(r)}: ${fmt(edited.wall)} s = ${fmt(r.ratios.editedVsCold, 3)}× cold (same report as without --cache: ${edited.runs[0].sameReportAsWithoutCache})`);
}

const verdicts = targetVerdicts();
console.log('');
console.log("issue 6's targets:");
for (const v of verdicts) console.log(`  ${v.status.padEnd(12)} ${v.target}: ${v.measured}`);
console.log('');
console.log(`load:    ${loadAtEnd.join(', ')} at end (1, 5, 15 min)`);
if (cliChanged) console.log('WARNING: `genai-qa lint --help` changed during the run: the CLI was rebuilt mid-run; run the benchmark again.');

const output = {
  command: commandLine,
  cwd: process.cwd(),
  startedAt,
  finishedAt: new Date().toISOString(),
  machine: { ...machine, loadAtStart, loadAtEnd },
  options: { sizes, layouts, runs, seed, targets, meter },
  lintHasCache: cacheFlag,
  cliChangedDuringRun: cliChanged,
  results,
  targets: verdicts,
};
fs.mkdirSync(path.dirname(path.resolve(values.results)), { recursive: true });
fs.writeFileSync(values.results, `${JSON.stringify(output, null, 2)}\n`);
console.log(`results: ${rel(path.resolve(values.results))}`);

function targetVerdicts() {
  const v = [];
  const verdict = (ok) => (ok ? 'met' : 'NOT met');
  for (const { layout, results: group } of groups) {
    const at = (n) => group.find((r) => r.questions === n);
    const tenK = at(10000);
    const hundredK = at(100000);
    const where = (r) => ` [${r ? tag(r) : describeLayout[layout]}]`;
    if (tenK) {
      const { lintTimeVsMarkdownlint: t, lintMemoryVsMarkdownlint: m } = tenK.ratios;
      v.push({ target: `lint wall time ≤ 0.33× markdownlint-cli2 at 10k${where(tenK)}`, layout, status: verdict(t <= 0.33), value: t, measured: `${fmt(t)}× (${fmt(tenK.commands.lint.wall)} s vs ${fmt(tenK.commands.markdownlint.wall)} s)` });
      v.push({ target: `lint peak memory ≤ 0.33× markdownlint-cli2 at 10k${where(tenK)}`, layout, status: verdict(m <= 0.33), value: m, measured: `${fmt(m)}× (${fmt(tenK.commands.lint.peakMB, 0)} MB vs ${fmt(tenK.commands.markdownlint.peakMB, 0)} MB)` });
    } else {
      v.push({ target: `lint wall time and peak memory ≤ 0.33× markdownlint-cli2 at 10k${where()}`, layout, status: 'not measured', measured: '10000 not in --sizes' });
    }
    if (tenK && hundredK) {
      const x = hundredK.commands.lint.wall / tenK.commands.lint.wall;
      v.push({ target: `lint at 100k ≤ 12× the 10k time${where()}`, layout, status: verdict(x <= 12), value: +x.toFixed(2), measured: `${fmt(x)}× (${fmt(hundredK.commands.lint.wall)} s vs ${fmt(tenK.commands.lint.wall)} s)` });
    } else {
      v.push({ target: `lint at 100k ≤ 12× the 10k time${where()}`, layout, status: 'not measured', measured: 'needs --sizes with 10000 and 100000' });
    }
    const warm = tenK ?? group.at(-1);
    if (cacheFlag && warm?.ratios.warmVsCold !== undefined) {
      v.push({ target: `warm re-run ≤ 0.1× cold${where(warm)}`, layout, status: verdict(warm.ratios.warmVsCold <= 0.1), value: warm.ratios.warmVsCold, measured: `${fmt(warm.ratios.warmVsCold, 3)}× (${fmt(warm.commands['lint-cache-warm'].wall)} s vs ${fmt(warm.commands['lint-cache-cold'].wall)} s)` });
    } else {
      v.push({ target: `warm re-run ≤ 0.1× cold${where()}`, layout, status: 'NOT met', measured: 'n/a: genai-qa lint has no --cache yet' });
    }
    // Issue 17: one question of a 10k single-file corpus edited, re-run with the cache.
    if (cacheFlag && layout === 'single' && tenK?.ratios.editedVsCold !== undefined) {
      const x = tenK.ratios.editedVsCold;
      const same = tenK.commands['lint-cache-edited'].runs.every((r) => r.sameReportAsWithoutCache);
      v.push({ target: `one question edited ≤ 0.2× cold, same report${where(tenK)}`, layout, status: verdict(x <= 0.2 && same), value: x, measured: `${fmt(x, 3)}× (${fmt(tenK.commands['lint-cache-edited'].wall)} s vs ${fmt(tenK.commands['lint-cache-cold'].wall)} s), same report as without --cache: ${same}` });
    }
  }
  const recall = results.filter((r) => r.recall).map((r) => ({ label: tag(r), ...r.recall.nearDuplicates }));
  if (recall.length) {
    v.push({
      target: 'recall 100% on planted near-duplicate pairs',
      status: verdict(recall.every((r) => r.found === r.planted)),
      measured: recall.map((r) => `${r.label} ${r.found}/${r.planted}, ${r.falsePositives.length} false positive(s)`).join('; '),
    });
  } else v.push({ target: 'recall 100% on planted near-duplicate pairs', status: 'not measured', measured: 'no JSON report' });
  return v;
}

/** The command as typed in its working directory (the corpus directory). */
function displayCommand(args, cwd) {
  return ['node', ...args.map((a) => (path.isAbsolute(a) ? path.relative(cwd, a) : a))].map((a) => (/[\s*]/.test(a) ? `'${a}'` : a)).join(' ');
}

function tail(file) {
  try {
    return fs.readFileSync(file, 'utf8').trim().split('\n').slice(-3).join(' / ').slice(0, 400);
  } catch {
    return '';
  }
}

function markdownTable(table) {
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
  const line = (row) => `| ${row.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ')} |`;
  return [line(table[0]), `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`, ...table.slice(1).map(line)].join('\n');
}
