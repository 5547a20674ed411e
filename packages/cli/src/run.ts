import { UsageError, type Command, type Io } from './io.js';
import { warmLint } from './lint-warm.js';
import { version } from './version.js';

export const HELP = `Usage: genai-qa <command> [options]

Commands:
  lint [PATH...]   lint Markdown question-and-answer files (default: content/)
  build            lint, then compile content/ into dist/ (JSON, …)
  diff <git-ref>   the semver bump the dataset needs since <git-ref>
  init             set up genai-qa in a repository: config and GitHub workflow
  lsp --stdio      the language server for editors (docs/editors.md)

Options:
  -h, --help       show help (also: genai-qa <command> --help)
  -v, --version    show the version

Run "genai-qa <command> --help" for the options of a command.
`;

// Each command's module (and through it @genai-qa/core) is loaded when the command runs.
const COMMANDS: Record<string, () => Promise<Command>> = {
  lint: async () => (await import('./lint-command.js')).command,
  build: async () => (await import('./build-command.js')).command,
  init: async () => (await import('./init-command.js')).command,
  lsp: async () => (await import('./lsp-command.js')).command,
  diff: async () => (await import('./diff-command.js')).command,
};

/**
 * Runs a command and returns its exit code. Expected failures (usage, configuration,
 * input) print one line naming the file and the problem and return 2; nothing throws.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
      if (command === 'help' && rest[0] && COMMANDS[rest[0]]) io.stdout.write((await COMMANDS[rest[0]]!()).help);
      else io.stdout.write(HELP);
      return command === undefined ? 2 : 0;
    }
    if (command === '-v' || command === '--version') {
      io.stdout.write(`${version}\n`);
      return 0;
    }
    const load = COMMANDS[command];
    if (!load) throw new UsageError(`unknown command "${command}"; run "genai-qa --help" for the list`);
    // `lint --cache` with nothing changed is answered from the cache before the engine loads.
    const warm = command === 'lint' ? warmLint(rest, io) : undefined;
    if (warm !== undefined) return warm;
    return await (await load()).run(rest, io);
  } catch (error) {
    const { ConfigError, InputError, SchemaError } = await import('@genai-qa/core');
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
