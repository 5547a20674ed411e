import fs from 'node:fs';
import path from 'node:path';

// Which files a command reads, and how paths are shown. No @genai-qa/core here: the warm
// path of `lint --cache` (lint-warm.ts) uses it before the engine is loaded.

export const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown']);

/** Path as shown to people: relative to the working directory, `/` separators. */
export function displayPath(absolutePath: string, cwd: string): string {
  const relative = path.relative(cwd, absolutePath) || '.';
  return relative.split(path.sep).join('/');
}

export interface InputFile {
  absolutePath: string;
  /** Content root: the directory given on the command line, or the file's directory. */
  root: string;
  /** Path relative to the root, `/` separators. */
  relativePath: string;
}

/**
 * Expands command-line paths into Markdown files, each with its content root. Directories
 * are walked in sorted order (hidden directories and node_modules skipped), so the same tree
 * always gives the same file order. A path that does not exist, or a directory without
 * Markdown, throws `fail(path as given, reason)`.
 */
export function listInputFiles(paths: readonly string[], cwd: string, fail: (shown: string, reason: string) => Error): InputFile[] {
  const out: InputFile[] = [];
  const seen = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      throw fail(given, describeFsError(error));
    }
    const add = (file: string, root: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      out.push({ absolutePath: file, root, relativePath: path.relative(root, file).split(path.sep).join('/') });
    };
    if (stat.isDirectory()) {
      const found = walk(absolute, given, fail);
      // A mistyped or empty content directory must not pass as "no problems".
      if (found.length === 0) throw fail(given, 'no Markdown files (*.md, *.markdown) in this directory');
      for (const file of found) add(file, absolute);
    } else {
      add(absolute, path.dirname(absolute));
    }
  }
  return out;
}

function walk(dir: string, shown: string, fail: (shown: string, reason: string) => Error): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw fail(shown, describeFsError(error));
  }
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, path.join(shown, entry.name), fail));
    else if ((entry.isFile() || entry.isSymbolicLink()) && MARKDOWN_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) out.push(full);
  }
  return out;
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return (error as Error).message ?? String(error);
  }
}
