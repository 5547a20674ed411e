#!/usr/bin/env node
// Time and peak memory of exportAnki for synthetic corpora of 1,000 and 10,000 questions.
//
//   cd packages/export-anki && npx tsc -p tsconfig.json && node bench/bench.mjs [SIZES...]
//
// Each size runs in its own child process (so one size's heap does not inflate the next)
// and reports the wall time of corpus → .apkg bytes and the process's peak RSS.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);

/** An answer of 1–2 KB: two paragraphs, a list and a code block (as core renders them). */
function answerHtml(i) {
  const words = 'the generator maps noise to samples while the discriminator scores them '.repeat(10 + (i % 8));
  return (
    `<p>Answer ${i}: ${words}</p>\n` +
    `<ul>\n<li><strong>First</strong>: a point about item ${i}.</li>\n<li>Second, with <code>x &#x3C; y &#x26;&#x26; y > 0</code>.</li>\n<li>Third.</li>\n</ul>\n` +
    `<pre><code class="language-python">def loss(d_real, d_fake):\n    return -(log(d_real) + log(1 - d_fake))  # ${i}\n</code></pre>\n` +
    `<p>${'training alternates between the two networks until they reach a balance '.repeat(4)}</p>`
  );
}

function corpus(size) {
  return {
    title: `Synthetic ${size}`,
    description: 'A synthetic corpus for the benchmark.',
    files: [{ file: 'synthetic.md', title: `Synthetic ${size}`, description: '' }],
    questions: Array.from({ length: size }, (_, i) => ({
      id: `synthetic-question-${i}`,
      number: i + 1,
      question: `What does synthetic question number ${i} ask?`,
      answer: { markdown: '', text: '', html: answerHtml(i) },
      tags: ['synthetic', `bucket::b${i % 10}`],
      source: { file: 'synthetic.md', line: 1 + i * 12 },
    })),
  };
}

async function child(size) {
  const { exportAnki } = await import('../dist/index.js');
  const input = corpus(size);
  const answerBytes = input.questions.reduce((sum, q) => sum + Buffer.byteLength(q.answer.html), 0);
  const start = performance.now();
  const bytes = await exportAnki(input, { assets: new Map(), date: new Date(Date.UTC(2026, 0, 1)) });
  const ms = performance.now() - start;
  console.log(
    JSON.stringify({
      size,
      ms: Math.round(ms),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      apkgMB: +(bytes.length / 1e6).toFixed(2),
      avgAnswerKB: +(answerBytes / size / 1024).toFixed(2),
    }),
  );
}

if (process.argv[2] === '--child') {
  await child(Number(process.argv[3]));
} else {
  const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [1000, 10000];
  console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
  console.log('questions  time (ms)  peak RSS (MB)  .apkg (MB)  avg answer (KB)');
  for (const size of sizes) {
    const r = JSON.parse(execFileSync(process.execPath, [self, '--child', String(size)], { encoding: 'utf8' }));
    console.log(
      `${String(r.size).padStart(9)}  ${String(r.ms).padStart(9)}  ${String(r.peakRssMB).padStart(13)}  ${String(r.apkgMB).padStart(10)}  ${String(r.avgAnswerKB).padStart(15)}`,
    );
  }
}
