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
 * Turns `\(…\)` and `\[…\]` written in a text node into math nodes (`inlineMath`; a `\[…\]`
 * one is marked `math-display`), positions kept. Runs on the finished tree, after any
 * parse: the same tree whether the file was read whole or in sections.
 */
export function ankiMathDelimiters(tree: Root, text: string): Root {
  if (!text.includes('\\(') && !text.includes('\\[')) return tree;
  const walk = (parent: Parent): void => {
    for (let i = 0; i < parent.children.length; i++) {
      const child = parent.children[i]!;
      if (child.type === 'text') {
        const pieces = split(child, text);
        if (pieces) {
          parent.children.splice(i, 1, ...(pieces as never[]));
          i += pieces.length - 1;
        }
      } else if ('children' in child) walk(child);
    }
  };
  walk(tree);
  return tree;
}

function split(node: Text, text: string): PhrasingContent[] | undefined {
  const position = node.position;
  if (!position || position.start.offset === undefined || position.end.offset === undefined) return undefined;
  const start = position.start.offset;
  const source = text.slice(start, position.end.offset);
  if (!source.includes('\\(') && !source.includes('\\[')) return undefined;
  if (source.includes('&') || /\\\n/.test(source)) return undefined;
  const out: PhrasingContent[] = [];
  let last = 0;
  const at = (offset: number) => pointOf(text, start + offset, position.start);
  const plain = (from: number, to: number): void => {
    if (to > from) out.push({ type: 'text', value: source.slice(from, to).replace(ESCAPE, '$1'), position: { start: at(from), end: at(to) } });
  };
  for (const match of source.matchAll(DELIMITED)) {
    plain(last, match.index);
    const display = match[2] !== undefined;
    const math: InlineMath = {
      type: 'inlineMath',
      value: display ? match[2]! : match[1]!,
      position: { start: at(match.index), end: at(match.index + match[0].length) },
      data: { hName: 'code', hProperties: { className: ['language-math', display ? 'math-display' : 'math-inline'] }, hChildren: [{ type: 'text', value: display ? match[2]! : match[1]! }] },
    };
    out.push(math);
    last = match.index + match[0].length;
  }
  if (last === 0) return undefined;
  plain(last, source.length);
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
