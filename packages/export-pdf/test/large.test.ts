import { afterAll, describe, expect, it } from 'vitest';
import type { Corpus } from '@genai-qa/core';
import { exportPdf } from '../src/index.js';
import { syntheticCorpus } from '../bench/synthetic.mjs';
import { flatOutline, readPdf } from '../../../test/support/pdf.js';
import { cleanup, DATE, needs, run, tempFile } from './helpers.js';

afterAll(cleanup);

// The 10,000-question run belongs to the benchmark (bench/bench.mjs); this one keeps CI quick.
describe('a corpus of 1,000 questions', () => {
  let bytes: Uint8Array;
  const qpdf = needs('qpdf');

  it('renders, with a destination, a bookmark and a footer for every page (pdf.js)', async () => {
    const corpus: Corpus = syntheticCorpus(1000);
    const started = performance.now();
    bytes = await exportPdf(corpus, { assets: new Map(), date: DATE });
    const seconds = (performance.now() - started) / 1000;
    console.log(`1,000 questions: ${seconds.toFixed(1)} s, ${(bytes.length / 1048576).toFixed(1)} MB`);
    const read = await readPdf(bytes);
    expect(read.pages).toBeGreaterThan(500);
    expect(Object.keys(read.destinations)).toHaveLength(1000);
    expect(flatOutline(read.outline)).toHaveLength(1000);
    expect(flatOutline(read.outline).every((item) => item.page !== undefined && item.page > 1)).toBe(true);
    expect(read.text.at(-1)).toMatch(new RegExp(`page ${read.pages} of ${read.pages}$`));
  }, 240_000);

  it.skipIf(qpdf.skip)(`passes qpdf --check${qpdf.reason}`, () => {
    expect(bytes, 'the rendering test ran first').toBeDefined();
    expect(run('qpdf', ['--check', tempFile('large.pdf', bytes)])).toContain('No syntax or stream encoding errors found');
  }, 120_000);
});
