import type { List, RootContent, Table } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { isQuestionText, readNumbered } from './layout.js';

/**
 * Questions written without answers: a table that lists questions (`| 1 | What is X? | [docs](…) |
 * Easy |`), or a list of question items none of which has an answer below it. Many banks keep
 * such an index, with the answers elsewhere or not written yet. genai-qa does not read them as
 * questions, since each would be a card with nothing on its back; `no-questions` names them
 * instead, when a file has no question it can read.
 */
export interface Unanswered {
  kind: 'table' | 'list';
  /** Line of the table or of the list's first item. */
  line: number;
  /** How many of its rows or items read as questions. */
  count: number;
}

/**
 * The tables among a file's top-level blocks of which one column reads as questions, in at
 * least two rows and half of them (a numbered cell counts by the text after its number).
 */
export function questionTables(blocks: readonly RootContent[]): Unanswered[] {
  const found: Unanswered[] = [];
  for (const block of blocks) {
    if (block.type !== 'table' || !block.position) continue;
    const count = questionColumnCount(block);
    if (count >= 2 && count * 2 >= block.children.length - 1) found.push({ kind: 'table', line: block.position.start.line, count });
  }
  return found;
}

function questionColumnCount(table: Table): number {
  const counts: number[] = [];
  for (const row of table.children.slice(1)) {
    row.children.forEach((cell, column) => {
      const text = toString(cell).replace(/\s+/g, ' ').trim();
      if (text && isQuestionText(readNumbered(text)?.text ?? text)) counts[column] = (counts[column] ?? 0) + 1;
    });
  }
  return Math.max(0, ...counts.filter((n) => n !== undefined));
}

/** The lists that hold the given question items, each with the number of them it holds. */
export function unansweredLists(lists: ReadonlyArray<List>, count: (list: List) => number): Unanswered[] {
  return lists.flatMap((list) => {
    const n = count(list);
    return n > 0 && list.position ? [{ kind: 'list' as const, line: list.position.start.line, count: n }] : [];
  });
}

/**
 * What a file's tables and lists of questions without answers are, in words: "the table at
 * line 19 lists 14 questions without answers below them (…)", or "3 lists, the first at line 11, list 19
 * questions …". `at` names the place of a line.
 */
export function describeUnanswered(found: readonly Unanswered[], at: (line: number) => string): string {
  const first = found[0]!;
  const count = found.reduce((n, f) => n + f.count, 0);
  const kinds = (['table', 'list'] as const)
    .map((kind) => [kind, found.filter((f) => f.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${kind}${n === 1 ? '' : 's'}`);
  const what = found.length === 1 ? `the ${first.kind} at ${at(first.line)} lists` : `${kinds.join(' and ')}, the first at ${at(first.line)}, list`;
  return `${what} ${count} questions without answers below them (genai-qa reads a question with its answer below it, e.g. "### What is …?" and the answer under it)`;
}
