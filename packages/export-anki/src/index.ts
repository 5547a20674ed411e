import { createHash } from 'node:crypto';
import path from 'node:path';
import { assetKey, renderableAnswer, type Corpus, type ExportOptions, type Question } from '@genai-qa/core';
import JSZip from 'jszip';
import { writeCollection, type NoteRow } from './collection.js';
import { deckHtml, escapeHtml } from './deck-html.js';
import { assignIds, deckId, NOTE_TYPE_ID } from './ids.js';
import { FIELDS, TEMPLATES } from './note-type.js';

export { assignIds, deckId, noteGuid, NOTE_TYPE_ID } from './ids.js';
export { CSS, FIELDS, NOTE_TYPE_NAME, TEMPLATES } from './note-type.js';
export { DECK_SCHEMA, deckHtml, type ImageResolver } from './deck-html.js';

/**
 * Compiles a corpus into an Anki package (`.apkg` bytes): one deck named after the
 * collection, one note per question with the fields Question, Answer, Id and Source, and
 * the answers' local images as media.
 *
 * Pure: the result depends only on the arguments (images come from `options.assets`,
 * dates from `options.date`), so the same input gives byte-identical output. Async only
 * because sql.js compiles its WebAssembly and JSZip compresses asynchronously.
 *
 * Throws when two questions share an id: ids are what re-imports match on.
 */
export async function exportAnki(corpus: Corpus, options: ExportOptions): Promise<Uint8Array> {
  if (Number.isNaN(options.date.getTime())) throw new Error('export-anki: options.date is not a valid date');
  assertUniqueIds(corpus.questions);
  const ids = assignIds(
    corpus.questions.map((q) => q.id),
    TEMPLATES.length,
  );
  const media = new MediaCollector(options.assets);
  const notes: NoteRow[] = corpus.questions.map((question, position) => {
    const { guid, noteId, cardIds } = ids.get(question.id)!;
    const fields = [
      escapeHtml(question.question),
      deckHtml(renderableAnswer(question, options.answers), (src) => media.nameFor(question, src)),
      escapeHtml(question.id),
      escapeHtml(`${question.source.file}:${question.source.line}`),
    ].map(fieldSafe);
    if (fields.length !== FIELDS.length) throw new Error('field list out of step with the note type');
    return {
      id: noteId,
      guid,
      fields,
      sortField: fieldSafe(question.question),
      tags: question.tags.map(ankiTag).filter((t) => t !== ''),
      // New cards are shown in the order of the questions.
      cards: cardIds.map((id, ord) => ({ id, ord, due: position + 1 })),
    };
  });

  const collection = await writeCollection({
    deckId: deckId(corpus.title),
    deckName: deckName(corpus.title),
    deckDescription: escapeHtml(corpus.description),
    noteTypeId: NOTE_TYPE_ID,
    date: options.date,
    notes,
  });

  const zip = new JSZip();
  const date = zipDate(options.date);
  zip.file('collection.anki2', collection, { date, compression: 'DEFLATE' });
  media.files.forEach((file, index) => {
    zip.file(String(index), file.bytes, { date, compression: isCompressed(file.name) ? 'STORE' : 'DEFLATE' });
  });
  const map = Object.fromEntries(media.files.map((file, index) => [String(index), file.name]));
  zip.file('media', JSON.stringify(map), { date, compression: 'DEFLATE' });
  return zip.generateAsync({ type: 'uint8array', platform: 'UNIX', compressionOptions: { level: 6 } });
}

function assertUniqueIds(questions: readonly Question[]): void {
  const seen = new Map<string, Question>();
  for (const q of questions) {
    const first = seen.get(q.id);
    if (first) {
      throw new Error(
        `export-anki: the id "${q.id}" is used by two questions (${first.source.file}:${first.source.line} and ${q.source.file}:${q.source.line}); ` +
          'Anki matches notes by id, so every question needs its own, e.g. <!-- genai-qa id="a-unique-id" -->',
      );
    }
    seen.set(q.id, q);
  }
}

/** The local images an answer embeds, each stored once under a unique basename. */
class MediaCollector {
  readonly files: { name: string; bytes: Uint8Array }[] = [];
  private readonly byKey = new Map<string, string>();

  constructor(private readonly assets: ReadonlyMap<string, Uint8Array>) {}

  /** The media name for an image's src, or undefined when it is not among the assets. */
  nameFor(question: Question, src: string): string | undefined {
    const key = assetKey(question, src);
    if (key === undefined) return undefined;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const bytes = this.assets.get(key);
    if (bytes === undefined) return undefined;
    const name = mediaName(key);
    this.byKey.set(key, name);
    this.files.push({ name, bytes });
    return name;
  }
}

/**
 * `<8 hex digits of SHA-256 of the asset path>-<basename>`: Anki keeps media in one flat
 * folder shared by all decks, and two folders of the content may both hold `diagram.png`.
 */
export function mediaName(key: string): string {
  const hash = createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 8);
  const ext = path.posix.extname(key).replace(/[^\p{L}\p{N}.]/gu, '').slice(0, 10);
  const stem = path.posix
    .basename(key, path.posix.extname(key))
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .slice(0, 60);
  return `${hash}-${stem}${ext}`;
}

function isCompressed(name: string): boolean {
  return /\.(?:png|jpe?g|gif|webp|avif|mp3|mp4|ogg|webm|zip)$/i.test(name);
}

/** Anki tags are separated by spaces; `::` (hierarchy) passes through. */
function ankiTag(tag: string): string {
  return fieldSafe(tag).trim().replace(/\s+/g, '_');
}

/** Anki separates fields with U+001F; control characters other than tab and newlines go. */
function fieldSafe(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
}

/** Anki reads `::` in a deck name as a subdeck; keep the title one deck. */
function deckName(title: string): string {
  return fieldSafe(title).replace(/::/g, ':').trim() || 'genai-qa';
}

/** Zip stores DOS dates (1980–2107, local time read as UTC by JSZip): clamp to that range. */
function zipDate(date: Date): Date {
  const min = Date.UTC(1980, 0, 1);
  const max = Date.UTC(2107, 11, 31, 23, 59, 58);
  return new Date(Math.min(Math.max(date.getTime(), min), max));
}
