// The families mode of the benchmark (issue 17): `node bench/run.mjs --families`. Each
// family of bench/families.mjs is generated at two sizes (default 1 MB and 4 MB), and
// genai-qa lint and markdownlint-cli2 run on each, in the same run. A family whose lint
// time grows more than 4.5× from the small to the large size fails the bench.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FAMILIES, writeFamily, writeMixed } from './families.mjs';
import { CLI, CORPORA, MARKDOWNLINT, MARKDOWNLINT_CONFIG, ROOT, TIME, loadAverage, machineFacts, measureCommand, sha256 } from './lib.mjs';

const USAGE = `Usage: node bench/run.mjs --families [options]   (or: npm run bench -- --families [options])

Generates each family of bench/families.mjs (one Markdown construct stressed per family) at
two sizes, runs genai-qa lint content --format json and markdownlint-cli2 on each (one child
process per run, CPU time and wall time from GNU time), and prints per family: the lint
time at each size, the growth ratio (large ÷ small; linear is 4 for 1 MB → 4 MB) and the
ratio to markdownlint-cli2 at the large size. Exits 1 when a family's ratio is over --max-ratio.

Options:
  --families           this mode
  --family-sizes <l>   two sizes in bytes (default 1000000,4000000)
  --only <list>        comma-separated families (default: all)
  --runs <n>           runs of each command; medians are reported (default 1)
  --seed <n>           generator seed (default 17; printed)
  --max-ratio <x>      the growth ratio allowed (default 4.5)
  --no-markdownlint    skip markdownlint-cli2
  --markdownlint-timeout <s>
                       stop a markdownlint-cli2 run after this many seconds and report it as
                       "> s" (default 600; its own parser is superlinear on some families)
  --mixed              instead: the mixed corpus of all families (10,000 questions in one
                       file and in ten, with markdownlint-cli2; 100,000 in one file, lint
                       only): wall time, CPU time and peak memory, and the targets (lint at
                       most 0.33× markdownlint-cli2's wall time and peak memory; 100,000
                       questions at most 12× the time of 10,000)
  --mixed-sizes <l>    the two question counts of --mixed (default 10000,100000)
  --results <file>     JSON results (default bench/results-families.json)`;

const measure = measureCommand;

const median = (xs) => {
  const s = xs.filter((x) => x !== null).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : +((s[m - 1] + s[m]) / 2).toFixed(2);
};

/** The corpus of one family at one size, generated once into bench/.corpora/families/. */
function ensureFamily(name, bytes, seed) {
  const dir = path.join(CORPORA, 'families', `${bytes}-seed${seed}`);
  const stamp = JSON.stringify({ name, bytes, seed, generator: sha256(fs.readFileSync(new URL('./families.mjs', import.meta.url))) });
  const stampFile = path.join(dir, name, '.stamp');
  if (!(fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp)) {
    fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    writeFamily(name, bytes, seed, dir);
    // The parser is what is measured, not the block limits (a 1 MB paragraph is refused by
    // default): raise them (see BENCHMARKS.md).
    const limits = { maxBlockBytes: 100_000_000, maxBlockDelimiters: 100_000_000 };
    fs.writeFileSync(path.join(dir, name, 'genai-qa.config.json'), `${JSON.stringify({ limits }, null, 2)}\n`);
    fs.writeFileSync(stampFile, stamp);
  }
  return path.join(dir, name);
}

export function runFamilies(argv) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        families: { type: 'boolean', default: true },
        'family-sizes': { type: 'string', default: '1000000,4000000' },
        only: { type: 'string' },
        runs: { type: 'string', default: '1' },
        seed: { type: 'string', default: '17' },
        'max-ratio': { type: 'string', default: '4.5' },
        'no-markdownlint': { type: 'boolean', default: false },
        'markdownlint-timeout': { type: 'string', default: '600' },
        mixed: { type: 'boolean', default: false },
        'mixed-sizes': { type: 'string', default: '10000,100000' },
        results: { type: 'string', default: path.join(ROOT, 'bench/results-families.json') },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`bench: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const sizes = values['family-sizes'].split(',').map(Number);
  const runs = Number(values.runs);
  const seed = Number(values.seed);
  const maxRatio = Number(values['max-ratio']);
  const names = values.only ? values.only.split(',') : Object.keys(FAMILIES);
  const unknown = names.filter((n) => !FAMILIES[n]);
  if (sizes.length !== 2 || sizes.some((s) => !(s > 0)) || !(runs >= 1) || !Number.isInteger(seed) || unknown.length) {
    console.error(`bench: bad options${unknown.length ? ` (unknown family ${unknown.join(', ')})` : ''}\n\n${USAGE}`);
    return 2;
  }
  if (!fs.existsSync(CLI)) {
    console.error(`bench: ${path.relative(ROOT, CLI)} is missing: build the packages first (npm run bench does)`);
    return 2;
  }
  if (!fs.existsSync(TIME)) {
    console.error(`bench: the families mode needs GNU time at ${TIME} (Debian package "time")`);
    return 2;
  }
  const withMarkdownlint = !values['no-markdownlint'];
  const limit = Number(values['markdownlint-timeout']);
  if (values.mixed) return runMixed(values, { runs, seed, withMarkdownlint });
  const machine = machineFacts();
  console.log(`families: ${names.length}, sizes ${sizes.join(' and ')} bytes, seed ${seed}, runs ${runs}, load ${loadAverage().join(' ')}`);
  const label = (b) => (b % 1_000_000 === 0 ? `${b / 1_000_000} MB` : `${b} B`);
  const rows = [];
  fs.mkdirSync(CORPORA, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(CORPORA, 'families-out-'));
  for (const name of names) {
    const row = { family: name, about: FAMILIES[name].about, sizes: {} };
    for (const bytes of sizes) {
      const dir = ensureFamily(name, bytes, seed);
      const lint = [];
      const mdl = [];
      for (let i = 0; i < runs; i++) {
        lint.push(measure([CLI, 'lint', 'content', '--format', 'json'], dir, path.join(tmp, 'lint.json')));
        if (withMarkdownlint) mdl.push(measure([MARKDOWNLINT, '--config', MARKDOWNLINT_CONFIG, 'content/*.md'], dir, path.join(tmp, 'mdl.txt'), limit));
      }
      const bad = lint.find((r) => r.exit !== 0 && r.exit !== 1);
      row.sizes[bytes] = {
        lint: { cpu: median(lint.map((r) => r.cpu)), wall: median(lint.map((r) => r.wall)), peakMB: median(lint.map((r) => r.peakMB)), exit: lint[0].exit },
        // A markdownlint-cli2 run stopped at the limit has no time: `over` says it took longer.
        ...(withMarkdownlint
          ? { markdownlint: mdl.some((r) => r.timedOut) ? { cpu: null, wall: null, peakMB: null, over: limit } : { cpu: median(mdl.map((r) => r.cpu)), wall: median(mdl.map((r) => r.wall)), peakMB: median(mdl.map((r) => r.peakMB)) } }
          : {}),
        ...(bad ? { error: bad.stderr } : {}),
      };
      const m = row.sizes[bytes].markdownlint;
      process.stderr.write(`bench: ${name} ${label(bytes)}: lint ${row.sizes[bytes].lint.cpu} s CPU${m ? `, markdownlint-cli2 ${m.over ? `over ${m.over} s (stopped)` : `${m.cpu} s`}` : ''}\n`);
    }
    const [small, large] = sizes.map((b) => row.sizes[b]);
    row.ratio = +(large.lint.cpu / small.lint.cpu).toFixed(2);
    // Against a stopped run, the ratio is an upper bound (`vsMarkdownlintBelow`).
    row.vsMarkdownlint = withMarkdownlint && !large.markdownlint.over ? +(large.lint.cpu / large.markdownlint.cpu).toFixed(2) : null;
    if (withMarkdownlint && large.markdownlint.over) row.vsMarkdownlintBelow = +(large.lint.cpu / large.markdownlint.over).toFixed(2);
    row.markdownlintRatio = withMarkdownlint && !large.markdownlint.over && !small.markdownlint.over ? +(large.markdownlint.cpu / small.markdownlint.cpu).toFixed(2) : null;
    row.linear = row.ratio <= maxRatio && !small.error && !large.error;
    rows.push(row);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  const [a, b] = sizes.map(label);
  const table = [
    ['family', `lint ${a} (s CPU)`, `lint ${b}`, 'growth', `peak MB ${b}`, ...(withMarkdownlint ? [`mdl-cli2 ${a}`, `mdl-cli2 ${b}`, 'mdl growth', `lint ÷ mdl-cli2 at ${b}`] : []), 'verdict'],
    ...rows.map((r) => {
      const s = r.sizes[sizes[0]];
      const l = r.sizes[sizes[1]];
      return [
        r.family,
        s.lint.cpu,
        l.lint.cpu,
        `${r.ratio}×`,
        l.lint.peakMB,
        ...(withMarkdownlint
          ? [
              s.markdownlint.over ? `> ${s.markdownlint.over}` : s.markdownlint.cpu,
              l.markdownlint.over ? `> ${l.markdownlint.over}` : l.markdownlint.cpu,
              r.markdownlintRatio === null ? '—' : `${r.markdownlintRatio}×`,
              r.vsMarkdownlint === null ? `< ${r.vsMarkdownlintBelow}×` : `${r.vsMarkdownlint}×`,
            ]
          : []),
        s.error || l.error ? `ERROR ${(s.error || l.error).trim().split('\n').at(-1)}` : r.linear ? 'linear' : `OVER ${maxRatio}`,
      ].map(String);
    }),
  ];
  console.log(`\n${table.map((cells) => `| ${cells.join(' | ')} |`).join('\n').replace(/^(\|[^\n]*\|)\n/, (m, head) => `${head}\n|${' --- |'.repeat(table[0].length)}\n`)}`);
  const over = rows.filter((r) => !r.linear);
  const slower = rows.filter((r) => (r.vsMarkdownlint !== null && r.vsMarkdownlint > 1) || r.vsMarkdownlintBelow > 1);
  console.log(`\ngrowth (CPU time ${b} ÷ ${a}) at most ${maxRatio}: ${over.length === 0 ? 'met by every family' : `NOT met by ${over.map((r) => `${r.family} (${r.ratio}×)`).join(', ')}`}`);
  if (withMarkdownlint) console.log(`at most markdownlint-cli2's CPU time at ${b}: ${slower.length === 0 ? 'met by every family' : `NOT met by ${slower.map((r) => `${r.family} (${r.vsMarkdownlint}×)`).join(', ')}`}`);
  fs.writeFileSync(values.results, `${JSON.stringify({ date: new Date().toISOString(), machine, seed, sizes, runs, maxRatio, rows }, null, 2)}\n`);
  console.log(`results: ${path.relative(process.cwd(), values.results)}`);
  return over.length === 0 ? 0 : 1;
}

/** The mixed corpus at `questions` questions in `files` files, generated once. */
function ensureMixed(questions, files, seed) {
  const dir = path.join(CORPORA, 'families', `mixed-${questions}x${files}-seed${seed}`);
  const stamp = JSON.stringify({ questions, files, seed, generator: sha256(fs.readFileSync(new URL('./families.mjs', import.meta.url))) });
  const stampFile = path.join(dir, '.stamp');
  if (!(fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp)) {
    fs.rmSync(dir, { recursive: true, force: true });
    writeMixed(questions, seed, files, dir);
    // As for the families, the parser is measured rather than the block limits; a file of
    // 100,000 questions is over the default limits.maxFileBytes (10 MB) too.
    const limits = { maxBlockBytes: 100_000_000, maxBlockDelimiters: 100_000_000, maxFileBytes: 2_000_000_000 };
    fs.writeFileSync(path.join(dir, 'genai-qa.config.json'), `${JSON.stringify({ limits }, null, 2)}\n`);
    fs.writeFileSync(stampFile, stamp);
  }
  return dir;
}

function runMixed(values, { runs, seed, withMarkdownlint }) {
  const [small, large] = values['mixed-sizes'].split(',').map(Number);
  if (!(small > 0) || !(large > 0)) {
    console.error(`bench: bad --mixed-sizes\n\n${USAGE}`);
    return 2;
  }
  console.log(`mixed corpus of all families: ${small} questions in 1 and 10 files, ${large} in 1 file; seed ${seed}, runs ${runs}, load ${loadAverage().join(' ')}`);
  fs.mkdirSync(CORPORA, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(CORPORA, 'families-out-'));
  const cases = [
    { name: `${small} questions, 1 file`, questions: small, files: 1, markdownlint: withMarkdownlint },
    { name: `${small} questions, 10 files`, questions: small, files: 10, markdownlint: withMarkdownlint },
    { name: `${large} questions, 1 file`, questions: large, files: 1, markdownlint: false },
  ];
  const rows = [];
  for (const c of cases) {
    const dir = ensureMixed(c.questions, c.files, seed);
    const bytes = fs.readdirSync(path.join(dir, 'content')).reduce((a, f) => a + fs.statSync(path.join(dir, 'content', f)).size, 0);
    const lint = [];
    const mdl = [];
    for (let i = 0; i < runs; i++) {
      lint.push(measure([CLI, 'lint', 'content', '--format', 'json'], dir, path.join(tmp, 'lint.json')));
      if (c.markdownlint) mdl.push(measure([MARKDOWNLINT, '--config', MARKDOWNLINT_CONFIG, 'content/*.md'], dir, path.join(tmp, 'mdl.txt')));
    }
    const summary = (list) => ({ wall: median(list.map((r) => r.wall)), cpu: median(list.map((r) => r.cpu)), peakMB: median(list.map((r) => r.peakMB)) });
    const row = { ...c, bytes, lint: { ...summary(lint), exit: lint[0].exit }, ...(c.markdownlint ? { markdownlint: summary(mdl) } : {}) };
    const bad = lint.find((r) => r.exit !== 0 && r.exit !== 1);
    if (bad) row.error = bad.stderr;
    process.stderr.write(`bench: mixed ${c.name}: lint ${row.lint.wall} s wall, ${row.lint.cpu} s CPU, ${row.lint.peakMB} MB${c.markdownlint ? `; markdownlint-cli2 ${row.markdownlint.wall} s wall, ${row.markdownlint.cpu} s CPU, ${row.markdownlint.peakMB} MB` : ''}\n`);
    rows.push(row);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  const ratio = (a, b) => (a !== null && b ? +(a / b).toFixed(2) : null);
  console.log('');
  console.log('| corpus | MB | lint wall (s) | lint CPU (s) | lint peak MB | mdl-cli2 wall | mdl-cli2 CPU | mdl-cli2 peak MB | wall ratio | CPU ratio | peak ratio |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  let met = true;
  for (const r of rows) {
    const m = r.markdownlint;
    const wall = m ? ratio(r.lint.wall, m.wall) : null;
    const peak = m ? ratio(r.lint.peakMB, m.peakMB) : null;
    if (r.error || (m && (wall > 0.33 || peak > 0.33))) met = false;
    r.wallRatio = wall;
    r.peakRatio = peak;
    console.log(`| ${r.name}${r.error ? ` (ERROR ${r.error.trim().split('\n').at(-1)})` : ''} | ${(r.bytes / 1e6).toFixed(1)} | ${r.lint.wall} | ${r.lint.cpu} | ${r.lint.peakMB} | ${m ? m.wall : '—'} | ${m ? m.cpu : '—'} | ${m ? m.peakMB : '—'} | ${wall ?? '—'}${wall === null ? '' : '×'} | ${m ? `${ratio(r.lint.cpu, m.cpu)}×` : '—'} | ${peak ?? '—'}${peak === null ? '' : '×'} |`);
  }
  const growth = ratio(rows[2].lint.wall, rows[0].lint.wall);
  const growthCpu = ratio(rows[2].lint.cpu, rows[0].lint.cpu);
  console.log(`\n${large} ÷ ${small} questions (one file): ${growth}× wall, ${growthCpu}× CPU (target at most 12×): ${growth !== null && growth <= 12 ? 'met' : 'NOT met'}`);
  if (withMarkdownlint) console.log(`lint at most 0.33× markdownlint-cli2's wall time and peak memory at ${small} questions: ${met ? 'met' : 'NOT met'}`);
  fs.writeFileSync(values.results, `${JSON.stringify({ date: new Date().toISOString(), machine: machineFacts(), seed, mode: 'mixed', runs, rows, growth, growthCpu }, null, 2)}\n`);
  console.log(`results: ${path.relative(process.cwd(), values.results)}`);
  return met && growth !== null && growth <= 12 ? 0 : 1;
}
