import { afterAll, describe, expect, it } from 'vitest';
import { buildCorpus, decodeSource, parseFile } from '@genai-qa/core';
import { exportPdf } from '../src/index.js';
import { cleanup, DATE, destinations, needs, pageLinks, qpdfJson, tempFile } from './helpers.js';

afterAll(cleanup);

function file(name: string, markdown: string) {
  const root = '/virtual/content';
  return parseFile(decodeSource(new TextEncoder().encode(markdown), { path: `content/${name}`, absolutePath: `${root}/${name}`, root }), name);
}

describe('a corpus of several files', () => {
  const tools = needs('qpdf', 'pdfinfo');
  it.skipIf(tools.skip)(`groups the bookmarks by file and links across files${tools.reason}`, async () => {
    const corpus = buildCorpus([
      file('basics.md', '---\ntitle: Basics\n---\n\n# 1. First?\n\nSee [the other file](advanced.md#2-third).\n\n# 2. Second?\n\nB.\n'),
      file('advanced.md', '---\ntitle: Advanced\n---\n\n# 1. Fourth?\n\nC.\n\n# 2. Third?\n\nD.\n'),
    ]);
    const pdf = tempFile('files.pdf', await exportPdf(corpus, { assets: new Map(), date: DATE }));
    const json = qpdfJson(pdf);
    expect(json.outlines.map((o) => [o.title, o.kids.map((k) => k.title)])).toEqual([
      ['Basics', ['1. First?', '2. Second?']],
      ['Advanced', ['1. Fourth?', '2. Third?']],
    ]);
    const page = destinations(pdf).get('first')!;
    expect(pageLinks(json, page)).toContainEqual({ kind: '/GoTo', target: 'third' });
  });
});
