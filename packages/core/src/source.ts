import { lastAtOrBefore } from './line-index.js';

/** A Markdown file as the pipeline sees it: decoded, BOM removed, line endings normalised. */
export interface SourceFile {
  /** Path shown to people (relative to the working directory, `/` separators). */
  path: string;
  /** Absolute path on disk (used to resolve relative links). */
  absolutePath: string;
  /** Absolute path of the content root the file belongs to. */
  root: string;
  /** Text with a leading BOM removed and every CRLF or CR turned into LF. */
  text: string;
  /** The line ending the file mostly used, restored when a fix is written back. */
  eol: '\n' | '\r\n';
  /** Whether the file started with a UTF-8 byte order mark. */
  bom: boolean;
}

/** A problem with the input itself (missing, unreadable, not UTF-8): exit code 2 in the CLI. */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'InputError';
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Decodes bytes as strict UTF-8. Positions reported later refer to the decoded text, and
 * since a BOM has no column of its own and CR is only part of a line ending, removing
 * them keeps every line and column where an editor shows it.
 */
export function decodeSource(
  bytes: Uint8Array,
  file: { path: string; absolutePath: string; root: string },
): SourceFile {
  let raw: string;
  try {
    raw = decoder.decode(bytes);
  } catch {
    throw new InputError(file.path, `not valid UTF-8 (${describeBadByte(bytes)})`);
  }
  const bom = raw.charCodeAt(0) === 0xfeff;
  if (bom) raw = raw.slice(1);
  const crlf = (raw.match(/\r\n/g) ?? []).length;
  const lf = (raw.match(/\n/g) ?? []).length - crlf;
  const text = raw.replace(/\r\n?/g, '\n');
  return { ...file, text, bom, eol: crlf > lf ? '\r\n' : '\n' };
}

/** Turns fixed text back into the file's own conventions (BOM, line endings). */
export function encodeSource(source: SourceFile, text: string): string {
  const body = source.eol === '\r\n' ? text.replace(/\n/g, '\r\n') : text;
  return source.bom ? `\ufeff${body}` : body;
}

function describeBadByte(bytes: Uint8Array): string {
  // Find the first offset at which decoding fails, so the message says where to look.
  let line = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    let ok = len > 0 && i + len <= bytes.length;
    for (let k = 1; ok && k < len; k++) ok = (bytes[i + k]! & 0xc0) === 0x80;
    if (ok && len > 1) {
      try {
        decoder.decode(bytes.subarray(i, i + len));
      } catch {
        ok = false;
      }
    }
    if (!ok) return `invalid byte 0x${b.toString(16).padStart(2, '0')} on line ${line}`;
    if (b === 0x0a) line++;
    i += len;
  }
  return 'invalid byte sequence';
}

/** Start offset of every line (index 0 is line 1). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** Converts an offset into a 1-based line and column. */
export function pointAt(starts: number[], offset: number): { line: number; column: number } {
  // Offsets before the first line start (none: it is 0) count as the first line.
  const line = Math.max(0, lastAtOrBefore(starts.length, (i) => starts[i]!, offset));
  return { line: line + 1, column: offset - starts[line]! + 1 };
}
