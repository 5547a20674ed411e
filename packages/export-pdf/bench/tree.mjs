// The call tree of a .cpuprofile below the functions named on the command line, as inclusive
// times, down to a depth and above a share of the total: node bench/tree.mjs FILE DEPTH MIN% NAME...
import fs from 'node:fs';
const [file, depthArg, minArg, ...names] = process.argv.slice(2);
const p = JSON.parse(fs.readFileSync(file, 'utf8'));
const self = new Map();
for (let i = 0; i < p.samples.length; i++) self.set(p.samples[i], (self.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
const nodes = new Map(p.nodes.map((n) => [n.id, n]));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const incl = new Map();
const sum = (id) => {
  if (incl.has(id)) return incl.get(id);
  const n = nodes.get(id);
  const t = (self.get(id) ?? 0) + (n.children ?? []).reduce((a, c) => a + sum(c), 0);
  incl.set(id, t);
  return t;
};
const label = (n) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/^.*\/(node_modules|packages)\//, '')}:${n.callFrame.lineNumber + 1}`;
// Merge the subtrees of the same function (by label) at each level.
const print = (ids, depth, indent) => {
  const groups = new Map();
  for (const id of ids) {
    const k = label(nodes.get(id));
    const g = groups.get(k) ?? { t: 0, kids: [] };
    g.t += sum(id);
    g.kids.push(...(nodes.get(id).children ?? []));
    groups.set(k, g);
  }
  for (const [k, g] of [...groups].sort((a, b) => b[1].t - a[1].t)) {
    if ((100 * g.t) / total < Number(minArg)) continue;
    console.log(`${' '.repeat(indent)}${(g.t / 1e6).toFixed(2)} s ${((100 * g.t) / total).toFixed(1)}% ${k}`);
    if (depth > 1) print(g.kids, depth - 1, indent + 2);
  }
};
const roots = p.nodes.filter((n) => names.includes(n.callFrame.functionName)).map((n) => n.id);
print(roots, Number(depthArg), 0);
