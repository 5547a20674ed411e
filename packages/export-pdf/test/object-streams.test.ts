// The guide's dictionaries go into compressed object streams, with a cross-reference stream.
// Checked with qpdf on a small pdfkit document: the same objects, read back, before and after.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { exportPdf } from '../src/index.js';
import { packObjectStreams, renumbered, renumberReferences } from '../src/object-streams.js';
import { cleanup, corpusOf, DATE, needs, run, tempFile } from './helpers.js';

afterAll(cleanup);

const qpdf = needs('qpdf');

async function plainDocument(): Promise<Uint8Array> {
  const doc = new PDFDocument({ pdfVersion: '1.7', tagged: true, info: { Title: 'Q&A (objects)', CreationDate: DATE, ModDate: DATE } } as PDFKit.PDFDocumentOptions);
  const chunks: Uint8Array[] = [];
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.on('data', (chunk: Uint8Array) => chunks.push(chunk));
  const root = doc.struct('Document');
  doc.addStructure(root);
  doc.addNamedDestination('here', 'XYZ', null, 0, null);
  for (const word of ['first', 'second (with parentheses) and \\ backslash', 'dernière ligne']) {
    const p = doc.struct('P');
    root.add(p);
    p.add(doc.markStructureContent('P'));
    doc.text(word, { link: 'https://example.org/' });
    doc.endMarkedContent();
    p.end();
  }
  doc.addPage().text('page two');
  root.end();
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** qpdf's JSON of every object, by "obj:N 0 R", without the object and xref streams. */
function objects(pdf: string): Record<string, unknown> {
  const json = JSON.parse(run('qpdf', ['--json=2', '--json-key=qpdf', '--decode-level=all', pdf])) as { qpdf: [unknown, Record<string, { stream?: { dict: Record<string, unknown> } }>] };
  return Object.fromEntries(Object.entries(json.qpdf[1]).filter(([key, value]) => key.startsWith('obj:') && !['/ObjStm', '/XRef'].includes(String(value.stream?.dict['/Type']))));
}

/** qpdf's rewrite of a file with its objects numbered in qpdf's own order, up to the cross-reference table. */
function canonical(pdf: string): string {
  const qdf = `${pdf}.canonical.qdf`;
  run('qpdf', ['--qdf', '--object-streams=disable', '--normalize-content=n', '--static-id', pdf, qdf]);
  const text = fs.readFileSync(qdf, 'latin1');
  return text
    .slice(0, text.lastIndexOf('\nxref\n'))
    .split('\n')
    .filter((line) => !line.startsWith('%% Original object ID'))
    .join('\n');
}

describe('object streams', () => {
  it.skipIf(qpdf.skip)(`keeps every object as it was, and compresses every one that is not a stream${qpdf.reason}`, async () => {
    const raw = await plainDocument();
    const packed = packObjectStreams(raw);
    expect(packed.length).toBeLessThan(raw.length);
    const [before, after] = [tempFile('plain.pdf', raw), tempFile('packed.pdf', packed)];
    expect(run('qpdf', ['--check', after])).toContain('No syntax or stream encoding errors found');
    // Renumbered (in the order written), so compared the way qpdf writes both: every object
    // renumbered in its own traversal order from the trailer, uncompressed, its comments and
    // the offsets of the cross-reference table left out.
    expect(canonical(after)).toEqual(canonical(before));
    expect(Object.keys(objects(after))).toHaveLength(Object.keys(objects(before)).length);
    const xref = run('qpdf', ['--show-xref', after]).trim().split('\n');
    const streams = Object.values(objects(before)).filter((o) => typeof o === 'object' && o !== null && 'stream' in o).length;
    expect(xref.filter((l) => l.includes('uncompressed'))).toHaveLength(streams + 2); // + the object streams and the xref stream
    expect(xref.filter((l) => l.includes('compressed;') && !l.includes('uncompressed')).length).toBeGreaterThan(10);
  });

  it.skipIf(qpdf.skip)(`is how the guide is written${qpdf.reason}`, async () => {
    const pdf = tempFile('guide.pdf', await exportPdf(corpusOf('# 1. A question?\n\nAn answer.\n'), { assets: new Map(), date: DATE }));
    expect(run('qpdf', ['--check', pdf])).toContain('No syntax or stream encoding errors found');
    expect(run('qpdf', ['--show-xref', pdf])).toMatch(/compressed; stream = \d+, index = 0/);
  });

  it.skipIf(qpdf.skip)(`packs hundreds of thousands of objects (a 10,000-question guide has some 300,000)${qpdf.reason}`, () => {
    // A file as pdfkit writes one: objects, a cross-reference table, a trailer.
    const count = 250_000;
    const parts: string[] = ['%PDF-1.7\n'];
    const offsets: number[] = [];
    let length = parts[0]!.length;
    const add = (text: string): void => {
      parts.push(text);
      length += text.length;
    };
    offsets.push(length);
    add(`1 0 obj\n<<\n/Type /Catalog\n/Pages 2 0 R\n>>\nendobj\n`);
    offsets.push(length);
    add(`2 0 obj\n<<\n/Type /Pages\n/Kids []\n/Count 0\n/Chain 3 0 R\n>>\nendobj\n`);
    for (let n = 3; n <= count; n++) {
      offsets.push(length);
      add(`${n} 0 obj\n<<\n/S /P\n/Next ${n < count ? n + 1 : 1} 0 R\n>>\nendobj\n`);
    }
    const xrefAt = length;
    add(`xref\n0 ${count + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`);
    add(`trailer\n<<\n/Size ${count + 1}\n/Root 1 0 R\n>>\nstartxref\n${xrefAt}\n%%EOF\n`);
    const packed = packObjectStreams(Buffer.from(parts.join(''), 'latin1'));
    const file = tempFile('many.pdf', packed);
    expect(run('qpdf', ['--check', file])).toContain('No syntax or stream encoding errors found');
    expect(run('qpdf', ['--show-npages', file]).trim()).toBe('0');
  }, 60_000);

  it('renumbers references, and only references: not numbers in strings, names or arrays', () => {
    const map = (n: number): number => n + 100;
    expect(renumbered('<< /K [3 5 0 R] /P 12 0 R /Pg 7 0 R /S /P >>', map)).toBe('<< /K [3 105 0 R] /P 112 0 R /Pg 107 0 R /S /P >>');
    expect(renumbered('/Nums [0 [626 0 R 627 0 R] 1 634 0 R]', map)).toBe('/Nums [0 [726 0 R 727 0 R] 1 734 0 R]');
    expect(renumbered('/Font << /F1 27 0 R >> /MediaBox [0 0 595.28 841.89]', map)).toBe('/Font << /F1 127 0 R >> /MediaBox [0 0 595.28 841.89]');
    expect(renumbered('/Title (see 12 0 R \\) (nested 3 0 R) here) /T <3120302052> /Next 4 0 R', map)).toBe('/Title (see 12 0 R \\) (nested 3 0 R) here) /T <3120302052> /Next 104 0 R');
    expect(renumbered('/A#201 0 R /B 1.5 0 R /C 2 0 RG', map)).toBe('/A#201 0 R /B 1.5 0 R /C 2 0 RG');
  });

  it('finds the references that the regular expression of a reference token finds', () => {
    const map = (n: number): number => n + 100;
    expect(renumberReferences('1 2 3 R x-4 0 R _5 0 R 6 0 R\u00a07 0 R', map)).toBe('1 102 3 R x-4 0 R _5 0 R 106 0 R\u00a0107 0 R');
    expect(renumberReferences('8 0 R', map)).toBe('108 0 R');
    expect(renumberReferences(' 0 R 9  0 R 10 0 R/11 0 R>>', map)).toBe(' 0 R 9  0 R 110 0 R/111 0 R>>');
    // The expression it replaces, on strings made of the pieces that matter to it.
    const expression = /(?<![\w.#+-])(\d+) (\d+) R(?![^\s[\]<>()/%{}])/g;
    const pieces = ['1', '23', '0', ' ', ' R', 'R', '/', 'a', '_', '.', '#', '+', '-', '[', ']', '<', '>', '(', ')', '%', '{', '}', '\n', '\t', '\u00a0', 'é'];
    let state = 7;
    const next = (): number => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) % pieces.length;
    for (let k = 0; k < 20_000; k++) {
      let text = '';
      for (let i = 0, n = 1 + (k % 14); i < n; i++) text += pieces[next()];
      expect(renumberReferences(text, map)).toBe(text.replace(expression, (_, n: string, g: string) => `${map(Number(n))} ${g} R`));
    }
  });
});
