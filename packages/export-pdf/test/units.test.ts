import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '@genai-qa/core';
import type { Paragraph } from 'mdast';
import { sanitizeSvg, sniffImage, svgSize } from '../src/images.js';
import { inlineRuns, isFigureParagraph } from '../src/inline.js';
import { Destinations } from '../src/targets.js';
import { corpusOf, png } from './helpers.js';

describe('link targets', () => {
  const corpus = corpusOf('# 1. What is a GAN?\n\nA.\n\n# 2. Other question?\n\n<!-- genai-qa id="custom-id" -->\n\nB.\n');
  const dests = new Destinations(corpus);
  const from = corpus.questions[0]!;
  const cases: Array<[string, unknown]> = [
    ['https://example.org/a b?x=1#f', { kind: 'url', url: 'https://example.org/a%20b?x=1#f' }],
    ['HTTP://EXAMPLE.ORG', { kind: 'url', url: 'http://example.org/' }],
    ['mailto:someone@example.org', { kind: 'url', url: 'mailto:someone@example.org' }],
    ['//cdn.example.org/x', { kind: 'url', url: 'https://cdn.example.org/x' }],
    ['javascript:alert(1)', undefined],
    [' java\tscript:alert(1)', undefined],
    ['data:text/html,<script>', undefined],
    ['vbscript:x', undefined],
    ['file:///etc/passwd', undefined],
    ['ftp://example.org/f', undefined],
    ['#2-other-question', { kind: 'dest', name: 'custom-id' }],
    ['#custom-id', { kind: 'dest', name: 'custom-id' }],
    ['#what-is-a-gan', { kind: 'dest', name: 'what-is-a-gan' }],
    ['#no-such-question', undefined],
    ['q.md#custom-id', { kind: 'dest', name: 'custom-id' }],
    ['./q.md#1-what-is-a-gan', { kind: 'dest', name: 'what-is-a-gan' }],
    ['other.md#custom-id', undefined],
    ['images/figure.png', undefined],
  ];
  for (const [url, expected] of cases) {
    it(`${JSON.stringify(url)} → ${JSON.stringify(expected)}`, () => expect(dests.resolve(from, url)).toEqual(expected));
  }

  it('names destinations by question id, unique even when ids repeat', () => {
    const twice = corpusOf('# 1. Same?\n\nA.\n\n# 2. Same?\n\nB.\n');
    expect(new Destinations({ ...twice, questions: [...twice.questions, twice.questions[0]!] }).names).toEqual(['same', 'same-2', 'same-3']);
  });
});

describe('inline runs', () => {
  const runs = (markdown: string) =>
    inlineRuns((parseMarkdown(markdown).children[0] as Paragraph).children, { resolve: (u) => ({ kind: 'url', url: u }), definitions: new Map() }).runs;

  it('keeps styles, collapses whitespace across runs and drops raw HTML', () => {
    expect(runs('a  *b*  <b>c</b> `d  e`\nf')).toEqual([
      { text: 'a ' },
      { italic: true, text: 'b' },
      { text: ' ' },
      { text: 'c' },
      { text: ' ' },
      { mono: true, text: 'd  e' },
      { text: ' f' },
    ]);
  });

  it('knows a paragraph made of images only', () => {
    const para = (md: string) => (parseMarkdown(md).children[0] as Paragraph).children;
    expect(isFigureParagraph(para('![a](x.png)'))).toBe(true);
    expect(isFigureParagraph(para('![a](x.png)\n![b](y.png)'))).toBe(true);
    expect(isFigureParagraph(para('see ![a](x.png)'))).toBe(false);
  });
});

describe('images', () => {
  it('recognises formats by content', () => {
    expect(sniffImage(png(2, 2, true))).toBe('png');
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]))).toBe('jpeg');
    expect(sniffImage(new TextEncoder().encode('\uFEFF<?xml version="1.0"?>\n<!-- c -->\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe('svg');
    expect(sniffImage(new TextEncoder().encode('GIF89a'))).toBeUndefined();
    expect(sniffImage(new TextEncoder().encode('<html><svg></svg></html>'))).toBeUndefined();
  });

  it('reads the size of an SVG from width, height and viewBox', () => {
    expect(svgSize('<svg width="800" height="460" viewBox="0 0 800 460">')).toEqual({ width: 800, height: 460 });
    expect(svgSize('<svg viewBox="0 0 200 100">')).toEqual({ width: 200, height: 100 });
    expect(svgSize('<svg width="2in" viewBox="0 0 200 100">')).toEqual({ width: 192, height: 96 });
    expect(svgSize('<svg width="100%" stroke-width="3">')).toEqual({ width: 300, height: 150 });
  });

  it('turns SVG links into groups', () => {
    expect(sanitizeSvg('<a href="javascript:x"><rect/></a><svg:a xlink:href="y">t</svg:a><animate/>')).toBe('<g href="javascript:x"><rect/></g><g xlink:href="y">t</g><animate/>');
  });
});
