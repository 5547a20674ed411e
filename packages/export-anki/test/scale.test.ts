import { describe, expect, it } from 'vitest';
import { exportAnki, noteGuid } from '../src/index.js';
import { corpusOf, openApkg, options, question } from './helpers.js';

/** An answer of about 1.5 KB: paragraphs, a list and a code block. */
function answer(i: number): string {
  return (
    `<p>Answer ${i}: ${'the quick brown fox jumps over the lazy dog '.repeat(12)}</p>\n` +
    `<ul>\n<li>first point</li>\n<li>second point with <code>x &#x3C; ${i}</code></li>\n</ul>\n` +
    `<pre><code class="language-python">def f(x):\n    return x &#x3C; ${i}\n</code></pre>\n` +
    `<p>${'pack my box with five dozen liquor jugs '.repeat(14)}</p>`
  );
}

describe('a corpus of 10,000 questions', () => {
  it('exports without a crash into a sound deck with one note and one card per question', async () => {
    const corpus = corpusOf(
      Array.from({ length: 10_000 }, (_, i) =>
        question(`synthetic-question-${i}`, {
          number: i + 1,
          question: `Synthetic question number ${i}?`,
          answer: { markdown: '', text: '', html: answer(i) },
          tags: ['synthetic', `bucket::b${i % 10}`],
          source: { file: `part-${i % 7}.md`, line: 1 + i * 10 },
        }),
      ),
      'Ten thousand',
    );
    const bytes = await exportAnki(corpus, options());
    const apkg = await openApkg(bytes);
    try {
      expect(apkg.query('PRAGMA integrity_check')).toEqual([{ integrity_check: 'ok' }]);
      expect(apkg.query('SELECT count(*) AS notes, count(DISTINCT guid) AS guids FROM notes')).toEqual([{ notes: 10_000, guids: 10_000 }]);
      expect(apkg.query('SELECT count(*) AS cards, count(DISTINCT nid) AS nids FROM cards')).toEqual([{ cards: 10_000, nids: 10_000 }]);
      // Four fields each: three U+001F separators.
      expect(apkg.query("SELECT count(*) AS n FROM notes WHERE length(flds) - length(replace(flds, char(31), '')) <> 3")).toEqual([{ n: 0 }]);
      expect(apkg.query("SELECT guid FROM notes WHERE sfld = 'Synthetic question number 9999?'")).toEqual([{ guid: noteGuid('synthetic-question-9999') }]);
      expect(apkg.query('SELECT max(due) AS last FROM cards')).toEqual([{ last: 10_000 }]);
    } finally {
      apkg.close();
    }
  });
});
