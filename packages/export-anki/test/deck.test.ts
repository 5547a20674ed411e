import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportAnki, FIELDS, NOTE_TYPE_ID, NOTE_TYPE_NAME, noteGuid } from '../src/index.js';
import { corpusFrom, DATE, openApkg, options, type Package } from './helpers.js';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>';

const GANS = `---
title: GAN Interview Questions
description: Questions on GANs & VAEs.
---

# 1. What is a GAN?

<!-- genai-qa id="what-is-a-gan" tags="gan, basics::terms" -->

A **generator** and a discriminator:

- the generator makes samples;
- the discriminator judges them.

![The GAN loop](diagrams/diagram.png)

# 2. How is x < y written in Python & C?

<!-- genai-qa id="less-than" tags="code" -->

\`\`\`python
if x < y and y > 0: print("a & b")
\`\`\`

| Language | Operator |
| -------- | -------- |
| Python   | \`<\`    |

> Both use \`<\`.
`;

const VAES = `# 3. What is a VAE?

<!-- genai-qa id="what-is-a-vae" tags="vae" -->

An autoencoder with a probabilistic latent space.

![The VAE](diagram.png) ![Not in the assets](missing.png) ![Remote](https://example.com/x.png)
`;

const corpus = corpusFrom({ 'gans.md': GANS, 'vae/vaes.md': VAES });
const assets = { 'diagrams/diagram.png': PNG, 'vae/diagram.png': SVG };

let apkg: Package;
beforeAll(async () => {
  apkg = await openApkg(await exportAnki(corpus, options(assets)));
});
afterAll(() => apkg.close());

const notes = () => apkg.query('SELECT id, guid, mid, mod, tags, flds, sfld, csum FROM notes ORDER BY sfld');
const fields = (flds: unknown) => String(flds).split('\x1f');
const noteFor = (id: string) => notes().find((n) => fields(n.flds)[2] === id)!;

describe('the .apkg package', () => {
  it('is a zip of collection.anki2, the media map and one numbered entry per media file', () => {
    expect(apkg.entries).toEqual(['0', '1', 'collection.anki2', 'media']);
    expect(Object.keys(apkg.media)).toEqual(['0', '1']);
  });

  it('holds a sound SQLite database with Anki’s legacy tables (schema 11)', () => {
    expect(apkg.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    const tables = apkg.query("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r.name);
    expect(tables).toEqual(['cards', 'col', 'graves', 'notes', 'revlog']);
    expect(apkg.query('SELECT ver, crt, mod FROM col')).toEqual([{ ver: 11, crt: DATE.getTime() / 1000, mod: DATE.getTime() }]);
  });

  it('has one note and one new card per question, in a deck named after the collection', () => {
    expect(apkg.query('SELECT count(*) AS n FROM notes')).toEqual([{ n: 3 }]);
    const cards = apkg.query('SELECT nid, did, ord, type, queue, due FROM cards ORDER BY due');
    expect(cards.map((c) => [c.ord, c.type, c.queue, c.due])).toEqual([
      [0, 0, 0, 1],
      [0, 0, 0, 2],
      [0, 0, 0, 3],
    ]);
    const decks = JSON.parse(String(apkg.query('SELECT decks FROM col')[0]!.decks));
    const deck = decks[String(cards[0]!.did)];
    expect(deck.name).toBe('GAN Interview Questions');
    expect(deck.desc).toBe('Questions on GANs &amp; VAEs.');
    expect(new Set(cards.map((c) => c.did)).size).toBe(1);
  });
});

describe('the note type', () => {
  const model = () => {
    const models = JSON.parse(String(apkg.query('SELECT models FROM col')[0]!.models));
    return models[String(NOTE_TYPE_ID)];
  };

  it('has the named fields Question, Answer, Id and Source, sorted by Question', () => {
    expect(model().name).toBe(NOTE_TYPE_NAME);
    expect(model().flds.map((f: { name: string }) => f.name)).toEqual(['Question', 'Answer', 'Id', 'Source']);
    expect(model().sortf).toBe(0);
  });

  it('has one card: the question in front; front, a rule and the answer at the back', () => {
    expect(model().tmpls).toHaveLength(1);
    expect(model().tmpls[0].qfmt).toContain('{{Question}}');
    expect(model().tmpls[0].afmt).toMatch(/\{\{FrontSide\}\}[\s\S]*<hr id="answer">[\s\S]*\{\{Answer\}\}/);
  });

  it('carries CSS for light and night mode that styles lists, code, quotes, tables and images', () => {
    const css: string = model().css;
    for (const selector of ['.card', '.nightMode', '.night_mode', 'ul', 'ol', 'code', 'pre', 'blockquote', 'table', 'img']) {
      expect(css).toContain(selector);
    }
  });

  it('is the type of every note, and every note has exactly its field count', () => {
    for (const note of notes()) {
      expect(note.mid).toBe(NOTE_TYPE_ID);
      expect(fields(note.flds)).toHaveLength(FIELDS.length);
    }
  });
});

describe('a note', () => {
  it('has the question as escaped text, sorts by its plain text and keeps the id and source', () => {
    const note = noteFor('less-than');
    expect(fields(note.flds)[0]).toBe('How is x &lt; y written in Python &amp; C?');
    expect(note.sfld).toBe('How is x < y written in Python & C?');
    expect(fields(note.flds)[3]).toBe('gans.md:17');
  });

  it('has a GUID derived from the question id alone', () => {
    for (const id of ['what-is-a-gan', 'less-than', 'what-is-a-vae']) expect(noteFor(id).guid).toBe(noteGuid(id));
  });

  // `>` needs no escape in HTML text: hast-util-to-html writes it as it is.
  it('has the answer as HTML with lists, highlighted code and tables, and `<` and `&` escaped in code', () => {
    expect(fields(noteFor('what-is-a-gan').flds)[1]).toContain('<ul>\n<li>the generator makes samples;</li>');
    const answer = fields(noteFor('less-than').flds)[1]!;
    expect(answer).toContain(
      '<pre><code class="language-python hljs"><span class="hljs-keyword">if</span> x &lt; y <span class="hljs-keyword">and</span> y > <span class="hljs-number">0</span>: ' +
        '<span class="hljs-built_in">print</span>(<span class="hljs-string">"a &amp; b"</span>)\n</code></pre>',
    );
    expect(answer).toContain('<td>Python</td>');
    expect(answer).toContain('<blockquote>');
  });

  it('has the corpus tags, hierarchy kept, separated by spaces', () => {
    expect(noteFor('what-is-a-gan').tags).toBe(' gan basics::terms ');
    expect(noteFor('what-is-a-vae').tags).toBe(' vae ');
  });
});

describe('images', () => {
  it('are stored once each under unique basenames, though two folders hold diagram.png', () => {
    const names = Object.values(apkg.media);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(name).toMatch(/^[0-9a-f]{8}-diagram\.(png)$/);
  });

  it('are numbered zip entries whose bytes are the assets', async () => {
    const byName = Object.fromEntries(Object.entries(apkg.media).map(([entry, name]) => [name, entry]));
    const gan = fields(noteFor('what-is-a-gan').flds)[1]!;
    const src = /<img src="([^"]+)" alt="The GAN loop">/.exec(gan)![1]!;
    expect(await apkg.entry(byName[src]!)).toEqual(PNG);
    const vae = fields(noteFor('what-is-a-vae').flds)[1]!;
    const vaeSrc = /<img src="([^"]+)" alt="The VAE">/.exec(vae)![1]!;
    expect(new TextDecoder().decode(await apkg.entry(byName[vaeSrc]!))).toBe(SVG);
  });

  it('not among the assets (missing or remote) become their alt text; nothing else is read', () => {
    const vae = fields(noteFor('what-is-a-vae').flds)[1]!;
    expect(vae).toContain('<span class="image-alt">Not in the assets</span>');
    expect(vae).toContain('<a href="https://example.com/x.png"><span class="image-alt">Remote</span></a>');
    expect(vae.match(/<img /g)).toHaveLength(1);
  });

  it('referenced by every note are exactly the media map', () => {
    const referenced = new Set(notes().flatMap((n) => [...String(n.flds).matchAll(/<img src="([^"]+)"/g)].map((m) => m[1])));
    expect([...referenced].sort()).toEqual(Object.values(apkg.media).sort());
  });
});

describe('the real corpus (dist/questions.json)', () => {
  const file = new URL('../../../dist/questions.json', import.meta.url);
  let real: Package;
  let corpusJson: { questions: { id: string; question: string }[] };
  beforeAll(async () => {
    corpusJson = JSON.parse(readFileSync(file, 'utf8'));
    const svg = readFileSync(new URL('../../../content/images/mode-collapse.svg', import.meta.url));
    real = await openApkg(await exportAnki(corpusJson as never, options({ 'images/mode-collapse.svg': svg })));
  });
  afterAll(() => real.close());

  it('exports every question as a note whose sort field is the question', () => {
    const rows = real.query('SELECT guid, sfld FROM notes');
    expect(rows).toHaveLength(corpusJson.questions.length);
    const byGuid = new Map(rows.map((r) => [r.guid, r.sfld]));
    for (const q of corpusJson.questions) expect(byGuid.get(noteGuid(q.id))).toBe(q.question);
  });

  it('embeds its one diagram and nothing unsafe', () => {
    expect(Object.values(real.media)).toEqual([expect.stringMatching(/^[0-9a-f]{8}-mode-collapse\.svg$/)]);
    const all = real.query('SELECT flds FROM notes').map((r) => String(r.flds)).join('\n');
    expect(all).not.toMatch(/<script|onerror|javascript:/i);
  });
});
