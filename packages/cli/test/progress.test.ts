import { describe, expect, it } from 'vitest';
import { createProgress, NO_PROGRESS, progressWanted, ruleProgress, withProgress } from '../src/progress.js';
import { CLEAN, cli, tempTree } from './helpers.js';

/*
 * The progress line (src/progress.ts), driven by a fake terminal and a fake clock: the
 * exact bytes it writes, and that it writes none where it does not belong.
 */

function terminal(columns = 80) {
  const writes: string[] = [];
  return { stream: { isTTY: true, columns, write: (t: string) => writes.push(t) }, writes };
}

function clock(start = 1000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('progress line on a terminal', () => {
  it('draws after the delay, at most once per interval, and clears its line', () => {
    const { stream, writes } = terminal();
    const time = clock();
    const progress = createProgress(stream, {}, { clock: time.now });
    progress.phase('Linting', 3, 'files');
    progress.update(0, 'a.md');
    expect(writes).toEqual([]); // within the first 300 ms nothing is drawn
    time.advance(300);
    progress.update(1, 'b.md');
    time.advance(50);
    progress.update(2, 'c.md'); // 50 ms after the last redraw: skipped
    time.advance(50);
    progress.update(2, 'c.md');
    progress.clear();
    progress.clear(); // nothing on screen: nothing to clear
    time.advance(100);
    progress.phase('Checking', 20, 'rules');
    time.advance(100);
    progress.update(20);
    time.advance(100);
    progress.update(20); // the same text again: not rewritten
    progress.end();
    progress.update(5); // after end: nothing
    expect(writes).toEqual([
      '\rLinting [#######.............] 1/3 files b.md\u001b[K',
      '\rLinting [#############.......] 2/3 files c.md\u001b[K',
      '\r\u001b[K',
      '\rChecking [....................] 0/20 rules\u001b[K',
      '\rChecking [####################] 20/20 rules\u001b[K',
      '\r\u001b[K',
    ]);
  });

  it('a step without a count shows its label; lines are cut to the terminal width', () => {
    const { stream, writes } = terminal(24);
    const time = clock();
    const progress = createProgress(stream, {}, { clock: time.now, delay: 0 });
    progress.phase('Building pdf');
    progress.end();
    expect(writes).toEqual(['\rBuilding pdf\u001b[K', '\r\u001b[K']);
    const wide = terminal(24);
    const other = createProgress(wide.stream, {}, { clock: time.now, delay: 0 });
    other.phase('Parsing', 10, 'files');
    expect(wide.writes).toEqual(['\rParsing [.............…\u001b[K']);
    expect(wide.writes[0]!.length - '\r\u001b[K'.length).toBe(23);
  });

  it('shows the rules as lintFiles runs them', () => {
    const { stream, writes } = terminal();
    const time = clock();
    const progress = createProgress(stream, {}, { clock: time.now, delay: 0, interval: 0 });
    const onRule = ruleProgress(progress)!;
    onRule('duplicate-question', 0, 4);
    onRule('duplicate-id', 1, 4);
    expect(writes).toEqual([
      '\rChecking [....................] 0/4 rules\u001b[K',
      '\rChecking [....................] 0/4 rules duplicate-question\u001b[K',
      '\rChecking [#####...............] 1/4 rules duplicate-id\u001b[K',
    ]);
    expect(ruleProgress(NO_PROGRESS)).toBeUndefined();
  });

  it('output of the command removes the line first', () => {
    const { stream, writes } = terminal();
    const time = clock();
    const progress = createProgress(stream, {}, { clock: time.now, delay: 0 });
    const out: string[] = [];
    const io = withProgress({ cwd: '/', env: {}, stdout: { write: (t: string) => out.push(t), isTTY: true }, stderr: stream }, progress);
    progress.phase('Parsing', 2, 'files');
    io.stdout.write('result\n');
    io.stderr.write('genai-qa: warning\n');
    expect(writes).toEqual(['\rParsing [....................] 0/2 files\u001b[K', '\r\u001b[K', 'genai-qa: warning\n']);
    expect(out).toEqual(['result\n']);
    expect(io.stdout.isTTY).toBe(true);
  });
});

describe('no progress line where it does not belong', () => {
  it('not a TTY, CI, NO_COLOR or a dumb terminal: nothing is ever written', () => {
    const cases: Array<[{ isTTY?: boolean }, Record<string, string>]> = [
      [{}, {}],
      [{ isTTY: false }, {}],
      [{ isTTY: true }, { CI: 'true' }],
      [{ isTTY: true }, { CI: '1' }],
      [{ isTTY: true }, { NO_COLOR: '1' }],
      [{ isTTY: true }, { TERM: 'dumb' }],
    ];
    for (const [tty, env] of cases) {
      const writes: string[] = [];
      const stream = { ...tty, write: (t: string) => writes.push(t) };
      expect(progressWanted(stream, env)).toBe(false);
      const time = clock();
      const progress = createProgress(stream, env, { clock: time.now, delay: 0, interval: 0 });
      expect(progress).toBe(NO_PROGRESS);
      progress.phase('Linting', 2, 'files');
      progress.update(1, 'a.md');
      progress.clear();
      progress.end();
      expect(writes).toEqual([]);
    }
    expect(progressWanted({ isTTY: true, write: () => true }, { CI: 'false', NO_COLOR: '' })).toBe(true);
  });

  it('genai-qa lint and build write nothing extra to a non-TTY stderr, in CI, or for machine formats', async () => {
    const dir = tempTree({ 'content/q.md': CLEAN });
    for (const env of [{}, { CI: 'true' }]) {
      expect(await cli(['lint'], dir, env)).toEqual({ code: 0, stdout: '', stderr: '' });
    }
    // A terminal's stderr with --format json: no progress either.
    let stderr = '';
    let stdout = '';
    const { run } = await import('@genai-qa/cli');
    const code = await run(['lint', '--format', 'json'], {
      cwd: dir,
      env: {},
      stdout: { write: (t: string) => (stdout += t) },
      stderr: { isTTY: true, write: (t: string) => (stderr += t) },
    });
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: '[]\n', stderr: '' });
  });

  it('on a terminal, whatever lint draws is gone by the time it prints', async () => {
    const dir = tempTree({ 'content/q.md': '# 1. What is a GAN?\n\nA generator  and a discriminator.\n' });
    const writes: Array<['out' | 'err', string]> = [];
    const { run } = await import('@genai-qa/cli');
    await run(['lint'], {
      cwd: dir,
      env: {},
      stdout: { write: (t: string) => writes.push(['out', t]) },
      stderr: { isTTY: true, columns: 80, write: (t: string) => writes.push(['err', t]) },
    });
    // A fast run may draw nothing (the first 300 ms); if it drew, it cleared before the report.
    const err = writes.filter(([s]) => s === 'err').map(([, t]) => t);
    // eslint-disable-next-line no-control-regex -- the terminal escape character is what is checked
    for (const t of err) expect(t).toMatch(/^\r([^\r\n]*\u001b\[K)?$|^\r\u001b\[K$/);
    if (err.length > 0) expect(err.at(-1)).toBe('\r\u001b[K');
    expect(writes.filter(([s]) => s === 'out').map(([, t]) => t).join('')).toContain('multiple-spaces');
  });
});
