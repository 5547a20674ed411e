import { createHash } from 'node:crypto';

/**
 * Every id in the deck is a hash of something that does not change when a question is
 * renumbered, reworded or moved: the question's stable `id`, the collection title, or a
 * constant. Nothing comes from the clock or from a question's position. Changing any
 * function in this file detaches every learner's review history, so `test/ids.test.ts`
 * pins literal values.
 *
 * Numeric ids (notes, cards, deck, note type) live in [2^39, 2^40): read as Anki's
 * epoch-millisecond ids that is June 1987 to November 2004. That range is
 *  - in the past: Anki's "Check Database" renumbers note and card ids later than tomorrow
 *    (and forces a full sync), so ids "far above" the clock would not stay stable;
 *  - before Anki existed (2006): ids Anki derives from its clock never fall in it;
 *  - far from small integers that naive generators use, and below 2^53 (exact in JS).
 * 39 bits of SHA-256 leave ~1e-4 odds of one collision inside a 10,000-question deck;
 * {@link assignIds} settles collisions deterministically.
 */
export const ID_BASE = 2 ** 39;
export const ID_BITS = 39;

const NAMESPACE = 'genai-qa';

function digest(label: string): Buffer {
  return createHash('sha256').update(`${NAMESPACE}\0${label}`, 'utf8').digest();
}

/** A number in [2^39, 2^40) from the first 39 bits of SHA-256 of the label. */
export function idFromLabel(label: string): number {
  const bits = digest(label).readBigUInt64BE(0) >> BigInt(64 - ID_BITS);
  return ID_BASE + Number(bits);
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * The note GUID: 64 bits of SHA-256 of the question id, in base 62 (letters and digits
 * only, like Anki's own 10-character GUIDs, and unchanged by Mnemosyne, which rewrites
 * `` ` " & < > `` in GUIDs). Anki updates a note in place when GUID and note type match.
 */
export function noteGuid(questionId: string): string {
  let value = digest(`note-guid\0${questionId}`).readBigUInt64BE(0);
  let out = '';
  do {
    out = BASE62[Number(value % 62n)] + out;
    value /= 62n;
  } while (value > 0n);
  return out;
}

/** The note type's id: a constant. Bump the label's version when fields or templates change. */
export const NOTE_TYPE_ID = idFromLabel('note-type\0genai-qa Q&A v1');

/** The deck id: from the collection title (another corpus gets another deck). */
export function deckId(title: string): number {
  return idFromLabel(`deck\0${title}`);
}

export interface QuestionIds {
  guid: string;
  noteId: number;
  /** Card ids by template ordinal. */
  cardIds: number[];
}

/**
 * GUIDs, note ids and card ids for a list of question ids (unique; see the caller).
 *
 * When two hashes collide, the question whose id sorts first keeps the hashed value and the
 * other takes the next free one; the order is that of the ids, never of the questions, so
 * renumbering or inserting questions cannot move an id.
 */
export function assignIds(questionIds: readonly string[], templates: number): Map<string, QuestionIds> {
  const sorted = [...questionIds].sort();
  const usedNotes = new Set<number>();
  const usedCards = new Set<number>();
  const out = new Map<string, QuestionIds>();
  for (const id of sorted) {
    const noteId = claim(idFromLabel(`note\0${id}`), usedNotes);
    const cardIds: number[] = [];
    for (let ord = 0; ord < templates; ord++) cardIds.push(claim(idFromLabel(`card\0${id}\0${ord}`), usedCards));
    out.set(id, { guid: noteGuid(id), noteId, cardIds });
  }
  return out;
}

function claim(wanted: number, used: Set<number>): number {
  let value = wanted;
  while (used.has(value)) value = value + 1 < 2 * ID_BASE ? value + 1 : ID_BASE;
  used.add(value);
  return value;
}
