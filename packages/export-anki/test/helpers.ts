import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildCorpus, decodeSource, parseFile, type Corpus, type ExportOptions } from '@genai-qa/core';
import JSZip from 'jszip';
import initSqlJs from 'sql.js';

/** The build date every test uses unless it is about dates. */
export const DATE = new Date(Date.UTC(2026, 0, 1));

export function options(assets: Record<string, Uint8Array | string> = {}, date = DATE): ExportOptions {
  const map = new Map<string, Uint8Array>();
  for (const [key, value] of Object.entries(assets)) map.set(key, typeof value === 'string' ? new TextEncoder().encode(value) : value);
  return { assets: map, date };
}

/** A corpus compiled by core from Markdown files, keyed by path under the content root. */
export function corpusFrom(files: Record<string, string>): Corpus {
  return buildCorpus(
    Object.entries(files).map(([name, markdown]) =>
      parseFile(decodeSource(new TextEncoder().encode(markdown), { path: `content/${name}`, absolutePath: `/content/${name}`, root: '/content' }), name),
    ),
  );
}

export const SQLITE3 = '/usr/bin/sqlite3';
export const hasSqlite3 = existsSync(SQLITE3);

export type Row = Record<string, unknown>;

/** An .apkg opened with readers that share no code with the writer: JSZip, then SQLite. */
export interface Package {
  /** Zip entry names, sorted. */
  entries: string[];
  /** The `media` file: zip entry name → media file name. */
  media: Record<string, string>;
  entry(name: string): Promise<Uint8Array>;
  /** Runs SQL against collection.anki2 with the sqlite3 CLI (or a fresh sql.js when absent). */
  query(sql: string): Row[];
  close(): void;
}

export async function openApkg(bytes: Uint8Array): Promise<Package> {
  const zip = await JSZip.loadAsync(bytes);
  const entries = Object.keys(zip.files).sort();
  const media = JSON.parse(await zip.file('media')!.async('string')) as Record<string, string>;
  const collection = await zip.file('collection.anki2')!.async('uint8array');
  const dir = mkdtempSync(path.join(tmpdir(), 'apkg-'));
  const file = path.join(dir, 'collection.anki2');
  writeFileSync(file, collection);
  let query: (sql: string) => Row[];
  let close = () => rmSync(dir, { recursive: true, force: true });
  if (hasSqlite3) {
    query = (sql) => {
      const out = execFileSync(SQLITE3, ['-readonly', '-json', file, sql], { encoding: 'utf8', maxBuffer: 1 << 30 });
      return out.trim() === '' ? [] : (JSON.parse(out) as Row[]);
    };
  } else {
    const SQL = await initSqlJs();
    const db = new SQL.Database(collection);
    query = (sql) => {
      const [result] = db.exec(sql);
      if (!result) return [];
      return result.values.map((values) => Object.fromEntries(result.columns.map((c, i) => [c, values[i]])));
    };
    const removeDir = close;
    close = () => {
      db.close();
      removeDir();
    };
  }
  return { entries, media, entry: async (name) => zip.file(name)!.async('uint8array'), query, close };
}

/** A question as a hand-built model object (for HTML that core would never produce). */
export function question(id: string, overrides: Partial<Corpus['questions'][number]> = {}): Corpus['questions'][number] {
  return {
    id,
    number: 1,
    question: `Question ${id}?`,
    answer: { markdown: '', text: '', html: `<p>Answer ${id}.</p>` },
    tags: [],
    source: { file: 'q.md', line: 1 },
    ...overrides,
  };
}

export function corpusOf(questions: Corpus['questions'], title = 'Test deck'): Corpus {
  return { title, description: '', files: [{ file: 'q.md', title, description: '' }], questions };
}

/** A small deck as first published. */
export const BEFORE = corpusFrom({
  'q.md': `---
title: Deck
---

# 1. What is a GAN?

<!-- genai-qa id="what-is-a-gan" -->

Two networks.

# 2. What is a VAE?

<!-- genai-qa id="what-is-a-vae" -->

An autoencoder.

![The VAE](vae.png)

# 3. What is mode collapse?

Few outputs.
`,
});

// A month later: a question inserted at the top, all renumbered, one reworded (id kept).
export const AFTER = corpusFrom({
  'q.md': `---
title: Deck
---

# 1. What is generative AI?

Models that create content.

# 2. What is a generative adversarial network?

<!-- genai-qa id="what-is-a-gan" -->

Two networks trained against each other.

# 3. What is a VAE?

<!-- genai-qa id="what-is-a-vae" -->

An autoencoder.

![The VAE](vae.png)

# 4. What is mode collapse?

Few outputs.
`,
});
