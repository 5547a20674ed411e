import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { exportAnki } from '../src/index.js';
import { corpusOf, DATE, openApkg, options, question } from './helpers.js';

const corpus = corpusOf(
  Array.from({ length: 50 }, (_, i) =>
    question(`question-${i}`, {
      number: i + 1,
      answer: { markdown: '', text: '', html: `<p>Answer ${i}</p><ul><li>a</li></ul><p><img src="img/d${i % 3}.png" alt="d"></p>` },
      tags: ['t', `group::g${i % 4}`],
    }),
  ),
);
const assets = { 'img/d0.png': 'zero', 'img/d1.png': 'one', 'img/d2.png': 'two' };

describe('same input, same bytes', () => {
  it('gives byte-identical packages on two builds', async () => {
    const first = await exportAnki(corpus, options(assets));
    const second = await exportAnki(corpus, options(assets));
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it('is not influenced by what was exported before in the same process', async () => {
    const first = await exportAnki(corpus, options(assets));
    await exportAnki(corpusOf([question('something-else')], 'Other'), options({}, new Date(Date.UTC(2030, 5, 1))));
    const again = await exportAnki(corpus, options(assets));
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
  });

  it('dates every zip entry and the collection with options.date, not the clock', async () => {
    const bytes = await exportAnki(corpus, options(assets));
    const zip = await JSZip.loadAsync(bytes);
    for (const entry of Object.values(zip.files)) expect(entry.date.toISOString()).toBe(DATE.toISOString());
    const apkg = await openApkg(bytes);
    try {
      const seconds = DATE.getTime() / 1000;
      expect(apkg.query('SELECT crt, mod, scm FROM col')).toEqual([{ crt: seconds, mod: DATE.getTime(), scm: DATE.getTime() }]);
      expect(apkg.query('SELECT DISTINCT mod FROM notes UNION SELECT DISTINCT mod FROM cards')).toEqual([{ mod: seconds }]);
    } finally {
      apkg.close();
    }
  });

  it('clamps dates before 1980 (SOURCE_DATE_EPOCH=0) to the earliest date a zip can hold', async () => {
    const epoch = options(assets, new Date(0));
    const bytes = await exportAnki(corpus, epoch);
    expect(Buffer.from(await exportAnki(corpus, epoch)).equals(Buffer.from(bytes))).toBe(true);
    const zip = await JSZip.loadAsync(bytes);
    expect(zip.file('collection.anki2')!.date.toISOString()).toBe('1980-01-01T00:00:00.000Z');
  });
});
