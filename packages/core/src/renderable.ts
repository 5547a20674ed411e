import type { Definition, FootnoteDefinition, Nodes, Root, RootContent } from 'mdast';
import { visit } from 'unist-util-visit';
import { assetKey } from './assets.js';
import type { Corpus, Question } from './model.js';
import { parseMarkdown } from './parse.js';

/**
 * An answer in the one form every exporter renders: its syntax tree, complete. Built by core
 * from the parsed files (see `compileCorpus`); it is not part of the JSON model.
 */
export interface RenderableAnswer {
  /**
   * The answer's blocks (genai-qa comments left out), followed by the link, image and
   * footnote definitions they use that are written elsewhere in the file, in source order.
   */
  readonly tree: Root;
  /** The link and image definitions the answer uses, by mdast `identifier` (the first of a label wins). */
  readonly definitions: ReadonlyMap<string, Definition>;
  /** The footnote definitions the answer uses, by mdast `identifier`. */
  readonly footnotes: ReadonlyMap<string, FootnoteDefinition>;
  /** The local images the answer shows (inline or by reference), as asset keys, in order of first use. */
  readonly images: readonly string[];
}

/** The definitions of one file, found once and only when an answer asks for them. */
export interface FileDefinitions {
  readonly definitions: ReadonlyMap<string, Definition>;
  readonly footnotes: ReadonlyMap<string, FootnoteDefinition>;
}

const NONE: FileDefinitions = { definitions: new Map(), footnotes: new Map() };

/**
 * A lazy index of the definitions of a file, wherever they are written (in a quote or a list
 * item too): like CommonMark, the first definition of a label wins. Every definition needs
 * `]:` in the text, so a file without it is never walked.
 */
export function fileDefinitions(tree: Root, text: string): () => FileDefinitions {
  let index: FileDefinitions | undefined;
  return () => {
    if (index) return index;
    if (!text.includes(']:')) return (index = NONE);
    const definitions = new Map<string, Definition>();
    const footnotes = new Map<string, FootnoteDefinition>();
    visit(tree, (node) => {
      if (node.type === 'definition' && !definitions.has(node.identifier)) definitions.set(node.identifier, node);
      if (node.type === 'footnoteDefinition' && !footnotes.has(node.identifier)) footnotes.set(node.identifier, node);
    });
    return (index = { definitions, footnotes });
  };
}

/** What an answer uses: the definitions written outside its blocks, to append, in source order. */
export interface AnswerParts {
  answer: RenderableAnswer;
  /** Definitions and footnote definitions the answer uses that its blocks do not contain. */
  appended: Array<Definition | FootnoteDefinition>;
}

/**
 * Resolves an answer's references against its file: the definitions its blocks use, the
 * footnotes they cite (and what those use in turn), and the local images, as asset keys of
 * `file` (the Markdown file's path relative to the content root).
 */
export function resolveAnswer(nodes: readonly RootContent[], file: FileDefinitions, path: string): AnswerParts {
  const definitions = new Map<string, Definition>();
  const footnotes = new Map<string, FootnoteDefinition>();
  const inside = new Set<Nodes>();
  const wanted: Array<{ kind: 'definition' | 'footnote'; id: string }> = [];
  const imageUrls: Array<string | { reference: string }> = [];
  const scan = (node: Nodes): void => {
    visit(node, (child) => {
      inside.add(child);
      if (child.type === 'linkReference' || child.type === 'imageReference') wanted.push({ kind: 'definition', id: child.identifier });
      if (child.type === 'footnoteReference') wanted.push({ kind: 'footnote', id: child.identifier });
      if (child.type === 'image') imageUrls.push(child.url);
      if (child.type === 'imageReference') imageUrls.push({ reference: child.identifier });
    });
  };
  for (const node of nodes) scan(node);
  const appended: Array<Definition | FootnoteDefinition> = [];
  // Footnotes may use definitions and cite other footnotes: follow them until nothing is new.
  for (let k = 0; k < wanted.length; k++) {
    const { kind, id } = wanted[k]!;
    if (kind === 'definition') {
      const definition = file.definitions.get(id);
      if (!definition || definitions.has(id)) continue;
      definitions.set(id, definition);
      if (!inside.has(definition)) appended.push(definition);
    } else {
      const note = file.footnotes.get(id);
      if (!note || footnotes.has(id)) continue;
      footnotes.set(id, note);
      if (!inside.has(note)) {
        appended.push(note);
        scan(note);
      }
    }
  }
  appended.sort((a, b) => (a.position?.start.offset ?? 0) - (b.position?.start.offset ?? 0));
  const images = new Set<string>();
  const source = { source: { file: path, line: 1 } };
  for (const url of imageUrls) {
    const target = typeof url === 'string' ? url : definitions.get(url.reference)?.url;
    const key = target === undefined ? undefined : assetKey(source, target);
    if (key !== undefined) images.add(key);
  }
  const tree: Root = { type: 'root', children: [...nodes, ...appended] };
  return { answer: { tree, definitions, footnotes, images: [...images] }, appended };
}

/** The answer's Markdown followed by the source of the definitions it uses, each a block of its own. */
export function withDefinitions(markdown: string, text: string, last: RootContent | undefined, appended: AnswerParts['appended']): string {
  if (appended.length === 0) return markdown;
  const end = unclosedEnd(last, text);
  let out = markdown + (markdown.endsWith('\n') ? end.slice(1) : end);
  for (const node of appended) {
    const { start, end: stop } = node.position!;
    const source = text.slice(start.offset, stop.offset);
    out += out === '' ? source : `\n\n${source}`;
  }
  return out;
}

/**
 * What closes the answer's last block if only an end marker closes it and the file ended
 * first ('' otherwise): a fence, or an HTML block of CommonMark's kinds 1-5. Left open, it
 * would take in the definitions written after it.
 */
function unclosedEnd(last: RootContent | undefined, text: string): string {
  if (last?.type === 'code') {
    const { start, end } = last.position!;
    const source = text.slice(start.offset, end.offset);
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(source);
    if (!open) return '';
    const lines = source.split('\n');
    const close = lines.length > 1 ? /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines.at(-1)!) : null;
    const closed = close !== null && close[1]![0] === open[1]![0] && close[1]!.length >= open[1]!.length;
    return closed ? '' : `\n${open[1]}`;
  }
  if (last?.type === 'html') {
    const value = last.value.trimStart();
    const raw = /^<(script|pre|style|textarea)(?:[\s>]|$)/i.exec(value);
    if (raw) return new RegExp(`</${raw[1]}>`, 'i').test(value) ? '' : `\n</${raw[1]!.toLowerCase()}>`;
    for (const [start, end] of [['<!--', '-->'], ['<?', '?>'], ['<![CDATA[', ']]>']] as const) {
      if (value.startsWith(start)) return value.includes(end, start.length) ? '' : `\n${end}`;
    }
    if (/^<![A-Za-z]/.test(value)) return value.includes('>') ? '' : '\n>';
  }
  return '';
}

// Answers of hand-built or JSON-loaded models, read from their (self-contained) Markdown once.
const fromMarkdown = new WeakMap<Question, RenderableAnswer>();

/**
 * The renderable form of a question's answer: from `answers` (what `compileCorpus` built
 * from the files), else from the answer's Markdown, which carries the definitions it uses
 * (a model read back from questions.json, or built by hand).
 */
export function renderableAnswer(question: Question, answers?: ReadonlyMap<string, RenderableAnswer>): RenderableAnswer {
  const known = answers?.get(question.id);
  if (known) return known;
  let answer = fromMarkdown.get(question);
  if (!answer) {
    const tree = parseMarkdown(question.answer.markdown);
    const blocks = tree.children.filter((n) => n.type !== 'definition');
    answer = resolveAnswer(blocks, fileDefinitions(tree, question.answer.markdown)(), question.source.file).answer;
    fromMarkdown.set(question, answer);
  }
  return answer;
}

/** Every local image the answers show, as asset keys, in order of first use. */
export function referencedImages(corpus: Corpus, answers?: ReadonlyMap<string, RenderableAnswer>): string[] {
  const keys = new Set<string>();
  for (const q of corpus.questions) for (const key of renderableAnswer(q, answers).images) keys.add(key);
  return [...keys];
}
