import type { Root } from 'mdast';
import { lastAtOrBefore } from './line-index.js';
import { nodesOfTypes } from './nodes.js';

/**
 * Code and math: text that is not prose. A formula or a code block repeated in two answers
 * is not a repeated passage (the same loss, the same `import torch`), so the rules that look
 * for repeated wording leave these nodes out.
 */
const LITERAL = new Set(['code', 'math', 'inlineCode', 'inlineMath']);

export function isLiteral(node: { type: string }): boolean {
  return LITERAL.has(node.type);
}

/**
 * The code and math of a file, found once through the file's node index (which the lint rules
 * share): `(from, to)` gives the file offsets `[start, end)` of those inside `[from, to)`, in
 * document order.
 */
export function fileLiterals(tree: Root): (from: number, to: number) => Array<[number, number]> {
  let all: Array<[number, number]> | undefined;
  return (from, to) => {
    all ??= nodesOfTypes(tree, [...LITERAL] as Array<'code'>).flatMap((node): Array<[number, number]> => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      return start === undefined || end === undefined ? [] : [[start, end]];
    });
    // The first range that ends after `from` (ranges do not overlap: literals have no children).
    const ranges = all;
    const lo = lastAtOrBefore(ranges.length, (i) => ranges[i]![1], from) + 1;
    const out: Array<[number, number]> = [];
    for (let i = lo; i < all.length && all[i]![0] < to; i++) if (all[i]![0] >= from && all[i]![1] <= to) out.push(all[i]!);
    return out;
  };
}

/**
 * `text.slice(start, end)` with every range of `ranges` (sorted file offsets) blanked out
 * with `fill` (a space by default), line feeds kept, so that offsets and lines in the result
 * are those of the file.
 */
export function maskRanges(text: string, start: number, end: number, ranges: ReadonlyArray<readonly [number, number]>, fill = ' '): string {
  let out = '';
  let at = start;
  for (const [from, to] of ranges) {
    const a = Math.max(from, at);
    const b = Math.min(to, end);
    if (b <= a) continue;
    out += text.slice(at, a) + text.slice(a, b).replace(/[^\n]/g, fill);
    at = b;
  }
  return at === start ? text.slice(start, end) : out + text.slice(at, end);
}
