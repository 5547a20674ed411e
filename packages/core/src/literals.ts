import type { Nodes } from 'mdast';

/**
 * Code and math: text that is not prose. A formula or a code block repeated in two answers
 * is not a repeated passage (the same loss, the same `import torch`), so the rules that look
 * for repeated wording leave these nodes out.
 */
const LITERAL = new Set(['code', 'math', 'inlineCode', 'inlineMath']);

export function isLiteral(node: { type: string }): boolean {
  return LITERAL.has(node.type);
}

/** File offsets `[start, end)` of the code and math nodes inside `nodes`, in document order. */
export function literalRanges(nodes: readonly Nodes[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const stack: Nodes[] = [...nodes].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (LITERAL.has(node.type)) {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) out.push([start, end]);
      continue;
    }
    const children = (node as { children?: Nodes[] }).children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
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
