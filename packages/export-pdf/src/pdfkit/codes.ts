/**
 * Shorter character codes, part of the pdfkit internals module `src/pdfkit/` (with `text.ts`,
 * which writes them).
 *
 * pdfkit embeds every font as a Type0 font with the `Identity-H` encoding: each glyph of the
 * subset is a two-byte code, its glyph id, and a page's text is half zero bytes (a guide's
 * subsets hold far fewer than 256 glyphs each). Here each font gets instead an embedded CMap
 * (ISO 32000-1, 9.7.5) with two code spaces: one byte `<00>`–`<df>` for the first 224 glyphs of
 * the subset (pdfkit numbers them in order of first use, so these are the common ones), two
 * bytes `<e000>`–`<ffff>` for the next 8,192 (DejaVu's faces have fewer than 6,300 glyphs). The
 * CIDs stay the glyph ids (`CIDToGIDMap /Identity`, the same `/W` widths), and the font's
 * `ToUnicode` CMap maps the same codes, so text extraction reads the same text. Every `TJ`/`Tj`
 * that pdfkit or svg-to-pdfkit writes goes through `recodeHex` (in `text.ts`'s `addContent`), and
 * the compact writer's own glyphs through `recodeHex` too. Word spacing (`Tw`), which a reader
 * applies to the one-byte code 32, is never set (`text.ts` refuses it).
 */

type Doc = PDFKit.PDFDocument;

/** One-byte codes: glyph ids 0–223. */
const ONE_BYTE = 0xe0;
/** Two-byte codes `<e000>`–`<ffff>`: glyph ids 224–8415. */
const LIMIT = ONE_BYTE + 0x2000;

function hex2(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** The code of glyph id `gid`, as hex (two digits or four). */
export function glyphCode(gid: number): string {
  if (gid < ONE_BYTE) return hex2(gid);
  if (gid >= LIMIT) throw new Error(`exportPdf: internal error, glyph id ${gid} past the ${LIMIT} glyphs that a font's codes can hold`);
  return (0xe000 + gid - ONE_BYTE).toString(16);
}

const recoded = new Map<string, string>();

/** pdfkit's hex glyph ids (four digits a glyph, `002b0044`) as the codes of `glyphCode`. */
export function recodeHex(hex: string): string {
  let out = recoded.get(hex);
  if (out !== undefined) return out;
  out = '';
  for (let i = 0; i < hex.length; i += 4) out += glyphCode(parseInt(hex.slice(i, i + 4), 16));
  if (recoded.size < 5000) recoded.set(hex, out);
  return out;
}

/** The code ranges, each within one first byte (as a CMap range must be), with the first glyph id of each. */
function ranges(count: number): Array<[from: string, to: string, gid: number]> {
  const out: Array<[string, string, number]> = [[hex2(0), hex2(ONE_BYTE - 1), 0]];
  for (let gid = ONE_BYTE; gid < Math.max(count, ONE_BYTE + 1) && gid < LIMIT; gid += 256) {
    const code = 0xe000 + gid - ONE_BYTE;
    out.push([code.toString(16), (code + 255).toString(16), gid]);
  }
  return out;
}

const CODESPACE = `2 begincodespacerange\n<00> <${hex2(ONE_BYTE - 1)}>\n<e000> <ffff>\nendcodespacerange`;

/** The encoding CMap (code → CID = glyph id), the same for every font of a document. */
function encodingCMap(): string {
  const all = ranges(LIMIT);
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> def
/CMapName /${CMAP_NAME} def
/CMapType 1 def
${CODESPACE}
${all.length} begincidrange
${all.map(([from, to, gid]) => `<${from}> <${to}> ${gid}`).join('\n')}
endcidrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;
}
const CMAP_NAME = 'GenaiQa-OneTwoByte-H';

function utf16(value: number): string {
  const hex = (n: number): string => n.toString(16).padStart(4, '0');
  if (value <= 0xffff) return hex(value);
  const v = value - 0x10000;
  return hex(((v >>> 10) & 0x3ff) | 0xd800) + ' ' + hex(0xdc00 | (v & 0x3ff));
}

/** The font's ToUnicode CMap in these codes (pdfkit's, with its `<0000><ffff>` code space recoded). */
function toUnicodeCMap(unicode: ReadonlyArray<readonly number[] | undefined>): string {
  const lines: string[] = [];
  for (const [from, , first] of ranges(unicode.length)) {
    const entries: string[] = [];
    for (let gid = first; gid < unicode.length && gid < first + (first === 0 ? ONE_BYTE : 256); gid++) {
      entries.push(`<${(unicode[gid] ?? [0xfffd]).map(utf16).join(' ')}>`);
    }
    if (entries.length === 0) continue;
    const last = parseInt(from, 16) + entries.length - 1;
    lines.push(`<${from}> <${last.toString(16).padStart(from.length, '0')}> [${entries.join(' ')}]`);
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
${CODESPACE}
${lines.length} beginbfrange
${lines.join('\n')}
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;
}

interface Reference {
  data: Record<string, unknown>;
  end(chunk?: unknown): unknown;
}

interface EmbeddedFont {
  dictionary?: Reference;
  unicode?: Array<number[] | undefined>;
  embed?: unknown;
  toUnicodeCmap?: () => Reference;
}

/**
 * Gives every font of the document the codes of `glyphCode` when it is written (at `end()`,
 * when pdfkit embeds the fonts): the encoding CMap instead of `Identity-H`, and the ToUnicode
 * CMap in the same codes. Installed with `compactContent`, which writes the codes.
 */
export function shortCodes(doc: Doc): void {
  const target = doc as unknown as { end: () => unknown; ref: (data?: unknown) => Reference; _fontFamilies?: Record<string, EmbeddedFont> };
  const end = target.end?.bind(doc);
  if (typeof end !== 'function' || typeof target._fontFamilies !== 'object') throw new Error("exportPdf: internal error, pdfkit's _fontFamilies has moved (pdfkit is pinned in packages/export-pdf/package.json)");
  let encoding: Reference | undefined;
  target.end = (): unknown => {
    for (const font of new Set(Object.values(target._fontFamilies ?? {}))) {
      const dictionary = font.dictionary;
      // A font never drawn with has no dictionary and is not written.
      if (!dictionary) continue;
      if (typeof font.embed !== 'function' || typeof font.toUnicodeCmap !== 'function' || !Array.isArray(font.unicode)) {
        throw new Error("exportPdf: internal error, pdfkit's EmbeddedFont has moved (pdfkit is pinned in packages/export-pdf/package.json)");
      }
      if (!encoding) {
        encoding = target.ref({
          Type: 'CMap',
          CMapName: CMAP_NAME,
          CIDSystemInfo: { Registry: new String('Adobe'), Ordering: new String('Identity'), Supplement: 0 },
        });
        encoding.end(encodingCMap());
      }
      const cmap = encoding;
      const unicode = font.unicode;
      font.toUnicodeCmap = (): Reference => {
        const ref = target.ref();
        ref.end(toUnicodeCMap(unicode));
        return ref;
      };
      const endDictionary = dictionary.end.bind(dictionary);
      dictionary.end = (chunk?: unknown): unknown => {
        if (dictionary.data.Encoding !== 'Identity-H') throw new Error("exportPdf: internal error, pdfkit's font encoding has moved");
        dictionary.data.Encoding = cmap;
        return endDictionary(chunk);
      };
    }
    return end();
  };
}
