import fs from 'node:fs';
import {
  decodeSource,
  DEFAULT_LIMITS,
  encodeSource,
  fixSource,
  InputError,
  inspectSource,
  isInsideRoot,
  parseFile,
  type ExternalLinks,
  type LayoutSetting,
  type Limits,
  type ParsedFile,
  type Host,
  type ResolvedRule,
  type SourceFile,
} from '@genai-qa/core';
import { writeFileAtomic } from './atomic.js';
import { describeFsError, displayPath, listInputFiles, type InputFile } from './paths.js';

/** The real file system, for the rules that check link targets (core reads no disk itself). */
export const nodeHost: Host = {
  realpath(absolutePath) {
    try {
      return fs.realpathSync(absolutePath);
    } catch {
      return undefined;
    }
  },
};

export { describeFsError, displayPath, MARKDOWN_EXTENSIONS, type InputFile } from './paths.js';

/**
 * Expands command-line paths into Markdown files, each with its content root (see
 * listInputFiles). A path that does not exist, or a directory without Markdown, is an input error.
 */
export function collectFiles(paths: readonly string[], cwd: string): InputFile[] {
  return listInputFiles(paths, cwd, (shown, reason) => new InputError(shown, reason));
}

/** Reads and decodes one file; every failure becomes an InputError naming the file. */
export function readSource(file: InputFile, cwd: string): SourceFile {
  return readChecked(file, cwd).source;
}

export interface CheckedFile {
  source: SourceFile;
  /** Why the file was not read (then `source` is empty and `bytes` is empty). */
  refused?: string;
  /** The bytes read. */
  bytes: Uint8Array;
  /** Real paths (symlinks resolved) of the file and of its content root. */
  real: string;
  rootReal: string;
}

/**
 * Reads a file unless it must not be read: one whose real path (symlinks resolved) is
 * outside its content root, or one over the size limit. Such a file comes back empty
 * with the reason, for the input-safety rule to report.
 */
export function readChecked(file: InputFile, cwd: string, maxBytes = Infinity): CheckedFile {
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
  const rootReal = fs.realpathSync(file.root);
  const refuse = (refused: string): CheckedFile => ({ source: empty(meta), refused, bytes: new Uint8Array(), real, rootReal });
  if (!isInsideRoot(rootReal, real)) return refuse('File is a symlink to a file outside the content root; it is not read');
  if (size > maxBytes) {
    return refuse(`File is ${megabytes(size)}, over the limit of ${megabytes(maxBytes)} (limits.maxFileBytes); it is not read`);
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(real);
  } catch (error) {
    throw new InputError(shown, describeFsError(error));
  }
  return { source: decodeSource(bytes, meta), bytes, real, rootReal };
}

/**
 * `--fix` on a file as read: applies every safe fix and, when that changes the text, writes
 * the file back atomically. Returns the source as it now is, and the bytes written (none when
 * nothing changed). A file that is refused or too deeply nested to parse is never fixed
 * (fixing parses it).
 */
export function fixChecked(
  input: InputFile,
  checked: CheckedFile,
  options: { config: Map<string, ResolvedRule>; limits: Limits; external?: ExternalLinks | undefined; layout?: LayoutSetting | undefined },
): { source: SourceFile; written?: Uint8Array } {
  const { source } = checked;
  const fixed = fixedText(input, checked, options);
  if (fixed === source.text) return { source };
  const written = Buffer.from(encodeSource(source, fixed), 'utf8');
  writeFileAtomic(input.absolutePath, written);
  return { source: { ...source, text: fixed }, written };
}

/**
 * The text `--fix` makes of a file as read (LF line endings, see encodeSource), without
 * writing anything: the text as it is when the file is refused or too deeply nested to parse.
 */
export function fixedText(
  input: InputFile,
  checked: CheckedFile,
  options: { config: Map<string, ResolvedRule>; limits: Limits; external?: ExternalLinks | undefined; layout?: LayoutSetting | undefined },
): string {
  const { source, refused } = checked;
  if (refused || inspectSource(source.text, options.limits).some((p) => p.blocking)) return source.text;
  return fixSource(source, input.relativePath, { config: options.config, limits: options.limits, host: nodeHost, external: options.external, ...(options.layout ? { layout: options.layout } : {}) }).text;
}

/** Reads (unless refused) and parses one input file, as lint sees it. */
export function parseInput(file: InputFile, cwd: string, limits: Limits = DEFAULT_LIMITS, layout?: LayoutSetting): ParsedFile {
  const { source, refused } = readChecked(file, cwd, limits.maxFileBytes);
  return parseFile(source, file.relativePath, { limits, ...(refused ? { refused } : {}), ...(layout ? { layout } : {}) });
}

function empty(meta: { path: string; absolutePath: string; root: string }): SourceFile {
  return { ...meta, text: '', eol: '\n', bom: false };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
