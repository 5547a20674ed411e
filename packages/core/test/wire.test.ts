import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodeSource, LintSession, NO_FILE_SYSTEM, packSummary, resolveConfig, resolveLimits, SectionLinter, transferList, unpackSummary, type FileSummary } from '../src/index.js';
import { describe, expect, it } from 'vitest';

// A lint worker thread posts a file's summary packed (wire.ts); the main thread must get back
// exactly the summary the worker had, in the same key order, on corpora of every layout.

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

function summaryOf(file: string): FileSummary {
  const source = decodeSource(fs.readFileSync(file), { path: path.relative(ROOT, file), absolutePath: file, root: path.dirname(file) });
  const session = new LintSession({ config: resolveConfig({}), limits: resolveLimits({}), host: NO_FILE_SYSTEM });
  const { summary } = session.lintFile({ source, relativePath: path.basename(file) }, { sections: new SectionLinter() });
  // The worker restores the source the main thread sent: the summary's must be that one.
  expect(summary.source).toBe(source);
  return summary;
}

/** The summary as it crosses to another thread: packed, cloned as postMessage clones it, unpacked. */
function roundTrip(summary: FileSummary): FileSummary {
  const packed = packSummary(summary);
  return unpackSummary(structuredClone(packed, { transfer: transferList(packed) }), summary.source);
}

const markdownFiles = (dir: string): string[] =>
  fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md')).map((f) => path.join(dir, f)).sort();

describe('a summary packed for the trip from the lint worker', () => {
  const files = [...markdownFiles(path.join(ROOT, 'content')), ...markdownFiles(path.join(ROOT, 'test/fixtures'))];

  it.each(files.map((f) => [path.relative(ROOT, f), f]))('%s arrives as it left, in the same key order', (_name, file) => {
    const summary = summaryOf(file);
    const back = roundTrip(summary);
    expect(back).toStrictEqual(summary);
    expect(JSON.stringify(back)).toBe(JSON.stringify(summary));
  });

  it('keeps positions without offsets, empty answers and questions without nodes', () => {
    const source = decodeSource(Buffer.from('# 1. A?\n'), { path: 'a.md', absolutePath: '/a.md', root: '/' });
    const summary: FileSummary = {
      source,
      relativePath: 'a.md',
      lineStarts: [0, 8],
      directives: [],
      bodyLine: 1,
      skipped: false,
      unanswered: [{ kind: 'list', line: 3, count: 2 }],
      questions: [
        { id: 'a', idExplicit: true, number: 1, question: 'A?', line: 1, endLine: 1, text: '', literals: [], prose: '', heading: { position: undefined }, nodes: [] },
        {
          id: 'é-b',
          idExplicit: false,
          number: 2,
          question: 'B — ünïcode?',
          line: 2,
          endLine: 4,
          text: 'x\ny',
          literals: [[3, 5]],
          prose: 'x',
          heading: { position: { start: { line: 2, column: 1 }, end: { line: 2, column: 9 } } },
          nodes: [{ position: { start: { line: 3, column: 1, offset: 12 }, end: { line: 4, column: 2, offset: 15 } } }, { position: undefined }],
        },
      ],
    };
    expect(roundTrip(summary)).toStrictEqual(summary);
  });
});
