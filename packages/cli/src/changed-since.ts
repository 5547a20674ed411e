import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseFile, type Diagnostic, type LayoutSetting, type Limits } from '@genai-qa/core';
import { collectFiles, readChecked } from './files.js';
import { UsageError } from './io.js';

/*
 * `genai-qa lint --changed-since <ref>`: keep the findings on the questions that the branch
 * changed since it left <ref>. The lines come from git (`git diff --unified=0` against the
 * merge base of <ref> and HEAD, working tree included, plus untracked files, which are new
 * as a whole); a finding is kept when the question it sits in has a changed line, or, outside
 * any question (front matter, a file's first lines), when its own line changed. A finding
 * that points at another place (a duplicate's `related` location) is kept when either side
 * changed. Linting itself is unchanged: duplicates are still looked for across the corpus.
 */

/** Changed lines (1-based, in the working tree's version) per absolute file path. */
export type ChangedLines = Map<string, Set<number> | 'all'>;

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
}

function real(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/** What changed in the working tree of the repository at `cwd` since the branch left `ref`. */
export function changedLines(ref: string, cwd: string): ChangedLines {
  let top: string;
  let base: string;
  try {
    top = real(git(['rev-parse', '--show-toplevel'], cwd).trim());
  } catch {
    throw new UsageError(`--changed-since: ${cwd} is not inside a git repository`);
  }
  try {
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
  } catch {
    throw new UsageError(`--changed-since: git knows no commit "${ref}" (fetch it first, e.g. git fetch origin main)`);
  }
  try {
    base = git(['merge-base', ref, 'HEAD'], cwd).trim();
  } catch {
    base = ref; // no common history (e.g. a shallow clone): compare with the ref itself
  }
  const out: ChangedLines = new Map();
  const diff = git(['-c', 'core.quotePath=false', 'diff', '--unified=0', '--no-color', '--no-ext-diff', '--no-renames', base, '--'], top);
  let current: Set<number> | undefined;
  for (const line of diff.split('\n')) {
    if (line.startsWith('+++ ')) {
      const name = line.slice(4);
      current = undefined;
      if (name !== '/dev/null') {
        current = new Set();
        out.set(path.join(top, name.replace(/^b\//, '')), current);
      }
    } else if (current && line.startsWith('@@ ')) {
      const match = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!match) continue;
      const start = Number(match[1]);
      const count = match[2] === undefined ? 1 : Number(match[2]);
      // A pure deletion (count 0) happened just after line `start`: that line's question changed.
      if (count === 0) current.add(Math.max(start, 1));
      for (let n = start; n < start + count; n++) current.add(n);
    }
  }
  for (const name of git(['-c', 'core.quotePath=false', 'ls-files', '--others', '--exclude-standard', '-z'], top).split('\0')) {
    if (name) out.set(path.join(top, name), 'all');
  }
  return out;
}

/** The line ranges of the questions of the changed files, as lint parses them. */
function questionRanges(
  paths: readonly string[],
  cwd: string,
  changed: ChangedLines,
  limits: Limits,
  layout: LayoutSetting | undefined,
): Map<string, Array<[number, number]>> {
  const out = new Map<string, Array<[number, number]>>();
  for (const input of collectFiles(paths, cwd)) {
    const absolute = real(input.absolutePath);
    if (!changed.has(absolute)) continue;
    const checked = readChecked(input, cwd, limits.maxFileBytes);
    const file = parseFile(checked.source, input.relativePath, { limits, ...(checked.refused ? { refused: checked.refused } : {}), ...(layout ? { layout } : {}) });
    out.set(
      absolute,
      file.questions.map((q) => [q.line, q.endLine]),
    );
  }
  return out;
}

/** The findings of `diagnostics` on what changed (see the top of this file), in their order. */
export function onlyChanged(
  diagnostics: readonly Diagnostic[],
  options: { ref: string; paths: readonly string[]; cwd: string; limits: Limits; layout?: LayoutSetting | undefined },
): Diagnostic[] {
  const { cwd } = options;
  const changed = changedLines(options.ref, cwd);
  const ranges = questionRanges(options.paths, cwd, changed, options.limits, options.layout);
  const touched = (file: string, line: number): boolean => {
    const absolute = real(path.resolve(cwd, file));
    const lines = changed.get(absolute);
    if (lines === undefined) return false;
    if (lines === 'all') return true;
    const question = ranges.get(absolute)?.find(([from, to]) => line >= from && line <= to);
    if (!question) return lines.has(line);
    for (let n = question[0]; n <= question[1]; n++) if (lines.has(n)) return true;
    return false;
  };
  return diagnostics.filter((d) => touched(d.file, d.line) || (d.related ?? []).some((r) => touched(r.file, r.line)));
}
