// One test per entry of src/pdfkit/internals.ts: the private shape the entry relies on is
// still there, and the patch still changes what pdfkit writes (read back with qpdf and
// poppler, compared with what plain pdfkit writes). A pdfkit upgrade that moves an internal
// fails here first.
import { execFileSync } from 'node:child_process';
import { deflateSync, inflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { fontFiles } from '../src/fonts.js';
import {
  adler32,
  attachGoToLinksToStructure,
  clearLayoutCaches,
  closeContentStream,
  coalesceOutput,
  embedImage,
  escapeXmpMetadata,
  jpegColorSpace,
  pdfString,
  pngDecoder,
  roundAnnotationRects,
  setCurrentStructureElement,
  shareResources,
  sortDestinationsByBytes,
  structType,
  unfinishedObjects,
} from '../src/pdfkit/internals.js';
import { cleanup, deref, needs, png, qpdfJson, run, tempFile, text } from './helpers.js';

afterAll(cleanup);

type Doc = PDFKit.PDFDocument;
const DATE = new Date(Date.UTC(2026, 0, 1));

/** A pdfkit document as the guide makes them (tagged, buffered pages, fixed dates). */
function newDoc(info: Record<string, unknown> = {}): Doc {
  return new PDFDocument({ bufferPages: true, autoFirstPage: false, pdfVersion: '1.7', tagged: true, info: { CreationDate: DATE, ModDate: DATE, ...info } } as PDFKit.PDFDocumentOptions);
}

/** Ends the document and returns its bytes and how many chunks pdfkit pushed. */
async function finish(doc: Doc): Promise<{ bytes: Uint8Array; chunks: number }> {
  const chunks: Uint8Array[] = [];
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  doc.end();
  await done;
  return { bytes: Buffer.concat(chunks), chunks: chunks.length };
}

let files = 0;
function write(bytes: Uint8Array): string {
  return tempFile(`internals-${++files}.pdf`, bytes);
}

/** Link annotations of the first page, as qpdf reads them. */
function annotations(pdf: string): Array<Record<string, unknown>> {
  const json = qpdfJson(pdf);
  const page = json.objects.get(json.pages[0]!) as Record<string, unknown>;
  return ((deref(json, page['/Annots']) as unknown[] | undefined) ?? []).map((ref) => deref(json, ref) as Record<string, unknown>);
}

const qpdf = needs('qpdf');
const poppler = needs('pdftotext', 'pdfinfo');

describe('sortDestinationsByBytes', () => {
  /** The keys of the named-destination tree, in the order written in the file. */
  async function destinationKeys(patch: boolean): Promise<string[]> {
    const doc = newDoc();
    if (patch) sortDestinationsByBytes(doc);
    doc.addPage();
    for (const name of ['b', 'Z', 'é', 'a']) doc.addNamedDestination(name, 'XYZ', null, 0, null);
    const json = qpdfJson(write((await finish(doc)).bytes));
    const catalog = [...json.objects.values()].find((o) => (o as Record<string, unknown> | undefined)?.['/Type'] === '/Catalog') as Record<string, unknown>;
    const names = deref(json, catalog['/Names']) as Record<string, unknown>;
    const dests = deref(json, names['/Dests']) as Record<string, unknown>;
    return (dests['/Names'] as unknown[]).filter((_, i) => i % 2 === 0).map((key) => text(key) ?? String(key));
  }

  it('relies on the catalog name tree having a _compareKeys method', () => {
    const doc = newDoc();
    expect(typeof (doc as unknown as { _root: { data: { Names: { data: { Dests: { _compareKeys: unknown } } } } } })._root.data.Names.data.Dests._compareKeys).toBe('function');
  });

  it.skipIf(qpdf.skip)(`writes the keys in byte order (ASCII, then UTF-16 with its BOM), not locale order${qpdf.reason}`, async () => {
    expect(await destinationKeys(false)).toEqual(['a', 'b', 'é', 'Z']);
    expect(await destinationKeys(true)).toEqual(['Z', 'a', 'b', 'é']);
  });
});

describe('attachGoToLinksToStructure and _currentStructureElement', () => {
  /** Draws a web link and a link to a destination inside a Link element, as drawRuns does. */
  async function links(patch: boolean): Promise<Array<Record<string, unknown>>> {
    const doc = newDoc();
    if (patch) attachGoToLinksToStructure(doc);
    doc.addPage();
    doc.addNamedDestination('target', 'XYZ', null, 0, null);
    const root = doc.struct('Document');
    doc.addStructure(root);
    for (const option of [{ link: 'https://example.org/' }, { goTo: 'target' }]) {
      const link = doc.struct('Link');
      root.add(link);
      link.add(doc.markStructureContent('Link'));
      setCurrentStructureElement(doc, link);
      doc.text('a link', option);
      setCurrentStructureElement(doc, undefined);
      doc.endMarkedContent();
      link.end();
    }
    root.end();
    return annotations(write((await finish(doc)).bytes));
  }

  it.skipIf(qpdf.skip)(`pdfkit's text() attaches a web link to the element in _currentStructureElement; goTo links only with the patch${qpdf.reason}`, async () => {
    const plain = await links(false);
    expect(plain.map((a) => '/StructParent' in a)).toEqual([true, false]);
    const patched = await links(true);
    expect(patched.map((a) => '/StructParent' in a)).toEqual([true, true]);
    expect(text(patched[1]!['/Contents'])).toBe('link to another question');
  });

  it("reads an element's type from its dictionary", () => {
    const doc = newDoc();
    expect(structType(doc.struct('TD'))).toBe('TD');
  });
});

describe('roundAnnotationRects', () => {
  it('relies on annotate converting the rectangle with _convertRect', () => {
    expect(typeof (newDoc() as unknown as { _convertRect?: unknown })._convertRect).toBe('function');
  });

  it.skipIf(qpdf.skip)(`writes an annotation's /Rect to a hundredth of a point, within 0.005 of pdfkit's${qpdf.reason}`, async () => {
    const rects = async (patch: boolean): Promise<number[][]> => {
      const doc = newDoc();
      if (patch) roundAnnotationRects(doc);
      doc.addPage();
      doc.link(10.123456, 20.987654, 100.5555555, 12.4444444, 'https://example.org/');
      doc.annotate(33.33333, 44.44444, 5.55555, 6.66666, { Subtype: 'Link', A: { S: 'URI', URI: pdfString('https://example.org/b') } } as unknown as PDFKit.Mixins.AnnotationOption);
      return annotations(write((await finish(doc)).bytes)).map((a) => a['/Rect'] as number[]);
    };
    const plain = await rects(false);
    const short = await rects(true);
    expect(short).toHaveLength(2);
    expect(plain.flat().some((n) => !Number.isInteger(Math.round(n * 100 * 1e6) / 1e6))).toBe(true);
    short.flat().forEach((n, i) => {
      expect(Math.abs(n * 100 - Math.round(n * 100))).toBeLessThan(1e-6);
      expect(Math.abs(n - plain.flat()[i]!)).toBeLessThanOrEqual(0.005 + 1e-9);
    });
  });
});

describe('pdfString', () => {
  it.skipIf(qpdf.skip)(`makes pdfkit write a text string where a plain string becomes a name${qpdf.reason}`, async () => {
    const doc = newDoc();
    doc.addPage();
    doc.addNamedDestination('target', 'XYZ', null, 0, null);
    doc.goTo(10, 10, 50, 10, 'target', { Contents: 'plain' } as unknown as PDFKit.Mixins.AnnotationOption);
    doc.goTo(10, 30, 50, 10, 'target', { Contents: pdfString('as text') } as unknown as PDFKit.Mixins.AnnotationOption);
    const [plain, wrapped] = annotations(write((await finish(doc)).bytes));
    expect(plain!['/Contents']).toBe('/plain');
    expect(wrapped!['/Contents']).toBe('u:as text');
  });
});

describe('closeContentStream', () => {
  it('relies on page.content being a stream reference that /Contents points to', () => {
    const doc = newDoc();
    doc.addPage();
    expect(typeof doc.page.content.end).toBe('function');
    expect((doc.page.dictionary.data as { Contents?: unknown }).Contents).toBe(doc.page.content);
  });

  it('relies on page.content gathering uncompressed chunks in buffer and compressing them in finalize', () => {
    const doc = newDoc();
    doc.addPage();
    const content = doc.page.content as unknown as { buffer: unknown; compress: unknown; finalize: unknown };
    expect(Array.isArray(content.buffer)).toBe(true);
    expect(content.compress).toBe(true);
    expect(typeof content.finalize).toBe('function');
  });

  it.skipIf(qpdf.skip || poppler.skip)(`compresses a page's content so far, and writes it with the rest as one stream${qpdf.reason || poppler.reason}`, async () => {
    const doc = newDoc();
    doc.addPage();
    doc.text('before the split', 72, 72);
    const page = doc.page;
    closeContentStream(doc, page);
    // The compressed part is kept, not the chunks.
    expect((page.content as unknown as { buffer: unknown[] }).buffer).toHaveLength(0);
    doc.text('after the split', 72, 144);
    closeContentStream(doc, page); // a page left twice: one part per time
    doc.text('and after the second', 72, 216);
    const pdf = write((await finish(doc)).bytes);
    expect(run('qpdf', ['--check', pdf])).toContain('No syntax or stream encoding errors found');
    const json = qpdfJson(pdf);
    const contents = (json.objects.get(json.pages[0]!) as Record<string, unknown>)['/Contents'];
    expect(typeof contents).toBe('string'); // one stream, not an array
    expect(run('pdftotext', [pdf, '-']).replace(/\s+/g, ' ').trim()).toBe('before the split after the split and after the second');
    // An independent inflate, which checks the Adler-32, reads the stream whole.
    const raw = execFileSync('qpdf', ['--show-object=' + String(contents).replace(' 0 R', ''), '--raw-stream-data', pdf]);
    const inflated = inflateSync(raw).toString('latin1');
    expect(inflated.split(' TJ').length - 1).toBeGreaterThanOrEqual(3);
  });

  it('computes Adler-32 as zlib does, in pieces as at once', () => {
    const bytes = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919) & 0xff));
    const whole = adler32(1, bytes);
    expect(adler32(adler32(1, bytes.subarray(0, 7000)), bytes.subarray(7000))).toBe(whole);
    // zlib's own checksum: the last four bytes of a zlib stream.
    const zlibbed = deflateSync(bytes);
    expect(whole).toBe(zlibbed.readUInt32BE(zlibbed.length - 4));
    expect(adler32(1, Buffer.alloc(0))).toBe(1);
  });
});

describe('shareResources', () => {
  it("relies on each page's resources being made by doc.ref({ ProcSet }) while addPage runs", () => {
    const doc = newDoc();
    const made: unknown[] = [];
    const ref = doc.ref.bind(doc);
    doc.ref = ((data?: unknown) => {
      made.push(data);
      return ref(data as object);
    }) as typeof doc.ref;
    doc.addPage();
    expect(made.filter((data) => data !== null && typeof data === 'object' && 'ProcSet' in data)).toHaveLength(1);
    expect((doc.page.dictionary.data as { Resources?: unknown }).Resources).toBe(doc.page.resources);
  });

  it.skipIf(qpdf.skip || poppler.skip)(`gives every page one resources dictionary, written once, with every page's fonts${qpdf.reason || poppler.reason}`, async () => {
    const render = async (patch: boolean): Promise<string> => {
      const doc = newDoc();
      if (patch) shareResources(doc);
      const fonts = fontFiles();
      doc.registerFont('sans', fonts.get('sans')!);
      doc.registerFont('mono', fonts.get('mono')!);
      doc.addPage().font('sans').text('page one', 72, 72);
      doc.addPage().font('mono').text('page two', 72, 72);
      doc.addPage().font('sans').text('page three', 72, 72).font('mono').text('in mono');
      const bytes = (await finish(doc)).bytes;
      expect(unfinishedObjects(doc)).toBe(0);
      return write(bytes);
    };
    const plain = await render(false);
    const shared = await render(true);
    expect(run('qpdf', ['--check', shared])).toContain('No syntax or stream encoding errors found');
    const json = qpdfJson(shared);
    const resources = json.pages.map((page) => (json.objects.get(page) as Record<string, unknown>)['/Resources']);
    expect(new Set(resources).size).toBe(1);
    const plainJson = qpdfJson(plain);
    // Two objects fewer than plain pdfkit's (one resources dictionary per page), the fonts of all pages in the one.
    expect(json.objects.size).toBe(plainJson.objects.size - 2);
    const fontsOf = (j: typeof json, page: string) => Object.keys(((deref(j, (j.objects.get(page) as Record<string, unknown>)['/Resources']) as Record<string, unknown>)['/Font'] ?? {}) as object);
    expect(fontsOf(json, json.pages[0]!).sort()).toEqual([...new Set(plainJson.pages.flatMap((page) => fontsOf(plainJson, page)))].sort());
    expect(run('pdftotext', [shared, '-'])).toBe(run('pdftotext', [plain, '-']));
  });
});

describe('coalesceOutput', () => {
  async function render(patch: boolean): Promise<{ bytes: Uint8Array; chunks: number }> {
    const doc = newDoc();
    if (patch) coalesceOutput(doc);
    doc.addPage();
    for (let i = 0; i < 20; i++) doc.text(`line ${i}`);
    return finish(doc);
  }

  it('gathers the chunks that pdfkit pushes into few blocks, with the same bytes', async () => {
    const plain = await render(false);
    const patched = await render(true);
    // pdfkit calls push() with many small chunks: the patch sits on that method.
    expect(plain.chunks).toBeGreaterThan(30);
    expect(patched.chunks * 10).toBeLessThan(plain.chunks);
    expect(Buffer.from(patched.bytes).equals(Buffer.from(plain.bytes))).toBe(true);
  });
});

describe('clearLayoutCaches', () => {
  it('empties the per-word layout cache that each embedded font keeps in _fontFamilies', async () => {
    const doc = newDoc();
    doc.registerFont('DejaVuSans', fontFiles().get('sans') as Buffer);
    doc.addPage();
    doc.font('DejaVuSans').text('several distinct words here');
    const families = (doc as unknown as { _fontFamilies: Record<string, { layoutCache?: object }> })._fontFamilies;
    const cached = () => Object.values(families).reduce((n, f) => n + Object.keys(f.layoutCache ?? {}).length, 0);
    expect(cached()).toBeGreaterThan(0);
    clearLayoutCaches(doc);
    expect(cached()).toBe(0);
    doc.text('more words');
    expect(cached()).toBeGreaterThan(0);
    await finish(doc);
  });
});

describe('escapeXmpMetadata', () => {
  async function metadata(patch: boolean): Promise<{ xmp: string; title: string }> {
    const doc = newDoc({ Title: 'Q&A <guide>' });
    if (patch) escapeXmpMetadata(doc);
    doc.addPage();
    const pdf = write((await finish(doc)).bytes);
    const title = /^Title:\s*(.*)$/m.exec(run('pdfinfo', [pdf]))?.[1] ?? '';
    return { xmp: run('pdfinfo', ['-meta', pdf]), title };
  }

  it('relies on _addInfo writing the Info entries into the XMP metadata', () => {
    expect(typeof (newDoc() as unknown as { _addInfo: unknown })._addInfo).toBe('function');
  });

  it.skipIf(poppler.skip)(`escapes the title in the XMP metadata and keeps it plain in the Info dictionary${poppler.reason}`, async () => {
    const plain = await metadata(false);
    expect(plain.xmp).toContain('<rdf:li xml:lang="x-default">Q&A <guide></rdf:li>');
    const patched = await metadata(true);
    expect(patched.xmp).toContain('<rdf:li xml:lang="x-default">Q&amp;A &lt;guide&gt;</rdf:li>');
    expect(patched.title).toBe('Q&A <guide>');
  });
});

describe('unfinishedObjects', () => {
  it('counts, in _waiting, the objects started and not ended', async () => {
    const doc = newDoc();
    doc.addPage();
    const open = doc.ref({});
    doc.end();
    expect(unfinishedObjects(doc)).toBe(1);
    const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
    doc.on('data', () => {});
    open.end();
    await done;
    expect(unfinishedObjects(doc)).toBe(0);
  });
});

describe('images', () => {
  it('reads the png-js decoder of an opened PNG, which pdfkit drops once the image is written', async () => {
    const doc = newDoc();
    const image = doc.openImage(png(4, 2, true));
    const decoder = pngDecoder(image);
    expect(decoder).toMatchObject({ width: 4, height: 2, hasAlphaChannel: true, interlaceMethod: 0, pixelBitlength: 32 });
    expect(decoder!.imgData).toBeInstanceOf(Uint8Array);
    expect(decoder!.transparency).toBeTypeOf('object');
    await embedImage(doc, image);
    expect(pngDecoder(image)).toBeUndefined();
    expect(image.obj).not.toBeNull();
    await finish(doc);
  });

  it("reads a JPEG's colour space from its header", () => {
    // SOI, SOF0 (32 × 16, 3 components), EOI.
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x20, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01, 0xff, 0xd9]);
    expect(jpegColorSpace(newDoc().openImage(jpeg))).toBe('DeviceRGB');
  });
});

describe('the pin', () => {
  it('depends on exactly the pdfkit version these tests ran against', async () => {
    const fs = await import('node:fs');
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const wanted = JSON.parse(fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')).dependencies.pdfkit;
    // pdfkit's exports map hides its package.json: it sits next to the js/ folder of the entry.
    const installed = JSON.parse(fs.readFileSync(new URL('../package.json', `file://${require.resolve('pdfkit')}`), 'utf8')).version;
    expect(wanted).toMatch(/^\d+\.\d+\.\d+$/);
    expect(wanted).toBe(installed);
  });
});
