import { afterAll, describe, expect, it } from 'vitest';
import type { Corpus } from '@genai-qa/core';
import { exportPdf } from '../src/index.js';
import { syntheticCorpus } from '../bench/synthetic.mjs';
import { cleanup, destinations, DATE, flattenOutline, info, needs, qpdfJson, run, tempFile } from './helpers.js';

afterAll(cleanup);

// The 10,000-question run belongs to the benchmark (bench/bench.mjs); this one keeps CI quick.
describe('a corpus of 1,000 questions', () => {
  const tools = needs('qpdf', 'pdfinfo', 'pdftotext');
  it(`renders, with a destination, a bookmark and a footer for every page${tools.reason}`, async () => {
    const corpus: Corpus = syntheticCorpus(1000);
    const started = performance.now();
    const bytes = await exportPdf(corpus, { assets: new Map(), date: DATE });
    const seconds = (performance.now() - started) / 1000;
    console.log(`1,000 questions: ${seconds.toFixed(1)} s, ${(bytes.length / 1048576).toFixed(1)} MB`);
    expect(bytes.length).toBeGreaterThan(1_000_000);
    if (tools.skip) return;
    const pdf = tempFile('large.pdf', bytes);
    expect(run('qpdf', ['--check', pdf])).toContain('No syntax or stream encoding errors found');
    const pages = Number(info(pdf).get('Pages'));
    expect(pages).toBeGreaterThan(500);
    expect(destinations(pdf).size).toBe(1000);
    expect(flattenOutline(qpdfJson(pdf).outlines)).toHaveLength(1000);
    expect(run('pdftotext', ['-f', String(pages), '-l', String(pages), pdf, '-'])).toContain(`page ${pages} of ${pages}`);
  }, 240_000);
});
