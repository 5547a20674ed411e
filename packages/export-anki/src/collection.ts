import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { FIELDS, noteTypeJson } from './note-type.js';

/**
 * Writes `collection.anki2`: Anki's legacy collection (schema version 11), which every Anki
 * since 2.0, AnkiDroid, AnkiMobile and Mnemosyne import. Every value comes from the
 * arguments; nothing from the clock, so the same input gives the same SQLite bytes.
 */

export interface NoteRow {
  id: number;
  guid: string;
  /** Field values (HTML), in the order of FIELDS. */
  fields: string[];
  /** Plain text of the sort field (the question). */
  sortField: string;
  tags: readonly string[];
  cards: { id: number; ord: number; due: number }[];
}

export interface CollectionInput {
  deckId: number;
  deckName: string;
  /** HTML shown on the deck's overview screen. */
  deckDescription: string;
  noteTypeId: number;
  /** The build date: creation and modification times of everything in the collection. */
  date: Date;
  notes: readonly NoteRow[];
}

const SCHEMA = `
CREATE TABLE col (
  id integer primary key, crt integer not null, mod integer not null, scm integer not null,
  ver integer not null, dty integer not null, usn integer not null, ls integer not null,
  conf text not null, models text not null, decks text not null, dconf text not null, tags text not null
);
CREATE TABLE notes (
  id integer primary key, guid text not null, mid integer not null, mod integer not null,
  usn integer not null, tags text not null, flds text not null, sfld integer not null,
  csum integer not null, flags integer not null, data text not null
);
CREATE TABLE cards (
  id integer primary key, nid integer not null, did integer not null, ord integer not null,
  mod integer not null, usn integer not null, type integer not null, queue integer not null,
  due integer not null, ivl integer not null, factor integer not null, reps integer not null,
  lapses integer not null, left integer not null, odue integer not null, odid integer not null,
  flags integer not null, data text not null
);
CREATE TABLE revlog (
  id integer primary key, cid integer not null, usn integer not null, ease integer not null,
  ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null,
  type integer not null
);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
`;

const FIELD_SEPARATOR = '\x1f';

const require = createRequire(import.meta.url);
let sqlJs: Promise<SqlJsStatic> | undefined;

/** sql.js 1.x (WebAssembly, growable heap), loaded once per process from its own package. */
function loadSqlJs(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs({ locateFile: (file: string) => require.resolve(`sql.js/dist/${file}`) });
  return sqlJs;
}

export async function writeCollection(input: CollectionInput): Promise<Uint8Array> {
  const SQL = await loadSqlJs();
  const db = new SQL.Database();
  try {
    const ms = input.date.getTime();
    const seconds = Math.floor(ms / 1000);
    db.run(SCHEMA);
    db.run('BEGIN');
    db.run('INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)', [
      seconds,
      ms,
      ms,
      JSON.stringify(collectionConf(input)),
      JSON.stringify({ [input.noteTypeId]: noteTypeJson(input.noteTypeId, input.deckId, seconds) }),
      JSON.stringify(decksJson(input, seconds)),
      JSON.stringify(deckConfigJson()),
      '{}',
    ]);
    const insertNote = db.prepare('INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, \'\')');
    const insertCard = db.prepare('INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, \'\')');
    try {
      // Rows in id order: SQLite appends to its b-trees instead of splitting pages at random.
      for (const note of [...input.notes].sort((a, b) => a.id - b.id)) {
        if (note.fields.length !== FIELDS.length) throw new Error(`note ${note.guid} has ${note.fields.length} fields, expected ${FIELDS.length}`);
        insertNote.run([
          note.id,
          note.guid,
          input.noteTypeId,
          seconds,
          note.tags.length > 0 ? ` ${note.tags.join(' ')} ` : '',
          note.fields.join(FIELD_SEPARATOR),
          note.sortField,
          fieldChecksum(note.sortField),
        ]);
      }
      const cards = input.notes.flatMap((note) => note.cards.map((card) => ({ ...card, nid: note.id })));
      for (const card of cards.sort((a, b) => a.id - b.id)) {
        insertCard.run([card.id, card.nid, input.deckId, card.ord, seconds, card.due]);
      }
    } finally {
      insertNote.free();
      insertCard.free();
    }
    db.run('COMMIT');
    return db.export();
  } finally {
    db.close();
  }
}

/** Anki's duplicate check: the first 8 hex digits of SHA-1 of the first field's plain text. */
function fieldChecksum(plain: string): number {
  return parseInt(createHash('sha1').update(plain, 'utf8').digest('hex').slice(0, 8), 16);
}

function collectionConf(input: CollectionInput): Record<string, unknown> {
  return {
    activeDecks: [input.deckId],
    addToCur: true,
    collapseTime: 1200,
    curDeck: input.deckId,
    curModel: String(input.noteTypeId),
    dueCounts: true,
    estTimes: true,
    newSpread: 0,
    nextPos: input.notes.length + 1,
    schedVer: 2,
    sortBackwards: false,
    sortType: 'noteFld',
    timeLim: 0,
  };
}

function deck(id: number, name: string, desc: string, seconds: number): Record<string, unknown> {
  return {
    id,
    name,
    desc,
    mod: seconds,
    usn: -1,
    dyn: 0,
    conf: 1,
    collapsed: false,
    browserCollapsed: false,
    extendNew: 0,
    extendRev: 0,
    newToday: [0, 0],
    revToday: [0, 0],
    lrnToday: [0, 0],
    timeToday: [0, 0],
  };
}

/** Anki expects the Default deck (id 1) in every collection; the cards go to the named deck. */
function decksJson(input: CollectionInput, seconds: number): Record<string, unknown> {
  return {
    1: deck(1, 'Default', '', seconds),
    [input.deckId]: deck(input.deckId, input.deckName, input.deckDescription, seconds),
  };
}

function deckConfigJson(): Record<string, unknown> {
  return {
    1: {
      id: 1,
      name: 'Default',
      mod: 0,
      usn: 0,
      dyn: false,
      maxTaken: 60,
      timer: 0,
      autoplay: true,
      replayq: true,
      new: { bury: false, delays: [1, 10], initialFactor: 2500, ints: [1, 4, 0], order: 1, perDay: 20, separate: true },
      lapse: { delays: [10], leechAction: 1, leechFails: 8, minInt: 1, mult: 0 },
      rev: { bury: false, ease4: 1.3, fuzz: 0.05, hardFactor: 1.2, ivlFct: 1, maxIvl: 36500, minSpace: 1, perDay: 200 },
    },
  };
}
