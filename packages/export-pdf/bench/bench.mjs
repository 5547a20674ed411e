#!/usr/bin/env node
/**
 * Renders synthetic corpora of 1,000 and 10,000 questions with the built exporter, and plain
 * pdfkit laying out the same text with the same fonts (bench/plain.mjs), side by side in the
 * same run, and prints for each: wall time, CPU time, peak RSS, pages and size, and the
 * guide's time and size as multiples of plain pdfkit's (issue 17: at most 1.5× each). Every
 * run is its own child process, so that peak RSS (process.resourceUsage().maxRSS) and the CPU
 * time belong to that run alone. The machine's load average is printed before each pair: on a
 * shared machine the wall times vary, the CPU times and the ratios much less.
 *
 *   cd packages/export-pdf && npx tsc -p tsconfig.json && node bench/bench.mjs [sizes...]
 *
 * `--profile DIR` also writes a CPU profile of each measured call (the layout alone, not the
 * set-up) to DIR, one .cpuprofile per run, for Chrome DevTools or `node bench/top.mjs FILE`.
 * `--check 1.5` exits 1 when the CPU-time or the size ratio is over the given limit.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);

/** Runs `work` under the inspector's CPU profiler and writes the profile to `file`. */
async function profiled(file, work) {
  const { Session } = await import('node:inspector/promises');
  const fs = await import('node:fs');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const result = await work();
  const { profile } = await session.post('Profiler.stop');
  fs.writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
  return result;
}

async function child(n, kind, profileDir) {
  const { syntheticCorpus } = await import('./synthetic.mjs');
  const corpus = syntheticCorpus(n);
  // Both sides get the answers' syntax trees before the clock starts, as the CLI hands the
  // exporter core's compiled answers (compileCorpus): the bench measures the layout, not the parse.
  const { renderableAnswer } = await import('@genai-qa/core');
  const answers = new Map(corpus.questions.map((q) => [q.id, renderableAnswer(q)]));
  let work;
  if (kind === 'plain') {
    const { plainBlocks, plainPdf } = await import('./plain.mjs');
    const questions = plainBlocks(corpus, answers);
    work = () => plainPdf(questions);
  } else {
    const { exportPdf } = await import('../dist/index.js');
    work = () => exportPdf(corpus, { assets: new Map(), answers, date: new Date(Date.UTC(2026, 0, 1)) });
  }
  const cpu = process.cpuUsage();
  const start = performance.now();
  const bytes = profileDir ? await profiled(`${profileDir}/${kind}-${n}.cpuprofile`, work) : await work();
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  const rss = process.resourceUsage().maxRSS * 1024;
  // The guide's page tree is inside a compressed object stream: pdf.js reads the page count.
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pages = (await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise).numPages;
  return { questions: n, ms: Math.round(ms), cpuMs: Math.round((used.user + used.system) / 1000), maxRssMB: Math.round(rss / 1048576), pages, bytes: bytes.length };
}

if (process.argv[2] === '--child') {
  const [, , , n, kind, profileDir] = process.argv;
  process.stdout.write(JSON.stringify(await child(Number(n), kind, profileDir)) + '\n');
} else {
  const args = process.argv.slice(2);
  const option = (name) => {
    const at = args.indexOf(name);
    return at < 0 ? undefined : args.splice(at, 2)[1];
  };
  const profileDir = option('--profile');
  const limit = option('--check');
  const sizes = args.map(Number).filter((n) => n > 0);
  const run = (n, kind) => {
    const out = execFileSync(process.execPath, [self, '--child', String(n), kind, ...(profileDir ? [profileDir] : [])], { encoding: 'utf8', maxBuffer: 1 << 20 });
    return JSON.parse(out.trim().split('\n').pop());
  };
  const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
  const mb = (bytes) => `${(bytes / 1048576).toFixed(2)} MB`;
  console.log(`node ${process.version}, ${process.platform} ${process.arch}, ${os.cpus().length} CPUs`);
  console.log('| questions | load | guide: wall | CPU | peak RSS | pages | size | plain pdfkit: wall | CPU | pages | size | time ratio (wall / CPU) | size ratio |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  let over = false;
  for (const n of sizes.length ? sizes : [1000, 10000]) {
    const load = os.loadavg()[0].toFixed(1);
    // Side by side in the same run: the guide, then plain pdfkit on the same text.
    const g = run(n, 'guide');
    const p = run(n, 'plain');
    const wall = g.ms / p.ms;
    const cpu = g.cpuMs / p.cpuMs;
    const size = g.bytes / p.bytes;
    console.log(
      `| ${n.toLocaleString('en')} | ${load} | ${s(g.ms)} | ${s(g.cpuMs)} | ${g.maxRssMB} MB | ${g.pages.toLocaleString('en')} | ${mb(g.bytes)} |` +
        ` ${s(p.ms)} | ${s(p.cpuMs)} | ${p.pages.toLocaleString('en')} | ${mb(p.bytes)} | ${wall.toFixed(2)}× / ${cpu.toFixed(2)}× | ${size.toFixed(2)}× |`,
    );
    // The time is checked on CPU time: on a shared machine the wall time mostly measures the load.
    if (limit !== undefined && (cpu > Number(limit) || size > Number(limit))) over = true;
  }
  if (over) {
    console.error(`a ratio is over ${limit}×`);
    process.exitCode = 1;
  }
}
