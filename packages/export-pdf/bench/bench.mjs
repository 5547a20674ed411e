#!/usr/bin/env node
/**
 * Renders synthetic corpora of 1,000 and 10,000 questions with the built exporter and prints
 * wall time, peak RSS, pages and size for each, next to plain pdfkit laying out the same text
 * with the same fonts (bench/plain.mjs), and the ratios. Every run is its own child process,
 * so that peak RSS (process.resourceUsage().maxRSS) belongs to that run alone.
 *
 *   cd packages/export-pdf && npx tsc -p tsconfig.json && node bench/bench.mjs [sizes...]
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') {
  const n = Number(process.argv[3]);
  const plain = process.argv[4] === 'plain';
  const { syntheticCorpus } = await import('./synthetic.mjs');
  const corpus = syntheticCorpus(n);
  let bytes;
  let start;
  if (plain) {
    const { plainBlocks, plainPdf } = await import('./plain.mjs');
    const questions = plainBlocks(corpus);
    start = performance.now();
    bytes = await plainPdf(questions);
  } else {
    const { exportPdf } = await import('../dist/index.js');
    start = performance.now();
    bytes = await exportPdf(corpus, { assets: new Map(), date: new Date(Date.UTC(2026, 0, 1)) });
  }
  const ms = performance.now() - start;
  const rss = process.resourceUsage().maxRSS * 1024;
  // The guide's page tree is inside a compressed object stream: pdf.js reads the page count.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pages = (await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise).numPages;
  process.stdout.write(JSON.stringify({ questions: n, ms: Math.round(ms), maxRssMB: Math.round(rss / 1048576), pages, sizeMB: +(bytes.length / 1048576).toFixed(1) }) + '\n');
} else {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const child = (n, kind) => {
    const out = execFileSync(process.execPath, [self, '--child', String(n), kind], { encoding: 'utf8', maxBuffer: 1 << 20 });
    return JSON.parse(out.trim().split('\n').pop());
  };
  console.log(`node ${process.version}, ${process.platform} ${process.arch}`);
  console.log('questions  wall time  peak RSS  pages  PDF size | plain pdfkit: wall time  PDF size | ratio: time  size');
  for (const n of sizes.length ? sizes : [1000, 10000]) {
    // Side by side in the same run: the guide, then plain pdfkit on the same text (bench/plain.mjs).
    const r = child(n, 'guide');
    const p = child(n, 'plain');
    console.log(
      `${String(r.questions).padStart(9)}  ${(r.ms / 1000).toFixed(1).padStart(8)} s  ${String(r.maxRssMB).padStart(5)} MB  ${String(r.pages).padStart(5)}  ${String(r.sizeMB).padStart(5)} MB |` +
        ` ${(p.ms / 1000).toFixed(1).padStart(19)} s  ${String(p.sizeMB).padStart(5)} MB |` +
        ` ${(r.ms / p.ms).toFixed(2).padStart(10)}×  ${(r.sizeMB / p.sizeMB).toFixed(2).padStart(4)}×`,
    );
  }
}
