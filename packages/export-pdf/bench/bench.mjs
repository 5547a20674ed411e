#!/usr/bin/env node
/**
 * Renders synthetic corpora of 1,000 and 10,000 questions with the built exporter and prints
 * wall time, peak RSS, pages and size for each. Every size runs in its own child process, so
 * that peak RSS (process.resourceUsage().maxRSS) belongs to that size alone.
 *
 *   cd packages/export-pdf && npx tsc -p tsconfig.json && node bench/bench.mjs [sizes...]
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') {
  const n = Number(process.argv[3]);
  const { exportPdf } = await import('../dist/index.js');
  const { syntheticCorpus } = await import('./synthetic.mjs');
  const corpus = syntheticCorpus(n);
  const start = performance.now();
  const bytes = await exportPdf(corpus, { assets: new Map(), date: new Date(Date.UTC(2026, 0, 1)) });
  const ms = performance.now() - start;
  const pages = Number(/\/Type \/Pages\n\/Count (\d+)/.exec(Buffer.from(bytes).toString('latin1'))?.[1] ?? NaN);
  const rss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ questions: n, ms: Math.round(ms), maxRssMB: Math.round(rss / 1048576), pages, sizeMB: +(bytes.length / 1048576).toFixed(1) }) + '\n');
} else {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  console.log(`node ${process.version}, ${process.platform} ${process.arch}`);
  console.log('questions  wall time  peak RSS  pages  PDF size');
  for (const n of sizes.length ? sizes : [1000, 10000]) {
    const out = execFileSync(process.execPath, [self, '--child', String(n)], { encoding: 'utf8', maxBuffer: 1 << 20 });
    const r = JSON.parse(out.trim().split('\n').pop());
    console.log(
      `${String(r.questions).padStart(9)}  ${(r.ms / 1000).toFixed(1).padStart(8)} s  ${String(r.maxRssMB).padStart(5)} MB  ${String(r.pages).padStart(5)}  ${String(r.sizeMB).padStart(5)} MB`,
    );
  }
}
