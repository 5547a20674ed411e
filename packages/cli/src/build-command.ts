import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildDate, compileCorpus, describeUnanswered, LAYOUTS_LOOKED_FOR, type Corpus, type ExportOptions } from '@genai-qa/core';
import { collectAssets } from './assets.js';
import { writeFileAtomic } from './atomic.js';
import { configuredContent } from './config-text.js';
import { displayPath } from './files.js';
import { UsageError, type Command, type Io } from './io.js';
import { LayoutTally } from './layout-report.js';
import { lintPaths } from './lint-run.js';
import { createProgress, withProgress, type Progress } from './progress.js';
import { formatStylish } from './reporters/stylish.js';
import { SINGLE_ARTIFACT_EXTENSIONS, TARGETS, type Target } from './targets.js';

export const BUILD_HELP = `Usage: genai-qa build [options]

Lint the content, then compile it into artifacts.

Options:
  --content <dir>     content directory (default: "content" in the config, else content)
  --out <dir>         output directory (default: dist)
  --only <targets>    comma-separated targets to build (default: all): ${TARGETS.map((t) => t.name).join(', ')}
  --force             build even when lint finds errors
  --config <file>     configuration file (default: ./genai-qa.config.json if present)
  --verbose           print the question layout found on stderr, in one line
  -h, --help          show this help

Targets:
${TARGETS.map((t) => `  ${t.name.padEnd(6)} ${t.description}`).join('\n')}

Every artifact is written to a temporary file and renamed into place, so a failed build
never leaves a half-written file or destroys the previous one. Dates in artifacts come
from SOURCE_DATE_EPOCH, or else from the last git commit that touched the content, so
the same content always gives the same bytes.

Exit codes: 0 built, 1 lint errors or no questions at all (nothing written), 2 usage,
configuration or input error.
`;

export async function buildCommand(argv: string[], io: Io, targetList: readonly Target[] = TARGETS): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      content: { type: 'string' },
      out: { type: 'string', default: 'dist' },
      only: { type: 'string' },
      force: { type: 'boolean', default: false },
      config: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(BUILD_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"; use --content DIR`);
  const wanted = values.only === undefined ? targetList.map((t) => t.name) : values.only.split(',').map((s) => s.trim()).filter(Boolean);
  const targets = wanted.map((name) => {
    const target = targetList.find((t) => t.name === name);
    if (!target) throw new UsageError(`unknown target "${name}" in --only; expected ${targetList.map((t) => t.name).join(', ')}`);
    return target;
  });
  if (targets.length === 0) throw new UsageError('--only needs at least one target');

  // A progress line on a terminal's stderr (see progress.ts), removed before any other output.
  const progress = createProgress(io.stderr, io.env);
  try {
    const content = values.content ?? configuredContent(values.config, io.cwd) ?? 'content';
    return await build(withProgress(io, progress), progress, { ...values, content }, targets);
  } finally {
    progress.end();
  }
}

async function build(
  io: Io,
  progress: Progress,
  values: { content: string; out: string; force: boolean; config?: string; verbose: boolean },
  targets: readonly Target[],
): Promise<number> {
  const { files, diagnostics, layout } = lintPaths([values.content], io, { config: values.config, progress, keepTrees: true });
  if (values.verbose) {
    const tally = new LayoutTally();
    for (const file of files) tally.add(file);
    io.stderr.write(tally.line(layout));
  }
  // Nothing to build, even with --force: an empty deck and an empty guide help nobody.
  if (files.every((f) => f.questions.length === 0)) {
    const root = `${displayPath(path.resolve(io.cwd, values.content), io.cwd).replace(/\/$/, '')}/`;
    // A table or list of questions without answers is named (layout-unanswered.ts).
    const listing = files.find((f) => f.unanswered.length > 0);
    const hint = listing ? `: ${describeUnanswered(listing.unanswered, (line) => `${listing.relativePath}:${line}`)}` : '';
    io.stderr.write(`genai-qa: not building: no questions in ${root}${hint}; looked for ${LAYOUTS_LOOKED_FOR}\n`);
    return 1;
  }
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const color = Boolean(io.stderr.isTTY) && !io.env.NO_COLOR;
  if (errors.length > 0) {
    io.stderr.write(formatStylish(diagnostics, { color }));
    if (!values.force) {
      io.stderr.write(`genai-qa: not building: lint found ${errors.length} error${errors.length === 1 ? '' : 's'} (use --force to build anyway)\n`);
      return 1;
    }
    io.stderr.write('genai-qa: building despite lint errors (--force)\n');
  }

  // The model is validated against the schema before any exporter sees it; beside it, the
  // answers' trees, which every exporter renders (the first question of an id wins in both).
  const compiled = compileCorpus(files);
  const corpus = withUniqueIds(compiled.corpus, io);
  const { answers } = compiled;
  // Render everything first: an exporter that throws leaves dist/ exactly as it was.
  const options: ExportOptions = {
    assets: collectAssets(corpus, answers, path.resolve(io.cwd, values.content)),
    date: resolveBuildDate(io, values.content),
    answers,
  };
  const outputs = new Map<string, Uint8Array>();
  for (const target of targets) {
    progress.phase(`Building ${target.name}`);
    for (const [name, bytes] of await target.files(corpus, options)) outputs.set(name, bytes);
  }
  progress.end();

  const outDir = path.resolve(io.cwd, values.out);
  fs.mkdirSync(outDir, { recursive: true });
  removeStaleTemporaries(outDir);
  for (const [name, bytes] of outputs) {
    const file = path.join(outDir, name);
    writeFileAtomic(file, bytes);
    io.stdout.write(`wrote ${displayPath(file, io.cwd)} (${formatSize(bytes.length)})\n`);
  }
  // Exactly one deck and one guide: a renamed collection must not leave the old file behind.
  for (const ext of SINGLE_ARTIFACT_EXTENSIONS) {
    if (![...outputs.keys()].some((name) => name.endsWith(ext))) continue;
    for (const entry of fs.readdirSync(outDir)) {
      if (entry.endsWith(ext) && !outputs.has(entry)) {
        fs.rmSync(path.join(outDir, entry), { force: true });
        io.stdout.write(`removed ${displayPath(path.join(outDir, entry), io.cwd)} (from an earlier build)\n`);
      }
    }
  }
  return 0;
}

/**
 * Ids are what decks and consumers match on, so an artifact never holds two questions with
 * one id. Lint refuses such a corpus; with --force the later questions are left out.
 */
function withUniqueIds(corpus: Corpus, io: Io): Corpus {
  const seen = new Set<string>();
  const questions = corpus.questions.filter((q) => {
    if (!seen.has(q.id)) return seen.add(q.id);
    io.stderr.write(`genai-qa: left out ${q.source.file}:${q.source.line} ("${q.question}"): its id "${q.id}" is already used\n`);
    return false;
  });
  return questions.length === corpus.questions.length ? corpus : { ...corpus, questions };
}

/**
 * The date written into artifacts: SOURCE_DATE_EPOCH when set; else the time of the last
 * commit that touched the content (so a rebuilt deck's notes are newer than the last one's,
 * which Anki needs to update them, and one commit always gives the same bytes); else a
 * fixed date. Never the clock.
 */
function resolveBuildDate(io: Io, content: string): Date {
  if (io.env.SOURCE_DATE_EPOCH !== undefined) return buildDate(io.env);
  try {
    const seconds = execFileSync('git', ['log', '-1', '--format=%ct', '--', path.resolve(io.cwd, content)], {
      cwd: io.cwd,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
    if (/^\d+$/.test(seconds)) return buildDate({ SOURCE_DATE_EPOCH: seconds });
  } catch {
    // Not a git checkout: the fixed date.
  }
  return buildDate({});
}

/** Temporary files a killed build left behind (see writeFileAtomic); never a finished artifact. */
function removeStaleTemporaries(dir: string): void {
  for (const entry of fs.readdirSync(dir)) {
    if (/^\..+\.tmp-\d+-[0-9a-z]+$/.test(entry)) fs.rmSync(path.join(dir, entry), { force: true });
  }
}

function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** The command as `genai-qa` runs it (run.ts). */
export const command: Command = { run: (argv, io) => buildCommand(argv, io), help: BUILD_HELP };
