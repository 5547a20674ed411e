import fs from 'node:fs';
import path from 'node:path';
import { decodeSource, DEFAULT_LIMITS, InputError, isInsideRoot, parseFile, type Limits, type ParsedFile, type SourceFile } from '@genai-qa/core';

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
 * always gives the same file order. A path that does not exist is an input error.
 */
export function collectFiles(paths: readonly string[], cwd: string): InputFile[] {
  const out: InputFile[] = [];
  const seen = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(absolute);
    } catch (error) {
      throw new InputError(given, describeFsError(error));
    }
    const add = (file: string, root: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      out.push({ absolutePath: file, root, relativePath: path.relative(root, file).split(path.sep).join('/') });
    };
    if (stat.isDirectory()) {
      const found = walk(absolute, given);
      // A mistyped or empty content directory must not pass as "no problems".
      if (found.length === 0) throw new InputError(given, 'no Markdown files (*.md, *.markdown) in this directory');
      for (const file of found) add(file, absolute);
    } else {
      add(absolute, path.dirname(absolute));
    }
  }
  return out;
}

function walk(dir: string, shown: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new InputError(shown, describeFsError(error));
  }
  const out: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(full, path.join(shown, entry.name)));
    else if ((entry.isFile() || entry.isSymbolicLink()) && MARKDOWN_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) out.push(full);
  }
  return out;
}

/** Reads and decodes one file; every failure becomes an InputError naming the file. */
export function readSource(file: InputFile, cwd: string): SourceFile {
  return readChecked(file, cwd).source;
}

/**
 * Reads a file unless it must not be read: one whose real path (symlinks resolved) is
 * outside its content root, or one over the size limit. Such a file comes back empty
 * with the reason, for the input-safety rule to report.
 */
export function readChecked(file: InputFile, cwd: string, maxBytes = Infinity): { source: SourceFile; refused?: string } {
  const shown = displayPath(file.absolutePath, cwd);
  const meta = { path: shown, absolutePath: file.absolutePath, root: file.root };
  let real: string;
  let size: number;
  try {
    real = fs.realpathSync(file.absolutePath);
    size = fs.statSync(real).size;
  } catch (error) {
    throw new InputError(shown, describeFsError(error));
  }
  if (!isInsideRoot(fs.realpathSync(file.root), real)) {
    return { source: empty(meta), refused: 'File is a symlink to a file outside the content root; it is not read' };
  }
  if (size > maxBytes) {
    return {
      source: empty(meta),
      refused: `File is ${megabytes(size)}, over the limit of ${megabytes(maxBytes)} (limits.maxFileBytes); it is not read`,
    };
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(real);
  } catch (error) {
    throw new InputError(shown, describeFsError(error));
  }
  return { source: decodeSource(bytes, meta) };
}

/** Reads (unless refused) and parses one input file, as lint sees it. */
export function parseInput(file: InputFile, cwd: string, limits: Limits = DEFAULT_LIMITS): ParsedFile {
  const { source, refused } = readChecked(file, cwd, limits.maxFileBytes);
  return parseFile(source, file.relativePath, { limits, ...(refused ? { refused } : {}) });
}

function empty(meta: { path: string; absolutePath: string; root: string }): SourceFile {
  return { ...meta, text: '', eol: '\n', bom: false };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
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
