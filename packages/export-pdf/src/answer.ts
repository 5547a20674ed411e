/**
 * The one place where the renderer gets an answer's syntax tree: core's renderable form of
 * the answer (its blocks with the definitions and footnotes they use). Everything below draws
 * the tree it is given; nothing in this package parses Markdown.
 */
import { renderableAnswer, type ExportOptions, type Question } from '@genai-qa/core';
import type { Definition, FootnoteDefinition, Nodes, Root } from 'mdast';
import { normalizeIdentifier } from './inline.js';

export interface AnswerTree {
  tree: Root;
  /** Link and image definitions by normalised identifier (the first of a repeated label wins). */
  definitions: ReadonlyMap<string, Definition>;
  /** Footnote numbers by identifier (see footnoteKey), as answer.html and the deck number them (see numberFootnotes). */
  footnotes: ReadonlyMap<string, number>;
  /** The footnote definitions, in the order of their numbers; one that nothing cites is left out, as in the HTML. */
  notes: FootnoteDefinition[];
}

export function answerTree(question: Question, options: ExportOptions): AnswerTree {
  const answer = renderableAnswer(question, options.answers);
  const definitions = new Map<string, Definition>();
  for (const definition of answer.definitions.values()) {
    const id = normalizeIdentifier(definition.identifier);
    if (!definitions.has(id)) definitions.set(id, definition);
  }
  return { tree: answer.tree, definitions, ...numberFootnotes(answer.tree) };
}

/** How footnotes are keyed: their mdast identifier, case folded as mdast-util-to-hast does. */
export function footnoteKey(identifier: string): string {
  return identifier.toUpperCase();
}

/**
 * Numbers an answer's footnotes as mdast-util-to-hast does for `answer.html` and the deck:
 * 1, 2, … in order of first reference in the answer's text (footnote definitions skipped),
 * then the references inside the notes, in the notes' order, continue the count.
 */
export function numberFootnotes(tree: Root): { footnotes: Map<string, number>; notes: FootnoteDefinition[] } {
  const byKey = new Map<string, FootnoteDefinition>();
  const order: string[] = [];
  const numbers = new Map<string, number>();
  const walk = (node: Nodes, collect: boolean): void => {
    if (node.type === 'footnoteDefinition') {
      if (collect && !byKey.has(footnoteKey(node.identifier))) byKey.set(footnoteKey(node.identifier), node);
      return;
    }
    if (node.type === 'footnoteReference' && !numbers.has(footnoteKey(node.identifier))) {
      order.push(footnoteKey(node.identifier));
      numbers.set(footnoteKey(node.identifier), order.length);
    }
    if ('children' in node) for (const child of node.children) walk(child, collect);
  };
  walk(tree, true);
  const notes: FootnoteDefinition[] = [];
  for (let k = 0; k < order.length; k++) {
    const note = byKey.get(order[k]!);
    if (!note) continue;
    notes.push(note);
    for (const child of note.children) walk(child, false);
  }
  return { footnotes: numbers, notes };
}
