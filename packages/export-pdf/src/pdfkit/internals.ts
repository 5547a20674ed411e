/**
 * Every use of pdfkit's private internals lives in this directory, `src/pdfkit/`: this file,
 * and `text.ts` (the compact text writer, which replaces how pdfkit writes page content). No
 * other module reaches into pdfkit's private state. pdfkit is pinned to an exact version
 * in package.json because of them; test/pdfkit-internals.test.ts checks, for each entry here,
 * that the private shape is still there and that the patch still takes effect. An upgrade of
 * pdfkit is a deliberate change: run that test, then the byte-identity checks.
 */

import { constants as zlibConstants, deflateRawSync } from 'node:zlib';
import { ENCODED, flushPageContent, wordEnd } from './text.js';

type Doc = PDFKit.PDFDocument;
type StructElement = PDFKit.PDFStructureElement;

/** The fields this file reads or writes, as pdfkit 0.20.2 has them. */
interface Internals {
  /** The document catalog; its `Names.Dests` name tree holds the named destinations. */
  _root?: { data?: { Names?: { data?: { Dests?: { _compareKeys?: (a: string, b: string) => number } } } } };
  /** Set by pdfkit while a struct closure runs; `text()` links attach to a `Link` element. */
  _currentStructureElement?: StructElement | undefined;
  /** Objects started but not yet ended; the file is written when it drops to 0 after `end()`. */
  _waiting?: number;
  /** Loaded fonts by id; each embedded font caches the glyph layout of every word it drew. */
  _fontFamilies?: Record<string, { layoutCache?: unknown }>;
  /** Writes the Info dictionary into the XMP metadata (called from `end()`). */
  _addInfo?: () => void;
  info: Record<string, unknown>;
  push(chunk: unknown): boolean;
  /** Writes an object's line (a string, a line end added) or bytes to the output, counting the offset. */
  _write?: (data: unknown) => void;
  /** The number of bytes written so far: where the next object starts. */
  _offset?: number;
}

function internals(doc: Doc): Internals {
  return doc as unknown as Internals;
}

/** Fails loudly when a private field that this file relies on has moved (a pdfkit upgrade). */
function moved(what: string): Error {
  return new Error(`exportPdf: internal error, pdfkit's ${what} has moved (pdfkit is pinned in packages/export-pdf/package.json)`);
}

/**
 * pdfkit sorts the named-destination tree with `localeCompare`, but readers binary-search it
 * in byte order of the encoded keys (PDFDocEncoding, or UTF-16BE with a BOM when non-ASCII).
 */
export function sortDestinationsByBytes(doc: Doc): void {
  const dests = internals(doc)._root?.data?.Names?.data?.Dests;
  if (!dests || typeof dests._compareKeys !== 'function') throw moved('_root.data.Names.data.Dests._compareKeys');
  const encode = (key: string): string => {
    // eslint-disable-next-line no-control-regex
    if (!/[^\x00-\x7f]/.test(key)) return key;
    let out = '\xfe\xff';
    for (let i = 0; i < key.length; i++) {
      const code = key.charCodeAt(i);
      out += String.fromCharCode(code >> 8, code & 0xff);
    }
    return out;
  };
  dests._compareKeys = (a, b) => {
    const ea = encode(a);
    const eb = encode(b);
    return ea < eb ? -1 : ea > eb ? 1 : 0;
  };
}

/**
 * pdfkit attaches `link` annotations to an enclosing `Link` structure element but not `goTo`
 * ones; route those the same way so that every link is in the tag tree. The GoTo action is
 * written inside its annotation rather than as an object of its own (one object fewer per link).
 */
export function attachGoToLinksToStructure(doc: Doc): void {
  doc.goTo = function (this: Doc, x, y, w, h, name, options) {
    const current = currentStructureElement(doc);
    const inLink = current && structType(current) === 'Link';
    const extra = inLink && !(options as { structParent?: unknown } | undefined)?.structParent ? { structParent: current, Contents: pdfString('link to another question') } : {};
    // The action is written inside the annotation (pdfkit's goTo makes it an object of its own).
    const action = { S: 'GoTo', D: pdfString(name) };
    return doc.annotate(x, y, w, h, { ...(options ?? {}), ...extra, Subtype: 'Link', A: action } as unknown as PDFKit.Mixins.AnnotationOption);
  };
}

/**
 * Size: an annotation's `/Rect` to a hundredth of a point (pdfkit writes six decimals, four
 * numbers in each of thousands of link annotations); the area one clicks moves by 0.005 pt at
 * most. pdfkit's `annotate` converts the rectangle with `_convertRect` (private), rounded here.
 */
export function roundAnnotationRects(doc: Doc): void {
  const target = doc as unknown as { annotate: (...args: unknown[]) => Doc; _convertRect?: (...args: number[]) => number[] };
  const annotate = target.annotate.bind(doc);
  const convert = target._convertRect?.bind(doc);
  if (typeof convert !== 'function') throw moved('_convertRect');
  let annotating = false;
  target._convertRect = (...args: number[]): number[] => {
    const rect = convert(...args);
    return annotating ? rect.map((n) => Math.round(n * 100) / 100) : rect;
  };
  target.annotate = (...args: unknown[]): Doc => {
    annotating = true;
    try {
      return annotate(...args);
    } finally {
      annotating = false;
    }
  };
}

/** The element that pdfkit's `text()` attaches link annotations to (when its type is `Link`). */
export function currentStructureElement(doc: Doc): StructElement | undefined {
  return internals(doc)._currentStructureElement;
}

export function setCurrentStructureElement(doc: Doc, element: StructElement | undefined): void {
  internals(doc)._currentStructureElement = element;
}

/** The structure type (`/S`) of an element: `P`, `Link`, `TD`, … */
export function structType(element: StructElement): string {
  return (element.dictionary.data as { S?: string }).S ?? 'P';
}

/**
 * Memory: with `bufferPages`, pdfkit keeps every page's content stream, uncompressed and in
 * one small Uint8Array per operator, until the end — gigabytes for a few thousand pages.
 * When the layout leaves a page, its content so far is compressed now and only the compressed
 * bytes are kept; what comes later (footer, block-quote bars, the table of contents) is
 * compressed when the page ends, and the two are written as one stream.
 *
 * Size: one stream per page, not a second one for the rest (each stream an object of its
 * own, with its dictionary and its zlib header and checksum, some 150 bytes a page). The part
 * compressed early is raw deflate ended by a sync flush (byte-aligned, not the final block);
 * the rest is raw deflate with the final block, after it; the zlib header goes before them
 * and the Adler-32 of all the bytes, kept as they are compressed, after (RFC 1950/1951: a
 * deflate stream is any sequence of blocks, the last one marked final). A page left more than
 * once (switched back to) gets one part per time.
 */
export function closeContentStream(_doc: Doc, page: PDFKit.PDFPage): void {
  flushPageContent(page);
  const content = page.content as unknown as ContentReference;
  if (!Array.isArray(content.buffer) || typeof content.finalize !== 'function' || content.compress !== true) throw moved('page.content.buffer');
  let parts = earlyParts.get(content);
  if (!parts) {
    const state = { parts: [] as Buffer[], adler: 1 };
    earlyParts.set(content, state);
    parts = state;
    const finalize = content.finalize.bind(content);
    content.finalize = (): void => {
      const rest = Buffer.concat(content.buffer);
      const checksum = Buffer.alloc(4);
      checksum.writeUInt32BE(adler32(state.adler, rest));
      content.buffer = [Buffer.concat([ZLIB_HEADER, ...state.parts, deflateRawSync(rest), checksum])];
      content.compress = false;
      content.data.Filter = 'FlateDecode';
      finalize();
    };
  }
  const bytes = Buffer.concat(content.buffer);
  content.buffer = [];
  parts.adler = adler32(parts.adler, bytes);
  // Copied: zlib returns a view on its 16 KiB output buffer, which would stay alive with it.
  parts.parts.push(Buffer.from(deflateRawSync(bytes, { finishFlush: zlibConstants.Z_SYNC_FLUSH })));
}

/** pdfkit's `PDFReference` of a content stream: the chunks written so far, compressed in `finalize`. */
interface ContentReference {
  buffer: Uint8Array[];
  compress: boolean;
  data: { Filter?: string };
  finalize(): void;
}

const earlyParts = new WeakMap<ContentReference, { parts: Buffer[]; adler: number }>();

/** A zlib header (deflate, 32 KiB window, default level: 0x78 0x9c). */
const ZLIB_HEADER = Buffer.from([0x78, 0x9c]);

/** The Adler-32 checksum (RFC 1950) of `bytes`, continued from `adler` (1 to start). */
export function adler32(adler: number, bytes: Uint8Array): number {
  let a = adler & 0xffff;
  let b = adler >>> 16;
  for (let i = 0; i < bytes.length; ) {
    // 5,552 bytes at most between the reductions: the sums stay below 2^32.
    const end = Math.min(i + 5552, bytes.length);
    for (; i < end; i++) {
      a += bytes[i]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * Size: pdfkit gives every page a resources dictionary of its own (`PDFPage`'s constructor,
 * private: `doc.ref({ ProcSet })`, filled through `page.fonts`, `page.xobjects`, …). The names
 * in it are the document's (`F1`, `I1`, `Gs1`: numbered across the document), so one
 * dictionary holding every page's entries reads the same on each page; a page's resources
 * may list what it does not use. Every page added after this call gets the first page's
 * dictionary, which is written once, when the last page that shares it ends (at the end of
 * the document: pages are buffered, so everything they use is known by then).
 */
export function shareResources(doc: Doc): void {
  interface Reference {
    end(...args: unknown[]): unknown;
  }
  const target = doc as unknown as {
    ref: (data?: unknown) => Reference;
    addPage: (...args: unknown[]) => Doc;
    page?: { resources?: Reference; dictionary: { data: { Resources?: unknown } } };
  };
  const ref = target.ref?.bind(doc);
  const addPage = target.addPage?.bind(doc);
  if (typeof ref !== 'function' || typeof addPage !== 'function') throw moved('ref');
  let shared: Reference | undefined;
  let sharing = 0;
  let adding = false;
  target.ref = (data?: unknown): Reference => {
    // The resources of the page being constructed: the shared ones, no object of its own.
    if (adding && shared && data !== null && typeof data === 'object' && 'ProcSet' in data) return shared;
    return ref(data);
  };
  target.addPage = (...args: unknown[]): Doc => {
    adding = true;
    try {
      addPage(...args);
    } finally {
      adding = false;
    }
    const page = target.page;
    if (!page?.resources || page.dictionary.data.Resources !== page.resources) throw moved('page.resources');
    if (!shared) {
      shared = page.resources;
      const end = shared.end.bind(shared);
      shared.end = (...rest: unknown[]): unknown => (--sharing === 0 ? end(...rest) : undefined);
    } else if (page.resources !== shared) throw moved('PDFPage resources ref({ ProcSet })');
    sharing++;
    return doc;
  };
}

/**
 * A form XObject of `content` (page operators, in the page's coordinates), listed in the
 * current page's resources under a name of its own, and that name. pdfkit has no API for
 * forms: the dictionary is its own (`Resources` the current page's, which every page shares
 * after `shareResources`), written and compressed by pdfkit as any stream.
 */
export function formXObject(doc: Doc, content: string): string {
  const page = doc.page as unknown as { width: number; height: number; resources?: unknown; xobjects?: Record<string, unknown> };
  if (page.resources === undefined || typeof page.xobjects !== 'object') throw moved('page.xobjects');
  let known = forms.get(doc);
  if (!known) forms.set(doc, (known = new Map<string, PDFKit.PDFKitReference>()));
  // Numbered in the document (the same input, the same names).
  const name = `Fx${known.size + 1}`;
  const form = doc.ref({ Type: 'XObject', Subtype: 'Form', FormType: 1, BBox: [0, 0, page.width, page.height], Resources: page.resources });
  form.end(content);
  known.set(name, form);
  return name;
}
const forms = new WeakMap<Doc, Map<string, PDFKit.PDFKitReference>>();

/** Paints the form XObject `name` (from `formXObject`) at the current graphics state. */
export function paintForm(doc: Doc, name: string): void {
  const form = forms.get(doc)?.get(name);
  if (!form) throw new Error(`exportPdf: internal error, no form XObject ${name}`);
  const xobjects = (doc.page as unknown as { xobjects: Record<string, unknown> }).xobjects;
  xobjects[name] ??= form;
  doc.addContent(`/${name} Do`);
}

/**
 * Memory: pdfkit pushes every object to the output stream in several small chunks, and the
 * stream holds them until the (synchronous) rendering ends. Gathering them into 64 KiB
 * blocks keeps the bytes identical and the object count low.
 *
 * Speed: pdfkit's `_write` turns each line of text it writes (three or four for each of some
 * 300,000 objects at 10,000 questions) into bytes on its own, the low byte of each character.
 * The lines are kept as text instead, and turned into bytes 64 KiB at a time with Node's
 * latin1 encoding (the same low bytes); the offset that pdfkit reads for the cross-reference
 * table is counted at once, as pdfkit's `_write` counts it.
 */
export function coalesceOutput(doc: Doc): void {
  const target = internals(doc);
  const push = target.push.bind(doc);
  const write = target._write?.bind(doc);
  if (typeof write !== 'function' || typeof target._offset !== 'number') throw moved('_write');
  const size = 1 << 16;
  let block = new Uint8Array(size);
  let used = 0;
  let text = '';
  const flush = (): void => {
    if (used > 0) push(block.slice(0, used));
    used = 0;
  };
  const add = (chunk: Uint8Array): boolean => {
    if (chunk.length >= size / 2) {
      flush();
      return push(chunk);
    }
    if (used + chunk.length > size) {
      flush();
      block = new Uint8Array(size);
    }
    block.set(chunk, used);
    used += chunk.length;
    return true;
  };
  const addText = (): void => {
    if (text === '') return;
    const bytes = Buffer.from(text, 'latin1');
    text = '';
    add(bytes);
  };
  target._write = (data: unknown): void => {
    if (typeof data !== 'string') return write(data);
    text += `${data}\n`;
    target._offset! += data.length + 1;
    if (text.length >= size / 2) addText();
  };
  target.push = (chunk: unknown): boolean => {
    addText();
    if (!(chunk instanceof Uint8Array)) {
      flush();
      return push(chunk);
    }
    return add(chunk);
  };
}

/**
 * Memory: each embedded font caches the glyph layout of every distinct word it has drawn,
 * so the caches grow with the corpus's vocabulary (hundreds of MB at 10,000 questions).
 * A cache that has grown past `maxEntries` words is emptied (common words come back at once);
 * the layout, and so the output, is the same with or without a cache. Emptying a small cache
 * would only cost time: each word is laid out again by fontkit, the most expensive step of
 * pdfkit's text layout.
 */
export function clearLayoutCaches(doc: Doc, maxEntries = 0): void {
  const families = internals(doc)._fontFamilies;
  if (!families) throw moved('_fontFamilies');
  for (const font of Object.values(families)) {
    if (font.layoutCache && Object.keys(font.layoutCache).length > maxEntries) font.layoutCache = Object.create(null);
    const widths = (font as WidthCached)[WIDTHS];
    if (widths && widths.size > maxEntries) widths.clear();
    const encoded = (font as { [ENCODED]?: Map<string, unknown> })[ENCODED];
    if (encoded && encoded.size > maxEntries) encoded.clear();
  }
}

const WIDTHS = Symbol('widths');
const WORD_WIDTH = Symbol('word width');
interface WidthCached {
  [WIDTHS]?: Map<string, number>;
  /** One word's advance in font units, from the cache of widths. */
  [WORD_WIDTH]?: (word: string) => number;
  widthOfString?: (text: string, size: number, features?: unknown) => number;
}

/**
 * Speed: pdfkit measures every word of every line through the font's `widthOfString`
 * (private: `EmbeddedFont`), which splits the string at spaces and looks each piece up in
 * the layout cache; the line wrapper keeps the widths only for one `text()` call. Each face
 * loaded into the document gets a cache of widths by string (at 1 pt, scaled to the size
 * asked for), emptied with the layout caches. The widths are the ones pdfkit computes.
 *
 * A string of several words is measured as pdfkit does, word by word, but from the cache of
 * widths: pdfkit's split tests every character against an array made for it and looks each
 * word up again, which for a paragraph's opening (leadHeight), a heading or a line of code
 * cost more than the widths themselves. pdfkit adds each word's advance to a sum from 0, in
 * order, and scales the sum: the same additions here give the same bits.
 */
export function cacheTextWidths(doc: Doc): void {
  const target = doc as unknown as { font: (...args: unknown[]) => Doc; _font?: WidthCached };
  const font = target.font.bind(doc);
  target.font = (...args: unknown[]): Doc => {
    font(...args);
    const face = target._font;
    if (!face || face[WIDTHS]) return doc;
    const measure = face.widthOfString?.bind(face);
    if (!measure) throw moved('_font.widthOfString');
    const widths = new Map<string, number>();
    face[WIDTHS] = widths;
    /** One word's advance in font units (at 1000 pt, × 1000/1000 = × 1: exact). */
    const word = (text: string): number => {
      let width = widths.get(text);
      if (width === undefined) {
        width = measure(text, 1000);
        widths.set(text, width);
      }
      return width;
    };
    face[WORD_WIDTH] = word;
    face.widthOfString = (text, size, features) => {
      if (features !== undefined) return measure(text, size, features);
      // Long strings (a paragraph's opening, a heading) rarely come back: only their words are cached.
      let width = text.length > 100 ? undefined : widths.get(text);
      if (width === undefined) {
        width = 0;
        forEachWord(text, (from, to) => {
          width! += word(from === 0 && to === text.length ? text : text.slice(from, to));
        });
        if (text.length <= 100) widths.set(text, width);
      }
      // The same arithmetic as pdfkit's (advance × size/1000), so the same bits.
      return width * (size / 1000);
    };
    return doc;
  };
}

/**
 * Whether `doc.widthOfString(text)` (no options) is over `limit`, in the current font and size:
 * the words' advances added in pdfkit's order until the width passes the limit. Each step of
 * pdfkit's arithmetic (the sum, × size/1000, + 0 character spacing, × 100/100 scaling) never
 * makes a larger sum smaller, so a part of the text over the limit means the whole is too (no
 * word's advance being negative); the rest is not measured (leadHeight asks this of a
 * paragraph's first 480 characters, most of which are over three lines' width).
 */
export function widthOver(doc: Doc, text: string, limit: number): boolean {
  const face = (doc as unknown as { _font?: WidthCached })._font;
  const word = face?.[WORD_WIDTH];
  if (!word) return doc.widthOfString(text) > limit;
  const scale = (doc as unknown as { _fontSize: number })._fontSize / 1000;
  const width = (advance: number): number => ((advance * scale + 0) * 100) / 100;
  let advance = 0;
  let over = false;
  let negative = false;
  forEachWord(text, (from, to) => {
    if (over || negative) return;
    const w = word(from === 0 && to === text.length ? text : text.slice(from, to));
    negative = w < 0;
    advance += w;
    over = width(advance) > limit;
  });
  // A word's advance (its glyphs' advances with their kerning) is not negative in the DejaVu faces
  // the guide embeds; should one be, the whole text is measured.
  return negative ? doc.widthOfString(text) > limit : over;
}

/**
 * pdfkit's split of a string into words (`EmbeddedFont.layout`, and so `encode`): after each
 * space or tab, and the rest; nothing for an empty string. Calls `each(from, to)` in order.
 */
export function forEachWord(text: string, each: (from: number, to: number) => void): void {
  const tabs = text.includes('\t');
  for (let last = 0; last < text.length; ) {
    const end = wordEnd(text, last, tabs);
    each(last, end);
    last = end;
  }
}

/**
 * Speed: `doc.text(text, x, y, { lineBreak: false })` for one line (no line end), as pdfkit
 * does it: `_fragment` at (x, y) with the options that `text()` makes of `{ lineBreak: false }`,
 * and the cursor left at the end of the text. `text()` itself merges the options, splits the
 * text at line ends and measures it again for each call; code blocks (one call per highlighted
 * token) and the contents make hundreds of thousands. Inside a continued text, whose options
 * the next call would inherit, it is `doc.text` itself. Returns the text's width.
 */
export function textAt(doc: Doc, text: string, x: number, y: number): number {
  const target = doc as unknown as { _textOptions?: unknown; _fragment?: (text: string, x: number, y: number, options: object) => void };
  if (typeof target._fragment !== 'function') throw moved('_fragment');
  if (target._textOptions != null || text.includes('\n')) {
    doc.text(text, x, y, { lineBreak: false });
    return doc.widthOfString(text);
  }
  // What `_initOptions` returns for `{ lineBreak: false }` outside a continued text.
  target._fragment(text, x, y, { lineBreak: false, columns: 0, columnGap: 18, rotation: 0 });
  const width = doc.widthOfString(text);
  doc.x = x + width;
  doc.y = y;
  return width;
}

/**
 * pdfkit copies the title and subject into the XMP metadata as they are: a title such as
 * "Q&A <guide>" would make the XML malformed. Escape them there (the Info dictionary, written
 * earlier, keeps the plain text).
 */
export function escapeXmpMetadata(doc: Doc): void {
  const target = internals(doc);
  if (typeof target._addInfo !== 'function') throw moved('_addInfo');
  const addInfo = target._addInfo.bind(doc);
  target._addInfo = () => {
    const saved = { ...target.info };
    for (const [key, value] of Object.entries(target.info)) {
      if (typeof value === 'string') target.info[key] = escapeXml(value);
    }
    try {
      addInfo();
    } finally {
      Object.assign(target.info, saved);
    }
  };
}

function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** How many PDF objects were started and not ended (0 once everything is written). */
export function unfinishedObjects(doc: Doc): number {
  const waiting = internals(doc)._waiting;
  if (typeof waiting !== 'number') throw moved('_waiting');
  return waiting;
}

/** A PDF text string: pdfkit writes a plain JS string as a name (`/…`), a String object as text. */
export function pdfString(text: string): string {
  return new String(text) as unknown as string;
}

/** The png-js decoder of an opened PNG; pdfkit drops it (sets it to null) once the image is written. */
export function pngDecoder(image: PDFKit.PDFImageObject): NonNullable<PDFKit.PDFImageObject['image']> | undefined {
  return image.image ?? undefined;
}

/** The colour space pdfkit read from a JPEG's header (unset for the 2-channel JPEGs it cannot write). */
export function jpegColorSpace(image: PDFKit.PDFImageObject): string | undefined {
  return (image as { colorSpace?: string }).colorSpace;
}

/** Embeds an opened image and waits until pdfkit has written it (PNGs with alpha decode asynchronously). */
export async function embedImage(doc: Doc, image: PDFKit.PDFImageObject): Promise<void> {
  image.embed(doc);
  while (image.image) await new Promise((resolve) => setImmediate(resolve));
}

/** What a text fragment drawn with the `inlineBox` option leaves room for. */
export interface InlineBox {
  /** Called with the fragment's left edge and its baseline, once pdfkit has placed it. */
  draw(x: number, baseline: number): void;
}

/**
 * Inline boxes in flowing text (inline math): a run of two no-break spaces stretched to the
 * box's width takes its place in pdfkit's line breaking, and when pdfkit draws that fragment
 * (`_fragment`, private) the box is drawn on its baseline (`_font.ascender`, private: pdfkit's
 * default baseline is the top of the line).
 */
export function drawInlineBoxes(doc: Doc): void {
  const target = doc as unknown as { _fragment?: (text: string, x: number, y: number, options: Record<string, unknown>) => void; _font?: { ascender?: number }; _fontSize?: number };
  const fragment = target._fragment?.bind(doc);
  if (!fragment) throw moved('_fragment');
  target._fragment = (text, x, y, options) => {
    fragment(text, x, y, options);
    const box = options.inlineBox as InlineBox | undefined | null;
    // A stand-in that moved to the next line leaves an empty fragment at the end of this one:
    // the box is drawn where the stand-in is drawn, once.
    if (!box || !text.includes('\u00a0')) return;
    const ascender = target._font?.ascender;
    if (typeof ascender !== 'number' || typeof target._fontSize !== 'number') throw moved('_font.ascender');
    box.draw(x, y + (ascender / 1000) * target._fontSize);
  };
}
