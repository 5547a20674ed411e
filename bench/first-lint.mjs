#!/usr/bin/env node
// The first lint of one file, in process, as the language server's worker does it when a file
// is opened: read and parse the file (parseFile), then its own rules (lintFiles, scope 'file').
// Prints wall and CPU milliseconds (CPU: user + system of the process, so V8's helper threads
// count) of each phase and the five slowest rules (wall).
//
//   node bench/first-lint.mjs FILE [REPO]    REPO: a checkout whose built core to load (default this one)
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [file, repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/first-lint.mjs FILE [REPO]');
  process.exit(2);
}
const core = await import(pathToFileURL(path.join(repo, 'packages/core/dist/index.js')).href);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const absolutePath = path.resolve(file);
const wall0 = performance.now();
const cpu0 = cpu();
const source = core.decodeSource(fs.readFileSync(absolutePath), { path: file, absolutePath, root: path.dirname(absolutePath) });
const parsed = core.parseFile(source, path.basename(file));
const wall1 = performance.now();
const cpu1 = cpu();
const byRule = new Map();
let current;
let since = performance.now();
const findings = core.lintFiles([parsed], {
  scopes: ['file'],
  onRule(id) {
    const now = performance.now();
    if (current) byRule.set(current, now - since);
    current = id;
    since = now;
  },
});
const wall2 = performance.now();
const cpu2 = cpu();
if (current) byRule.set(current, wall2 - since);
const ms = (x) => Math.round(x);
console.log(
  JSON.stringify({
    questions: parsed.questions.length,
    findings: findings.length,
    parse: { wall: ms(wall1 - wall0), cpu: ms(cpu1 - cpu0) },
    rules: { wall: ms(wall2 - wall1), cpu: ms(cpu2 - cpu1) },
    total: { wall: ms(wall2 - wall0), cpu: ms(cpu2 - cpu0) },
    slowest: Object.fromEntries([...byRule].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([id, t]) => [id, ms(t)])),
  }),
);
