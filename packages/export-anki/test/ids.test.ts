import type { Corpus } from '@genai-qa/core';
import { describe, expect, it } from 'vitest';
import { assignIds, deckId, exportAnki, NOTE_TYPE_ID, noteGuid } from '../src/index.js';
import { AFTER, BEFORE, corpusOf, openApkg, options, question, type Row } from './helpers.js';

describe('the id scheme (frozen: learners’ review history hangs on these values)', () => {
  it('gives a question id the same GUID, note id and card id forever', () => {
    expect(noteGuid('what-is-a-gan')).toBe('8IiZACMXlDZ');
    expect(assignIds(['what-is-a-gan'], 1).get('what-is-a-gan')).toEqual({
      guid: '8IiZACMXlDZ',
      noteId: 1040261331552,
      cardIds: [735071573510],
    });
  });

  it('has a constant note type id and a deck id derived from the collection title', () => {
    expect(NOTE_TYPE_ID).toBe(972086398101);
    expect(deckId('Generative AI Interview Questions')).toBe(623547875383);
    expect(deckId('Another collection')).not.toBe(deckId('Generative AI Interview Questions'));
  });

  it('keeps numeric ids in [2^39, 2^40): in the past (June 1987 – Nov 2004), before Anki made any id', () => {
    const ids = assignIds(Array.from({ length: 2000 }, (_, i) => `question-${i}`), 1);
    const numbers = [...ids.values()].flatMap((x) => [x.noteId, ...x.cardIds]).concat(NOTE_TYPE_ID, deckId('x'));
    for (const n of numbers) {
      expect(Number.isSafeInteger(n)).toBe(true);
      expect(n).toBeGreaterThanOrEqual(2 ** 39);
      expect(n).toBeLessThan(2 ** 40);
    }
    expect(new Date(2 ** 39).toISOString()).toBe('1987-06-03T21:56:53.888Z');
    expect(new Date(2 ** 40).toISOString()).toBe('2004-11-03T19:53:47.776Z');
  });

  it('does not depend on the order the questions come in', () => {
    const ids = ['b', 'a', 'c', 'what-is-a-gan'];
    expect(assignIds(ids, 1)).toEqual(assignIds([...ids].reverse(), 1));
  });
});

async function idRows(corpus: Corpus): Promise<Map<string, Row>> {
  const apkg = await openApkg(await exportAnki(corpus, options()));
  try {
    const rows = apkg.query('SELECT n.guid, n.id AS nid, c.id AS cid, n.mid, n.flds FROM notes n JOIN cards c ON c.nid = n.id');
    return new Map(rows.map((r) => [String(r.flds).split('\x1f')[2]!, { guid: r.guid, nid: r.nid, cid: r.cid, mid: r.mid }]));
  } finally {
    apkg.close();
  }
}

describe('a rebuilt deck', () => {
  it('keeps the GUID, note id, card id and note type of every question through renumbering, rewording and an insertion', async () => {
    const old = await idRows(BEFORE);
    const now = await idRows(AFTER);
    expect([...old.keys()].sort()).toEqual(['what-is-a-gan', 'what-is-a-vae', 'what-is-mode-collapse']);
    for (const [id, row] of old) expect(now.get(id)).toEqual(row);
    expect(now.size).toBe(4);
    const added = [...now.keys()].filter((id) => !old.has(id));
    expect(added).toEqual(['what-is-generative-ai']);
  });

  it('refuses two questions with one id, naming both', async () => {
    const corpus = corpusOf([question('same', { source: { file: 'a.md', line: 3 } }), question('same', { source: { file: 'b.md', line: 9 } })]);
    await expect(exportAnki(corpus, options())).rejects.toThrow('the id "same" is used by two questions (a.md:3 and b.md:9)');
  });
});
