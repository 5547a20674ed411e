// Self time per function (and per file) from a .cpuprofile.
import fs from 'node:fs';
const file = process.argv[2];
const n = Number(process.argv[3] ?? 25);
const p = JSON.parse(fs.readFileSync(file, 'utf8'));
const dt = new Map();
for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
const byFn = new Map(), byFile = new Map();
let total = 0;
const nodes = new Map(p.nodes.map((x) => [x.id, x]));
for (const node of p.nodes) {
  const t = (dt.get(node.id) ?? 0) / 1000;
  total += t;
  const cf = node.callFrame;
  const url = cf.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/\/work\/s2-pdfperf\//, '');
  const key = `${cf.functionName || '(anon)'} ${url}:${cf.lineNumber + 1}`;
  byFn.set(key, (byFn.get(key) ?? 0) + t);
  const fk = url.split('/').slice(0, 3).join('/') || cf.functionName;
  byFile.set(fk, (byFile.get(fk) ?? 0) + t);
}
console.log(`total ${(total / 1000).toFixed(2)} s`);
for (const [k, v] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${(v / 1000).toFixed(2).padStart(7)} s ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
console.log('--- by file');
for (const [k, v] of [...byFile].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`${(v / 1000).toFixed(2).padStart(7)} s ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
// Inclusive time of the functions named on the command line after the count.
const names = process.argv.slice(4);
if (names.length) {
  const parent = new Map();
  for (const node of p.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const incl = new Map(names.map((x) => [x, 0]));
  for (const node of p.nodes) {
    const t = (dt.get(node.id) ?? 0) / 1000;
    if (!t) continue;
    const seen = new Set();
    for (let id = node.id; id !== undefined; id = parent.get(id)) {
      const name = nodes.get(id).callFrame.functionName;
      if (incl.has(name) && !seen.has(name)) {
        seen.add(name);
        incl.set(name, incl.get(name) + t);
      }
    }
  }
  console.log('--- inclusive');
  for (const [k, v] of incl) console.log(`${(v / 1000).toFixed(2).padStart(7)} s ${(100 * v / total).toFixed(1).padStart(5)}%  ${k}`);
}
