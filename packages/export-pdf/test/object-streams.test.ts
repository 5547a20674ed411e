// The guide's dictionaries go into compressed object streams, with a cross-reference stream.
// Checked with qpdf on a small pdfkit document: the same objects, read back, before and after.
import { afterAll, describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import { exportPdf } from '../src/index.js';
import { packObjectStreams } from '../src/object-streams.js';
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

describe('object streams', () => {
  it.skipIf(qpdf.skip)(`keeps every object as it was, and compresses every one that is not a stream${qpdf.reason}`, async () => {
    const raw = await plainDocument();
    const packed = packObjectStreams(raw);
    expect(packed.length).toBeLessThan(raw.length);
    const [before, after] = [tempFile('plain.pdf', raw), tempFile('packed.pdf', packed)];
    expect(run('qpdf', ['--check', after])).toContain('No syntax or stream encoding errors found');
    expect(objects(after)).toEqual(objects(before));
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
});
