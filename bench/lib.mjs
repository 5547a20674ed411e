// Shared helpers of the benchmark scripts (run.mjs, profile.mjs): the corpus cache, the map
// from a finding's file and line to a global question index, and the machine's facts.
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export const BENCH = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.dirname(BENCH);
export const CLI = path.join(ROOT, 'packages/cli/dist/bin.js');
export const MARKDOWNLINT = path.join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
export const MARKDOWNLINT_CONFIG = path.join(BENCH, 'bench.markdownlint-cli2.jsonc');
export const CORPORA = path.join(BENCH, '.corpora');
const GENERATOR = path.join(BENCH, 'generate.mjs');

/**
 * How a corpus is cut into files: `split` is the generator's default (1,000 questions per
 * file), `single` one file with every question (as the real content is, and as the issue's
 * reference numbers were measured).
 */
export const LAYOUTS = { split: '1000', single: 'all' };

/** Number of files `size` questions make in a layout. */
export function fileCount(size, layout) {
  return layout === 'single' ? 1 : Math.ceil(size / Number(LAYOUTS[layout]));
}

/** genai-qa's default limits.maxFileBytes: a larger generated file gets a config raising it. */
const DEFAULT_MAX_FILE_BYTES = 10_000_000;

/**
 * The corpus of `size` questions for `seed` in `layout`, generated once into
 * bench/.corpora/<size>-seed<seed>-<layout>/ and reused while the generator is unchanged (its
 * hash is kept in .stamp). When a file is larger than genai-qa's default size limit (a single
 * file from about 13,000 questions up), the corpus gets a genai-qa.config.json raising
 * limits.maxFileBytes, so that the file is linted rather than refused.
 * Returns { dir, planted, generated, layout, config } — `generated` is false when the cached
 * copy was used, `config` the limits written, if any.
 */
export function ensureCorpus(size, seed, { layout = 'split', log = () => {} } = {}) {
  if (!(layout in LAYOUTS)) throw new Error(`unknown layout "${layout}"; expected ${Object.keys(LAYOUTS).join(', ')}`);
  const dir = path.join(CORPORA, `${size}-seed${seed}-${layout}`);
  const stamp = JSON.stringify({ size, seed, layout, generator: sha256(fs.readFileSync(GENERATOR)) });
  const stampFile = path.join(dir, '.stamp');
  const configFile = path.join(dir, 'genai-qa.config.json');
  let generated = false;
  if (!(fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === stamp && fs.existsSync(path.join(dir, 'planted.json')))) {
    log(`generating ${size} questions (seed ${seed}, ${layout}: ${fileCount(size, layout)} file(s)) into ${path.relative(ROOT, dir)}`);
    execFileSync(process.execPath, [GENERATOR, String(size), dir, String(seed), '--per-file', LAYOUTS[layout]], { stdio: ['ignore', 'ignore', 'inherit'] });
    const largest = Math.max(...fs.readdirSync(path.join(dir, 'content')).map((f) => fs.statSync(path.join(dir, 'content', f)).size));
    if (largest > DEFAULT_MAX_FILE_BYTES) {
      fs.writeFileSync(configFile, `${JSON.stringify({ limits: { maxFileBytes: largest } }, null, 2)}\n`);
    }
    fs.writeFileSync(stampFile, stamp);
    generated = true;
  }
  const planted = JSON.parse(fs.readFileSync(path.join(dir, 'planted.json'), 'utf8'));
  const config = fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : undefined;
  return { dir, planted, generated, layout, config };
}

/**
 * Reads the generated files and returns (file, line) → global question index (1-based, in
 * file order, as planted.json counts them), or undefined before the first question of a
 * file. `file` is the path as the finding names it, relative to `cwd`.
 */
export function questionLocator(contentDir, cwd) {
  const files = fs.readdirSync(contentDir).filter((f) => f.endsWith('.md')).sort();
  const headings = new Map(); // absolute path → { first: global index of its first question, lines: [line of each heading] }
  const texts = [undefined]; // global index → question text (without its number)
  let next = 1;
  for (const name of files) {
    const lines = fs.readFileSync(path.join(contentDir, name), 'utf8').split('\n');
    const starts = [];
    let fence = false;
    lines.forEach((text, i) => {
      if (/^\s{0,3}(```|~~~)/.test(text)) fence = !fence;
      else if (!fence && /^# \d+\. /.test(text)) {
        starts.push(i + 1);
        texts.push(text.replace(/^# \d+\. /, ''));
      }
    });
    headings.set(path.resolve(contentDir, name), { first: next, lines: starts });
    next += starts.length;
  }
  const locate = (file, line) => {
    const entry = headings.get(path.resolve(cwd, file));
    if (!entry) return undefined;
    // The last heading at or before the line.
    let lo = 0;
    let hi = entry.lines.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (entry.lines[mid] <= line) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found < 0 ? undefined : entry.first + found;
  };
  /** The text of question `index`. */
  locate.text = (index) => texts[index];
  locate.count = next - 1;
  return locate;
}

/** Node version, CPU, cores, memory, load, and which code is measured. */
export function machineFacts() {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  let processors = os.cpus().length;
  try {
    const info = fs.readFileSync('/proc/cpuinfo', 'utf8');
    cpu = /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? cpu;
    processors = (info.match(/^processor\s*:/gm) ?? []).length || processors;
  } catch {
    // Not Linux: os.cpus() it is.
  }
  const git = (...args) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return undefined;
    }
  };
  const dirty = git('status', '--porcelain', '--', 'packages');
  return {
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    kernel: os.release(),
    cpu,
    cores: processors,
    availableParallelism: os.availableParallelism?.() ?? processors,
    totalMemoryGB: +(os.totalmem() / 2 ** 30).toFixed(1),
    commit: git('rev-parse', '--short', 'HEAD'),
    uncommittedFilesUnderPackages: dirty === undefined ? undefined : dirty.split('\n').filter(Boolean).length,
  };
}

export function loadAverage() {
  return os.loadavg().map((n) => +n.toFixed(2));
}

export function sha256(data) {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** 1000 → "1k", 100000 → "100k". */
export function sizeLabel(size) {
  return size % 1000 === 0 ? `${size / 1000}k` : String(size);
}

/** GNU time, which measures the commands of families-run.mjs and layouts.mjs (Debian package "time"). */
export const TIME = '/usr/bin/time';

/**
 * Runs `node <args>` in `cwd` under GNU time, its standard output written to `outFile`; with
 * `limit` (seconds), stopped by coreutils' timeout after that long (`timedOut`). Returns the
 * exit status, wall seconds, CPU seconds (user + sys) and peak resident memory in MB.
 */
export function measureCommand(args, cwd, outFile, limit) {
  const out = fs.openSync(outFile, 'w');
  const timeFile = `${outFile}.time`;
  const start = performance.now();
  const r = spawnSync(TIME, ['-f', '%e %M %U %S', '-o', timeFile, ...(limit ? ['timeout', String(limit)] : []), process.execPath, ...args], {
    cwd,
    stdio: ['ignore', out, 'pipe'],
    env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '' },
    maxBuffer: 1 << 26,
  });
  fs.closeSync(out);
  const wallClock = (performance.now() - start) / 1000;
  const last = fs.existsSync(timeFile) ? fs.readFileSync(timeFile, 'utf8').trim().split('\n').at(-1) : '';
  fs.rmSync(timeFile, { force: true });
  const m = /^(\d+(?:\.\d+)?) (\d+) (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)$/.exec(last ?? '');
  return {
    exit: r.status ?? r.signal,
    timedOut: limit !== undefined && r.status === 124,
    stderr: String(r.stderr ?? '').slice(-300),
    wall: m ? Number(m[1]) : +wallClock.toFixed(2),
    cpu: m ? +(Number(m[3]) + Number(m[4])).toFixed(2) : null,
    peakMB: m ? +(Number(m[2]) / 1024).toFixed(1) : null,
  };
}
