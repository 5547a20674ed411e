import { ConfigError, InputError, SchemaError } from '@genai-qa/core';
import { UsageError, type Io } from './io.js';
import { buildCommand, BUILD_HELP } from './build-command.js';
import { diffCommand, DIFF_HELP } from './diff-command.js';
import { lintCommand, LINT_HELP } from './lint-command.js';
import { version } from './version.js';

export const HELP = `Usage: genai-qa <command> [options]

Commands:
  lint [PATH...]   lint Markdown question-and-answer files (default: content/)
  build            lint, then compile content/ into dist/ (JSON, …)
  diff <git-ref>   the semver bump the dataset needs since <git-ref>

Options:
  -h, --help       show help (also: genai-qa <command> --help)
  -v, --version    show the version

Run "genai-qa <command> --help" for the options of a command.
`;

const COMMANDS: Record<string, { run(argv: string[], io: Io): number | Promise<number>; help: string }> = {
  lint: { run: lintCommand, help: LINT_HELP },
  build: { run: buildCommand, help: BUILD_HELP },
  diff: { run: diffCommand, help: DIFF_HELP },
};

/**
 * Runs a command and returns its exit code. Expected failures (usage, configuration,
 * input) print one line naming the file and the problem and return 2; nothing throws.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      if (command === 'help' && rest[0] && COMMANDS[rest[0]]) io.stdout.write(COMMANDS[rest[0]]!.help);
      else io.stdout.write(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === '-v' || command === '--version') {
      io.stdout.write(`${version}\n`);
      return 0;
    }
    const entry = COMMANDS[command];
    if (!entry) throw new UsageError(`unknown command "${command}"; run "genai-qa --help" for the list`);
    return await entry.run(rest, io);
  } catch (error) {
    if (error instanceof InputError || error instanceof ConfigError || error instanceof UsageError) {
      io.stderr.write(`genai-qa: ${error.message}\n`);
      return 2;
    }
    if (error instanceof SchemaError) {
      io.stderr.write(`genai-qa: ${error.message}\n`);
      return 2;
    }
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`genai-qa: ${(error as Error).message}; run "genai-qa ${command} --help"\n`);
      return 2;
    }
    throw error;
  }
}
