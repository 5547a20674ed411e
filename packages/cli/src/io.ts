/** The outside world of a command run: injected, so tests run commands in-process. */
export interface Io {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout: { write(text: string): unknown; isTTY?: boolean };
  stderr: { write(text: string): unknown; isTTY?: boolean; columns?: number };
}

/** A usage or configuration problem: exit code 2, one line, no stack trace. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A command of `genai-qa`: its entry point (argv after the command's name) and its help text. */
export interface Command {
  run(argv: string[], io: Io): number | Promise<number>;
  help: string;
}
