import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import type { Nodes, Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import initSqlJs from 'sql.js';
import { unified } from 'unified';
import { afterAll, describe, expect, it } from 'vitest';
import { cli } from '../packages/cli/test/helpers.js';
import { bodyText, readPdf } from './support/pdf.js';
import { needs } from './support/readers.js';

// One hand-written file (test/fixtures/rendering/questions.md) with footnotes, reference
// links and images (their definitions at the end of the file, under another question), a
// table, nested lists, HTML entities and backslash escapes, built by the real CLI and read
// back with readers that share no code with the writers: JSON.parse and remark for the JSON,
// SQLite for the deck, pdf.js (with poppler and qpdf for the link areas) for the guide.
const repo = path.resolve(import.meta.dirname, '..');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-rendering-'));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));
const built = await cli(['build', '--content', 'test/fixtures/rendering', '--out', out], repo, { SOURCE_DATE_EPOCH: '1767225600' });

interface Question {
  id: string;
  question: string;
  answer: { markdown: string; text: string; html: string };
}
const questions = (JSON.parse(fs.readFileSync(path.join(out, 'questions.json'), 'utf8')) as { questions: Question[] }).questions;
const byId = (id: string): Question => questions.find((q) => q.id === id)!;
const REFERENCES = 'how-are-references-written';
const TABLES = 'what-do-tables-lists-and-entities-look-like';
const FIGURE = 'where-does-the-figure-come-from';
const PAPER = 'https://arxiv.org/abs/1406.2661';

// The deck's Answer fields, read with sql.js from the collection inside the zip.
const zip = await JSZip.loadAsync(fs.readFileSync(path.join(out, 'rendering-fixture.apkg')));
const media = JSON.parse(await zip.file('media')!.async('string')) as Record<string, string>;
const SQL = await initSqlJs();
const db = new SQL.Database(await zip.file('collection.anki2')!.async('uint8array'));
const [rows] = db.exec('SELECT flds FROM notes');
db.close();
const deck = new Map(rows!.values.map(([flds]) => String(flds).split('\x1f')).map((f) => [f[2]!, f[1]!]));
const pdf = path.join(out, 'rendering-fixture.pdf');
const guide = await readPdf(fs.readFileSync(pdf));
const guideText = bodyText(guide, 'Rendering fixture');

/** The text of a deck field: images as their alt text, footnote numbers left out, the references the deck writes decoded. */
function textOf(html: string): string {
  return html
    .replace(/<sup>[^<]*<\/sup>/g, '')
    .replace(/<img [^>]*alt="([^"]*)"[^>]*>/g, '$1')
    .replace(/<[^>]*>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the rendering fixture, built by genai-qa build', () => {
  it('builds every artifact (lint finds nothing to refuse)', () => {
    expect(built.stderr).toBe('');
    expect(built.code).toBe(0);
    expect(questions.map((q) => q.id)).toEqual([REFERENCES, TABLES, FIGURE]);
  });

  describe('questions.json', () => {
    it('carries, after each answer, the source of the definitions and footnotes it uses, from wherever they are written', () => {
      expect(byId(REFERENCES).answer.markdown).toBe(
        'See [the paper][gan] and the [survey].[^clip] The logo is ![the logo][logo] here.\n\n' +
          '[survey]: https://example.com/survey "A survey"\n\n' +
          `[gan]: ${PAPER} "Generative Adversarial Nets"\n\n` +
          '[logo]: images/diagram.png\n\n' +
          '[^clip]: CLIP pairs images with text; see [the paper][gan].',
      );
    });

    it('has Markdown that resolves on its own: every reference has its definition (remark)', () => {
      for (const q of questions) {
        const tree = unified().use(remarkParse).use(remarkGfm).parse(q.answer.markdown);
        const defined = new Set<string>();
        const used: string[] = [];
        const walk = (node: Nodes | Root): void => {
          if (node.type === 'definition' || node.type === 'footnoteDefinition') defined.add(`${node.type}:${node.identifier}`);
          if (node.type === 'linkReference' || node.type === 'imageReference') used.push(`definition:${node.identifier}`);
          if (node.type === 'footnoteReference') used.push(`footnoteDefinition:${node.identifier}`);
          if ('children' in node) for (const child of node.children as Nodes[]) walk(child);
        };
        walk(tree);
        for (const reference of used) expect(defined, `${q.id}: ${reference}`).toContain(reference);
      }
      expect(byId(FIGURE).answer.markdown).toContain(`[gan]: ${PAPER}`);
    });

    it('has HTML whose fragment links all point at an id of the same answer, ids unique across the corpus', () => {
      const all: string[] = [];
      for (const q of questions) {
        const ids = [...q.answer.html.matchAll(/\sid="([^"]*)"/g)].map((m) => m[1]!);
        all.push(...ids);
        const fragments = [...q.answer.html.matchAll(/\shref="#([^"]*)"/g)].map((m) => m[1]!);
        for (const fragment of fragments) expect(ids, `${q.id}: #${fragment}`).toContain(fragment);
        const described = [...q.answer.html.matchAll(/\saria-describedby="([^"]*)"/g)].map((m) => m[1]!);
        for (const id of described) expect(ids).toContain(id);
      }
      expect(all).toContain(`user-content-${REFERENCES}-fn-clip`);
      expect(new Set(all).size).toBe(all.length);
    });

    it('has the references resolved to links and the image to its path', () => {
      const html = byId(REFERENCES).answer.html;
      expect(html).toContain(`See <a href="${PAPER}" title="Generative Adversarial Nets">the paper</a> and the <a href="https://example.com/survey" title="A survey">survey</a>.`);
      expect(html).toContain('<img src="images/diagram.png" alt="the logo">');
      expect(html).not.toContain('[');
    });

    it('has entities decoded and escapes taken literally', () => {
      expect(byId(TABLES).answer.html).toContain('<p>Copyright © 2026 — AT&#x26;T, 5 &#x3C; 6, *not emphasis*, a_b.</p>');
      expect(byId(TABLES).answer.text).toContain('Copyright © 2026 — AT&T, 5 < 6, *not emphasis*, a_b.');
    });
  });

  describe('the deck (collection.anki2 read with sql.js)', () => {
    const [diagram] = Object.values(media);

    it('stores the local image once, as media', () => {
      expect(Object.values(media)).toEqual([expect.stringMatching(/^[0-9a-f]{8}-diagram\.png$/)]);
    });

    it('has footnote references as plain superscripts and the notes as a list at the end, without back-references', () => {
      expect(deck.get(REFERENCES)).toBe(
        `<p>See <a href="${PAPER}" title="Generative Adversarial Nets">the paper</a> and the <a href="https://example.com/survey" title="A survey">survey</a>.<sup>1</sup> ` +
          `The logo is <img src="${diagram}" alt="the logo"> here.</p>\n` +
          '<ol class="footnotes">\n<li>\n' +
          `<p>CLIP pairs images with text; see <a href="${PAPER}" title="Generative Adversarial Nets">the paper</a>.</p>\n` +
          '</li>\n</ol>',
      );
      expect(deck.get(FIGURE)).toBe(
        `<p><img src="${diagram}" alt="A diagram of two networks"></p>\n` +
          `<p>The same idea as the first answer,<sup>1</sup> explained in <a href="${PAPER}" title="Generative Adversarial Nets">the paper</a>, trained end to end.<sup>2</sup></p>\n` +
          '<ol class="footnotes">\n<li>\n' +
          `<p>CLIP pairs images with text; see <a href="${PAPER}" title="Generative Adversarial Nets">the paper</a>.</p>\n` +
          '</li>\n<li>\n<p>Both networks are updated in alternation.</p>\n' +
          '</li>\n</ol>',
      );
    });

    it('has the table, the nested lists, the entities and the escapes', () => {
      expect(deck.get(TABLES)).toBe(
        '<table>\n<thead>\n<tr>\n<th>Model</th>\n<th>Year</th>\n</tr>\n</thead>\n<tbody>\n' +
          '<tr>\n<td>GAN</td>\n<td>2014</td>\n</tr>\n<tr>\n<td>VAE</td>\n<td>2013</td>\n</tr>\n</tbody>\n</table>\n' +
          '<ol>\n<li>Generators\n<ul>\n<li>adversarial</li>\n<li>variational\n<ol>\n<li>nested deeper</li>\n</ol>\n</li>\n</ul>\n</li>\n<li>Discriminators</li>\n</ol>\n' +
          '<p>Copyright © 2026 — AT&amp;T, 5 &lt; 6, *not emphasis*, a_b.</p>',
      );
    });

    it('has no link without a target and no id', () => {
      for (const field of deck.values()) {
        expect(field).not.toMatch(/href="#/);
        expect(field).not.toMatch(/<a(?![^>]*\shref="(?:https?|mailto):)/);
        expect(field).not.toMatch(/\sid=/);
      }
    });
  });

  describe('the guide (read with pdf.js)', () => {
    const poppler = needs('qpdf', 'pdftotext');

    it('shows the references as their text, the footnote, the table, the lists and the entities', () => {
      expect(guideText).toContain('See the paper and the survey.');
      expect(guideText).not.toMatch(/\]\[|\[gan\]|\[survey\]|\[logo\]/);
      for (const phrase of ['CLIP pairs images with text; see the paper.', 'Model Year GAN 2014 VAE 2013', 'nested deeper', 'Copyright © 2026 — AT&T, 5 < 6, *not emphasis*, a_b.']) {
        expect(guideText).toContain(phrase);
      }
    });

    it('numbers the footnotes as the HTML and the deck do: 1, 2, … by first reference in each answer, the notes after the answer in that order', () => {
      // Question 3 writes [^joint]'s definition before [^clip]'s, and cites [^clip] first.
      expect(guideText).toContain('See the paper and the survey.[1] The logo is the logo here. [1] CLIP pairs images with text; see the paper.');
      expect(guideText).toContain(
        'The same idea as the first answer,[1] explained in the paper, trained end to end.[2] [1] CLIP pairs images with text; see the paper. [2] Both networks are updated in alternation.',
      );
      expect(guideText).not.toContain('[clip]');
      expect(guideText).not.toContain('[joint]');
      for (const q of [byId(REFERENCES), byId(FIGURE)]) {
        const html = q.answer.html;
        const cited = [...html.matchAll(/<sup><a [^>]*>(\d+)<\/a><\/sup>/g)].map((m) => Number(m[1]));
        expect(cited).toEqual(q === byId(FIGURE) ? [1, 2] : [1]);
      }
    });

    it('draws the image, inline and as a figure, tagged with its alt text', () => {
      const figures: string[] = [];
      const walk = (node: unknown): void => {
        if (node === null || typeof node !== 'object') return;
        const { role, alt, children } = node as { role?: string; alt?: string; children?: unknown[] };
        if (role === 'Figure') figures.push(alt ?? '');
        for (const child of children ?? []) walk(child);
      };
      guide.structure.forEach(walk);
      expect(figures).toEqual(['the logo', 'A diagram of two networks']);
    });

    it('links the reference links to their URLs, and nothing else to outside', () => {
      const external = guide.links.filter((l) => l.uri !== undefined);
      expect(new Set(external.map((l) => l.uri))).toEqual(new Set([PAPER, 'https://example.com/survey']));
      expect(guide.links.filter((l) => l.action !== undefined)).toEqual([]);
    });

    it.skipIf(poppler.skip)(`makes the words of a reference link a link to its URL (qpdf, pdftotext)${poppler.reason}`, () => {
      const json = JSON.parse(execFileSync('qpdf', ['--json=2', '--json-key=qpdf', pdf], { encoding: 'utf8' })) as {
        qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>];
      };
      const objects = json.qpdf[1];
      const uri = (ref: unknown): string | undefined => {
        const action = typeof ref === 'string' ? objects[`obj:${ref}`]?.value : (ref as Record<string, unknown> | undefined);
        const value = action?.['/URI'];
        return typeof value === 'string' ? value.replace(/^u:/, '') : undefined;
      };
      const links = Object.values(objects)
        .map((o) => o.value)
        .filter((v) => v?.['/Subtype'] === '/Link')
        .map((v) => ({ rect: v!['/Rect'] as number[], uri: uri(v!['/A']) }))
        .filter((l) => l.uri !== undefined);
      expect(new Set(links.map((l) => l.uri))).toEqual(new Set([PAPER, 'https://example.com/survey']));
      // The first "paper" in the guide (question 1) lies inside a link to the paper's URL.
      const bbox = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
      const height = Number(/<page width="[\d.]+" height="([\d.]+)"/.exec(bbox)![1]);
      const word = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">paper<\/word>/.exec(bbox)!;
      const [x0, y0, x1, y1] = word.slice(1).map(Number) as [number, number, number, number];
      const covering = links.filter((l) => l.rect[0]! <= x0 + 0.5 && l.rect[2]! >= x1 - 0.5 && l.rect[1]! <= height - y1 + 0.5 && l.rect[3]! >= height - y0 - 0.5);
      expect(covering.map((l) => l.uri)).toEqual([PAPER]);
    });
  });

  it('shows the same content in the JSON, the deck and the guide', () => {
    // The guide marks a footnote by its number in brackets, the deck by a superscript number: both left out here.
    const guideWords = guideText.replace(/\[\d+\]/g, '').replace(/\s+/g, ' ');
    for (const q of questions) {
      // Every line of the answer's plain text (footnotes included) is in the deck and the guide.
      for (const line of q.answer.text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean)) {
        const words = line.replace(/ \| /g, ' ');
        expect(textOf(deck.get(q.id)!), `${q.id} deck`).toContain(words);
        expect(guideWords, `${q.id} guide`).toContain(words);
      }
    }
  });
});
