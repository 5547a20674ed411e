#!/usr/bin/env node
// A second corpus generator, written apart from generate.mjs (issue 17): each family stresses
// one Markdown construct, so that a cost that grows faster than the input shows up as a
// family whose 4 MB time is more than about 4× its 1 MB time. Seeded, deterministic.
//
//   node bench/families.mjs <family|all> <bytes> <out-dir> [seed]
//
// writes <out-dir>/<family>/content/<family>.md of at least <bytes> bytes (UTF-8), and
// prints the seed.
//
//   node bench/families.mjs mixed <questions> <out-dir> [seed] [files]
//
// writes a corpus of questions from every family, in <files> files under <out-dir>/content/.
import fs from 'node:fs';
import path from 'node:path';

/** xorshift32 with a Weyl counter: small, fast, and enough for test data. */
export function prng(seed) {
  let x = seed >>> 0 || 0x9e3779b9;
  let w = 0;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    w = (w + 0x6d2b79f5) >>> 0;
    return ((x ^ w) >>> 0) / 4294967296;
  };
  const int = (n) => Math.floor(next() * n);
  return { next, int, pick: (list) => list[int(list.length)], chance: (p) => next() < p };
}

// Words made of syllables, so that the text has a vocabulary of a few thousand words with
// a natural spread of frequencies (and no list copied from anywhere).
const ONSETS = ['b', 'c', 'd', 'f', 'g', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'tr', 'st', 'pl', 'gr', 'ch', 'sh', ''];
const NUCLEI = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ea', 'io'];
const CODAS = ['', '', 'n', 'r', 's', 't', 'l', 'm', 'nd', 'st', 'ck'];
const FUNCTION_WORDS = ['the', 'a', 'of', 'to', 'and', 'in', 'is', 'that', 'for', 'it', 'with', 'as', 'on', 'by', 'this', 'from', 'or', 'an', 'be', 'are'];

function word(r) {
  if (r.chance(0.35)) return r.pick(FUNCTION_WORDS);
  const syllables = 1 + r.int(3);
  let w = '';
  for (let i = 0; i < syllables; i++) w += r.pick(ONSETS) + r.pick(NUCLEI) + (i === syllables - 1 ? r.pick(CODAS) : '');
  return w;
}

function sentence(r, { min = 6, max = 18, words: make = word } = {}) {
  const n = min + r.int(max - min + 1);
  const list = [];
  for (let i = 0; i < n; i++) list.push(make(r));
  const s = list.join(' ');
  return `${s[0].toUpperCase()}${s.slice(1)}${r.pick(['.', '.', '.', '.', '?', '!'])}`;
}

/** Sentences wrapped into lines of about `width` characters. */
function wrap(text, width = 80) {
  const out = [];
  let line = '';
  for (const w of text.split(' ')) {
    // A line that starts with three backticks or tildes opens a fenced code block, even in a
    // paragraph: such a word stays on the line before, or the rest of the file would be code.
    if (line && line.length + 1 + w.length > width && !/^(?:`{3}|~{3})/.test(w)) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out.join('\n');
}

function prose(r, sentences = 3, opts) {
  return Array.from({ length: sentences }, () => sentence(r, opts)).join(' ');
}

function title(r) {
  return sentence(r, { min: 4, max: 9 }).replace(/[.!?]$/, '?');
}

// ---------------------------------------------------------------------------------------
// The families. A family is either `question(r, n)` (one question of the corpus, repeated
// until the size is reached) or `single(r, bytes)` (one question that fills the size).

const ident = (r) => `${word(r)}_${word(r)}${r.chance(0.4) ? `_${word(r)}` : ''}`;
const url = (r) => `https://${word(r)}.example.org/${word(r)}/${word(r)}${r.chance(0.3) ? `?q=${word(r)}&n=${r.int(100)}` : ''}`;

// An answer as question banks on GitHub write them: prose, a numbered list with a wrapped
// item and now and then a nested one, a fenced block or a small table, a quote, more prose
// (for the layouts below).
const bankAnswer = (r) => {
  const nested = r.chance(0.3) ? `\n   - ${sentence(r, { max: 8 })}\n   - ${sentence(r, { max: 8 })}` : '';
  const extra = r.pick([
    '',
    '',
    `\`\`\`python\n${ident(r)} = ${word(r)}(${r.int(9)})\n\`\`\`\n\n`,
    `| ${word(r)} | ${word(r)} |\n| --- | --- |\n| ${word(r)} | ${r.int(100)} |\n\n`,
    `> ${sentence(r)}\n\n`,
  ]);
  return `${wrap(prose(r, 3))}\n\n1. ${sentence(r)}${nested}\n2. ${sentence(r)}\n   ${sentence(r)}\n\n${extra}${wrap(prose(r, 2))}`;
};

/** How a question's heading is written: `# N. Title?` unless the family says otherwise. */
const numberedHeading = (n, text) => `# ${n}. ${text}`;

export const FAMILIES = {
  'prose-no-backticks': {
    about: 'plain paragraphs and three-item lists, no backtick anywhere',
    question: (r) => `${wrap(prose(r, 4))}\n\n- ${sentence(r)}\n- ${sentence(r)}\n- ${sentence(r)}\n\n${wrap(prose(r, 3))}`,
  },
  'snake-case': {
    about: 'identifiers with underscores in prose (emphasis-like delimiters that are not)',
    question: (r) => wrap(Array.from({ length: 4 }, () => `Set ${ident(r)} to ${ident(r)} before ${r.chance(0.3) ? '__init__' : `_${word(r)}`} runs, as ${ident(r)}_v2 does.`).join(' ')),
  },
  links: {
    about: 'inline links with titles, reference links and their definitions',
    question: (r, n) => {
      const refs = [];
      const parts = Array.from({ length: 4 }, (_, i) => {
        if (r.chance(0.5)) return `See [${word(r)} ${word(r)}](${url(r)}${r.chance(0.3) ? ` "${word(r)}"` : ''}) for ${word(r)}.`;
        const id = `r${n}-${i}`;
        refs.push(`[${id}]: ${url(r)}`);
        return `Read [${word(r)}][${id}] and [${id}] on ${word(r)}.`;
      });
      return `${wrap(parts.join(' '))}${refs.length ? `\n\n${refs.join('\n')}` : ''}`;
    },
  },
  'bare-urls': {
    about: 'bare URLs, www. addresses and e-mail addresses in prose',
    question: (r) => wrap(Array.from({ length: 4 }, () => `${sentence(r, { min: 3, max: 6 })} ${r.pick([url(r), `www.${word(r)}.example.com`, `${word(r)}@${word(r)}.example.net`])} ${sentence(r, { min: 3, max: 6 })}`).join(' ')),
  },
  html: {
    about: 'HTML comments (block and inline) and inline HTML elements',
    question: (r) =>
      `<!-- ${prose(r, 1)} -->\n\n${wrap(`${sentence(r)} Press <kbd>${word(r)}</kbd> then x<sup>${r.int(9)}</sup> <!-- ${word(r)} --> and <span title="${word(r)}">${word(r)}</span>.<br> ${sentence(r)}`)}`,
  },
  'code-spans': {
    about: 'many code spans per paragraph, with runs of one to three backticks',
    question: (r) => wrap(Array.from({ length: 8 }, () => {
      const ticks = '`'.repeat(1 + r.int(3));
      const inner = r.chance(0.2) ? `a \` b` : ident(r);
      return `${word(r)} ${ticks}${ticks.length > 1 ? ' ' : ''}${inner}${ticks.length > 1 ? ' ' : ''}${ticks} ${word(r)}`;
    }).join(' ') + '.'),
  },
  'code-blocks': {
    about: 'fenced code (backticks and tildes, with info strings) and indented code',
    question: (r) => {
      const code = Array.from({ length: 3 + r.int(6) }, () => `${ident(r)} = ${word(r)}(${r.int(100)})  # ${word(r)}`).join('\n');
      const [fence, info] = r.pick([['```', 'python'], ['~~~', ' js title'], ['````', '']]);
      return `${sentence(r)}\n\n${fence}${info}\n${code}\n${fence}\n\n${sentence(r)}\n\n    ${code.split('\n').join('\n    ')}`;
    },
  },
  'nested-lists': {
    about: 'nested ordered and bullet lists and task lists',
    question: (r) =>
      [
        `1. ${sentence(r)}`,
        `   - ${sentence(r)}`,
        `     - [ ] ${sentence(r, { max: 8 })}`,
        `     - [x] ${sentence(r, { max: 8 })}`,
        `   - ${sentence(r)}`,
        `2. ${sentence(r)}`,
        '',
        `   ${sentence(r)}`,
        `3. ${sentence(r)}`,
      ].join('\n'),
  },
  tables: {
    about: 'GFM tables of three to six columns',
    question: (r) => {
      const cols = 3 + r.int(4);
      const row = () => `| ${Array.from({ length: cols }, () => (r.chance(0.3) ? `\`${word(r)}\`` : `${word(r)} ${word(r)}`)).join(' | ')} |`;
      return `${sentence(r)}\n\n${row()}\n|${' --- |'.repeat(cols - 1)} :-: |\n${Array.from({ length: 4 + r.int(12) }, row).join('\n')}`;
    },
  },
  'block-quotes': {
    about: 'block quotes, nested quotes, lazy lines and lists in quotes',
    question: (r) => `> ${wrap(prose(r, 2)).replace(/\n/g, '\n> ')}\n>\n> > ${sentence(r)}\n> ${sentence(r)}\n\n> - ${sentence(r)}\n> - ${sentence(r)}\nlazy ${sentence(r)}`,
  },
  crlf: {
    about: 'CRLF line endings throughout',
    crlf: true,
    question: (r) => `${wrap(prose(r, 4))}\n\n- ${sentence(r)}\n- ${sentence(r)}`,
  },
  'non-ascii': {
    about: 'accented Latin, Greek, Cyrillic, CJK, right-to-left text and emoji',
    question: (r) => {
      const words = ['café', 'naïve', 'Straße', 'λόγος', 'модель', '学習', 'データ', 'نموذج', 'שלום', '🙂', '🚀', 'ñandú', 'Øre', 'œuvre'];
      return wrap(Array.from({ length: 4 }, () => sentence(r, { words: (rr) => (rr.chance(0.4) ? rr.pick(words) : word(rr)) })).join(' ') + ' 日本語の文です。次の文です。');
    },
  },
  math: {
    about: 'TeX-like math: dollars, carets, underscores, asterisks and backslashes',
    question: (r) => `${wrap(`${sentence(r)} With $x_i^2 + y_{${word(r)}}$ and $a * b * c$ we get \\(\\alpha_1\\). ${sentence(r)}`)}\n\n$$\n\\sum_{i=1}^{n} w_i * x_i = \\frac{a_${r.int(9)}}{b_${r.int(9)}}\n$$`,
  },
  'short-questions': {
    about: 'many very short questions (one short sentence each)',
    question: (r) => sentence(r, { min: 3, max: 6 }),
  },
  suppressions: {
    about: 'genai-qa suppression comments in every question',
    question: (r) =>
      `<!-- genai-qa-disable-question trailing-whitespace -->\n\n${sentence(r)}  \n\n<!-- genai-qa-disable-next-line bare-url -->\n${sentence(r)} ${url(r)}\n\n<!-- genai-qa-disable multiple-spaces -->\n\n${sentence(r)}  So  spaced.\n\n<!-- genai-qa-enable multiple-spaces -->`,
  },
  findings: {
    about: 'several findings per question (white space, bare URLs, pseudo-lists, repeats)',
    question: (r) => {
      const s = sentence(r);
      return `${s} \n${sentence(r)}  Two  spaces.\n\n${url(r)}\n\n1) ${word(r)} 2) ${word(r)} 3) ${word(r)}\n\n${s} ${s}`;
    },
  },
  'long-paragraph': {
    about: 'one question whose answer is one paragraph of wrapped lines with code spans',
    single: (r, bytes) => {
      const lines = [];
      let size = 0;
      while (size < bytes) {
        const line = `${sentence(r, { max: 10 })} Use \`${ident(r)}\` here.`;
        lines.push(line);
        size += line.length + 1;
      }
      return lines.join('\n');
    },
  },
  'long-line': {
    about: 'one question whose answer is a single line (no line break at all)',
    single: (r, bytes) => {
      const parts = [];
      let size = 0;
      while (size < bytes) {
        const s = r.chance(0.1) ? `See \`${ident(r)}\`.` : sentence(r);
        parts.push(s);
        size += s.length + 1;
      }
      return parts.join(' ');
    },
  },
  'many-paragraphs': {
    about: 'one question with thousands of short paragraphs',
    single: (r, bytes) => fill(bytes, '\n\n', () => sentence(r)),
  },
  'many-sentences': {
    about: 'one question with one paragraph per hundred sentences, thousands of sentences in all',
    single: (r, bytes) => fill(bytes, '\n\n', () => wrap(prose(r, 100, { min: 3, max: 8 }))),
  },
  'tight-list': {
    about: 'one question whose answer is one long tight list',
    single: (r, bytes) => fill(bytes, '\n', () => `- ${sentence(r)}`),
  },
  footnotes: {
    about: 'footnote references and definitions in every question',
    question: (r, n) => `${wrap(`${sentence(r)}[^${n}a] ${sentence(r)}[^${n}b]`)}\n\n[^${n}a]: ${sentence(r)}\n[^${n}b]: ${sentence(r)}`,
  },
  'repeated-sentences': {
    about: 'answers of many sentences, some said again exactly or reworded',
    question: (r) => {
      const pool = Array.from({ length: 12 }, () => sentence(r, { min: 7, max: 12 }));
      const list = [];
      for (let i = 0; i < 40; i++) {
        const s = r.pick(pool);
        list.push(r.chance(0.2) ? s.split(' ').reverse().join(' ') : s);
      }
      return wrap(list.join(' '));
    },
  },
  'templated-sentences': {
    about: 'one question of thousands of sentences cut from a few templates: the same frequent words, a number of their own',
    single: (r, bytes) => {
      const templates = Array.from({ length: 4 }, () => Array.from({ length: 6 }, () => word(r)));
      return fill(bytes, '\n\n', () =>
        Array.from({ length: 8 }, () => {
          const [a, b, c, d, e, f] = r.pick(templates);
          return `Step ${r.int(1_000_000)} of the ${a} ${b} sends the ${c} ${d} to ${e} ${f} ${r.int(1000)}.`;
        }).join(' '),
      );
    },
  },
  emphasis: {
    about: 'emphasis and strong emphasis, matched and unmatched',
    question: (r) => wrap(Array.from({ length: 6 }, () => `${r.pick(['*', '**', '_', '__'])}${word(r)} ${word(r)}${r.pick(['*', '**', '_', '__', ''])} ${word(r)}`).join(' ') + '.'),
  },
  'bold-questions': {
    about: 'questions as bold paragraphs (**N. Title?**), no heading anywhere: one section, cut at its block starts',
    heading: (n, text) => `**${n}. ${text}**`,
    question: bankAnswer,
  },
  'plain-headings': {
    about: 'questions as headings without numbers (## Title?): no numbered heading to cut at',
    heading: (_n, text) => `## ${text}`,
    question: bankAnswer,
  },
};

function fill(bytes, separator, make) {
  const parts = [];
  let size = 0;
  while (size < bytes) {
    const p = make();
    parts.push(p);
    size += Buffer.byteLength(p) + separator.length;
  }
  return parts.join(separator);
}

/** The Markdown of one family, at least `bytes` bytes. */
export function generateFamily(name, bytes, seed) {
  const family = FAMILIES[name];
  if (!family) throw new Error(`unknown family "${name}"; expected one of ${Object.keys(FAMILIES).join(', ')}`);
  // Each family has its own stream, so adding a family changes no other.
  let h = seed >>> 0;
  for (const ch of name) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  const r = prng(h);
  let text;
  if (family.single) {
    text = `# 1. ${title(r)}\n\n${family.single(r, bytes)}\n`;
  } else {
    const parts = [];
    let size = 0;
    for (let n = 1; size < bytes; n++) {
      const q = `${(family.heading ?? numberedHeading)(n, title(r))}\n\n${family.question(r, n)}\n`;
      parts.push(q);
      size += Buffer.byteLength(q) + 1;
    }
    text = parts.join('\n');
  }
  return family.crlf ? text.replace(/\n/g, '\r\n') : text;
}

// The mixed corpus (issue 17's targets): questions drawn from every family in turn's
// share, in one file or cut into several. A family that fills a file with one question
// gives one question of about this size here; a CRLF question keeps its line endings in a
// file of LF ones.
const MIXED_SINGLE_BYTES = 1500;

/** `questions` questions of all families, cut into `files` files (texts). */
export function generateMixed(questions, seed, files = 1) {
  // Every family that writes its answers under numbered headings (the layout families write
  // their own headings, which one file cannot mix).
  const names = Object.keys(FAMILIES).filter((name) => !FAMILIES[name].heading);
  const r = prng((seed ^ 0x6d697864) >>> 0);
  const texts = [];
  const perFile = Math.ceil(questions / files);
  let parts = [];
  for (let n = 1; n <= questions; n++) {
    const family = FAMILIES[r.pick(names)];
    const answer = family.single ? family.single(r, MIXED_SINGLE_BYTES) : family.question(r, n);
    const q = `# ${n}. ${title(r)}\n\n${answer}\n`;
    parts.push(family.crlf ? q.replace(/\n/g, '\r\n') : q);
    if (parts.length === perFile || n === questions) {
      texts.push(parts.join('\n'));
      parts = [];
    }
  }
  return texts;
}

/** Writes <dir>/content/mixed-<k>.md for each file of the mixed corpus; returns the paths. */
export function writeMixed(questions, seed, files, dir) {
  const content = path.join(dir, 'content');
  fs.mkdirSync(content, { recursive: true });
  const texts = generateMixed(questions, seed, files);
  const width = String(texts.length).length;
  return texts.map((text, k) => {
    const file = path.join(content, `mixed-${String(k + 1).padStart(width, '0')}.md`);
    fs.writeFileSync(file, text);
    return file;
  });
}

/** Writes <dir>/<family>/content/<family>.md; returns its path. */
export function writeFamily(name, bytes, seed, dir) {
  const file = path.join(dir, name, 'content', `${name}.md`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, generateFamily(name, bytes, seed));
  return file;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [which, bytes, dir, seedArg, filesArg] = process.argv.slice(2);
  if (!which || !bytes || !dir) {
    console.error(`usage: node bench/families.mjs <family|all> <bytes> <out-dir> [seed]\n       node bench/families.mjs mixed <questions> <out-dir> [seed] [files]\nfamilies: ${Object.keys(FAMILIES).join(', ')}`);
    process.exit(2);
  }
  const seed = seedArg === undefined ? 17 : Number(seedArg);
  console.log(`seed ${seed}`);
  if (which === 'mixed') {
    const files = writeMixed(Number(bytes), seed, Number(filesArg ?? 1), dir);
    console.log(`mixed: ${bytes} questions, ${files.reduce((a, f) => a + fs.statSync(f).size, 0)} bytes in ${files.length} file(s) in ${path.dirname(files[0])}`);
    process.exit(0);
  }
  for (const name of which === 'all' ? Object.keys(FAMILIES) : which.split(',')) {
    const file = writeFamily(name, Number(bytes), seed, dir);
    console.log(`${name}: ${fs.statSync(file).size} bytes in ${file}`);
  }
}
