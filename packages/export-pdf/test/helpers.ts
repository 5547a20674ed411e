import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { buildCorpus, decodeSource, parseFile, referencedImages, type Corpus, type ExportOptions } from '@genai-qa/core';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const CONTENT = path.join(REPO, 'content');
export const DATE = new Date(Date.UTC(2026, 0, 15, 12, 30));

// Which Debian readers are installed, and the visible reason a check skips without one.
export { has, needs } from '../../../test/support/readers.js';

/** The real corpus, read the way the CLI reads it, with the images it references. */
export function contentCorpus(): { corpus: Corpus; options: ExportOptions } {
  const files = fs.readdirSync(CONTENT).filter((f) => f.endsWith('.md')).sort();
  const parsed = files.map((f) =>
    parseFile(decodeSource(fs.readFileSync(path.join(CONTENT, f)), { path: `content/${f}`, absolutePath: path.join(CONTENT, f), root: CONTENT }), f),
  );
  const corpus = buildCorpus(parsed);
  const assets = new Map<string, Uint8Array>();
  for (const key of referencedImages(corpus)) assets.set(key, fs.readFileSync(path.join(CONTENT, ...key.split('/'))));
  return { corpus, options: { assets, date: DATE } };
}

/** A corpus from Markdown text (one file, `q.md`). */
export function corpusOf(markdown: string, file = 'q.md'): Corpus {
  const root = '/virtual/content';
  return buildCorpus([parseFile(decodeSource(new TextEncoder().encode(markdown), { path: `content/${file}`, absolutePath: `${root}/${file}`, root }), file)]);
}

let dir: string | undefined;
/** Writes bytes to a temporary file and returns its path. */
export function tempFile(name: string, bytes: Uint8Array): string {
  if (!dir) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-pdf-'));
    tempDirs.push(dir);
  }
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}

export function run(tool: string, args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

/**
 * The text as pdftotext extracts it in content-stream order (`-raw`: the default mode joins
 * a word hyphenated at a line end, "self-" + "attention" → "selfattention"), without the
 * footers, normalised with `normalize`.
 */
export function pageText(pdf: string, title: string): string {
  const raw = run('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'])
    .replace(/\f/g, '\n')
    .split('\n')
    .filter((line) => !/^(?:.* )?page \d+ of \d+$/.test(line.trim()) && line.trim() !== title)
    .join('\n');
  return normalize(raw);
}

/** Whitespace collapsed; a hyphen followed by a line break counts as the hyphen alone. */
export function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/- /g, '-').trim();
}

let tempDirs: string[] = [];
/** Removes the temporary files of this test file. */
export function cleanup(): void {
  if (process.env.KEEP_PDF) {
    console.log(`PDFs kept in ${tempDirs.join(', ')}`);
    return;
  }
  for (const d of tempDirs) fs.rmSync(d, { recursive: true, force: true });
  tempDirs = [];
  dir = undefined;
}

/** qpdf's JSON view of a PDF: objects by "N 0 R", pages, outlines. */
export interface QpdfJson {
  objects: Map<string, unknown>;
  pages: string[];
  outlines: Outline[];
}
export interface Outline {
  title: string;
  destpageposfrom1: number;
  kids: Outline[];
}

export function qpdfJson(pdf: string): QpdfJson {
  const json = JSON.parse(run('qpdf', ['--json=2', '--json-key=qpdf', '--json-key=pages', '--json-key=outlines', pdf])) as {
    qpdf: [unknown, Record<string, { value?: unknown; stream?: { dict: unknown } }>];
    pages: Array<{ object: string }>;
    outlines: Outline[];
  };
  const objects = new Map<string, unknown>();
  for (const [key, entry] of Object.entries(json.qpdf[1])) {
    if (key.startsWith('obj:')) objects.set(key.slice(4), entry.value ?? entry.stream?.dict);
  }
  return { objects, pages: json.pages.map((p) => p.object), outlines: json.outlines };
}

/** Follows an indirect reference ("12 0 R") in qpdf JSON. */
export function deref(json: QpdfJson, value: unknown): unknown {
  return typeof value === 'string' && /^\d+ \d+ R$/.test(value) ? json.objects.get(value) : value;
}

/** qpdf JSON v2 writes text strings as "u:…". */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.startsWith('u:') ? value.slice(2) : undefined;
}

/** The link annotations of one page (1-based): their action type and target. */
export function pageLinks(json: QpdfJson, page: number): Array<{ kind: string; target: string }> {
  const dict = json.objects.get(json.pages[page - 1]!) as Record<string, unknown>;
  const annots = (deref(json, dict['/Annots']) as unknown[] | undefined) ?? [];
  return annots.map((ref) => {
    const annot = deref(json, ref) as Record<string, unknown>;
    const action = deref(json, annot['/A']) as Record<string, unknown>;
    const kind = String(action['/S']);
    return { kind, target: text(action['/D']) ?? text(action['/URI']) ?? String(action['/D'] ?? action['/URI']) };
  });
}

/** Every structure element of a given type (/S), e.g. "/Figure". */
export function structElements(json: QpdfJson, type: string): Array<Record<string, unknown>> {
  return [...json.objects.values()].filter(
    (v): v is Record<string, unknown> => typeof v === 'object' && v !== null && (v as Record<string, unknown>)['/S'] === type && '/P' in (v as object),
  );
}

export function flattenOutline(items: Outline[]): Outline[] {
  return items.flatMap((item) => [item, ...flattenOutline(item.kids)]);
}

/** `pdfinfo -dests`: destination name → page (1-based). */
export function destinations(pdf: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of run('pdfinfo', ['-dests', pdf]).split('\n')) {
    const m = /^\s*(\d+)\s+\[.*\]\s+"(.*)"\s*$/.exec(line);
    if (m) out.set(m[2]!, Number(m[1]));
  }
  return out;
}

/** `pdfinfo` fields. */
export function info(pdf: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of run('pdfinfo', [pdf]).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out.set(m[1]!.trim(), m[2]!.trim());
  }
  return out;
}

/** `pdffonts` rows. */
export function fonts(pdf: string): Array<{ name: string; type: string; embedded: boolean }> {
  return run('pdffonts', [pdf])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((line) => {
      const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
      if (!m) throw new Error(`unexpected pdffonts line: ${line}`);
      return { name: m[1]!, type: m[2]!, embedded: m[4] === 'yes' };
    });
}

/** A PNG, written here so the tests need no image files: a gradient, RGB or RGBA. */
export function png(width: number, height: number, alpha: boolean, damage: { filter?: number; idat?: Uint8Array } = {}): Uint8Array {
  const channels = alpha ? 4 : 3;
  const raw = Buffer.alloc((width * channels + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * channels + 1);
    for (let x = 0; x < width; x++) {
      const p = row + 1 + x * channels;
      raw[p] = (x * 255) / width;
      raw[p + 1] = (y * 255) / height;
      raw[p + 2] = 128;
      if (alpha) raw[p + 3] = 255 - (x * 200) / width;
    }
  }
  if (damage.filter !== undefined) raw[raw.length - (width * channels + 1)] = damage.filter; // last row's filter byte
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = alpha ? 6 : 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', damage.idat ? Buffer.from(damage.idat) : zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) {
    crc ^= b;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
