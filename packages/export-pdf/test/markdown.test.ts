import fs from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Corpus } from '@genai-qa/core';
import { exportPdf } from '../src/index.js';
import { cleanup, corpusOf, DATE, destinations, fonts, needs, pageLinks, pageText, qpdfJson, run, structElements, tempFile, text } from './helpers.js';

// One small guide that uses every Markdown construct the exporter draws.
const MARKDOWN = `---
title: Feature guide
description: Every construct, once.
---

# 1. Paragraphs and inline styles?

Plain, *emphasis*, **strong**, ***both***, \`inline code\`, ~~struck~~, a [web link](https://example.org/page), an [internal link](#2-lists) and a [link by id](#code-blocks-q).
Hard break next:\\
after the break. Unsafe: [js link](javascript:alert(1)) and [data link](data:text/html;base64,PHNjcmlwdD4=) and [vb](vbscript:x).

<div onclick="alert(1)">raw html block</div>

Inline <span class="x">html</span> text <script>alert(2)</script>done.

# 2. Lists?

1. one
2. two
   - nested a
   - nested b
     1. deep
3. three

- [ ] open task
- [x] done task

7. seven
8. eight

# 3. Code blocks?

<!-- genai-qa id="code-blocks-q" -->

\`\`\`js
function add(a, b) {
\treturn a + b; // tab indented
}
\`\`\`

> A quote with **bold**.
>
> > Nested quote.

| Name | Value |
| :--- | ---: |
| alpha α | 1 |
| beta β | 2 |

---

### A sub-heading

After the rule.

# 4. Unicode?

≈ μ σ ε — Ł é Fréchet Łukasz naïve “quotes” ½ → ∑
`;

const qpdf = needs('qpdf');
const poppler = needs('pdfinfo', 'pdftotext', 'pdffonts');

let corpus: Corpus;
let pdf: string;
let all: string;

beforeAll(async () => {
  corpus = corpusOf(MARKDOWN);
  pdf = tempFile('features.pdf', await exportPdf(corpus, { assets: new Map(), date: DATE }));
  if (!poppler.skip) all = pageText(pdf, corpus.title);
});
afterAll(cleanup);

describe('Markdown rendering', () => {
  it.skipIf(poppler.skip)(`keeps inline styles in one flowing paragraph${poppler.reason}`, () => {
    expect(all).toContain('Plain, emphasis, strong, both, inline code, struck, a web link, an internal link and a link by id.');
    expect(all).toContain('Hard break next: after the break.');
  });

  it.skipIf(poppler.skip)(`never renders raw HTML as markup${poppler.reason}`, () => {
    expect(all).not.toContain('raw html block');
    expect(all).not.toMatch(/<div|<span|<script|onclick/);
    // Inline tags are dropped; the text between them is text (as in answer.text and on GitHub).
    expect(all).toContain('Inline html text alert(2)done.');
    expect(corpus.questions[0]!.answer.text).toContain('Inline html text alert(2)done.');
  });

  it.skipIf(qpdf.skip || poppler.skip)(`links web addresses and questions, never javascript:, data: or vbscript:${qpdf.reason}${poppler.reason}`, () => {
    const urls = run('pdfinfo', ['-url', pdf]);
    expect(urls).toContain('https://example.org/page');
    expect(urls).not.toMatch(/javascript|data:|vbscript/i);
    const json = qpdfJson(pdf);
    const page = destinations(pdf).get('paragraphs-and-inline-styles')!;
    const links = pageLinks(json, page);
    expect(links).toEqual(
      expect.arrayContaining([
        { kind: '/URI', target: 'https://example.org/page' },
        { kind: '/GoTo', target: 'lists' },
        { kind: '/GoTo', target: 'code-blocks-q' },
      ]),
    );
    expect(links.every((l) => l.kind === '/GoTo' || /^https:/.test(l.target))).toBe(true);
    // Every link annotation belongs to a Link structure element.
    const linkElements = structElements(json, '/Link');
    const parented = new Set(
      linkElements.flatMap((l) => (Array.isArray(l['/K']) ? l['/K'] : [l['/K']])).flatMap((k) => (typeof k === 'object' && k && '/Obj' in k ? [(k as Record<string, string>)['/Obj']] : [])),
    );
    const annots = json.pages.flatMap((p) => ((json.objects.get(p) as Record<string, unknown>)['/Annots'] as string[] | undefined) ?? []);
    for (const a of annots) expect(parented.has(a), a).toBe(true);
  });

  it.skipIf(poppler.skip)(`numbers ordered lists (with their start) and nests bullets${poppler.reason}`, () => {
    for (const item of ['1. one', '2. two', '◦ nested a', '◦ nested b', '1. deep', '3. three', '☐ open task', '☑ done task', '7. seven', '8. eight']) {
      expect(all).toContain(item);
    }
    const layout = run('pdftotext', ['-layout', pdf, '-']);
    const indent = (label: string) => /^( *)/.exec(layout.split('\n').find((l) => l.includes(label))!)![1]!.length;
    expect(indent('nested a')).toBeGreaterThan(indent('two'));
    expect(indent('deep')).toBeGreaterThan(indent('nested b'));
  });

  it('draws a bullet as an artifact, outside the tag tree; numbers and task boxes are labels (pdf.js)', async () => {
    const document = await getDocument({ data: new Uint8Array(fs.readFileSync(pdf)), verbosity: 0 }).promise;
    try {
      // The labels of the list question's page, with the marked content each is drawn in.
      const labels: Array<{ label: string; tag: string }> = [];
      const items: unknown[] = [];
      for (let n = 1; n <= document.numPages; n++) {
        const page = await document.getPage(n);
        const open: string[] = [];
        for (const item of (await page.getTextContent({ includeMarkedContent: true })).items as Array<Record<string, unknown>>) {
          if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') open.push(String(item.tag));
          else if (item.type === 'endMarkedContent') open.pop();
          else if (typeof item.str === 'string' && /^(?:[•◦▪☐☑]|\d+\.)$/.test(item.str.trim()) && open.length > 0) labels.push({ label: item.str.trim(), tag: open.at(-1)! });
        }
        const collect = (node: { role?: string; children?: unknown[] } | null): void => {
          if (node?.role === 'LI') items.push(node);
          for (const child of node?.children ?? []) collect(child as never);
        };
        collect((await page.getStructTree()) as never);
      }
      expect(labels.filter((l) => l.label === '◦')).toEqual([
        { label: '◦', tag: 'Artifact' },
        { label: '◦', tag: 'Artifact' },
      ]);
      for (const label of ['1.', '2.', '3.', '7.', '8.', '☐', '☑']) expect(labels, label).toContainEqual({ label, tag: 'Lbl' });
      // Ten items: the two bullets' LI holds its LBody alone, the eight others a Lbl and an LBody.
      const roles = items.map((item) => ((item as { children: Array<{ role?: string }> }).children.map((c) => c.role ?? 'content')).join(' '));
      expect(roles.filter((r) => r === 'LBody')).toHaveLength(2);
      expect(roles.filter((r) => r === 'Lbl LBody')).toHaveLength(8);
      expect(roles).toHaveLength(10);
    } finally {
      await document.destroy();
    }
  });

  it.skipIf(poppler.skip)(`sets code in the monospaced face, tabs expanded${poppler.reason}`, () => {
    expect(all).toContain('function add(a, b) { return a + b; // tab indented }');
    expect(fonts(pdf).map((f) => f.name.slice(7))).toContain('DejaVuSansMono');
    const layout = run('pdftotext', ['-layout', pdf, '-']);
    const fn = layout.split('\n').find((l) => l.includes('function add'))!;
    const body = layout.split('\n').find((l) => l.includes('return a + b'))!;
    expect(body.indexOf('return')).toBeGreaterThan(fn.indexOf('function'));
  });

  it.skipIf(poppler.skip)(`draws quotes, tables, rules and sub-headings${poppler.reason}`, () => {
    expect(all).toContain('A quote with bold. Nested quote.');
    expect(all).toMatch(/Name Value alpha α 1 beta β 2/);
    expect(all).toContain('A sub-heading After the rule.');
    const tree = run('pdfinfo', ['-struct', pdf]);
    for (const tag of ['BlockQuote', 'Table', 'TR', 'TH', 'TD', 'L', 'LI', 'Lbl', 'LBody', 'Code', 'Link', 'H2', 'H3', 'Sect', 'TOC', 'TOCI']) {
      expect(tree, tag).toMatch(new RegExp(`^\\s*${tag}\\b`, 'm'));
    }
  });

  it.skipIf(poppler.skip)(`prints Unicode text with the embedded fonts${poppler.reason}`, () => {
    expect(all).toContain('≈ μ σ ε — Ł é Fréchet Łukasz naïve “quotes” ½ → ∑');
    for (const font of fonts(pdf)) expect(font.embedded).toBe(true);
  });

  it.skipIf(qpdf.skip)(`escapes the title in the XMP metadata${qpdf.reason}`, async () => {
    const odd = corpusOf(MARKDOWN.replace('title: Feature guide', 'title: "Q&A <guide> & co"'));
    const file = tempFile('odd-title.pdf', await exportPdf(odd, { assets: new Map(), date: DATE }));
    const xmp = run('qpdf', ['--show-object=trailer', file]);
    expect(xmp).toContain('/Info');
    const json = qpdfJson(file);
    const catalog = [...json.objects.values()].find((v) => (v as Record<string, unknown>)?.['/Type'] === '/Catalog') as Record<string, string>;
    const metadata = run('qpdf', ['--show-object=' + catalog['/Metadata']!.replace(' 0 R', ''), '--filtered-stream-data', file]);
    expect(metadata).toContain('Q&amp;A &lt;guide&gt; &amp; co');
    expect(metadata).not.toContain('<guide>');
    expect(text(deref(json, (json.objects.get(/\/Info (\d+ \d+ R)/.exec(xmp)![1]!) as Record<string, string>)['/Title']))).toBe('Q&A <guide> & co');
  });
});

function deref(json: ReturnType<typeof qpdfJson>, value: unknown): unknown {
  return typeof value === 'string' && /^\d+ \d+ R$/.test(value) ? json.objects.get(value) : value;
}
