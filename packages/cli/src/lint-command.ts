import v8 from 'node:v8';
import { resolveConfig, resolveLimits, rules, type Diagnostic, type ExternalLinks } from '@genai-qa/core';
import { loadConfig } from './config-file.js';
import { resolveCacheLocation } from './lint-cache-file.js';
import { lintPaths } from './lint-run.js';
import { createProgress, NO_PROGRESS, withProgress } from './progress.js';
import { collectFiles, parseInput } from './files.js';
import type { Command, Io } from './io.js';
import { checkExternalLinks, linkCheckSettings, type LinkCheckOptions } from './link-check/index.js';
import { exitCodeOf, parseLintArgs, printFindings, withContent } from './lint-options.js';
import { onlyChanged } from './changed-since.js';
import { fixDiff } from './fix-dry-run.js';
import { formatSarif } from './reporters/sarif.js';
import { version } from './version.js';

export const LINT_HELP = `Usage: genai-qa lint [options] [PATH...]

Lint Markdown question-and-answer files (default PATH: "content" in
genai-qa.config.json, else content/).
A directory is searched for *.md files and is the content root for the files in it.

Options:
  --format <name>     stylish (default), json, sarif or github
  --fix               apply safe fixes (whitespace, heading format, blank lines,
                      bare URLs, text fragments, pseudo-lists, exact repeated
                      sentences; with --check-external, permanent redirects) in place
  --fix-dry-run       print the unified diff that --fix would apply (git's a/ b/
                      prefixes; git apply takes it), write nothing; the exit code
                      is lint's on the files as they are
  --changed-since <ref>
                      report only the findings on the questions changed since the
                      branch left <ref> (git: merge base, working tree and untracked
                      files included); duplicates are still looked for in the whole
                      corpus and reported when either question changed
  --check-external    also request every http(s) link once (network): dead links are
                      errors (dead-link), permanent redirects fixable warnings
                      (permanent-redirect); results are cached (default
                      .genai-qa-cache/links.json, 1 day), settings under "linkCheck"
                      in the config file. Off by default: lint never needs a network.
  --cache             reuse the results of the last run for what did not change: a
                      file's own findings while the file is unchanged (in a large file,
                      per question), the findings across files while no file changed.
                      Kept in the --cache-location file (the language server shares it),
                      valid for one genai-qa version and one configuration.
                      Output is the same as without --cache. Ignored with
                      --check-external; with --fix, files are fixed as without it.
  --cache-location <path>
                      the cache file (default .genai-qa-cache/lint.json); a directory
                      (existing, or a path ending in /) gets lint.json in it
  --max-warnings <n>  exit 1 when there are more than n warnings
  --config <file>     configuration file (default: ./genai-qa.config.json if present)
  --verbose           print the question layout found (e.g. level-4 headings numbered
                      "N)") on stderr, in one line; lints every file (no --cache)
  -h, --help          show this help

Exit codes: 0 no errors, 1 lint errors (or too many warnings), 2 usage, configuration
or input error.

Silence a rule in the Markdown with an HTML comment (GitHub does not render it):
  <!-- genai-qa-disable-question rule-id -->   for the question it sits in
  <!-- genai-qa-disable-next-line rule-id -->  for the next line
  <!-- genai-qa-disable rule-id --> … <!-- genai-qa-enable rule-id -->
`;

export { lintPaths, type LintRun } from './lint-run.js';

/**
 * The network half of `--check-external`: asks about the links of the files as they are
 * (before any fix) and returns the answers for the core rules dead-link and permanent-redirect.
 * Nothing is requested when both rules are off.
 */
async function checkLinks(paths: readonly string[], io: Io, configFile: string | undefined, options: LinkCheckOptions): Promise<ExternalLinks> {
  const config = loadConfig(configFile, io.cwd);
  const resolved = resolveConfig(config);
  if (['dead-link', 'permanent-redirect'].every((id) => resolved.get(id)?.severity === 'off')) return new Map();
  const limits = resolveLimits(config);
  const files = collectFiles(paths, io.cwd).map((input) => parseInput(input, io.cwd, limits, config.questions));
  const result = await checkExternalLinks(files, linkCheckSettings(config.linkCheck, io.cwd), options);
  for (const { url, reason } of result.unchecked) io.stderr.write(`genai-qa: could not check ${url} (${reason}); not reported\n`);
  if (result.cacheProblem) io.stderr.write(`genai-qa: ${result.cacheProblem}\n`);
  return result.links;
}

/** From this many bytes of input, V8's young generation may grow as it does by default (see below). */
export const GROWING_YOUNG_GENERATION_FROM = 16_000_000;

/**
 * bin.ts keeps V8's young generation at its initial size for `lint` (less peak memory). On a
 * large input that costs more than it saves: every scavenge also walks what the old
 * generation holds, and a small young generation means many of them (40,000 questions of the
 * mixed families in one 36 MB file: about 20,800 scavenges and 79 s of CPU, against 54 s with
 * the default growth; BENCHMARKS.md). From GROWING_YOUNG_GENERATION_FROM bytes the default
 * growth factor (2) is set back, before any file is read.
 */
function youngGenerationFor(_files: unknown, bytes: number): void {
  if (bytes >= GROWING_YOUNG_GENERATION_FROM) v8.setFlagsFromString('--semi-space-growth-factor=2');
}

/** `genai-qa lint`. `linkCheck` injects the network, clock and backoff of --check-external (tests). */
export async function lintCommand(argv: string[], io: Io, linkCheck: LinkCheckOptions = {}): Promise<number> {
  const args = withContent(parseLintArgs(argv), io.cwd);
  if (args.help) {
    io.stdout.write(LINT_HELP);
    return 0;
  }
  const { paths, format } = args;
  // A progress line on a terminal's stderr, for the human format only (see progress.ts);
  // `during` removes it before anything else is written.
  const progress = format === 'stylish' ? createProgress(io.stderr, io.env) : NO_PROGRESS;
  const during = withProgress(io, progress);
  let diagnostics: Diagnostic[];
  try {
    if (args.checkExternal) progress.phase('Checking external links');
    const external = args.checkExternal ? await checkLinks(paths, during, args.config, linkCheck) : undefined;
    // The cache holds no network results: with --check-external every file is linted.
    // --verbose reports what the parser found: every file is parsed (no cache).
    const cacheFile = args.cache && !args.checkExternal && !args.verbose ? resolveCacheLocation(args.cacheLocation, io.cwd) : undefined;
    ({ diagnostics } = lintPaths(paths, during, { config: args.config, fix: args.fix, external, cacheFile, progress, verbose: args.verbose, onInputs: youngGenerationFor }));
  } finally {
    progress.end();
  }
  if (args.changedSince !== undefined) {
    const raw = loadConfig(args.config, io.cwd);
    const { questions: layout } = raw;
    const limits = resolveLimits(raw);
    diagnostics = onlyChanged(diagnostics, { ref: args.changedSince, paths, cwd: io.cwd, limits, layout });
  }
  if (args.fixDryRun) {
    io.stdout.write(fixDiff(paths, io.cwd, args.config));
    return exitCodeOf(diagnostics, args, io);
  }
  return printFindings(diagnostics, args, io, (d) => formatSarif(d, { rules, version }));
}

/** The command as `genai-qa` runs it (run.ts). */
export const command: Command = { run: (argv, io) => lintCommand(argv, io), help: LINT_HELP };
