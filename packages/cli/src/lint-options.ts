import { parseArgs } from 'node:util';
import type { Diagnostic } from '@genai-qa/core';
import { configuredContent } from './config-text.js';
import { UsageError, type Io } from './io.js';
import { formatGithub } from './reporters/github.js';
import { formatJson } from './reporters/json.js';
import { formatStylish } from './reporters/stylish.js';

// The options of `genai-qa lint` and how its findings are printed. No @genai-qa/core at run
// time here: the warm path of `lint --cache` (lint-warm.ts) prints without loading the engine.

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type Format = (typeof FORMATS)[number];

export interface LintArgs {
  /** The PATHs given, else the config's `content`, else content/ (see withContent). */
  paths: string[];
  /** True when PATHs were given on the command line. */
  pathsGiven: boolean;
  format: Format;
  fix: boolean;
  /** Print the unified diff --fix would apply; write nothing (fix-dry-run.ts). */
  fixDryRun: boolean;
  /** Report only findings on the questions changed since this git ref (changed-since.ts). */
  changedSince?: string;
  checkExternal: boolean;
  cache: boolean;
  cacheLocation?: string;
  /** -1: no limit. */
  maxWarnings: number;
  config?: string;
  /** Print the question layout found, on stderr. */
  verbose: boolean;
  help: boolean;
}

/** Parses lint's command line; a bad option or value is a UsageError (or parseArgs' own error). */
export function parseLintArgs(argv: string[]): LintArgs {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'stylish' },
      fix: { type: 'boolean', default: false },
      'fix-dry-run': { type: 'boolean', default: false },
      'changed-since': { type: 'string' },
      'check-external': { type: 'boolean', default: false },
      cache: { type: 'boolean', default: false },
      'cache-location': { type: 'string' },
      'max-warnings': { type: 'string' },
      config: { type: 'string' },
      verbose: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const format = values.format as Format;
  if (!values.help && !FORMATS.includes(format)) throw new UsageError(`unknown --format "${values.format}"; expected ${FORMATS.join(', ')}`);
  if (!values.help && values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be used together');
  if (!values.help && values['changed-since'] === '') throw new UsageError('--changed-since expects a git ref, e.g. origin/main');
  let maxWarnings = -1;
  if (!values.help && values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) {
      throw new UsageError(`--max-warnings expects a whole number, got "${values['max-warnings']}"`);
    }
  }
  return {
    paths: positionals.length > 0 ? positionals : ['content'],
    pathsGiven: positionals.length > 0,
    format,
    fix: values.fix,
    fixDryRun: values['fix-dry-run'],
    ...(values['changed-since'] !== undefined ? { changedSince: values['changed-since'] } : {}),
    checkExternal: values['check-external'],
    cache: values.cache,
    ...(values['cache-location'] !== undefined ? { cacheLocation: values['cache-location'] } : {}),
    maxWarnings,
    ...(values.config !== undefined ? { config: values.config } : {}),
    verbose: values.verbose,
    help: values.help,
  };
}

/** Without PATHs, lint reads the config's `content` directory (default content/). */
export function withContent(args: LintArgs, cwd: string): LintArgs {
  if (args.pathsGiven) return args;
  return { ...args, paths: [configuredContent(args.config, cwd) ?? 'content'] };
}

/**
 * Prints the findings in the chosen format and returns the exit code: 1 with errors or more
 * warnings than --max-warnings, else 0. SARIF needs the rules' metadata: `sarif` formats it.
 */
export function printFindings(
  diagnostics: readonly Diagnostic[],
  args: Pick<LintArgs, 'format' | 'maxWarnings'>,
  io: Io,
  sarif?: (diagnostics: readonly Diagnostic[]) => string,
): number {
  const color = Boolean(io.stdout.isTTY) && !io.env.NO_COLOR && io.env.TERM !== 'dumb';
  const { format } = args;
  if (format === 'sarif' && !sarif) throw new Error('printFindings: SARIF needs the rules');
  const output =
    format === 'json'
      ? formatJson(diagnostics)
      : format === 'sarif'
        ? sarif!(diagnostics)
        : format === 'github'
          ? formatGithub(diagnostics)
          : formatStylish(diagnostics, { color });
  io.stdout.write(output);
  return exitCodeOf(diagnostics, args, io);
}

/** The exit code of lint for these findings: 1 with errors or more warnings than --max-warnings, else 0. */
export function exitCodeOf(diagnostics: readonly Diagnostic[], args: Pick<LintArgs, 'maxWarnings'>, io: Io): number {
  const { maxWarnings } = args;
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.length - errors;
  if (errors > 0) return 1;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    io.stderr.write(`genai-qa: ${warnings} warning${warnings === 1 ? '' : 's'} exceed${warnings === 1 ? 's' : ''} --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}
