import type { Nodes } from 'mdast';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';

/**
 * Link and footnote definitions are global in CommonMark: `[x]` in one question is a link
 * when `[x]: url` stands anywhere in the file, even after it. micromark decides that while
 * it reads the text, from the labels it has seen defined, so a question parsed on its own
 * must be parsed with the definitions of the whole file known. This module finds which
 * labels a piece of Markdown may refer to, guesses the file's definitions from its text (the
 * guess is checked against the definitions micromark finds), and writes the definitions
 * a piece needs as Markdown to parse with it.
 *
 * A definition is named here by its kind and mdast identifier: `l:` for a link (or image)
 * definition, `f:` for a footnote, then `identifier` (micromark's normalised label, lower
 * case). micromark compares labels normalised (white space collapsed, case folded), and a
 * definition written with the identifier as its label normalises to the same key for every
 * code point (checked over all of Unicode).
 */
export type DefinitionKey = string;

export function identifierOf(label: string): string {
  return normalizeIdentifier(label).toLowerCase();
}

// A bracketed run without unescaped brackets inside: every label micromark can look up is
// one (a defined label never holds an unescaped bracket). The lookahead and back reference
// make the run atomic, so a `[` without its `]` costs no backtracking.
const BRACKETED = /\[(?=((?:[^[\]\\]|\\[\s\S])*))\1\]/g;
// The container prefixes (block quote markers, indentation) that a label wrapped inside a
// block quote or list item carries on its later lines, and which are not part of the label.
const PREFIXES = /\n[ \t>]*/g;

function labelKeys(label: string, into: Set<DefinitionKey>): void {
  const variants = label.includes('\n') ? [label, label.replace(PREFIXES, '\n')] : [label];
  for (const v of variants) {
    into.add(`l:${identifierOf(v)}`);
    if (v.startsWith('^')) into.add(`f:${identifierOf(v.slice(1))}`);
  }
}

/**
 * Every definition that `source` could refer to, as keys: a superset (a bracketed run that
 * is no reference adds a key that matches nothing, which is harmless).
 */
export function referencedKeys(source: string, into = new Set<DefinitionKey>()): Set<DefinitionKey> {
  if (!source.includes('[')) return into;
  for (const m of source.matchAll(BRACKETED)) labelKeys(m[1]!, into);
  return into;
}

/**
 * The definitions the text seems to have: each `[label]:` (a footnote's for `[^label]:`).
 * Only a guess, which the caller checks against what micromark found: the text "[a]: b" in a
 * code span is no definition, and a label wrapped in a block quote is written with its
 * markers.
 */
export function guessDefinitions(text: string): Set<DefinitionKey> {
  const keys = new Set<DefinitionKey>();
  if (!text.includes(']:')) return keys;
  for (const m of text.matchAll(BRACKETED)) {
    if (text.charCodeAt(m.index + m[0].length) !== 0x3a /* : */) continue;
    const label = m[1]!.includes('\n') ? m[1]!.replace(PREFIXES, '\n') : m[1]!;
    const footnote = label.startsWith('^');
    const id = identifierOf(footnote ? label.slice(1) : label);
    if (id !== '') keys.add(`${footnote ? 'f' : 'l'}:${id}`);
  }
  return keys;
}

/** Adds the definitions in a parsed tree (they sit in the root and in block containers). */
export function collectDefinitions(nodes: readonly Nodes[], into: Set<DefinitionKey>): void {
  for (const node of nodes) {
    if (node.type === 'definition') into.add(`l:${node.identifier}`);
    else if (node.type === 'footnoteDefinition') {
      into.add(`f:${node.identifier}`);
      collectDefinitions(node.children, into);
    } else if (node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem') collectDefinitions(node.children, into);
  }
}

/**
 * The definitions as Markdown, one block each (a blank line after each, so that a footnote
 * definition, a container, ends before the next).
 */
export function definitionsSource(keys: readonly DefinitionKey[]): string {
  let out = '';
  for (const key of keys) out += key.startsWith('f:') ? `[^${key.slice(2)}]: x\n\n` : `[${key.slice(2)}]: x\n\n`;
  return out;
}

/** Whether `node` is the definition written for `key` by `definitionsSource`. */
export function isDefinitionOf(node: Nodes, key: DefinitionKey): boolean {
  return key.startsWith('f:')
    ? node.type === 'footnoteDefinition' && node.identifier === key.slice(2)
    : node.type === 'definition' && node.identifier === key.slice(2);
}
