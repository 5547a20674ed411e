// One test per entry of src/pdfkit/text.ts (the compact text writer) and of the width cache
// in src/pdfkit/internals.ts: the private shape each relies on is still there, and the output
// still reads the same (qpdf and poppler, compared with what plain pdfkit writes).
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { FACES, fontFiles } from '../src/fonts.js';
import { cacheTextWidths, clearLayoutCaches, coalesceOutput, formXObject, paintForm, textAt, widthOver } from '../src/pdfkit/internals.js';
import { captureContent, compactContent } from '../src/pdfkit/text.js';
import { cleanup, needs, run, tempFile } from './helpers.js';

afterAll(cleanup);

type Doc = PDFKit.PDFDocument;
const DATE = new Date(Date.UTC(2026, 0, 1));
const qpdf = needs('qpdf');
const poppler = needs('pdftotext');

function newDoc(patch: boolean): Doc {
  const doc = new PDFDocument({ bufferPages: true, autoFirstPage: false, tagged: true, info: { CreationDate: DATE, ModDate: DATE } } as PDFKit.PDFDocumentOptions);
  for (const [face, bytes] of fontFiles()) doc.registerFont(FACES[face], bytes as Buffer);
  if (patch) compactContent(doc);
  return doc;
}

/** A tagged document with one page, its `Document` element added, and body text set (sans, 10 pt, the text colour). */
function taggedPage(patch: boolean): { doc: Doc; root: PDFKit.PDFStructureElement } {
  const doc = newDoc(patch);
  doc.addPage();
  const root = doc.struct('Document');
  doc.addStructure(root);
  doc.font(FACES.sans).fontSize(10).fillColor('#1f2328');
  return { doc, root };
}

async function finish(doc: Doc): Promise<string> {
  const chunks: Uint8Array[] = [];
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  doc.end();
  await done;
  return tempFile(`text-${++files}.pdf`, Buffer.concat(chunks));
}
let files = 0;

/** The operators of page `n`'s content (all its streams), one per line as written, glyphs elided (unless `glyphs`). */
function operators(pdf: string, n = 1, glyphs = false): string[] {
  const qdf = `${pdf}.qdf`;
  // qpdf's content normalisation would rewrite binary strings as hex: off when the glyphs are read.
  run('qpdf', ['--qdf', '--object-streams=disable', ...(glyphs ? ['--normalize-content=n'] : []), pdf, qdf]);
  const file = fs.readFileSync(qdf, 'latin1');
  const streams = [...file.matchAll(/%% Contents for page (\d+)\n[\s\S]*?stream\n([\s\S]*?)endstream/g)].filter((m) => Number(m[1]) === n);
  return streams
    .flatMap((m) => m[2]!.replace(/<<\n([^>]*)\n>>/g, (_, d: string) => `<<${d.replace(/\n/g, ' ')}>>`).split('\n'))
    .filter((line) => line !== '')
    .map((line) => (glyphs ? line : line.replace(/^\[.*\] TJ$/, '[…] TJ')));
}

/** The name of each operator (the last token of a line). */
const names = (ops: string[]): string[] => ops.map((op) => op.split(' ').pop()!);

/** Every word with its box, as poppler reads it (to 0.01 pt). */
function words(pdf: string): string[] {
  const html = run('pdftotext', ['-bbox', pdf, '-']);
  return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(
    (m) => `${m[5]} ${[m[1], m[2], m[3], m[4]].map((v) => Number(v).toFixed(2)).join(' ')}`,
  );
}

/** A paragraph of three runs in two faces and two colours that wraps onto a second line. */
function paragraph(doc: Doc): void {
  doc.addPage();
  doc.font(FACES.sans).fontSize(10).fillColor('#1f2328');
  doc.text('A paragraph with ', 72, 72, { width: 200, continued: true });
  doc.font(FACES['sans-bold']).text('bold words', { continued: true });
  doc.font(FACES.sans).fillColor('#1f2328').text(' and plain ones after them, long enough to wrap.');
}

describe('compactContent', () => {
  it('relies on _fragment, addContent and the page methods it closes the text before', () => {
    const doc = newDoc(false) as unknown as Record<string, unknown>;
    for (const name of ['_fragment', 'addContent', 'continueOnNewPage', 'addPage', 'switchToPage', 'flushPages']) expect(typeof doc[name], name).toBe('function');
    expect(() => compactContent(doc as unknown as Doc)).not.toThrow();
  });

  it.skipIf(qpdf.skip)(`pdfkit alone: every fragment in its own q … cm … BT … ET … Q, the colour written again${qpdf.reason}`, async () => {
    const doc = newDoc(false);
    paragraph(doc);
    expect(names(operators(await finish(doc)))).toEqual([
      'cm', 'cs', 'scn',
      'q', 'cm', 'BT', 'Tm', 'Tf', 'TJ', 'ET', 'Q',
      'q', 'cm', 'BT', 'Tm', 'Tf', 'TJ', 'ET', 'Q',
      'cs', 'scn',
      'q', 'cm', 'BT', 'Tm', 'Tf', 'TJ', 'ET', 'Q',
      'q', 'cm', 'BT', 'Tm', 'Tf', 'TJ', 'ET', 'Q',
      'q', 'cm', 'BT', 'Tm', 'Tf', 'TJ', 'ET', 'Q',
    ]);
  });

  it.skipIf(qpdf.skip)(`patched: one text object; the font when it changes, no position for a run that goes on, Td to the next line; the same colour once, as an index into the document's palette${qpdf.reason}`, async () => {
    const doc = newDoc(true);
    paragraph(doc);
    expect(operators(await finish(doc))).toEqual([
      '1 0 0 -1 0 792 cm',
      // #1f2328, the first colour of the palette (/C0, in the resources: see 'the palette' below).
      '/C0 cs',
      '0 sc',
      'BT',
      // The baseline (72 + DejaVu's ascender at 10 pt) in the page's flipped space, to 0.001 pt.
      '1 0 0 -1 72 81.282 Tm',
      '/F2 10 Tf',
      '[…] TJ',
      '/F3 10 Tf',
      '[…] TJ',
      '/F2 10 Tf',
      '[…] TJ',
      // Down one line (the text matrix is flipped: down is negative), twice.
      '0 -11.641 Td',
      '[…] TJ',
      // Each move is to the true baseline (pdfkit's 11.640625 pt lines), rounded: 92.923 → 104.563.
      '0 -11.64 Td',
      '[…] TJ',
      'ET',
    ]);
  });

  it.skipIf(qpdf.skip)(`keeps the font across text objects, and writes it again after a Q restores an earlier one${qpdf.reason}`, async () => {
    const doc = newDoc(true);
    doc.addPage();
    doc.font(FACES.sans).fontSize(10).fillColor('#1f2328');
    doc.text('first', 72, 72);
    doc.rect(72, 90, 10, 10).fill();
    doc.text('second', 72, 110);
    doc.save();
    doc.font(FACES['sans-bold']).text('bold', 72, 130);
    doc.restore();
    // pdfkit's own font is still the bold face; the graphics state's is the regular one again.
    doc.text('third', 72, 150);
    doc.rect(72, 160, 10, 10).fill();
    doc.text('fourth', 72, 170);
    expect(names(operators(await finish(doc)))).toEqual([
      'cm', 'cs', 'sc',
      'BT', 'Tm', 'Tf', 'TJ', 'ET',
      're', 'f',
      // The same font: no Tf in the second text object.
      'BT', 'Tm', 'TJ', 'ET',
      'q', 'BT', 'Tm', 'Tf', 'TJ', 'ET', 'Q',
      // Q has restored the regular face: the bold one is set again, and kept for the next object.
      'BT', 'Tm', 'Tf', 'TJ', 'ET',
      're', 'f',
      'BT', 'Tm', 'TJ', 'ET',
    ]);
  });

  it.skipIf(poppler.skip)(`puts every word where pdfkit puts it${poppler.reason}`, async () => {
    const render = async (patch: boolean): Promise<string[]> => {
      const doc = newDoc(patch);
      paragraph(doc);
      doc.fontSize(9).text('right-aligned', 72, 200, { width: 300, align: 'right' });
      doc.text('centred', 72, 220, { width: 300, align: 'center' });
      doc.text('a link', 72, 240, { link: 'https://example.org/', underline: true });
      return words(await finish(doc));
    };
    const plain = await render(false);
    expect(plain.length).toBeGreaterThan(15);
    expect(await render(true)).toEqual(plain);
  });

  it.skipIf(qpdf.skip || poppler.skip)(`writes glyph ids as literal strings, escaping the bytes that need it, and strokes from the palette${qpdf.reason || poppler.reason}`, async () => {
    // 94 distinct characters (! to ~): the subset's glyph ids run past 0x0a, 0x0d, 0x28, 0x29 and 0x5c.
    const ascii = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i)).join('');
    const lines = ascii.match(/.{1,19}/g)!;
    const render = async (patch: boolean): Promise<string> => {
      const doc = newDoc(patch);
      doc.addPage();
      doc.font(FACES.sans).fontSize(10).fillColor('#1f2328');
      lines.forEach((line, i) => doc.text(line, 72, 72 + 14 * i));
      doc.text('underlined', 72, 200, { underline: true });
      return finish(doc);
    };
    const patched = await render(true);
    const tjs = operators(patched, 1, true).filter((op) => op.endsWith(' TJ'));
    expect(tjs).toHaveLength(lines.length + 1);
    expect(tjs.filter((op) => !op.startsWith('[('))).toEqual([]);
    // Kerning adjustments with two decimals at most (pdfkit's six: 21.972656 → 21.97).
    const kerns = tjs.flatMap((op) => [...op.matchAll(/\) (-?[\d.]+) \(/g)].map((m) => m[1]!));
    expect(kerns.some((k) => k.includes('.'))).toBe(true);
    expect(kerns.filter((k) => /\.\d{3}/.test(k))).toEqual([]);
    expect(operators(patched).filter((op) => / (?:CS|SC|RG)$/.test(op))).toEqual(['/C0 CS', '0 SC']);
    const text = (pdf: string): string => run('pdftotext', ['-raw', pdf, '-']);
    expect(text(patched)).toBe(`${lines.join('\n')}\nunderlined\n\f`);
    expect(text(patched)).toBe(text(await render(false)));
  });

  it.skipIf(qpdf.skip)(`leaves what it does not handle to pdfkit: justified text, character spacing${qpdf.reason}`, async () => {
    const doc = newDoc(true);
    doc.addPage();
    doc.font(FACES.sans).fontSize(10);
    doc.text('justified text over a few words that wraps to the next line', 72, 72, { width: 120, align: 'justify' });
    doc.text('spaced', 72, 200, { characterSpacing: 2 });
    const ops = names(operators(await finish(doc)));
    expect(ops.filter((op) => op === 'Tw' || op === 'Tc')).toEqual(['Tc']);
    expect(ops.filter((op) => op === 'q')).toHaveLength(3);
  });

  it.skipIf(qpdf.skip || poppler.skip)(`nests the text object and the marked content it is in properly, on each side of a page break${qpdf.reason || poppler.reason}`, async () => {
    const doc = newDoc(true);
    doc.addPage();
    const root = doc.struct('Document');
    doc.addStructure(root);
    const p = doc.struct('P');
    root.add(p);
    p.add(doc.markStructureContent('P'));
    doc.font(FACES.sans).fontSize(10);
    doc.text('word '.repeat(4000), 72, 72, { width: 400 });
    doc.endMarkedContent();
    p.end();
    root.end();
    const pdf = await finish(doc);
    expect(run('qpdf', ['--check', pdf])).toContain('No syntax or stream encoding errors found');
    // The sequence holds nothing but the text object: it moves inside (`BT … BDC … EMC ET`).
    const first = names(operators(pdf, 1));
    expect(first.slice(0, 4)).toEqual(['cm', 'BT', 'Tm', 'BDC']);
    expect(first.slice(-2)).toEqual(['EMC', 'ET']);
    expect(first.filter((op) => op === 'BT')).toHaveLength(1);
    expect(names(operators(pdf, 2)).slice(0, 4)).toEqual(['cm', 'BT', 'Tm', 'BDC']);
    expect(run('pdftotext', ['-f', '2', '-l', '2', pdf, '-'])).toMatch(/^word word/);
  });

  it.skipIf(qpdf.skip || poppler.skip)(`joins the text of two structure elements in one text object, each marked-content sequence inside it${qpdf.reason || poppler.reason}`, async () => {
    const render = async (patch: boolean): Promise<string> => {
      const { doc, root } = taggedPage(patch);
      for (const [i, words] of ['first paragraph', 'second paragraph'].entries()) {
        const p = doc.struct('P');
        root.add(p);
        p.add(doc.markStructureContent('P'));
        doc.text(words, 72, 72 + 20 * i);
        doc.endMarkedContent();
        p.end();
      }
      root.end();
      return finish(doc);
    };
    const pdf = await render(true);
    expect(run('qpdf', ['--check', pdf])).toContain('No syntax or stream encoding errors found');
    expect(operators(pdf).map((op) => op.replace(/^\/P <<.*>> BDC$/, 'BDC'))).toEqual([
      '1 0 0 -1 0 792 cm',
      '/C0 cs',
      '0 sc',
      'BT',
      '1 0 0 -1 72 81.282 Tm',
      'BDC',
      '/F2 10 Tf',
      '[…] TJ',
      'EMC',
      // 20 pt down (the text matrix is flipped), from the start of the last line.
      '0 -20 Td',
      'BDC',
      '[…] TJ',
      'EMC',
      'ET',
    ]);
    // Every word where pdfkit alone puts it (to 0.01 pt: the writer's positions have three decimals).
    expect(words(pdf)).toEqual(words(await render(false)));
    expect(words(pdf)).toHaveLength(4);
  });
});

describe('character codes', () => {
  it.skipIf(qpdf.skip || poppler.skip)(`are one byte for a font's first 224 glyphs and two after, through the font's own CMaps: the same text and pixels as pdfkit's${qpdf.reason || poppler.reason}`, async () => {
    // 400 distinct characters in one face (Latin-1, Latin Extended-A and B, Greek, Cyrillic):
    // past the 224 one-byte codes, into the two-byte ones.
    const ranges: Array<[number, number]> = [[0x21, 0x7e], [0xa1, 0xff], [0x100, 0x17f], [0x391, 0x3a1], [0x3a3, 0x3c9], [0x410, 0x44f]];
    // (Without the soft hyphen U+00AD: drawn alone, pdf.js reads it from pdfkit's Identity-H font
    // but skips it, an invisible format mark, from these codes; poppler reads it from both.)
    const chars = ranges.flatMap(([a, b]) => Array.from({ length: b - a + 1 }, (_, i) => String.fromCodePoint(a + i))).filter((c) => c !== '\u00ad');
    expect(chars.length).toBeGreaterThan(400);
    const lines = chars.join('').match(/.{1,40}/gu)!;
    const render = async (patch: boolean): Promise<string> => {
      const doc = newDoc(patch);
      doc.addPage();
      doc.font(FACES.sans).fontSize(9).fillColor('#1f2328');
      lines.forEach((line, i) => doc.text(line, 40, 40 + 13 * i, { lineBreak: false }));
      // Drawn by pdfkit itself (justified), in hex: recoded on the way to the page.
      doc.text('justified text, set by pdfkit, with ΑΒΓ and Жж in it as well', 40, 600, { width: 150, align: 'justify' });
      return finish(doc);
    };
    const pdf = await render(true);
    const plain = await render(false);
    expect(run('qpdf', ['--check', pdf])).toContain('No syntax or stream encoding errors found');
    const text = (file: string): string => run('pdftotext', ['-raw', file, '-']);
    expect(text(pdf)).toBe(text(plain));
    expect(text(pdf)).toContain(lines[0]);
    expect(words(pdf)).toEqual(words(plain));
    const pixels = (file: string): Buffer => {
      run('pdftoppm', ['-r', '40', '-singlefile', file, file]);
      return fs.readFileSync(`${file}.ppm`);
    };
    expect(pixels(pdf).equals(pixels(plain))).toBe(true);
    // pdf.js reads the same text as from pdfkit's Identity-H.
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdfjsText = async (file: string): Promise<string> => {
      const document = await getDocument({ data: new Uint8Array(fs.readFileSync(file)), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
      const content = await (await document.getPage(1)).getTextContent();
      await document.destroy();
      return content.items.map((item) => ('str' in item ? item.str : '')).join('|');
    };
    const read = await pdfjsText(pdf);
    expect(read).toContain(lines[5]);
    expect(read).toBe(await pdfjsText(plain));
    // The font's encoding is the embedded CMap; both code spaces are in it and in the ToUnicode CMap.
    const qdf = `${pdf}.codes.qdf`;
    run('qpdf', ['--qdf', '--object-streams=disable', pdf, qdf]);
    const file = fs.readFileSync(qdf, 'latin1');
    expect(file).toMatch(/\/Encoding \d+ 0 R/);
    expect(file).not.toContain('/Identity-H');
    expect(file).toMatch(/\/Type \/CMap/);
    expect(file.match(/2 begincodespacerange\n<00> <df>\n<e000> <ffff>\nendcodespacerange/g)).toHaveLength(2);
    // Glyph strings of one byte a glyph, and two-byte codes for the glyphs past the 224th.
    const tjs = operators(pdf, 1, true).filter((op) => op.endsWith(' TJ'));
    expect(tjs.some((op) => op.includes('\xe0'))).toBe(true);
  });
});

describe('underlines', () => {
  it.skipIf(qpdf.skip || poppler.skip)(`are drawn after the text, as an artifact, so that a link's text joins the text object around it${qpdf.reason || poppler.reason}`, async () => {
    const render = async (patch: boolean): Promise<string> => {
      const { doc, root } = taggedPage(patch);
      const p = doc.struct('P');
      root.add(p);
      p.add(doc.markStructureContent('P'));
      doc.text('Read ', 72, 72, { continued: true });
      doc.endMarkedContent();
      const link = doc.struct('Link');
      p.add(link);
      link.add(doc.markStructureContent('Link'));
      doc.fillColor('#0b5cad').text('the link', { link: 'https://example.org/', underline: true, continued: true });
      doc.endMarkedContent();
      p.add(doc.markStructureContent('P'));
      doc.fillColor('#1f2328').text(' and go on.');
      doc.endMarkedContent();
      link.end();
      p.end();
      // A path after the text: the underline is drawn before it.
      doc.rect(72, 100, 10, 10).fill();
      root.end();
      return finish(doc);
    };
    const pdf = await render(true);
    expect(run('qpdf', ['--check', pdf])).toContain('No syntax or stream encoding errors found');
    const ops = names(operators(pdf));
    expect(ops.filter((op) => op === 'BT')).toHaveLength(1);
    const et = ops.indexOf('ET');
    expect(ops.slice(et, et + 11)).toEqual(['ET', 'BMC', 'q', 'CS', 'SC', 'w', 'm', 'l', 'S', 'Q', 'EMC']);
    expect(operators(pdf)[ops.indexOf('BMC')]).toBe('/Artifact BMC');
    expect(ops.slice(et + 11)).toEqual(['re', 'f']);
    // Every word where pdfkit alone puts it, and the same underline.
    expect(words(pdf)).toEqual(words(await render(false)));
    // (Its coordinates to 0.001 pt, as every path's.)
    const line = (file: string): string[] =>
      operators(file)
        .filter((op) => / (?:m|l|w)$/.test(op))
        .map((op) => op.replace(/[\d.]+/g, (n) => Number(n).toFixed(2)))
        .sort();
    expect(line(pdf)).toEqual(line(await render(false)));
  });
});

describe('the palette', () => {
  it.skipIf(qpdf.skip || poppler.skip)(`holds each 8-bit fill and stroke colour once, in order of first use; others stay rg, and every pixel is pdfkit's${qpdf.reason || poppler.reason}`, async () => {
    const render = async (patch: boolean): Promise<string> => {
      const doc = newDoc(patch);
      doc.addPage();
      doc.font(FACES.sans).fontSize(10);
      doc.fillColor('#1f2328').text('ink', 72, 72);
      doc.fillColor('#0b5cad').text('link colour', 72, 92);
      doc.fillColor('#1f2328').text('ink again', 72, 112);
      // Not a multiple of 1/255: no exact 8-bit entry, so written as it is.
      doc.fillColor([10.2, 20, 30]).text('off the grid', 72, 132);
      doc.save();
      doc.rect(72, 150, 50, 10).fill('#0b5cad');
      doc.restore();
      doc.fillColor('#0b5cad').text('after the restore', 72, 172, { underline: true });
      return finish(doc);
    };
    const pdf = await render(true);
    expect(run('qpdf', ['--check', pdf])).toContain('No syntax or stream encoding errors found');
    const ops = operators(pdf);
    expect(ops.filter((op) => / (?:sc|cs|rg|SC|CS|RG)$/.test(op))).toEqual([
      '/C0 cs', '0 sc', '1 sc', '0 sc', '0.04 0.0784 0.1176 rg',
      // In q … Q the palette is set again (rg has left it); the Q restores the rg colour.
      '/C0 cs', '1 sc',
      // The underline's stroke colour (in its own q … Q), from the same palette.
      '/C0 cs', '1 sc', '/C0 CS', '1 SC',
    ]);
    const qdf = `${pdf}.palette.qdf`;
    run('qpdf', ['--qdf', '--object-streams=disable', pdf, qdf]);
    expect(fs.readFileSync(qdf, 'latin1')).toMatch(/\/C0 \[\s*\/Indexed\s+\/DeviceRGB\s+1\s+<1f23280b5cad>\s*\]/);
    // The same pixels as pdfkit's own rg colours.
    const pixels = (file: string): Buffer => {
      run('pdftoppm', ['-r', '40', '-singlefile', file, file]);
      return fs.readFileSync(`${file}.ppm`);
    };
    expect(pixels(pdf).equals(pixels(await render(false)))).toBe(true);
  });
});

describe('path coordinates', () => {
  it.skipIf(qpdf.skip)(`are written with three decimals at most, within 0.0005 of pdfkit's${qpdf.reason}`, async () => {
    const paths = async (patch: boolean): Promise<string[]> => {
      const doc = newDoc(patch);
      doc.addPage();
      doc.roundedRect(10.123456, 20.987654, 100.5555555, 50.4444444, 3.3333333).fill('#eeeeee');
      doc.moveTo(1.23456789, 2).lineTo(3.33333333, 4.0000001).stroke();
      doc.rect(5.55555, 6.66666, 7.77777, 8.88888).stroke();
      return operators(await finish(doc)).filter((op) => / (?:m|l|c|re)$/.test(op));
    };
    const plain = await paths(false);
    const short = await paths(true);
    expect(short).toHaveLength(plain.length);
    expect(plain.some((op) => /\.\d{4,}/.test(op))).toBe(true);
    short.forEach((op, i) => {
      expect(op, op).not.toMatch(/\.\d{4,}/);
      const a = plain[i]!.split(' ');
      const b = op.split(' ');
      expect(b.at(-1)).toBe(a.at(-1));
      a.slice(0, -1).forEach((n, k) => expect(Math.abs(Number(b[k]) - Number(n))).toBeLessThanOrEqual(0.0005));
    });
  });
});

describe('captureContent', () => {
  it.skipIf(qpdf.skip || poppler.skip)(`returns what a drawing writes, with every font and colour, and leaves the page's state as it was${qpdf.reason || poppler.reason}`, async () => {
    const doc = newDoc(true);
    doc.addPage();
    doc.font(FACES.sans).fontSize(10).fillColor('#336699').text('on the page', 72, 72, { lineBreak: false });
    // The same font and colour are current on the page: the capture writes them all the same.
    const content = captureContent(doc, () => {
      doc.font(FACES.sans).fontSize(10).fillColor('#336699').text('in the form', 72, 144, { lineBreak: false });
    });
    const lines = content.trim().split('\n');
    expect(lines.map((line) => line.split(' ').pop())).toEqual(['cs', 'sc', 'BT', 'Tm', 'Tf', 'TJ', 'ET']);
    const name = formXObject(doc, content);
    paintForm(doc, name);
    // After the form, the page's state is the one before it: the same colour and font are not written again.
    doc.font(FACES.sans).fontSize(10).fillColor('#336699').text('after the form', 72, 216, { lineBreak: false });
    const pdf = await finish(doc);
    expect(run('qpdf', ['--check', pdf])).toContain('No syntax or stream encoding errors found');
    const ops = names(operators(pdf));
    expect(ops.filter((op) => op === 'sc')).toHaveLength(1);
    expect(ops.filter((op) => op === 'Tf')).toHaveLength(1);
    expect(ops).toContain('Do');
    expect(run('pdftotext', [pdf, '-']).replace(/\s+/g, ' ').trim()).toBe('on the page in the form after the form');
  });
});

describe('cacheTextWidths', () => {
  it("caches each face's widths by string, with pdfkit's own arithmetic", () => {
    const plain = newDoc(false);
    const cached = newDoc(false);
    cacheTextWidths(cached);
    for (const doc of [plain, cached]) doc.font(FACES.sans).fontSize(10.4);
    const sample = 'The key idea — σ-algebra, Łukasz ≈ café';
    expect(cached.widthOfString(sample)).toBe(plain.widthOfString(sample));
    expect(cached.fontSize(7.3).widthOfString(sample)).toBe(plain.fontSize(7.3).widthOfString(sample));
    const widths = Object.getOwnPropertySymbols((cached as unknown as { _font: object })._font).map((s) => (cached as unknown as { _font: Record<symbol, Map<string, number>> })._font[s]!);
    expect(widths[0]!.has(sample)).toBe(true);
  });

  it('measures a string of several words as pdfkit does, to the bit (short, long, tabs, spaces at the ends)', () => {
    const plain = newDoc(false);
    const cached = newDoc(false);
    cacheTextWidths(cached);
    const samples = ['  two  spaces ', 'tab\tand space', 'Fréchet Łukasz café naïve σ-algebra μ-law ε-greedy ≈ approximation — dash '.repeat(3), 'x', ''];
    for (const size of [10.4, 7.3, 13]) {
      for (const doc of [plain, cached]) doc.font(FACES['sans-bold']).fontSize(size);
      for (const sample of samples) expect(cached.widthOfString(sample)).toBe(plain.widthOfString(sample));
    }
  });

  it('says whether a text is wider than a limit, as widthOfString would, measuring words until it is', () => {
    const doc = newDoc(false);
    cacheTextWidths(doc);
    doc.font(FACES.sans).fontSize(10.4);
    const text = 'The key idea is that the weights are updated by the gradient of the loss, step by step. '.repeat(6);
    const width = doc.widthOfString(text);
    for (const limit of [0, 1, width / 3, width - 1e-9, width, width + 1e-9, 2 * width]) expect(widthOver(doc, text, limit)).toBe(width > limit);
    expect(widthOver(doc, '', 0)).toBe(false);
    // Over the limit after the first line's worth of words: the words after it are not measured yet.
    const widths = Object.getOwnPropertySymbols((doc as unknown as { _font: object })._font).map((s) => (doc as unknown as { _font: Record<symbol, unknown> })._font[s]).find((v) => v instanceof Map) as Map<string, number>;
    widths.clear();
    expect(widthOver(doc, 'first second third fourth', doc.widthOfString('first ') / 2)).toBe(true);
    expect([...widths.keys()]).toEqual(['first ']);
  });

  it('empties the caches with the layout caches, past the given number of words', () => {
    const doc = newDoc(false);
    cacheTextWidths(doc);
    doc.addPage();
    doc.font(FACES.sans).text('several distinct words here');
    const families = (doc as unknown as { _fontFamilies: Record<string, { layoutCache?: object }> })._fontFamilies;
    const layoutWords = () => Object.values(families).reduce((n, f) => n + Object.keys(f.layoutCache ?? {}).length, 0);
    const before = layoutWords();
    expect(before).toBeGreaterThan(3);
    clearLayoutCaches(doc, 1000);
    expect(layoutWords()).toBe(before);
    clearLayoutCaches(doc, 2);
    expect(layoutWords()).toBe(0);
  });
});

describe('textAt', () => {
  it.skipIf(qpdf.skip)(`draws one line as text(…, { lineBreak: false }) does: the same operators, and the cursor after the text${qpdf.reason}`, async () => {
    const draw = (fast: boolean): { doc: Doc; widths: number[]; cursor: number[] } => {
      const { doc, root } = taggedPage(true);
      const p = doc.struct('P');
      root.add(p);
      p.add(doc.markStructureContent('P'));
      const widths: number[] = [];
      let x = 72;
      for (const [face, colour, text] of [['mono', '#1f2328', 'def '], ['mono-bold', '#8250df', 'step_7'], ['mono', '#1f2328', '(x, lr=0.01):']] as const) {
        doc.font(FACES[face]).fontSize(9).fillColor(colour);
        if (fast) widths.push(textAt(doc, text, x, 100));
        else {
          doc.text(text, x, 100, { lineBreak: false });
          widths.push(doc.widthOfString(text));
        }
        x += widths[widths.length - 1]!;
      }
      const cursor = [doc.x, doc.y];
      doc.endMarkedContent();
      p.end();
      root.end();
      return { doc, widths, cursor };
    };
    const [slow, fast] = [draw(false), draw(true)];
    expect(fast.widths).toEqual(slow.widths);
    expect(fast.cursor).toEqual(slow.cursor);
    const [a, b] = [await finish(slow.doc), await finish(fast.doc)];
    expect(operators(b, 1, true)).toEqual(operators(a, 1, true));
  });
});

describe('coalesceOutput', () => {
  it('writes the same bytes as pdfkit, in 64 KiB blocks, the offsets of the cross-reference table included', async () => {
    const bytes = async (coalesce: boolean): Promise<Buffer> => {
      const doc = newDoc(true);
      if (coalesce) coalesceOutput(doc);
      for (let i = 0; i < 300; i++) doc.addPage().font(FACES.sans).fontSize(10).text(`Page ${i + 1}: Fréchet Łukasz — ${'filler '.repeat(20)}`, 72, 72, { width: 400, link: `https://example.org/${i}` });
      const chunks: Uint8Array[] = [];
      const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
      doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
      doc.end();
      await done;
      return Buffer.concat(chunks);
    };
    const [plain, coalesced] = [await bytes(false), await bytes(true)];
    expect(coalesced.length).toBeGreaterThan(1 << 16);
    expect(coalesced.equals(plain)).toBe(true);
  });
});
