/**
 * The one place where the renderer gets an answer's syntax tree. Everything below draws
 * the tree it is given; nothing else parses Markdown.
 */
import { parseMarkdown, type ExportOptions, type Question } from '@genai-qa/core';
import type { Definition, Nodes, Root } from 'mdast';
import { normalizeIdentifier } from './inline.js';

export interface AnswerTree {
  tree: Root;
  /** Link and image definitions by normalised identifier (the first of a repeated label wins). */
  definitions: ReadonlyMap<string, Definition>;
}

export function answerTree(question: Question, _options: ExportOptions): AnswerTree {
  const tree = parseMarkdown(question.answer.markdown);
  const definitions = new Map<string, Definition>();
  collectDefinitions(tree, definitions);
  return { tree, definitions };
}

function collectDefinitions(node: Root | Nodes, out: Map<string, Definition>): void {
  if (node.type === 'definition') {
    const id = normalizeIdentifier(node.identifier);
    if (!out.has(id)) out.set(id, node);
  }
  if ('children' in node) for (const child of node.children as Nodes[]) collectDefinitions(child, out);
}
