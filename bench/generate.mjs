// Seeded synthetic corpora for the benchmark: N questions over several files, with planted
// defects whose positions are known, so recall and false positives can be reported.
//   node bench/generate.mjs <questions> <out-dir> [seed] [--per-file <n>|all]
// Writes <out-dir>/content/*.md and <out-dir>/planted.json. --per-file: questions per file
// (default 1000); "all" (or 0) writes the whole corpus as one file, as the real content is.
// The questions and defects do not depend on --per-file, only how they are cut into files.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values: options, positionals } = parseArgs({ options: { 'per-file': { type: 'string', default: '1000' } }, allowPositionals: true });
const [count = '1000', out = 'bench/.corpus', seedArg = '42'] = positionals;
const N = Number(count);
const perFileArg = options['per-file'];
const perFile = perFileArg === 'all' || perFileArg === '0' ? Math.max(N, 1) : Number(perFileArg);
if (!Number.isInteger(perFile) || perFile < 1) {
  console.error(`generate: --per-file expects a whole number of questions or "all", got "${perFileArg}"`);
  process.exit(2);
}
let seed = Number(seedArg) >>> 0 || 1;
// mulberry32: small, fast, deterministic.
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

// A vocabulary like a real corpus's: a few hundred common domain words and a long tail of
// rarer ones (made from syllables), drawn with a Zipf-like skew.
const COMMON = (
  'model data training network layer gradient loss latent space encoder decoder attention token sequence ' +
  'generator discriminator sample noise distribution variance mean prior posterior embedding vector matrix ' +
  'weight bias activation function optimizer learning rate batch epoch validation test overfitting ' +
  'regularization dropout augmentation diffusion transformer convolution recurrent memory context window ' +
  'prompt inference latency throughput benchmark metric accuracy precision recall score entropy divergence ' +
  'likelihood probability bayesian sampling temperature beam search decoding alignment reward policy agent ' +
  'environment feedback human preference safety bias fairness privacy robustness adversarial attack defense'
).split(' ');
const SYLLABLES = 'ka lo mi ne ru sa ti vo ze pa qu bri den fal gor hul jin kes lum mor nix pel rax sul tor ven wil yor zan'.split(' ');
const TAIL = [];
for (let i = 0; TAIL.length < 3000; i++) {
  const word = SYLLABLES[i % SYLLABLES.length] + SYLLABLES[Math.floor(i / SYLLABLES.length) % SYLLABLES.length] + (i >= 900 ? SYLLABLES[Math.floor(i / 900) % SYLLABLES.length] : '');
  if (!TAIL.includes(word)) TAIL.push(word);
}
const VOCAB = [...COMMON, ...TAIL];
const word = () => VOCAB[Math.floor(VOCAB.length * random() ** 2.2)];
const STARTS = ['What is', 'How does', 'Why is', 'When should you use', 'Explain', 'Describe', 'Compare', 'What limits'];

function phrase(n) {
  return Array.from({ length: n }, word).join(' ');
}
function sentence() {
  const s = phrase(8 + Math.floor(random() * 14));
  return `${s[0].toUpperCase()}${s.slice(1)}.`;
}
function answer() {
  const paragraphs = [];
  const n = 1 + Math.floor(random() * 2);
  for (let i = 0; i < n; i++) paragraphs.push(Array.from({ length: 2 + Math.floor(random() * 4) }, sentence).join(' '));
  if (random() < 0.4) paragraphs.push(Array.from({ length: 3 }, (_, i) => `${i + 1}. ${sentence()}`).join('\n'));
  if (random() < 0.15) paragraphs.push('```python\nfor step in range(epochs):\n    loss = train(model, batch)\n```');
  return paragraphs;
}

const planted = { nearDuplicates: [], repeatedSentences: [], brokenLinks: [] };
const questions = [];
for (let i = 0; i < N; i++) {
  questions.push({ question: `${pick(STARTS)} ${phrase(4 + Math.floor(random() * 4))}?`, answer: answer() });
}
// Plant defects: 1 per 200 questions of each kind.
const plants = Math.max(1, Math.floor(N / 200));
for (let k = 0; k < plants; k++) {
  // A near-duplicate: a later question copies an earlier one with light rewording.
  const a = Math.floor(random() * (N / 2));
  const b = Math.floor(N / 2 + random() * (N / 2 - 1));
  const original = questions[a];
  questions[b] = {
    question: original.question.replace(/^What is/, 'What exactly is').replace(/^How does/, 'How exactly does'),
    answer: original.answer.map((p, i) => (i === 0 ? `In short: ${p}` : p)),
  };
  planted.nearDuplicates.push([a + 1, b + 1]);
}
for (let k = 0; k < plants; k++) {
  const i = Math.floor(random() * N);
  const s = sentence();
  questions[i].answer[0] = `${questions[i].answer[0]} ${s} ${s}`;
  planted.repeatedSentences.push(i + 1);
}
for (let k = 0; k < plants; k++) {
  const i = Math.floor(random() * N);
  questions[i].answer.push(`See ![a diagram of the ${word()} pipeline](images/missing-${k}.png).`);
  planted.brokenLinks.push(i + 1);
}

const dir = path.join(out, 'content');
fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
let bytes = 0;
for (let f = 0; f * perFile < N; f++) {
  const slice = questions.slice(f * perFile, (f + 1) * perFile);
  const text =
    `---\ntitle: Synthetic corpus part ${f + 1}\ndescription: ${N} generated questions.\n---\n\n` +
    slice.map((q, j) => `# ${j + 1}. ${q.question}\n\n${q.answer.join('\n\n')}\n`).join('\n');
  const name = path.join(dir, `part-${String(f + 1).padStart(3, '0')}.md`);
  fs.writeFileSync(name, text);
  bytes += Buffer.byteLength(text);
}
// Positions are global question indexes (1-based, in file order).
fs.writeFileSync(path.join(out, 'planted.json'), `${JSON.stringify({ questions: N, bytes, perFile, ...planted }, null, 2)}\n`);
const files = Math.ceil(N / perFile);
console.error(`generated ${N} questions, ${(bytes / 1e6).toFixed(1)} MB in ${files} file${files === 1 ? '' : 's'} in ${dir}`);
