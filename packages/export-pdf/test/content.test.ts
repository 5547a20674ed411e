import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Corpus, ExportOptions } from '@genai-qa/core';
import { exportPdf } from '../src/index.js';
import { bodyText, flatOutline, readPdf, type PdfReport } from '../../../test/support/pdf.js';
import { cleanup, contentCorpus, corpusOf, fonts, needs, normalize, qpdfJson, run, structElements, tempFile, text } from './helpers.js';

// The real corpus, checked with readers that share no code with pdfkit: pdf.js (from npm, so
// on every machine), and qpdf and poppler for what pdf.js does not tell (syntax, fonts, images).
const qpdf = needs('qpdf');
const poppler = needs('pdffonts', 'pdfimages');

let corpus: Corpus;
let options: ExportOptions;
let bytes: Uint8Array;
let pdf: string;
let read: PdfReport;

beforeAll(async () => {
  ({ corpus, options } = contentCorpus());
  bytes = await exportPdf(corpus, options);
  pdf = tempFile('content.pdf', bytes);
  read = await readPdf(bytes);
}, 60_000); // 51 questions: exporting and reading the guide takes several seconds on a busy machine
afterAll(cleanup);

describe('the study guide of content/', () => {
  it('is a PDF 1.7 file', () => {
    const head = Buffer.from(bytes.subarray(0, 9)).toString('latin1');
    const tail = Buffer.from(bytes.subarray(-6)).toString('latin1');
    expect(head).toBe('%PDF-1.7\n');
    expect(tail).toBe('%%EOF\n');
  });

  it.skipIf(qpdf.skip)(`passes qpdf --check${qpdf.reason}`, () => {
    const result = spawnSync('qpdf', ['--check', pdf], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('No syntax or stream encoding errors found');
    expect(result.status).toBe(0);
  });

  it.skipIf(poppler.skip)(`embeds every font, all DejaVu TrueType subsets, no standard Type 1 font${poppler.reason}`, () => {
    const list = fonts(pdf);
    expect(list.length).toBeGreaterThanOrEqual(3);
    for (const font of list) {
      expect(font.embedded, font.name).toBe(true);
      expect(font.type).toBe('CID TrueType');
      expect(font.name).toMatch(/^[A-Z]{6}\+DejaVuSans/);
    }
    const names = list.map((f) => f.name.replace(/^[A-Z]{6}\+/, ''));
    // No answer of content/ has code any more (its formulas are math, drawn as vector graphics), so no DejaVuSansMono.
    expect(names).toEqual(expect.arrayContaining(['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSans-Oblique']));
  });

  it('contains every question and the text of every answer (pdf.js)', () => {
    const all = bodyText(read, corpus.title);
    for (const q of corpus.questions) {
      expect(all).toContain(normalize(`${q.number}. ${q.question}`));
      // Block by block (a list item is a block); bullets and numbers are drawn, not in answer.text.
      // Display math is drawn as vector graphics, so its TeX source is not text in the guide.
      const tex = new Set([...q.answer.markdown.matchAll(/^```math\n([\s\S]*?)\n```$/gm)].flatMap((m) => m[1]!.split('\n')));
      for (const block of q.answer.text.split('\n')) {
        if (block.trim() && !tex.has(block)) expect(all, `${q.id}: ${block.slice(0, 60)}…`).toContain(normalize(block));
      }
    }
  });

  it('has a named destination per question, on the page the contents list (pdf.js)', () => {
    const pageOf = new Map(Object.entries(read.destinations));
    // The contents run from page 2 to the page before the first question (two pages at 51 questions).
    const first = pageOf.get(corpus.questions[0]!.id)!;
    expect(first).toBeGreaterThan(2);
    const toc = read.text.slice(1, first - 1).join(' ');
    for (const q of corpus.questions) {
      expect(pageOf.has(q.id), q.id).toBe(true);
      const row = new RegExp(`${q.number}\\. ${escape(q.question)} (\\d+)(?: |$)`).exec(toc);
      expect(row, `contents row of ${q.id}`).not.toBeNull();
      expect(Number(row![1])).toBe(pageOf.get(q.id));
    }
  });

  it('makes every contents entry a link to its question (pdf.js)', () => {
    const first = read.destinations[corpus.questions[0]!.id]!;
    const links = read.links.filter((l) => l.page >= 2 && l.page < first);
    expect(links.every((l) => l.uri === undefined && l.action === undefined)).toBe(true);
    expect(links.map((l) => l.dest)).toEqual(corpus.questions.map((q) => q.id));
  });

  it.skipIf(qpdf.skip)(`describes each contents link by its question's number and page, not its title again${qpdf.reason}`, () => {
    const json = qpdfJson(pdf);
    const first = read.destinations[corpus.questions[0]!.id]!;
    const descriptions = json.pages.slice(1, first - 1).flatMap((page) =>
      (((json.objects.get(page) as Record<string, unknown>)['/Annots'] as string[] | undefined) ?? []).map((a) => text((json.objects.get(a) as Record<string, unknown>)['/Contents'])),
    );
    expect(descriptions).toEqual(corpus.questions.map((q) => `Question ${q.number}, page ${read.destinations[q.id]}`));
  });

  it('has a bookmark per question, pointing at its page (pdf.js)', () => {
    const outline = flatOutline(read.outline);
    expect(outline.map((o) => o.title)).toEqual(corpus.questions.map((q) => `${q.number}. ${q.question}`));
    outline.forEach((o, i) => expect(o.page).toBe(read.destinations[corpus.questions[i]!.id]));
  });

  it("is tagged, with the title for the viewer's title bar and the language (pdf.js)", () => {
    expect(read.marked).toBe(true);
    expect(read.info.Title).toBe(corpus.title);
    expect(read.info.Subject).toBe(corpus.description);
    expect(read.info.Language).toBe('en');
    expect(read.info.CreationDate).toBe('D:20260115123000Z');
  });

  it.skipIf(qpdf.skip)(`declares the language, DisplayDocTitle and alt text on the figure${qpdf.reason}`, () => {
    const json = qpdfJson(pdf);
    const catalog = [...json.objects.values()].find((v) => (v as Record<string, unknown>)?.['/Type'] === '/Catalog') as Record<string, unknown>;
    expect(text(catalog['/Lang'])).toBe('en');
    expect((json.objects.get(catalog['/ViewerPreferences'] as string) as Record<string, unknown>)['/DisplayDocTitle']).toBe(true);
    expect((json.objects.get(catalog['/MarkInfo'] as string) as Record<string, unknown>)['/Marked']).toBe(true);
    const figures = structElements(json, '/Figure');
    expect(figures.map((f) => text(f['/Alt']))).toEqual([
      'Two scatter plots: the real data has four separate clusters, while the collapsed generator\'s samples all fall into a single cluster',
    ]);
  });

  it('prints "page N of M" on every page but the title page (pdf.js)', () => {
    expect(read.pages).toBeGreaterThan(5);
    expect(read.text[0]).not.toMatch(/page \d+ of/);
    for (let p = 2; p <= read.pages; p++) expect(read.text[p - 1]).toMatch(new RegExp(`page ${p} of ${read.pages}$`));
  });

  it.skipIf(qpdf.skip)(`draws every footer's rule and title from one form XObject, the page number on the page${qpdf.reason}`, () => {
    // pdf.js reads the title in each footer, just before "page N of M".
    for (let p = 2; p <= read.pages; p++) expect(read.text[p - 1]).toMatch(new RegExp(`${corpus.title} page ${p} of ${read.pages}$`));
    const json = qpdfJson(pdf);
    const forms = [...json.objects.entries()].filter(([, v]) => (v as Record<string, unknown> | undefined)?.['/Subtype'] === '/Form');
    expect(forms).toHaveLength(1);
    const [ref, form] = forms[0]!;
    const resources = (json.objects.get(json.pages[1]!) as Record<string, unknown>)['/Resources'];
    expect((form as Record<string, unknown>)['/Resources']).toBe(resources);
    expect(((json.objects.get(resources as string) as Record<string, Record<string, string>>)['/XObject'] ?? {})['/Fx1']).toBe(ref);
    const name = ref.replace(' 0 R', '');
    const drawn = run('qpdf', [`--show-object=${name}`, '--filtered-stream-data', pdf]);
    expect(drawn).toMatch(/ l\n0\.5 w\n\/C0 CS\n\d+ SC\nS\n\/C0 cs\n\d+ sc\nBT\n/);
  });

  it.skipIf(qpdf.skip)(`draws a footer title that begins with a ligature (fi) whole on the page, without a form${qpdf.reason}`, async () => {
    const ligature = corpusOf('---\ntitle: fine-tuning notes\n---\n\n# 1. A question?\n\nAn answer.\n\n# 2. Another?\n\nAnother answer.\n');
    const bytes = await exportPdf(ligature, { assets: new Map(), date: options.date });
    const file = tempFile('ligature-title.pdf', bytes);
    const json = qpdfJson(file);
    expect([...json.objects.values()].filter((v) => (v as Record<string, unknown> | undefined)?.['/Subtype'] === '/Form')).toHaveLength(0);
    const report = await readPdf(bytes);
    for (let p = 2; p <= report.pages; p++) expect(report.text[p - 1]).toMatch(new RegExp(`fine-tuning notes page ${p} of ${report.pages}$`));
  });

  it('puts the title, description, date and question count on the title page (pdf.js)', () => {
    const first = normalize(read.text[0]!);
    expect(first).toContain(normalize(corpus.title));
    expect(first).toContain(normalize(corpus.description));
    expect(first).toContain('2026-01-15');
    expect(first).toContain(`${corpus.questions.length} questions`);
  });

  it('draws the SVG figure as vector graphics with its text (pdf.js)', () => {
    const all = bodyText(read, corpus.title);
    expect(all).toContain('Mode collapse in a GAN');
    expect(all).toContain('Real data distribution');
  });

  it.skipIf(poppler.skip)(`embeds no raster image for the SVG figure${poppler.reason}`, () => {
    expect(run('pdfimages', ['-list', pdf]).trim().split('\n')).toHaveLength(2); // header lines only: no raster image
  });

  it('gives the same bytes for the same input, and other bytes for another date', async () => {
    const again = await exportPdf(corpus, options);
    expect(Buffer.compare(Buffer.from(again), Buffer.from(bytes))).toBe(0);
    const id = (b: Uint8Array) => /\/ID \[(<[0-9a-f]+>) /.exec(Buffer.from(b).toString('latin1'))?.[1];
    expect(id(again)).toBe(id(bytes));
    const later = await exportPdf(corpus, { ...options, date: new Date(Date.UTC(2026, 5, 1)) });
    expect(Buffer.compare(Buffer.from(later), Buffer.from(bytes))).not.toBe(0);
    expect(id(later)).not.toBe(id(bytes));
  });
});

/** A pattern for a title as the contents show it: wrapped at a space or after a hyphen. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+').replace(/-/g, '-\\s*');
}
