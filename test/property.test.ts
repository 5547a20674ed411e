import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCorpus, compileCorpus, decodeSource, encodeSource, fixSource, lintFiles, modelHtml, parseFile, renderableAnswer, type Config } from '@genai-qa/core';
import JSZip from 'jszip';
import initSqlJs from 'sql.js';
import { readPdf } from './support/pdf.js';
import { parseMarkdown, parseWhole } from '../packages/core/src/parse.js';
import { words } from '../packages/core/src/text.js';
import { virtualHost } from '../packages/core/test/helpers.js';
import { exportAnki } from '../packages/export-anki/src/index.js';
import { exportJson } from '../packages/export-json/src/index.js';
import { exportPdf } from '../packages/export-pdf/src/index.js';

// A 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

// Random Markdown built from the pieces real corpora (and hostile pull requests) are made of.
const word = fc.constantFrom('GAN', 'the', 'model', 'latent', 'space', 'is', 'a', 'VAE', 'noise', 'café', 'μ', '≈', '—', 'x2', 'data');
const sentence = fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => `${w.join(' ')}.`);
const inline = fc.oneof(
  sentence,
  sentence.map((s) => `${s}  ${s}`),
  sentence.map((s) => `${s} ${s} ${s}`),
  fc.constantFrom(
    'https://example.com/a?b=1#:~:text=x',
    'www.example.org',
    '[link](#1-what-is-a-gan)',
    '[bad](#nowhere)',
    '![alt text](image.png)',
    '![A diagram](images/ok.png)',
    '[x](javascript:alert(1))',
    '[up](../../../../etc/passwd)',
    '`code  with  spaces`',
    '<b>bold</b>',
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<!-- genai-qa-disable-next-line multiple-spaces -->',
    '**strong** and _em_',
    'a\\',
    '\u0000',
  ),
);
const line = fc.array(inline, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(' '));
const block = fc.oneof(
  fc.tuple(fc.nat(40), sentence).map(([n, s]) => `# ${n}. ${s.replace(/\.$/, '?')}`),
  fc.tuple(fc.nat(40), sentence).map(([n, s]) => `# ${n}.${s}`),
  fc.tuple(fc.nat(40), sentence).map(([n, s]) => `#${n}. ${s}`),
  sentence.map((s) => `## ${s}`),
  line,
  fc.array(sentence, { minLength: 2, maxLength: 4 }).map((items) => items.map((s) => `Label: ${s}`).join('\n')),
  fc.array(sentence, { minLength: 1, maxLength: 3 }).map((items) => items.map((s, i) => `${i + 1}. ${s}`).join('\n')),
  fc.array(sentence, { minLength: 1, maxLength: 3 }).map((items) => items.map((s) => `- ${s}\n  - ${s}`).join('\n')),
  sentence.map((s) => `> ${s}\n> > ${s}`),
  sentence.map((s) => '```\n' + s + '   \n```'),
  fc.constantFrom(
    '<!-- genai-qa id="fixed-id" tags="gan, training" -->',
    '<!-- genai-qa id="Not A Slug" tags="Bad Tag" -->',
    '<!-- genai-qa-disable-question repeated-sentence -->',
    '<!-- genai-qa-disable -->',
    '<!-- genai-qa-enable -->',
    '<!-- genai-qa-frob -->',
    '| a | b |\n| - | - |\n| 1 | 2 |',
    '<!--\nan unclosed comment',
    '[ref]: https://example.com/ref',
    'A [reference link][ref] and a footnote[^1].',
    '[^1]: The footnote.',
    '<pre>\n# 2. Inside pre?\n</pre>',
    '    # 3. indented code',
    '> # 4. quoted heading',
    '- item\n# 5. right after a list',
    'Setext heading\n===',
    '~~~\n# 6. in a tilde fence\n~~~',
    '```\n# 7. in an unclosed fence',
    '<div>\n# 8. in html\n</div>',
    '   ',
    '',
  ),
);
const separator = fc.constantFrom('\n', '\n\n', '\n\n\n', '  \n', '\r\n', '\r\n\r\n');
const markdown = fc
  .tuple(
    fc.boolean(),
    fc.boolean(),
    fc.array(fc.tuple(block, separator), { maxLength: 14 }),
  )
  .map(([bom, frontMatter, blocks]) =>
    `${bom ? '\ufeff' : ''}${frontMatter ? '---\ntitle: T\ndescription: D\n---\n' : ''}${blocks.map(([b, s]) => b + s).join('')}`,
  );

function source(text: string) {
  return decodeSource(new TextEncoder().encode(text), { path: 'content/q.md', absolutePath: '/content/q.md', root: '/content' });
}
const host = virtualHost(['images/ok.png']);

// A script element, an event-handler attribute or a javascript: URL in an attribute (text is
// escaped, so `<` starts a tag).
const SCRIPT_IN_HTML = /<script|<[^>]*\son[a-z]+\s*=|<[^>]*=\s*["']?\s*javascript:/i;

/** Every field of every note of an .apkg, read with JSZip and sql.js (not the exporter's code). */
async function deckFields(apkg: Uint8Array): Promise<string[]> {
  const zip = await JSZip.loadAsync(apkg);
  const SQL = await initSqlJs();
  const db = new SQL.Database(await zip.file('collection.anki2')!.async('uint8array'));
  try {
    const [result] = db.exec('SELECT flds FROM notes');
    return (result?.values ?? []).flatMap(([flds]) => String(flds).split('\x1f'));
  } finally {
    db.close();
  }
}

/** The targets of a PDF's URI actions, literal `(…)` or hex `<…>` strings. */
function pdfUris(pdf: string): string[] {
  const uris: string[] = [];
  for (const m of pdf.matchAll(/\/URI\s*(?:\(((?:\\.|[^\\)])*)\)|<([0-9A-Fa-f\s]*)>)/g)) {
    uris.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : Buffer.from(m[2]!.replace(/\s/g, ''), 'hex').toString('latin1').replace(/\0/g, ''));
  }
  return uris;
}

describe('properties over random Markdown', () => {
  it('read, parse, build, lint and fix never throw; the model always validates; fix is idempotent', () => {
    let fixedRuns = 0;
    let questions = 0;
    fc.assert(
      fc.property(markdown, (text) => {
        const file = parseFile(source(text), 'q.md');
        questions += buildCorpus([file]).questions.length;
        lintFiles([file], { host });
        const first = fixSource(source(text), 'q.md', { host });
        const once = first.text;
        if (first.applied > 0) fixedRuns++;
        const twice = fixSource(source(once), 'q.md', { host }).text;
        expect(twice).toBe(once);
        // A fixed file lints without fixable findings.
        const after = lintFiles([parseFile(source(once), 'q.md')], { host });
        expect(after.filter((d) => d.fixable)).toEqual([]);
      }),
      { numRuns: 300, seed: 20261127 },
    );
    // The generator really exercises the fixer and the extractor.
    expect(fixedRuns).toBeGreaterThan(150);
    expect(questions).toBeGreaterThan(150);
  });

  it('fixes other than repeated-sentence never drop a word, except the words of a URL\'s #:~: text fragment', () => {
    const config: Config = { rules: { 'repeated-sentence': 'off' } };
    const count = (list: string[]) => {
      const m = new Map<string, number>();
      for (const w of list) m.set(w, (m.get(w) ?? 0) + 1);
      return m;
    };
    fc.assert(
      fc.property(markdown, (text) => {
        const fixed = fixSource(source(text), 'q.md', { host, config }).text;
        const after = count(words(fixed));
        // text-fragment removes the `:~:…` scroll hint of a URL: its words, and only as many, may go.
        const hints = count([...source(text).text.matchAll(/:~:[^\s<>()[\]]*/g)].flatMap((m) => words(m[0])));
        for (const w of words(source(text).text)) {
          const n = after.get(w) ?? 0;
          if (n > 0) {
            after.set(w, n - 1);
            continue;
          }
          const h = hints.get(w) ?? 0;
          expect(h, `lost "${w}"`).toBeGreaterThan(0);
          hints.set(w, h - 1);
        }
      }),
      { numRuns: 300, seed: 20261128 },
    );
  });

  it('parsing question by question gives exactly the tree of one whole parse', () => {
    fc.assert(
      fc.property(markdown, (text) => {
        const normalized = source(text).text;
        expect(parseMarkdown(normalized, { sectionMinBytes: 0 })).toEqual(parseWhole(normalized));
      }),
      { numRuns: 1000, seed: 20261130 },
    );
  });

  it('the exporters never throw on a valid model, and their output carries no script', async () => {
    // Random Markdown rarely puts a hostile link inside an answer: each file may end with a
    // question that does, by every route (inline, by reference, in a footnote written elsewhere).
    const hostile = fc.constantFrom(
      '',
      '\n\n[ref]: javascript:alert(1)\n',
      '\n\n# 99. Hostile?\n\n[x](javascript:alert(1)) [r][ref] ![i][ref] ![j](javascript:alert(2)) <a href="javascript:alert(3)" onclick="alert(4)">a</a>[^h]\n\n' +
        '<script>alert(5)</script>\n\n# 100. Elsewhere?\n\n[ref]: javascript:alert(6)\n[^h]: [y](javascript:alert(7)) <img src=x onerror=alert(8)>\n',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(markdown, hostile), { minLength: 1, maxLength: 3 }), async (texts) => {
        const files = texts.map(([text, tail], i) => parseFile(source(text + tail), `f${i}.md`));
        // Duplicate ids are refused by lint and left out by build --force; do the same here.
        const { corpus, answers } = compileCorpus(files);
        const seen = new Set<string>();
        const model = { ...corpus, questions: corpus.questions.filter((q) => !seen.has(q.id) && seen.add(q.id)) };
        const options = { assets: new Map([['images/ok.png', PNG]]), date: new Date(Date.UTC(2026, 0, 1)), answers };
        const json = Buffer.from(exportJson(model).get('questions.json')!).toString('utf8');
        expect(JSON.parse(json).questions).toHaveLength(model.questions.length);
        for (const q of model.questions) expect(q.answer.html).not.toMatch(SCRIPT_IN_HTML);
        // The deck: every field of every note, as SQLite holds it.
        const fields = await deckFields(await exportAnki(model, options));
        expect(fields).toHaveLength(model.questions.length * 4);
        for (const field of fields) expect(field).not.toMatch(SCRIPT_IN_HTML);
        // Nor a link without a target: fragment links do not navigate in Anki's reviewer.
        for (const field of fields) expect(field).not.toMatch(/<a(?![^>]*\shref="(?:https?|mailto):)/i);
        // The guide: no script, no launch action, no javascript: link anywhere in its bytes,
        // nor in what pdf.js reads of it.
        const bytes = await exportPdf(model, options);
        const pdf = Buffer.from(bytes).toString('latin1');
        expect(pdf).toMatch(/^%PDF-/);
        expect(pdf).not.toMatch(/\/(?:JavaScript|JS|Launch)\b/);
        for (const uri of pdfUris(pdf)) expect(uri).not.toMatch(/^\s*javascript:/i);
        const read = await readPdf(bytes);
        expect(read.javascript).toEqual([]);
        for (const link of read.links) {
          expect(link.action).toBeUndefined();
          expect(link.uri ?? '').not.toMatch(/^\s*javascript:/i);
        }
      }),
      { numRuns: 40, seed: 20261201 },
    );
  }, 180_000);

  it('an answer\'s Markdown carries what it uses: read alone, it gives the same HTML', () => {
    fc.assert(
      fc.property(markdown, (text) => {
        for (const q of buildCorpus([parseFile(source(text), 'q.md')]).questions) {
          // A copy, as read back from questions.json: its tree comes from its Markdown alone.
          const alone = renderableAnswer({ ...q, answer: { ...q.answer } });
          expect(modelHtml(alone, { file: q.source.file, id: q.id }), q.answer.markdown).toBe(q.answer.html);
        }
      }),
      { numRuns: 500, seed: 20261202 },
    );
  });

  it('encodeSource restores BOM and line endings exactly when nothing was fixed', () => {
    fc.assert(
      fc.property(markdown, (text) => {
        const s = source(text);
        const crlfOnly = !/\r(?!\n)|(?<!\r)\n/.test(text.replace(/^\ufeff/, ''));
        if (crlfOnly || !text.includes('\r')) expect(encodeSource(s, s.text)).toBe(text);
      }),
      { numRuns: 200, seed: 20261129 },
    );
  });
});
