import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { exportAnki, noteGuid } from '../src/index.js';
import { needing } from '../../../test/support/readers.js';
import { AFTER, BEFORE, options } from './helpers.js';

/**
 * The real importer: Debian's Mnemosyne reads .apkg files with its own Python code
 * (zipfile + sqlite3). It matches facts by note GUID and cards by card id, so a rebuilt deck
 * whose ids moved would show up here as duplicates.
 */
const PYTHON = '/usr/bin/python3'; // Debian's Python, where apt installs mnemosyne
const SCRIPT = fileURLToPath(new URL('./mnemosyne_import.py', import.meta.url));
const ENV = { ...process.env, QT_QPA_PLATFORM: 'offscreen' };

const hasMnemosyne = spawnSync(PYTHON, ['-c', 'import mnemosyne.script'], { env: ENV }).status === 0;

interface Result {
  step: number;
  cards: number;
  facts: number;
  card_ids: string[];
  fact_ids: string[];
  media: string[];
  questions: Record<string, string>;
}

/** Imports the packages one after the other into one fresh Mnemosyne collection. */
function importInOrder(...packages: Uint8Array[]): Result[] {
  const files = packages.map((bytes, i) => {
    const file = path.join(dir, `deck-${i + 1}.apkg`);
    writeFileSync(file, bytes);
    return file;
  });
  const run = spawnSync(PYTHON, [SCRIPT, ...files], { env: ENV, encoding: 'utf8', timeout: 120_000 });
  expect(run.stderr).not.toMatch(/Traceback/);
  expect(run.status).toBe(0);
  return run.stdout
    .split('\n')
    .filter((line) => line.startsWith('RESULT '))
    .map((line) => JSON.parse(line.slice('RESULT '.length)) as Result);
}

const dir = mkdtempSync(path.join(tmpdir(), 'mnemosyne-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VAE_PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const assets = { 'vae.png': VAE_PNG };

const SUITE = `importing into Mnemosyne${needing(hasMnemosyne ? [] : [['mnemosyne', 'mnemosyne']]).reason}`;

if (!hasMnemosyne) console.warn(`export-anki: ${SUITE}`);

describe.skipIf(!hasMnemosyne)(SUITE, () => {
  it('takes every question as one fact with one card, and the image as media', async () => {
    const [first] = importInOrder(await exportAnki(BEFORE, options(assets)));
    expect(first).toMatchObject({ step: 1, cards: 3, facts: 3 });
    expect(first!.fact_ids.sort()).toEqual(['what-is-a-gan', 'what-is-a-vae', 'what-is-mode-collapse'].map(noteGuid).sort());
    expect(first!.media).toEqual([expect.stringMatching(/^[0-9a-f]{8}-vae\.png$/)]);
  });

  it(
    'updates in place after renumbering and rewording, and adds only the one inserted question',
    async () => {
      const month1 = await exportAnki(BEFORE, options(assets, new Date(Date.UTC(2026, 0, 1))));
      const month2 = await exportAnki(AFTER, options(assets, new Date(Date.UTC(2026, 1, 1))));
      const [first, second] = importInOrder(month1, month2);
      // One card template: one more card and one more fact, no duplicates.
      expect([first!.cards, first!.facts]).toEqual([3, 3]);
      expect([second!.cards, second!.facts]).toEqual([4, 4]);
      expect(second!.card_ids).toEqual(expect.arrayContaining(first!.card_ids));
      expect(second!.fact_ids).toEqual(expect.arrayContaining(first!.fact_ids));
      // The reworded question replaced the old wording on the same fact.
      expect(second!.questions[noteGuid('what-is-a-gan')]).toBe('What is a generative adversarial network?');
      expect(second!.questions[noteGuid('what-is-generative-ai')]).toBe('What is generative AI?');
    },
  );

  it('changes nothing when the same deck is imported twice', async () => {
    const deck = await exportAnki(AFTER, options(assets));
    const [first, second] = importInOrder(deck, deck);
    expect(second).toMatchObject({ cards: first!.cards, facts: first!.facts, card_ids: first!.card_ids });
  });
});
