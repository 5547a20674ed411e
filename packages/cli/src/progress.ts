import type { Io } from './io.js';

/*
 * A one-line progress display on a terminal's stderr ("Linting [####......] 4/10 files"),
 * redrawn in place with a carriage return. It exists only where a person watches:
 * stderr is a TTY, CI is not set, the terminal is not "dumb" and NO_COLOR does not ask for
 * plain output. Anywhere else (pipes, files, CI logs, the tests' captured output) it writes
 * nothing at all.
 */

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  /** Width of the terminal; lines are cut to fit so that they never wrap. */
  columns?: number;
}

export interface Progress {
  /** Starts a step: a label, and when it counts something, how many and what ("files"). */
  phase(label: string, total?: number, unit?: string): void;
  /** How far the step is (`done` of its total), with an optional detail such as a rule id. */
  update(done: number, detail?: string): void;
  /** Removes the line (before other output); the next update draws it again. */
  clear(): void;
  /** Removes the line for good. */
  end(): void;
}

export interface ProgressOptions {
  /** Milliseconds; injectable for tests. */
  clock?: () => number;
  /** Nothing is drawn before this many ms (fast runs never flash a line). Default 300. */
  delay?: number;
  /** At most one redraw per this many ms. Default 100 (10 per second). */
  interval?: number;
}

const BAR_WIDTH = 20;
const CLEAR_LINE = '\r\u001b[K';

/** A display that writes nothing. */
export const NO_PROGRESS: Progress = { phase() {}, update() {}, clear() {}, end() {} };

/** Whether a progress line belongs on this stream, in this environment. */
export function progressWanted(stream: ProgressStream, env: Record<string, string | undefined>): boolean {
  const set = (value: string | undefined) => value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
  return stream.isTTY === true && !set(env.CI) && !set(env.NO_COLOR) && env.TERM !== 'dumb';
}

/** A progress display on `stream`, or NO_PROGRESS where it is not wanted (see progressWanted). */
export function createProgress(stream: ProgressStream, env: Record<string, string | undefined>, options: ProgressOptions = {}): Progress {
  return progressWanted(stream, env) ? new TerminalProgress(stream, options) : NO_PROGRESS;
}

class TerminalProgress implements Progress {
  private readonly clock: () => number;
  private readonly started: number;
  private readonly delay: number;
  private readonly interval: number;
  private label = '';
  private total: number | undefined;
  private unit = '';
  private done = 0;
  private detail = '';
  /** What is on screen now ('' when nothing is). */
  private shown = '';
  private lastDraw = -Infinity;
  private ended = false;

  constructor(
    private readonly stream: ProgressStream,
    options: ProgressOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    this.started = this.clock();
    this.delay = options.delay ?? 300;
    this.interval = options.interval ?? 100;
  }

  phase(label: string, total?: number, unit = ''): void {
    this.label = label;
    this.total = total;
    this.unit = unit;
    this.done = 0;
    this.detail = '';
    this.draw();
  }

  update(done: number, detail = ''): void {
    this.done = done;
    this.detail = detail;
    this.draw();
  }

  clear(): void {
    if (this.shown === '') return;
    this.stream.write(CLEAR_LINE);
    this.shown = '';
  }

  end(): void {
    this.clear();
    this.ended = true;
  }

  private draw(): void {
    if (this.ended) return;
    const now = this.clock();
    if (now - this.started < this.delay || now - this.lastDraw < this.interval) return;
    const text = this.fit(this.text());
    if (text === this.shown) return;
    this.stream.write(`\r${text}\u001b[K`);
    this.shown = text;
    this.lastDraw = now;
  }

  private text(): string {
    const parts = [this.label];
    if (this.total !== undefined && this.total > 0) {
      const done = Math.min(this.done, this.total);
      const filled = Math.round((BAR_WIDTH * done) / this.total);
      parts.push(`[${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}]`, `${done}/${this.total}${this.unit ? ` ${this.unit}` : ''}`);
    }
    if (this.detail) parts.push(this.detail);
    return parts.join(' ');
  }

  /** Cut to the terminal's width (one column spare), so the line never wraps. */
  private fit(text: string): string {
    const width = this.stream.columns;
    if (!width || width < 2 || text.length < width) return text;
    return `${text.slice(0, width - 2)}…`;
  }
}

/** lintFiles' onRule hook showing the rules as they run ("Checking [###…] 12/21 rules duplicate-question"). */
export function ruleProgress(progress: Progress): ((ruleId: string, index: number, total: number) => void) | undefined {
  if (progress === NO_PROGRESS) return undefined;
  return (ruleId, index, total) => {
    if (index === 0) progress.phase('Checking', total, 'rules');
    progress.update(index, ruleId);
  };
}

/**
 * The command's Io, with the progress line removed before anything else is written to
 * stdout or stderr (both may be the same terminal), so output never lands after the bar.
 */
export function withProgress(io: Io, progress: Progress): Io {
  if (progress === NO_PROGRESS) return io;
  const wrap = (stream: Io['stdout']): Io['stdout'] => ({
    write: (text: string) => {
      progress.clear();
      return stream.write(text);
    },
    ...(stream.isTTY !== undefined ? { isTTY: stream.isTTY } : {}),
  });
  return { ...io, stdout: wrap(io.stdout), stderr: wrap(io.stderr) };
}
