/**
 * The one place where the renderer gets an answer's syntax tree: core's renderable form of
 * the answer (its blocks with the definitions and footnotes they use). Everything below draws
 * the tree it is given; nothing in this package parses Markdown.
 */
import { renderableAnswer, type ExportOptions, type Question } from '@genai-qa/core';
import type { Definition, Root } from 'mdast';
import { normalizeIdentifier } from './inline.js';

export interface AnswerTree {
  tree: Root;
  /** Link and image definitions by normalised identifier (the first of a repeated label wins). */
  definitions: ReadonlyMap<string, Definition>;
}

export function answerTree(question: Question, options: ExportOptions): AnswerTree {
  const answer = renderableAnswer(question, options.answers);
  const definitions = new Map<string, Definition>();
  for (const definition of answer.definitions.values()) {
    const id = normalizeIdentifier(definition.identifier);
    if (!definitions.has(id)) definitions.set(id, definition);
  }
  return { tree: answer.tree, definitions };
}
