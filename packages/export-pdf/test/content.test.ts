import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Corpus, ExportOptions } from '@genai-qa/core';
import { exportPdf } from '../src/index.js';
import {
  cleanup, contentCorpus, destinations, flattenOutline, fonts, info, needs, normalize, pageLinks, pageText, qpdfJson, run, structElements, tempFile, text,
} from './helpers.js';

// The real corpus, checked with tools that share no code with pdfkit: qpdf and poppler.
const qpdf = needs('qpdf');
const poppler = needs('pdfinfo', 'pdftotext', 'pdffonts', 'pdfimages');
const both = needs('qpdf', 'pdfinfo');

let corpus: Corpus;
let options: ExportOptions;
let bytes: Uint8Array;
let pdf: string;

beforeAll(async () => {
  ({ corpus, options } = contentCorpus());
  bytes = await exportPdf(corpus, options);
  pdf = tempFile('content.pdf', bytes);
});
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
    expect(names).toEqual(expect.arrayContaining(['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSans-Oblique', 'DejaVuSansMono']));
  });

  it.skipIf(poppler.skip)(`contains every question and the text of every answer${poppler.reason}`, () => {
    const all = pageText(pdf, corpus.title);
    for (const q of corpus.questions) {
      expect(all).toContain(normalize(`${q.number}. ${q.question}`));
      // Block by block (a list item is a block); bullets and numbers are drawn, not in answer.text.
      for (const block of q.answer.text.split('\n')) {
        if (block.trim()) expect(all, `${q.id}: ${block.slice(0, 60)}…`).toContain(normalize(block));
      }
    }
  });

  it.skipIf(poppler.skip)(`has a named destination per question, on the page the contents list${poppler.reason}`, () => {
    const dests = destinations(pdf);
    // The contents run from page 2 to the page before the first question (two pages at 51 questions).
    const last = dests.get(corpus.questions[0]!.id)! - 1;
    expect(last).toBeGreaterThanOrEqual(2);
    const toc = run('pdftotext', ['-layout', '-f', '2', '-l', String(last), pdf, '-']);
    for (const q of corpus.questions) {
      expect(dests.has(q.id), q.id).toBe(true);
      const row = new RegExp(`^\\s*${q.number}\\.\\s+${escape(q.question)}\\s+(\\d+)\\s*$`, 'm').exec(toc);
      expect(row, `contents row of ${q.id}`).not.toBeNull();
      expect(Number(row![1])).toBe(dests.get(q.id));
    }
  });

  it.skipIf(qpdf.skip)(`makes every contents entry a link to its question${qpdf.reason}`, () => {
    const json = qpdfJson(pdf);
    // The contents run from page 2 to the page before the first question (two pages at 51 questions).
    const first = flattenOutline(json.outlines)[0]!.destpageposfrom1;
    expect(first).toBeGreaterThan(2);
    const links = Array.from({ length: first - 2 }, (_, i) => pageLinks(json, i + 2)).flat();
    expect(links.every((l) => l.kind === '/GoTo')).toBe(true);
    expect(links.map((l) => l.target)).toEqual(corpus.questions.map((q) => q.id));
  });

  it.skipIf(both.skip)(`has a bookmark per question, pointing at its page${both.reason}`, () => {
    const outline = flattenOutline(qpdfJson(pdf).outlines);
    const dests = destinations(pdf);
    expect(outline.map((o) => o.title)).toEqual(corpus.questions.map((q) => `${q.number}. ${q.question}`));
    outline.forEach((o, i) => expect(o.destpageposfrom1).toBe(dests.get(corpus.questions[i]!.id)));
  });

  it.skipIf(poppler.skip)(`is tagged, with the title for the viewer's title bar${poppler.reason}`, () => {
    const fields = info(pdf);
    expect(fields.get('Tagged')).toBe('yes');
    expect(fields.get('Title')).toBe(corpus.title);
    expect(fields.get('Subject')).toBe(corpus.description);
    expect(fields.get('CreationDate')).toMatch(/Jan 15 12:30:00 2026/);
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

  it.skipIf(poppler.skip)(`prints "page N of M" on every page but the title page${poppler.reason}`, () => {
    const pages = Number(info(pdf).get('Pages'));
    expect(pages).toBeGreaterThan(5);
    expect(run('pdftotext', ['-f', '1', '-l', '1', pdf, '-'])).not.toMatch(/page \d+ of/);
    for (let p = 2; p <= pages; p++) {
      expect(run('pdftotext', ['-f', String(p), '-l', String(p), pdf, '-'])).toContain(`page ${p} of ${pages}`);
    }
  });

  it.skipIf(poppler.skip)(`puts the title, description, date and question count on the title page${poppler.reason}`, () => {
    const first = normalize(run('pdftotext', ['-f', '1', '-l', '1', pdf, '-']));
    expect(first).toContain(normalize(corpus.title));
    expect(first).toContain(normalize(corpus.description));
    expect(first).toContain('2026-01-15');
    expect(first).toContain(`${corpus.questions.length} questions`);
  });

  it.skipIf(poppler.skip)(`draws the SVG figure as vector graphics with its text${poppler.reason}`, () => {
    const all = pageText(pdf, corpus.title);
    expect(all).toContain('Mode collapse in a GAN');
    expect(all).toContain('Real data distribution');
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
