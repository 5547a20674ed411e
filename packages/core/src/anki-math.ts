import type { InlineMath } from 'mdast-util-math';
import type { Parent, PhrasingContent, Root, Text } from 'mdast';

// Anki's own math delimiters, as corpora written for Anki use them: `\(…\)` inline and `\[…\]`
// displayed. To CommonMark they are escaped brackets, so without this they would reach the
// card as "(O(n^2))".
const DELIMITED = /\\\(([\s\S]+?)\\\)|\\\[([\s\S]+?)\\\]/g;
// What a text node's source may hold besides the delimited math for its value to be read
// back here: only backslash escapes of ASCII punctuation (no entities, no hard breaks).
const ESCAPE = /\\([!-/:-@[-`{-~])/g;

/**
 * Turns `\(…\)` and `\[…\]` written in text into math nodes (`inlineMath`; a `\[…\]` one is
 * marked `math-display`), positions kept. Runs on the finished tree, after any parse: the
 * same tree whether the file was read whole or in sections. The TeX is the source between
 * the delimiters, as written: an underscore or a star inside it (`\mathcal{L}_{DPO} … \pi_\theta`)
 * may have made emphasis of part of it, and that emphasis is undone.
 */
export function ankiMathDelimiters(tree: Root, text: string): Root {
  if (!text.includes('\\(') && !text.includes('\\[')) return tree;
  const walk = (parent: Parent): void => {
    if (parent.children.some((child) => child.type === 'text')) {
      const replaced = split(parent.children as PhrasingContent[], text);
      if (replaced) parent.children = replaced;
    }
    for (const child of parent.children) if ('children' in child) walk(child);
  };
  walk(tree);
  return tree;
}

/**
 * The phrasing `children` with each delimited formula of their source made one math node, or
 * undefined when there is none. A formula must start and end in text (not in code or a link's
 * destination); what lies between, whatever the parser made of it, becomes its TeX.
 */
function split(children: readonly PhrasingContent[], text: string): PhrasingContent[] | undefined {
  const startOf = (node: PhrasingContent): number | undefined => node.position?.start.offset;
  const endOf = (node: PhrasingContent): number | undefined => node.position?.end.offset;
  const first = startOf(children[0]!);
  const last = endOf(children.at(-1)!);
  if (first === undefined || last === undefined || children.some((c) => startOf(c) === undefined || endOf(c) === undefined)) return undefined;
  const source = text.slice(first, last);
  if (!source.includes('\\(') && !source.includes('\\[')) return undefined;
  // Only text whose value is its source with backslash escapes taken can be cut (no entities, no hard breaks).
  const cuttable = (node: PhrasingContent): node is Text =>
    node.type === 'text' && !/&|\\\n/.test(text.slice(startOf(node), endOf(node)));
  const holding = (offset: number, end: boolean): number =>
    children.findIndex((c) => (end ? startOf(c)! < offset && offset <= endOf(c)! : startOf(c)! <= offset && offset < endOf(c)!));
  const out: PhrasingContent[] = [];
  let next = 0; // the first child not yet copied to `out`
  let from = first; // where the uncopied part of children[next] starts
  const plain = (node: Text, a: number, b: number): void => {
    if (b > a) out.push({ type: 'text', value: text.slice(a, b).replace(ESCAPE, '$1'), position: { start: pointOf(text, a, node.position!.start), end: pointOf(text, b, node.position!.start) } });
  };
  const copyUpTo = (index: number): void => {
    for (; next < index; next++) {
      const child = children[next]!;
      if (from > startOf(child)!) plain(child as Text, from, endOf(child)!);
      else out.push(child);
      from = endOf(child)!;
    }
  };
  let found = false;
  for (const match of source.matchAll(DELIMITED)) {
    const a = first + match.index;
    const b = a + match[0].length;
    const i = holding(a, false);
    const j = holding(b, true);
    if (i < next || j < i || !cuttable(children[i]!) || !cuttable(children[j]!)) continue;
    copyUpTo(i);
    const opening = children[i];
    plain(opening, Math.max(from, startOf(opening)!), a);
    const display = match[2] !== undefined;
    const tex = display ? match[2]! : match[1]!;
    out.push({
      type: 'inlineMath',
      value: tex,
      position: { start: pointOf(text, a, opening.position!.start), end: pointOf(text, b, opening.position!.start) },
      data: { hName: 'code', hProperties: { className: ['language-math', display ? 'math-display' : 'math-inline'] }, hChildren: [{ type: 'text', value: tex }] },
    } satisfies InlineMath);
    next = j;
    from = b;
    found = true;
  }
  if (!found) return undefined;
  copyUpTo(children.length);
  return out;
}

/** The point of `offset`, counted from a known point before it (lines by line feeds). */
function pointOf(text: string, offset: number, from: { line: number; column: number; offset?: number }): { line: number; column: number; offset: number } {
  let line = from.line;
  let lineStart = from.offset! - (from.column - 1);
  for (let i = text.indexOf('\n', from.offset); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1, offset };
}
