#!/usr/bin/env node
// The language server's speed (issue 19): how long after a change the diagnostics arrive.
//   node packages/lsp/bench/lsp.mjs [--edits N] [--questions N] [--out FILE]   (npm run bench:lsp)
// Spawns the built `genai-qa lsp --stdio` (default settings: 50 ms debounce) and measures,
// as a client sees it, from sending a notification to receiving textDocument/publishDiagnostics:
//   1. content/ (the delivered corpus, copied): each of N one-line edits (a trailing space
//      added to a line, then removed), didChange → diagnostics; target 100 ms.
//   2. one file of 10,000 generated questions (bench/generate.mjs, seed 42, one file):
//      didOpen → first diagnostics, target 2 s; then N one-line edits, target 300 ms.
//   3. the same questions written as bold paragraphs (`**12. Title?**`), the same targets.
// Edits start once the server is quiet after opening (the corpus rules, which run on open and
// on save, not on a change, are done). For the large file the diagnostics measured after an
// edit are the provisional ones (incremental.ts); the worker's exact ones follow, and are
// timed too (the "exact" line). Main-thread CPU (from /proc) is given next to wall time: the
// machine is often shared.
// Prints a table and the targets (met / NOT met); writes JSON (default bench/results-lsp.json).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { createRequire } from 'node:module';
import { ensureCorpus, loadAverage, machineFacts, ROOT } from '../../../bench/lib.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-languageserver-protocol/node.js');
const BIN = path.join(ROOT, 'packages/cli/bin/genai-qa.js');

const { values } = parseArgs({
  options: { edits: { type: 'string', default: '20' }, questions: { type: 'string', default: '10000' }, out: { type: 'string', default: 'bench/results-lsp.json' } },
});
const EDITS = Number(values.edits);

/**
 * CPU time (ms) of the server's main thread so far, from /proc (Linux; 10 ms ticks): unlike
 * wall time it hardly depends on what else the shared machine runs. The worker thread that
 * lints large files in full is not counted: it does not delay the provisional diagnostics.
 */
function mainThreadCpu(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** CPU time (ms) of the whole server process so far, every thread (the worker included). */
function processCpu(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** CPU time (ms) of each thread of the server so far, by thread id (the worker and its helper thread among them). */
function threadCpu(pid) {
  const out = new Map();
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const fields = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1].split(' ');
      out.set(tid, (Number(fields[11]) + Number(fields[12])) * 10);
    }
  } catch {
    // the process ended
  }
  return out;
}

/** The largest per-thread CPU deltas between two threadCpu readings, largest first. */
function busiest(before, after) {
  return [...after].map(([tid, ms]) => ms - (before.get(tid) ?? 0)).sort((a, b) => b - a);
}

async function session(dir) {
  const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiting = [];
  let last = performance.now();
  connection.onNotification(rpc.PublishDiagnosticsNotification.type, (params) => {
    const at = performance.now();
    last = at;
    for (const w of waiting.splice(0)) if (w.uri === params.uri) w.resolve({ at, diagnostics: params.diagnostics });
      else waiting.push(w);
  });
  connection.listen();
  const rootUri = pathToFileURL(dir).href;
  await connection.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: {} });
  await connection.sendNotification(rpc.InitializedNotification.type, {});
  const next = (uri) => new Promise((resolve) => waiting.push({ uri, resolve }));
  return {
    /**
     * ms from sending `send()` to the next diagnostics of `uri`, their number, and the main
     * thread's CPU meanwhile; with `exact`, also ms to the publication after that one (a
     * large file's exact findings, after the provisional ones) and every thread's CPU until then.
     */
    async time(uri, send, exact = false) {
      const arrived = next(uri);
      const cpu = mainThreadCpu(child.pid);
      const all = processCpu(child.pid);
      const start = performance.now();
      await send(connection);
      const { at, diagnostics } = await arrived;
      const out = { ms: at - start, cpuMs: mainThreadCpu(child.pid) - cpu, count: diagnostics.length };
      if (exact) {
        const second = await Promise.race([next(uri), new Promise((resolve) => setTimeout(() => resolve(undefined), 30_000))]);
        if (second) Object.assign(out, { exactMs: second.at - start, exactCount: second.diagnostics.length, exactCpuMs: processCpu(child.pid) - all });
      }
      return out;
    },
    /** Waits until the server is idle (its CPU time stands still) and nothing was published for `quiet` ms. */
    async settle(quiet = 1000) {
      let cpu = -1;
      for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        const now = processCpu(child.pid);
        if (now === cpu && performance.now() - last >= quiet) return;
        cpu = now;
      }
    },
    cpu: () => processCpu(child.pid),
    threads: () => threadCpu(child.pid),
    async close() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      await new Promise((resolve) => child.once('exit', resolve));
      connection.dispose();
    },
  };
}

const open = (uri, text) => (c) => c.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
const change = (uri, version, range, text) => (c) =>
  c.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: [{ range, text }] });

/** N one-line edits on `line` (0-based): append a space at its end, then take it away again. */
async function edits(s, uri, text, line, exact = false) {
  const length = text.split('\n')[line].length;
  const times = [];
  const cpu = [];
  const exactTimes = [];
  const exactCpu = [];
  for (let i = 0; i < EDITS; i++) {
    const add = i % 2 === 0;
    const range = add
      ? { start: { line, character: length }, end: { line, character: length } }
      : { start: { line, character: length }, end: { line, character: length + 1 } };
    const r = await s.time(uri, change(uri, i + 2, range, add ? ' ' : ''), exact);
    times.push(r.ms);
    cpu.push(r.cpuMs);
    if (r.exactMs !== undefined) {
      exactTimes.push(r.exactMs);
      exactCpu.push(r.exactCpuMs);
    }
    if (exact) await s.settle(300);
  }
  return { times, cpu, exactTimes, exactCpu };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${ms.toFixed(0)} ms`;

const results = { machine: machineFacts(), loadBefore: loadAverage(), edits: EDITS, cases: [] };

// 1. content/
{
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-lsp-bench-'));
  fs.cpSync(path.join(ROOT, 'content'), path.join(dir, 'content'), { recursive: true });
  const file = path.join(dir, 'content/generative-ai.md');
  const text = fs.readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const s = await session(dir);
  const first = await s.time(uri, open(uri, text));
  await s.settle();
  const line = text.split('\n').findIndex((l) => l.startsWith('Generative AI is a branch'));
  const { times, cpu } = await edits(s, uri, text, line);
  await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
  results.cases.push({ name: 'content/ (delivered corpus)', questions: (text.match(/^# \d+\. /gm) ?? []).length, bytes: Buffer.byteLength(text), openMs: first.ms, openCpuMs: first.cpuMs, editMs: times, editCpuMs: cpu, target: { editMs: 100 } });
}

// 2. one file of 10,000 questions, under numbered headings; 3. the same questions in bold
// (`**12. Title?**`, no heading), a layout whose file has no question heading to cut at
for (const bold of [false, true]) {
  const size = Number(values.questions);
  const { dir: corpus } = ensureCorpus(size, 42, { layout: 'single', log: (m) => console.error(m) });
  const name = fs.readdirSync(path.join(corpus, 'content')).find((f) => f.endsWith('.md'));
  let dir = corpus;
  let file = path.join(corpus, 'content', name);
  if (bold) {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-lsp-bench-bold-'));
    fs.mkdirSync(path.join(dir, 'content'));
    if (fs.existsSync(path.join(corpus, 'genai-qa.config.json'))) fs.copyFileSync(path.join(corpus, 'genai-qa.config.json'), path.join(dir, 'genai-qa.config.json'));
    file = path.join(dir, 'content', name);
    fs.writeFileSync(file, fs.readFileSync(path.join(corpus, 'content', name), 'utf8').replace(/^# (\d+\. .*)$/gm, '**$1**'));
  }
  const text = fs.readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).href;
  const s = await session(dir);
  const cpuBefore = s.cpu();
  const threadsBefore = s.threads();
  const first = await s.time(uri, open(uri, text));
  first.processCpuMs = s.cpu() - cpuBefore;
  // The lint worker and its helper thread run side by side: on two idle cores the first
  // diagnostics take about the busiest thread's CPU time.
  first.threadCpuMs = busiest(threadsBefore, s.threads()).slice(0, 3);
  await s.settle();
  const lines = text.split('\n');
  const line = lines.findIndex((l, i) => i > lines.length / 2 && l.length > 20 && !l.startsWith('#') && !l.startsWith('<!--'));
  const { times, cpu, exactTimes, exactCpu } = await edits(s, uri, text, line, true);
  await s.close();
  if (bold) fs.rmSync(dir, { recursive: true, force: true });
  results.cases.push({
    name: `${size.toLocaleString('en')} questions in one file${bold ? ', bold questions' : ''}`,
    questions: size,
    bytes: Buffer.byteLength(text),
    openMs: first.ms,
    openCpuMs: first.cpuMs,
    openProcessCpuMs: first.processCpuMs,
    openThreadCpuMs: first.threadCpuMs,
    editMs: times,
    editCpuMs: cpu,
    exactEditMs: exactTimes,
    exactEditCpuMs: exactCpu,
    target: { openMs: 2000, editMs: 300 },
  });
}
results.loadAfter = loadAverage();

console.log(`load average ${results.loadBefore.join(' ')} → ${results.loadAfter.join(' ')}`);
console.log('| case | size | didOpen → diagnostics (main-thread CPU) | one-line edit → diagnostics, median / max of %d | main-thread CPU per edit, median / max |', EDITS);
console.log('| --- | --- | --- | --- | --- |');
for (const c of results.cases) {
  console.log(
    `| ${c.name} | ${(c.bytes / 1e6).toFixed(2)} MB | ${fmt(c.openMs)} (${fmt(c.openCpuMs)}${c.openProcessCpuMs !== undefined ? `; all threads ${fmt(c.openProcessCpuMs)}` : ''}) | ${fmt(median(c.editMs))} / ${fmt(Math.max(...c.editMs))} | ${fmt(median(c.editCpuMs))} / ${fmt(Math.max(...c.editCpuMs))} |`,
  );
}
for (const c of results.cases) {
  if (c.openThreadCpuMs) console.log(`\n${c.name}: didOpen → diagnostics, CPU of the busiest threads: ${c.openThreadCpuMs.map(fmt).join(', ')}`);
  if (c.exactEditMs?.length) {
    console.log(
      `\n${c.name}: after each edit the provisional diagnostics, then the worker's exact ones: ${fmt(median(c.exactEditMs))} / ${fmt(Math.max(...c.exactEditMs))} (median / max of ${c.exactEditMs.length}), all threads' CPU until then ${fmt(median(c.exactEditCpuMs))} / ${fmt(Math.max(...c.exactEditCpuMs))}`,
    );
  }
}
console.log('\nTargets:');
for (const c of results.cases) {
  if (c.target.openMs) console.log(`  ${c.name}: first diagnostics within ${c.target.openMs} ms: ${c.openMs <= c.target.openMs ? 'met' : 'NOT met'} (${fmt(c.openMs)})`);
  const worst = Math.max(...c.editMs);
  console.log(`  ${c.name}: diagnostics within ${c.target.editMs} ms of a change: ${worst <= c.target.editMs ? 'met' : 'NOT met'} (max ${fmt(worst)}, median ${fmt(median(c.editMs))})`);
}
fs.writeFileSync(path.resolve(ROOT, values.out), `${JSON.stringify(results, null, 2)}\n`);
console.log(`\nwrote ${values.out}`);
