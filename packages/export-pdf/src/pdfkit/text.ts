/**
 * Compact page content, part of the pdfkit internals module `src/pdfkit/` (with `internals.ts`; pdfkit
 * is pinned to an exact version because of both, and `test/pdfkit-text.test.ts` checks each
 * private shape this file relies on and that the output still reads the same).
 *
 * pdfkit 0.20 draws every fragment of text (one run of one line) as its own
 * `q 1 0 0 -1 0 H cm BT 1 0 0 1 x y Tm /F1 10 Tf [..] TJ ET Q`, writes the full colour
 * (`/DeviceRGB cs 0.12156862745098039 … scn`) before each run even when it has not changed, and
 * turns every operator into its own small Uint8Array. A guide has hundreds of thousands of
 * runs, so this file:
 *
 * - draws plain fragments itself: one text object for consecutive fragments (until another
 *   kind of operator comes), the text matrix flipped in place of the `q … cm … Q` around each
 *   fragment, the font set only when it changes, no position at all for a run that continues
 *   where the last one ended, and a relative `Td` for the next line;
 * - drops a fill colour that is already the current one, and writes a fill colour as an index
 *   into the document's palette (`PALETTE`), or with four decimals when it is not 8-bit;
 * - writes glyphs in the fonts' one- and two-byte codes (`codes.ts`), kerning with two decimals;
 * - draws underlines and strike-through lines after their text (`laterLines`);
 * - gathers each page's operators, converted once when the page's stream ends, and joins its
 *   text objects across the marked content between them (`merge-text.ts`).
 *
 * The glyphs, their positions and the marked content are the same as pdfkit's; a fragment
 * with anything unusual (justified text, character or word spacing, oblique or stroked text,
 * font features, glyph offsets, a baseline option) is drawn by pdfkit's own code.
 */

import { recodeHex, shortCodes } from './codes.js';
import { mergeTextObjects, position } from './merge-text.js';

type Doc = PDFKit.PDFDocument;

interface Position {
  xAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

interface Font {
  id: string;
  ascender: number;
  encode(text: string, features?: unknown): [string[], Position[]];
  ref(): unknown;
}

interface Page {
  write: (chunk: unknown) => unknown;
  end(): unknown;
  content: { write(chunk: unknown): unknown };
  fonts: Record<string, unknown>;
}

/** What pdfkit's `_fragment` is given: the options of the text call, plus the line's measures. */
interface FragmentOptions {
  align?: string;
  width?: number;
  lineWidth?: number;
  textWidth?: number;
  wordSpacing?: number;
  characterSpacing?: number;
  horizontalScaling?: number;
  oblique?: unknown;
  stroke?: unknown;
  features?: unknown;
  baseline?: unknown;
  link?: string | number | null;
  goTo?: unknown;
  destination?: unknown;
  underline?: unknown;
  strike?: unknown;
}

/** The fields this file reads or writes, as pdfkit 0.20.2 has them. */
interface Internals {
  _fragment(text: string, x: number, y: number, options: FragmentOptions): void;
  _font: Font;
  _fontSize: number;
  _fillColor?: unknown[];
  _currentStructureElement?: { dictionary: { data: { S?: string } } };
  page: Page;
  addContent(data: unknown): Doc;
}

/** Fails loudly when a private field that this file relies on has moved (a pdfkit upgrade). */
function moved(what: string): Error {
  return new Error(`exportPdf: internal error, pdfkit's ${what} has moved (pdfkit is pinned in packages/export-pdf/package.json)`);
}

/** pdfkit's number format: at most six decimals. */
function num(n: number): string {
  const r = Math.round(n * 1e6) / 1e6;
  return Object.is(r, -0) ? '0' : String(r);
}


/** A colour operator's numbers with four decimals at most (`0.12156862745098039` → `0.1216`). */
function shortColour(op: string): string {
  let short = shortColours.get(op);
  if (short === undefined) {
    short = op.replace(/\d*\.\d{5,}/g, (n) => String(Math.round(Number(n) * 1e4) / 1e4));
    if (shortColours.size < 1000) shortColours.set(op, short);
  }
  return short;
}
const shortColours = new Map<string, string>();

/** A path construction operator (`m`, `l`, `c`, `v`, `y`, `re`) and its numbers. */
const PATH = /^(?:-?[\d.]+ )+(?:m|l|c|v|y|re)$/;

/**
 * A path's coordinates with three decimals at most, as the text positions: pdfkit writes six
 * (`527.936854 62 529.28 63.343146 529.28 65 c`), a millionth of a unit, which no device shows.
 */
function shortPath(op: string): string {
  return op.replace(/-?\d*\.\d{4,}/g, (n) => position(Number(n)));
}

/**
 * pdfkit sets an RGB colour as `/DeviceRGB cs` and `r g b scn` (or `CS` and `SCN` to stroke);
 * `r g b rg` (`RG`) sets the same colour space and colour in one operator, shorter.
 */
const RGB_FILL = '/DeviceRGB cs';
const RGB_STROKE = '/DeviceRGB CS';
const RGB_NUMBERS = /^[\d.]+ [\d.]+ [\d.]+ S?CN$/i;
function rgb(op: string, operator: 'rg' | 'RG'): string {
  return RGB_NUMBERS.test(op) ? `${op.slice(0, op.lastIndexOf(' '))} ${operator}` : op;
}

/**
 * The document's fill colours as one Indexed colour space over DeviceRGB (`/C0` in the shared
 * resources): `/C0 cs` once, then `3 sc` for a colour instead of `0.1216 0.1373 0.1569 rg`.
 * Every colour of the guide is a multiple of 1/255, which an 8-bit lookup table holds exactly,
 * so a reader paints the same colour; one that is not (or a 257th) stays an `rg`. Entries are
 * numbered in order of first use (the same input, the same palette).
 */
export const PALETTE = 'C0';
interface Palette {
  /** The colour space as pdfkit writes it: `[/Indexed /DeviceRGB hival <lookup>]`. */
  entry: [string, string, number, Uint8Array];
  /** Index of each colour, by its `scn` numbers as pdfkit writes them; null when not 8-bit. */
  index: Map<string, number | null>;
  bytes: number[];
}
function paletteIndex(palette: Palette, numbers: string): number | undefined {
  let index = palette.index.get(numbers);
  if (index === undefined) {
    const bytes = numbers.split(' ').map((n) => Number(n) * 255);
    const exact = bytes.length === 3 && bytes.every((b) => b >= 0 && b <= 255 && Math.abs(b - Math.round(b)) < 1e-6);
    if (!exact || palette.bytes.length >= 256 * 3) return undefined;
    index = palette.bytes.length / 3;
    palette.bytes.push(...bytes.map(Math.round));
    palette.entry[2] = index;
    palette.entry[3] = Uint8Array.from(palette.bytes);
    palette.index.set(numbers, index);
  }
  return index ?? undefined;
}

/** Page contents gathered into one string per stream: flush before the stream ends. */
const flushes = new WeakMap<object, () => void>();

/** Writes out what a page has gathered (before its content stream is ended or replaced). */
export function flushPageContent(page: PDFKit.PDFPage): void {
  flushes.get(page)?.();
}

function gatherPage(page: Page): void {
  let pending: string[] = [];
  const flush = (): void => {
    if (pending.length === 0) return;
    page.content.write(Buffer.from(mergeTextObjects(pending), 'latin1'));
    pending = [];
  };
  flushes.set(page, flush);
  page.write = (chunk: unknown): unknown => {
    if (typeof chunk === 'string') {
      pending.push(chunk);
      return undefined;
    }
    flush();
    return page.content.write(chunk);
  };
  const end = page.end.bind(page);
  page.end = (): unknown => {
    flush();
    return end();
  };
}

/** Installs the compact writer on a new document (before any page is added). */
export function compactContent(doc: Doc): void {
  const target = doc as unknown as Internals;
  const fragment = target._fragment?.bind(doc);
  const addContent = target.addContent?.bind(doc);
  if (typeof fragment !== 'function' || typeof addContent !== 'function') throw moved('_fragment');

  /** The page the state below belongs to (pages change under it: new pages, switchToPage, SVG groups). */
  let page: Page | undefined;
  /** An open text object: its line start (the text line matrix) and where the last glyph ended. */
  let text: { lineX: number; lineY: number; penX: number } | undefined;
  /** The current fill colour (`cs` and `scn`), when known, and the ones saved by `q`. */
  let fill: string | undefined;
  /**
   * The current font (`Tf`), when known. The font is part of the graphics state, not of the
   * text object: it stays set across `ET … BT` until a `Q` restores an earlier one (ISO
   * 32000-1, 9.3.1), so a text object in the font of the last one needs no `Tf`.
   */
  let font: string | undefined;
  /** Whether the current fill (stroke) colour space is the palette (`/C0 cs`, `/C0 CS`), and the ones saved by `q`. */
  let indexed = false;
  let strokeIndexed = false;
  let saved: Array<[string | undefined, string | undefined, boolean, boolean]> = [];
  const palette: Palette = { entry: ['Indexed', 'DeviceRGB', 0, new Uint8Array(0)], index: new Map(), bytes: [] };
  /** Lists the palette in the (shared) resources of the current page. */
  const usePalette = (): void => {
    const spaces = (page as unknown as { colorSpaces: Record<string, unknown> }).colorSpaces;
    if (spaces[PALETTE] !== palette.entry) spaces[PALETTE] = palette.entry;
  };
  /**
   * Underlines and strike-through lines drawn after their text (see `laterLines`), each as its
   * operators, not yet written; and whether a drawing is being captured (no deferring then).
   */
  let lines: string[] = [];
  let capturing = false;
  /** A fill colour space waiting for its colour; whether `/DeviceRGB CS` waits for its stroke colour. */
  let space: string | undefined;
  let strokeSpace = false;

  const closeText = (): void => {
    if (text && page) page.write('ET');
    text = undefined;
  };
  const samePage = (): void => {
    if (target.page === page) return;
    settle();
    page = target.page;
    fill = undefined;
    font = undefined;
    indexed = false;
    strokeIndexed = false;
    saved = [];
    space = undefined;
  };
  const flushSpace = (): void => {
    if (strokeSpace && page) {
      page.write(RGB_STROKE);
      strokeIndexed = false;
    }
    strokeSpace = false;
    if (space === undefined) return;
    page!.write(space);
    fill = undefined;
    indexed = false;
    space = undefined;
  };
  /**
   * Writes the lines waiting for the end of the text around them: as an artifact where no
   * marked content is open, else inside the open one (an artifact, or tagged content as the
   * lines were before: never an artifact inside tagged content).
   */
  const writeLines = (): void => {
    if (lines.length === 0 || !page) return;
    const markings = (page as unknown as { markings?: unknown[] }).markings ?? [];
    const chunks = markings.length === 0 ? ['/Artifact BMC', ...lines, 'EMC'] : lines;
    lines = [];
    for (const chunk of chunks) page.write(chunk);
  };
  /** Writes what is pending on the current state's page and closes its text object. */
  const settle = (): void => {
    if (page) flushSpace();
    closeText();
    writeLines();
  };
  /**
   * Underlines and strike-through lines: pdfkit strokes each before its text, inside the text's
   * marked content, which ends the text object there (a path may not stand inside one), so that
   * every link had a text object of its own. Drawn instead after the text (the next operator
   * that is neither text, colour nor marked content, or the end of the page), in the same state
   * (every operator that could change it comes after them) and the same colour as the text over
   * which they lie, the text objects around a link join as any other. The operators are pdfkit's,
   * written now into a list.
   */
  const laterLines = (draw: () => void): void => {
    samePage();
    if (capturing || !Array.isArray((page as unknown as { markings?: unknown }).markings)) {
      draw();
      return;
    }
    flushSpace();
    closeText();
    const current = page!;
    const write = current.write;
    const chunks: string[] = [];
    current.write = (chunk: unknown): unknown => {
      if (typeof chunk !== 'string') throw new Error('exportPdf: internal error, binary content in an underline');
      chunks.push(chunk);
      return undefined;
    };
    capturing = true;
    try {
      draw();
      flushSpace();
      closeText();
    } finally {
      capturing = false;
      current.write = write;
    }
    lines.push(...chunks);
  };

  shortCodes(doc);
  doc.on('pageAdded', () => gatherPage(target.page));
  cacheHexColours(doc);

  captures.set(doc, (draw: () => void): string => {
    samePage();
    settle();
    const current = page!;
    const known: [string | undefined, string | undefined, boolean, boolean, Array<[string | undefined, string | undefined, boolean, boolean]>] = [fill, font, indexed, strokeIndexed, saved];
    // Drawn as if nothing were set: a form XObject starts from the state of wherever it is used.
    fill = undefined;
    font = undefined;
    indexed = false;
    strokeIndexed = false;
    saved = [];
    const chunks: string[] = [];
    const write = current.write;
    current.write = (chunk: unknown): unknown => {
      if (typeof chunk !== 'string') throw new Error('exportPdf: internal error, binary content in a captured drawing');
      chunks.push(chunk);
      return undefined;
    };
    const wasCapturing = capturing;
    capturing = true;
    try {
      draw();
      settle();
    } finally {
      capturing = wasCapturing;
      current.write = write;
      // A form XObject's operators leave the graphics state as it was before them.
      [fill, font, indexed, strokeIndexed, saved] = known;
    }
    return mergeTextObjects(chunks);
  });

  target.addContent = (input: unknown): Doc => {
    samePage();
    // Glyphs that pdfkit (or svg-to-pdfkit) writes itself, as hex glyph ids: in the fonts' codes (codes.ts).
    let data = typeof input === 'string' && (input.endsWith(' TJ') || input.endsWith(' Tj')) ? input.replace(/<([\da-fA-F]+)>/g, (_, hex: string) => `<${recodeHex(hex)}>`) : input;
    if (typeof data === 'string') {
      // Word spacing applies to every one-byte code 32 (ISO 32000-1, 9.3.3), a glyph in these
      // codes: neither pdfkit nor svg-to-pdfkit sets it (pdfkit spaces justified words itself).
      if (data.endsWith(' Tw') && data !== '0 Tw') throw new Error('exportPdf: internal error, word spacing (Tw) with one-byte character codes');
      if (data.endsWith(' cs')) {
        flushSpace();
        space = data;
        return doc;
      }
      if (data.endsWith(' scn')) {
        const colour = `${space ?? ''}\n${shortColour(data)}`;
        if (space !== undefined && colour === fill) {
          space = undefined;
          return doc;
        }
        // The palette is in the shared resources (a real page's); an SVG group's stand-in page has none.
        const index = space === RGB_FILL && 'colorSpaces' in page! ? paletteIndex(palette, data.slice(0, -4)) : undefined;
        if (index !== undefined) {
          if (!indexed) {
            usePalette();
            page!.write(`/${PALETTE} cs`);
            indexed = true;
          }
          page!.write(`${index} sc`);
        } else {
          if (space === RGB_FILL) page!.write(rgb(colour.slice(colour.indexOf('\n') + 1), 'rg'));
          else {
            if (space !== undefined) page!.write(space);
            page!.write(colour.slice(colour.indexOf('\n') + 1));
          }
          if (space !== undefined) indexed = false;
        }
        fill = space !== undefined ? colour : undefined;
        space = undefined;
        return doc;
      }
      if (data === RGB_STROKE) {
        flushSpace();
        strokeSpace = true;
        return doc;
      }
      if (strokeSpace) {
        strokeSpace = false;
        if (data.endsWith(' SCN') && RGB_NUMBERS.test(data)) {
          closeText();
          // A stroke colour from the palette too (`/C0 CS`, then `2 SC`), as the fill colours above.
          const index = 'colorSpaces' in page! ? paletteIndex(palette, data.slice(0, -4)) : undefined;
          if (index === undefined) {
            strokeIndexed = false;
            return addContent(rgb(shortColour(data), 'RG'));
          }
          if (!strokeIndexed) {
            usePalette();
            addContent(`/${PALETTE} CS`);
            strokeIndexed = true;
          }
          return addContent(`${index} SC`);
        }
        closeText();
        page!.write(RGB_STROKE);
        strokeIndexed = false;
      }
      flushSpace();
      // Operators allowed inside a text object keep it open: the colours above; anything else closes it.
      closeText();
      // Lines wait across marked content (and colours, above); anything else is drawn after them.
      if (lines.length > 0 && !capturing && !(data === 'EMC' || data.endsWith(' BMC') || (data.endsWith(' BDC') && data.startsWith('/')))) writeLines();
      if (data === 'q') saved.push([fill, font, indexed, strokeIndexed]);
      else if (data === 'Q') [fill, font, indexed, strokeIndexed] = saved.pop() ?? [undefined, undefined, false, false];
      else if (/(?:^|\s)[qQ](?:\s|$)/.test(data)) {
        fill = undefined;
        font = undefined;
        indexed = false;
        strokeIndexed = false;
        saved = [];
      } else {
        if (/(?:^|\s)Tf$/m.test(data)) font = undefined;
        if (/(?:^|\s)(?:cs|rg|g|k|sc|scn)$/m.test(data)) {
          fill = undefined;
          indexed = false;
        }
        if (/(?:^|\s)(?:CS|RG|G|K|SC|SCN)$/m.test(data)) strokeIndexed = false;
      }
      if (data.endsWith(' SCN')) data = shortColour(data);
      else if (PATH.test(data)) data = shortPath(data);
    } else {
      flushSpace();
      closeText();
      if (!capturing) writeLines();
      font = undefined;
      indexed = false;
      strokeIndexed = false;
    }
    return addContent(data);
  };

  // Before the page changes (pdfkit writes the closing EMCs of a page straight to it on
  // continueOnNewPage) and before the pages are written, close what is open on this one.
  for (const name of ['continueOnNewPage', 'addPage', 'switchToPage', 'flushPages'] as const) {
    const method = (target as unknown as Record<string, (...args: unknown[]) => unknown>)[name];
    if (typeof method !== 'function') throw moved(name);
    const bound = method.bind(doc);
    (target as unknown as Record<string, unknown>)[name] = (...args: unknown[]): unknown => {
      settle();
      return bound(...args);
    };
  }

  /** The last font operator written by a fragment, and its face and size (most fragments repeat it). */
  let lastFace: Font | undefined;
  let lastSize: number | undefined;
  let lastFontOp = '';
  target._fragment = (raw: string, x: number, y: number, options: FragmentOptions): void => {
    const align = options.align ?? 'left';
    const plain =
      !options.wordSpacing && !options.characterSpacing && (options.horizontalScaling ?? 100) === 100 && !options.oblique && !options.stroke &&
      options.features === undefined && options.baseline === undefined && align !== 'justify';
    const string = typeof raw === 'string' && !raw.includes('\n') ? raw : `${raw}`.replace(/\n/g, '');
    if (!plain || string.length === 0) {
      if (string.length > 0) {
        samePage();
        settle();
      }
      return fragment(raw, x, y, options);
    }
    const face = target._font;
    const size = target._fontSize;
    const glyphs = encodeText(face, string);
    if (!glyphs) {
      samePage();
      settle();
      return fragment(raw, x, y, options);
    }
    if (options.width) {
      if (align === 'right') x += (options.lineWidth ?? 0) - doc.widthOfString(string.replace(/\s+$/, ''), options as PDFKit.Mixins.TextOptions);
      else if (align === 'center') x += (options.lineWidth ?? 0) / 2 - (options.textWidth ?? 0) / 2;
    }
    // Most fragments have no link, destination or line: no width to measure for them.
    if (options.link != null || options.goTo != null || options.destination != null || options.underline || options.strike) {
      const width = options.textWidth ?? doc.widthOfString(string, options as PDFKit.Mixins.TextOptions);
      annotations(doc, x, y, width, options, laterLines);
    }
    samePage();
    flushSpace();
    if (page!.fonts[face.id] == null) page!.fonts[face.id] = face.ref();
    const scale = size / 1000;
    const baseline = y + (face.ascender / 1000) * size;
    if (face !== lastFace || size !== lastSize) {
      lastFace = face;
      lastSize = size;
      lastFontOp = `/${face.id} ${num(size)} Tf`;
    }
    const fontOp = lastFontOp;
    let out = '';
    if (!text) {
      const [tx, ty] = [position(x), position(baseline)];
      text = { lineX: Number(tx), lineY: Number(ty), penX: Number(tx) };
      out = `BT\n1 0 0 -1 ${tx} ${ty} Tm\n`;
      if (font !== fontOp) out += `${fontOp}\n`;
    } else {
      if (font !== fontOp) out += `${fontOp}\n`;
      if (Math.abs(baseline - text.lineY) > 1e-3 || Math.abs(x - text.penX) > 1e-3) {
        // Td moves from the start of the line; the text matrix is flipped, so down is negative.
        const dx = position(x - text.lineX);
        const dy = position(text.lineY - baseline);
        out += `${dx} ${dy} Td\n`;
        text.lineX += Number(dx);
        text.lineY -= Number(dy);
        text.penX = text.lineX;
      }
    }
    font = fontOp;
    text.penX += glyphs.advance * scale;
    page!.write(`${out}[${glyphs.commands}] TJ`);
  };
}

/**
 * Speed: pdfkit turns a colour such as `#1f2328` into its operators on every call (`fillColor`
 * before each run of text): the hex parsed, each part divided by 255 and printed with all its
 * digits (`/DeviceRGB cs`, `0.12156862745098039 0.13725490196078433 0.1568627450980392 scn`).
 * The two operators of each hex colour are kept, and given to `addContent` as pdfkit gives
 * them; any other colour (names, arrays, spot colours, gradients) is left to pdfkit.
 */
function cacheHexColours(doc: Doc): void {
  const target = doc as unknown as { _setColorCore?: (color: unknown, stroke: boolean) => boolean; _normalizeColor(color: unknown): unknown; addContent(data: string): Doc };
  const setColorCore = target._setColorCore?.bind(doc);
  if (typeof setColorCore !== 'function' || typeof target._normalizeColor !== 'function') throw moved('_setColorCore');
  const known = [new Map<string, [string, string]>(), new Map<string, [string, string]>()];
  target._setColorCore = (color: unknown, stroke: boolean): boolean => {
    if (typeof color !== 'string') return setColorCore(color, stroke);
    const ops = known[stroke ? 1 : 0]!;
    let pair = ops.get(color);
    if (pair === undefined) {
      if (!/^#[\da-f]{6}$/i.test(color)) return setColorCore(color, stroke);
      // pdfkit's own steps (_setColorCore for a DeviceRGB colour), once.
      const parts = target._normalizeColor(color) as number[];
      pair = [`/DeviceRGB ${stroke ? 'CS' : 'cs'}`, `${parts.join(' ')} ${stroke ? 'SCN' : 'scn'}`];
      if (ops.size < 1000) ops.set(color, pair);
    }
    target.addContent(pair[0]);
    target.addContent(pair[1]);
    return true;
  };
}

const captures = new WeakMap<Doc, (draw: () => void) => string>();

/**
 * The operators that `draw` writes, as the content of a form XObject, instead of writing them
 * on the current page: drawn from an unknown state (every colour and font written), and the
 * writer's idea of the page's state left as it was (a form leaves the graphics state as it
 * found it). Nothing drawn may need a page of its own (annotations, marked content).
 */
export function captureContent(doc: Doc, draw: () => void): string {
  const capture = captures.get(doc);
  if (!capture) throw new Error('exportPdf: internal error, captureContent before compactContent');
  return capture(draw);
}

/**
 * Whether `a` and then `b`, each encoded alone in the current font, give the glyphs of `a + b`
 * encoded at once (no ligature or contextual form across them). pdfkit's `font.encode` is
 * private (as in `encodeText`); it adds the glyphs to the font's subset, all of which are drawn.
 */
export function glyphsApart(doc: Doc, a: string, b: string): boolean {
  const font = (doc as unknown as Internals)._font;
  if (typeof font?.encode !== 'function') throw moved('_font.encode');
  const [whole] = font.encode(a + b, undefined);
  const parts = [...font.encode(a, undefined)[0], ...font.encode(b, undefined)[0]];
  return whole.length === parts.length && whole.every((glyph, i) => glyph === parts[i]);
}

/**
 * One word's glyphs as pdfkit encodes them, as the bytes of a literal string (pdfkit writes
 * them as hex, twice as long), in runs each but the last closed by its kerning; kept in the
 * pieces that `encodeText` joins: the bytes before the first kerning, what follows up to the
 * last kerning, written out, and the bytes after it.
 */
interface WordCode {
  /** The glyph ids' bytes up to the first kerning (all of them when there is none), escaped for a literal string. */
  head: string;
  /** The first kerning as written (`kern(-kerning)`), or '' for none. */
  kerning: string;
  /** The runs between the first kerning and the last, each `(bytes) kerning`, joined by spaces ('' for none). */
  middle: string;
  /** The bytes after the last kerning ('' when the word ends with one, or has none). */
  tail: string;
  /** The advance in font units (× size / 1000). */
  advance: number;
}

/** Each face's encoded words (`font.encode` of one word), emptied with its layout cache. */
export const ENCODED = Symbol('encoded words');

/**
 * The `TJ` operand of a string and its advance, or undefined when a glyph is offset (pdfkit
 * then moves the text matrix; left to pdfkit). pdfkit lays a string out word by word (split
 * after each space or tab) and encodes the glyphs of all the words; encoding each word once
 * and joining the results gives the same glyphs, kerning and subset (a word's glyphs enter
 * the subset the first time it is encoded, in the same order as pdfkit's). The operand is
 * `(bytes) kerning` for each run closed by a kerning, space separated, then `(bytes)` for
 * the rest, if any: the bytes of a run may span words.
 */
function encodeText(font: Font, text: string): { commands: string; advance: number } | undefined {
  const fontWithCache = font as Font & { [ENCODED]?: Map<string, WordCode | null> };
  const cache = (fontWithCache[ENCODED] ??= new Map<string, WordCode | null>());
  let commands = '';
  let open = '';
  let advance = 0;
  let last = 0;
  const tabs = text.includes('\t');
  while (last < text.length) {
    const end = wordEnd(text, last, tabs);
    const word = last === 0 && end === text.length ? text : text.slice(last, end);
    last = end;
    let code = cache.get(word);
    if (code === undefined) {
      code = encodeWord(font, word);
      cache.set(word, code);
    }
    if (code === null) return undefined;
    advance += code.advance;
    if (code.kerning === '') {
      open += code.head;
      continue;
    }
    if (commands !== '') commands += ' ';
    commands += `(${open}${code.head}) ${code.kerning}`;
    if (code.middle !== '') commands += ` ${code.middle}`;
    open = code.tail;
  }
  // The last run needs no adjustment after it (pdfkit writes a 0).
  if (open !== '') commands += commands === '' ? `(${open})` : ` (${open})`;
  return { commands, advance };
}

/**
 * Where the word of pdfkit's split (`EmbeddedFont.layout`: after each space or tab, and the
 * rest) that starts at `from` ends; `tabs`: whether the text has a tab at all. Found with
 * indexOf, not character by character.
 */
export function wordEnd(text: string, from: number, tabs: boolean): number {
  let index = text.indexOf(' ', from);
  if (tabs) {
    const tab = text.indexOf('\t', from);
    if (tab >= 0 && (index < 0 || tab < index)) index = tab;
  }
  return index < 0 ? text.length : index + 1;
}

function encodeWord(font: Font, word: string): WordCode | null {
  const [encoded, positions] = font.encode(word, undefined);
  const runs: Array<[bytes: string, kerning: string]> = [];
  let advance = 0;
  let bytes = '';
  for (let i = 0; i < positions.length; i++) {
    const p = positions[i]!;
    if (p.xOffset || p.yOffset) return null;
    advance += p.xAdvance;
    bytes += literalBytes(recodeHex(encoded[i]!));
    const kerning = p.xAdvance - p.advanceWidth;
    if (kerning !== 0) {
      runs.push([bytes, kern(-kerning)]);
      bytes = '';
    }
  }
  if (runs.length === 0) return { head: bytes, kerning: '', middle: '', tail: '', advance };
  const middle = runs.slice(1).map(([b, k]) => `(${b}) ${k}`).join(' ');
  return { head: runs[0]![0], kerning: runs[0]![1], middle, tail: bytes, advance };
}

/**
 * A `TJ` adjustment (thousandths of the font size) with two decimals: pdfkit writes six
 * (`21.972656`, DejaVu's 45/2048 em); a hundredth of a unit is 0.0001 pt at 10 pt, well under
 * the thousandth of a point that the text positions keep.
 */
function kern(n: number): string {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/**
 * A glyph id in pdfkit's hex (`002b`) as the bytes of a literal string (latin1 characters),
 * with the backslash escapes a literal string needs: `(`, `)` and `\\`, and the line ends
 * (a raw CR would be read as LF; a raw LF is kept escaped so that every `TJ` stays on one line).
 */
function literalBytes(hex: string): string {
  let out = '';
  for (let i = 0; i < hex.length; i += 2) {
    const byte = parseInt(hex.slice(i, i + 2), 16);
    out += ESCAPES[byte] ?? String.fromCharCode(byte);
  }
  return out;
}
const ESCAPES: Record<number, string> = { 0x0a: '\\n', 0x0d: '\\r', 0x28: '\\(', 0x29: '\\)', 0x5c: '\\\\' };

/** Links, named destinations, underline and strike-through of a fragment, as pdfkit draws them (the lines through `later`). */
function annotations(doc: Doc, x: number, y: number, width: number, options: FragmentOptions, later: (draw: () => void) => void): void {
  const target = doc as unknown as Internals;
  const height = doc.currentLineHeight();
  if (options.link != null) {
    const current = target._currentStructureElement;
    const structParent = current && current.dictionary.data.S === 'Link' ? current : undefined;
    // The action written inside the annotation (pdfkit makes it an object of its own).
    const url = options.link;
    const action = typeof url === 'string' ? { S: 'URI', URI: new String(url) } : undefined;
    if (action) {
      doc.annotate(x, y, width, height, {
        Subtype: 'Link',
        A: action,
        ...(structParent ? { structParent, Contents: new String('') } : {}),
      } as unknown as PDFKit.Mixins.AnnotationOption);
    } else doc.link(x, y, width, height, url as unknown as string, structParent ? ({ structParent } as PDFKit.Mixins.AnnotationOption) : {});
  }
  if (options.goTo != null) doc.goTo(x, y, width, height, options.goTo as string);
  if (options.destination != null) doc.addNamedDestination(options.destination as string, 'XYZ', x, y, null);
  for (const [on, offset] of [
    [options.underline, (lw: number) => y + height - lw],
    [options.strike, () => y + height / 2],
  ] as const) {
    if (!on) continue;
    later(() => {
      doc.save();
      if (!options.stroke) doc.strokeColor(...((target._fillColor ?? []) as [PDFKit.Mixins.ColorValue]));
      const lineWidth = target._fontSize < 10 ? 0.5 : Math.floor(target._fontSize / 10);
      doc.lineWidth(lineWidth);
      const lineY = offset(lineWidth);
      doc.moveTo(x, lineY).lineTo(x + width, lineY).stroke();
      doc.restore();
    });
  }
}
