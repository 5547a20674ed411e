import { slug } from 'github-slugger';
import type { Heading, Html, Paragraph, Root, RootContent } from 'mdast';
import type { Position } from 'unist';
import { toString } from 'mdast-util-to-string';
import { parse as parseYaml } from 'yaml';
import { readDirective, type Directive } from './directives.js';
import { readNumbered, sectionTag, splitMarkers, type Difficulty, type Layout, type LayoutSetting } from './layout.js';
import type { Unanswered } from './layout-unanswered.js';
import { findQuestions, type QuestionSpan } from './questions.js';
import { TAG_PATTERN } from './model.js';
import { parseMarkdown } from './parse.js';
import { DEFAULT_LIMITS, inspectSource, type Limits, type SafetyProblem } from './safety.js';
import { modelHtml } from './html.js';
import { fileLiterals } from './literals.js';
import { renderText } from './render.js';
import { fileDefinitions, resolveAnswer, withDefinitions, type AnswerParts, type FileDefinitions, type RenderableAnswer } from './renderable.js';
import { lineStarts, pointAt, type SourceFile } from './source.js';

/** A problem with genai-qa metadata (front matter or a metadata comment). */
export interface MetadataProblem {
  message: string;
  line: number;
  column: number;
}

/** A question as found in one file, with the nodes lint rules need. */
export interface ExtractedQuestion {
  id: string;
  /** True when the id was written in the Markdown rather than derived from the text. */
  idExplicit: boolean;
  number: number;
  question: string;
  tags: string[];
  /** Headings above the question, outermost first (see questions.ts). */
  section: string[];
  /** From a trailing difficulty emoji (see DIFFICULTY_MARKERS). */
  difficulty?: Difficulty;
  /** URLs of trailing source links (`[[src](url)]`). */
  sources: string[];
  /** The block that starts the question: its heading, bold paragraph or `<summary>` HTML. */
  heading: Heading | Paragraph | Html;
  /** The answer's blocks, genai-qa comments excluded. */
  nodes: RootContent[];
  /** Offsets of the whole section: heading start to the next question heading (or EOF). */
  start: number;
  end: number;
  line: number;
  endLine: number;
  /** The answer's Markdown as written, then the source of the definitions it uses (self-contained). */
  markdown: string;
  text: string;
  /** File offsets of the answer's code and math, and its text without them (see QuestionSummary). */
  literals: ReadonlyArray<readonly [number, number]>;
  prose: string;
  html: string;
  /** The answer as every exporter renders it (not part of the JSON model). */
  renderable: RenderableAnswer;
}

/** One parsed file: the tree, its directives and questions. */
export interface ParsedFile {
  source: SourceFile;
  /** Path relative to the content root, `/` separators. */
  relativePath: string;
  tree: Root;
  lineStarts: number[];
  title: string;
  description: string;
  /** Heading depth used for questions in this file (0 when there are none, or they are not headings). */
  questionDepth: number;
  /** How this file writes its questions (undefined when it has none). */
  layout: Layout | undefined;
  questions: ExtractedQuestion[];
  /** In a file without questions: its tables and lists of questions without answers (layout-unanswered.ts). */
  unanswered: Unanswered[];
  directives: Directive[];
  problems: MetadataProblem[];
  /** Problems with the file itself (size, nesting, NUL bytes, a symlink out of the root). */
  safety: SafetyProblem[];
  /** True when the file was not parsed (a blocking safety problem): it has no questions. */
  skipped: boolean;
  /** First line after the front matter (1 without front matter). */
  bodyLine: number;
}

/**
 * What the corpus rules (duplicates across files) read of a question: no syntax tree, only
 * the positions of the heading and of the answer's first and last blocks. An
 * ExtractedQuestion has all of it, so a ParsedFile is a FileSummary as it is; summarizeFile
 * makes a small copy that keeps no tree alive.
 */
export interface QuestionSummary {
  id: string;
  idExplicit: boolean;
  number: number;
  question: string;
  line: number;
  endLine: number;
  /** The answer as plain text. */
  text: string;
  /**
   * File offsets `[start, end)` of the answer's code and math (code blocks, inline code,
   * `$…$`, `$$…$$`), in order, and the plain text without them: a formula or a code block
   * repeated in two answers is not a repeated passage, so the duplicate rules compare prose.
   */
  literals: ReadonlyArray<readonly [number, number]>;
  prose: string;
  heading: { position?: Position | undefined };
  /** The answer's blocks; a summary keeps only the first and the last, for their positions. */
  nodes: ReadonlyArray<{ position?: Position | undefined }>;
}

/** What the corpus rules and inline suppressions read of a file (see QuestionSummary). */
export interface FileSummary {
  source: SourceFile;
  relativePath: string;
  lineStarts: number[];
  questions: readonly QuestionSummary[];
  directives: Directive[];
  /** First line after the front matter (1 without front matter). */
  bodyLine: number;
  /** True when the file was not parsed (see ParsedFile). */
  skipped: boolean;
  /** As in ParsedFile; absent when empty. */
  unanswered?: Unanswered[];
}

/**
 * A file as the corpus rules need it, without its tree: `lint` keeps one of these per file
 * once the file's own rules have run, so that memory holds one tree at a time instead of the
 * whole corpus's (at 100k questions, several hundred MB).
 */
export function summarizeFile(file: ParsedFile): FileSummary {
  return {
    source: file.source,
    relativePath: file.relativePath,
    lineStarts: file.lineStarts,
    directives: file.directives,
    bodyLine: file.bodyLine,
    skipped: file.skipped,
    ...(file.unanswered.length > 0 ? { unanswered: file.unanswered } : {}),
    questions: file.questions.map((q) => {
      const first = q.nodes[0];
      const last = q.nodes.at(-1);
      return {
        id: q.id,
        idExplicit: q.idExplicit,
        number: q.number,
        question: q.question,
        line: q.line,
        endLine: q.endLine,
        text: q.text,
        literals: q.literals,
        prose: q.prose,
        heading: { position: q.heading.position },
        nodes: first === undefined ? [] : first === last ? [{ position: first.position }] : [{ position: first.position }, { position: last!.position }],
      };
    }),
  };
}

export interface ParseOptions {
  limits?: Limits;
  /** A reason the CLI did not read the file at all (too large, outside the content root). */
  refused?: string;
  /** The question layout set in the config (`questions`); what it leaves out is detected. */
  layout?: LayoutSetting;
  /** The tree of `source.text`, when the caller parsed it already (the language server, section by section). */
  tree?: Root;
  /** inspectSource of `source.text` with these limits, when the caller ran it already (sections.ts). */
  safety?: SafetyProblem[];
}

const METADATA_KEYS = new Set(['id', 'tags']);

/** Reads the question number and text of a heading numbered `N.` (the canonical layout). */
export function questionHeading(heading: Heading): { number: number; text: string } | undefined {
  const numbered = readNumbered(splitMarkers(heading.children).text);
  if (numbered?.numbering !== 'N.') return undefined;
  return { number: numbered.number, text: numbered.text };
}

/** Default id: GitHub's heading slug of the question text, tidied. */
export function defaultId(question: string): string {
  const id = slug(question).replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
  return id || 'question';
}

/** Parses a file and extracts its questions. Pure: reads nothing from disk. */
export function parseFile(source: SourceFile, relativePath: string, options: ParseOptions = {}): ParsedFile {
  const safety: SafetyProblem[] = options.refused
    ? [{ line: 1, column: 1, blocking: true, message: options.refused }]
    : (options.safety ?? inspectSource(source.text, options.limits ?? DEFAULT_LIMITS));
  const skipped = safety.some((p) => p.blocking);
  const tree = skipped ? emptyRoot() : (options.tree ?? parseMarkdown(source.text));
  const starts = lineStarts(source.text);
  const problems: MetadataProblem[] = [];
  const directives: Directive[] = [];
  collectDirectives(tree, directives);

  let title = '';
  let description = '';
  const first = tree.children[0];
  if (first?.type === 'yaml') {
    const meta = readFrontMatter(first.value, first.position?.start.line ?? 1, problems);
    title = meta.title;
    description = meta.description;
  }

  const found = findQuestions(tree.children, source.text.length, options.layout);
  if (!title && found.titleHeading) title = toString(found.titleHeading).replace(/\s+/g, ' ').trim();
  const questionDepth = found.layout?.style === 'heading' && found.questions.length > 0 ? found.layout.depth : 0;
  const definitions = fileDefinitions(tree, source.text);
  const literals = fileLiterals(tree);
  const questions = found.questions.map((span) => buildQuestion(source.text, relativePath, starts, span, definitions, literals, problems));
  return {
    source,
    relativePath,
    tree,
    lineStarts: starts,
    title,
    description,
    questionDepth,
    layout: found.layout,
    questions,
    unanswered: found.unanswered,
    directives,
    problems,
    safety,
    skipped,
    bodyLine: first?.type === 'yaml' ? Math.min(first.position!.end.line + 1, starts.length) : 1,
  };
}

function emptyRoot(): Root {
  return { type: 'root', children: [], position: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } } };
}

function buildQuestion(
  text: string,
  relativePath: string,
  starts: number[],
  span: QuestionSpan,
  definitions: () => FileDefinitions,
  fileRanges: (from: number, to: number) => Array<[number, number]>,
  problems: MetadataProblem[],
): ExtractedQuestion {
  const { candidate, end } = span;
  const heading = candidate.node;
  const section = span.blocks;
  const parsed = { number: candidate.number ?? span.position, text: candidate.text };
  let id = defaultId(parsed.text);
  let idExplicit = false;
  let tags: string[] = [];
  const nodes: RootContent[] = [];
  let metadataSeen = false;
  for (const node of section) {
    const directive = readDirective(node);
    if (!directive) {
      if (node.type !== 'definition') nodes.push(node);
      continue;
    }
    if (directive.kind !== 'metadata' || directive.problems.length > 0) continue;
    const at = { line: directive.line, column: directive.column };
    if (metadataSeen) {
      problems.push({ ...at, message: 'a question has one genai-qa metadata comment; merge this one into the first' });
      continue;
    }
    metadataSeen = true;
    for (const [key, value] of Object.entries(directive.attributes)) {
      if (!METADATA_KEYS.has(key)) {
        problems.push({ ...at, message: `unknown metadata key "${key}"; expected id or tags` });
      } else if (key === 'id') {
        if (value !== defaultId(value) || value.length > 200) {
          problems.push({ ...at, message: `id "${value}" is not a slug; write lower-case words joined by hyphens, e.g. "${defaultId(value)}"` });
        } else {
          id = value;
          idExplicit = true;
        }
      } else {
        tags = readTags(value, at, problems);
      }
    }
  }
  // Resolving references, the Markdown with its definitions and the HTML cost more than
  // parsing; lint never needs them, exporters do.
  let parts: AnswerParts | undefined;
  const resolved = (): AnswerParts => (parts ??= resolveAnswer(nodes, definitions(), relativePath));
  let markdown: string | undefined;
  let html: string | undefined;
  let literals: Array<[number, number]> | undefined;
  let prose: string | undefined;
  const answerText = renderText(nodes);
  return {
    id,
    idExplicit,
    number: parsed.number,
    question: parsed.text,
    tags: questionTags(tags, span),
    section: span.section,
    ...(candidate.difficulty ? { difficulty: candidate.difficulty } : {}),
    sources: candidate.sources,
    heading,
    nodes,
    start: heading.position!.start.offset!,
    end,
    line: heading.position!.start.line,
    endLine: pointAt(starts, Math.max(end - 1, heading.position!.start.offset!)).line,
    get markdown() {
      return (markdown ??= withDefinitions(dedent(sliceWithout(text, section, nodes), span.indent ?? 0), text, nodes.at(-1), resolved().appended));
    },
    text: answerText,
    get literals() {
      const first = nodes[0]?.position?.start.offset;
      const last = nodes.at(-1)?.position?.end.offset;
      return (literals ??= first === undefined || last === undefined ? [] : fileRanges(first, last));
    },
    get prose() {
      // Most answers hold no code or math: their prose is their text.
      return (prose ??= this.literals.length === 0 ? answerText : renderText(nodes, { prose: true }));
    },
    get html() {
      return (html ??= modelHtml(resolved().answer, { file: relativePath, id }));
    },
    get renderable() {
      return resolved().answer;
    },
  };
}

const tagPattern = new RegExp(TAG_PATTERN);

/**
 * A question's tags: its own (metadata comment), else one tag from its section path
 * (`machine-learning::linear-regression`); then `difficulty::<level>` when it has a marker.
 */
function questionTags(own: string[], span: QuestionSpan): string[] {
  const tags = [...own];
  const fromSection = own.length === 0 ? sectionTag(span.section) : undefined;
  if (fromSection && tagPattern.test(fromSection)) tags.push(fromSection);
  const level = span.candidate.difficulty;
  if (level && !tags.includes(`difficulty::${level}`)) tags.push(`difficulty::${level}`);
  return tags;
}

function readTags(value: string, at: { line: number; column: number }, problems: MetadataProblem[]): string[] {
  const tags: string[] = [];
  for (const tag of value.split(/[,\s]+/).filter(Boolean)) {
    if (!tagPattern.test(tag)) {
      problems.push({ ...at, message: `tag "${tag}" must be lower-case letters, digits and hyphens, with "::" for hierarchy (e.g. "gan::training")` });
    } else if (!tags.includes(tag)) {
      tags.push(tag);
    }
  }
  return tags;
}

/** Text taken out of a list item (style `list`): its lines without the item's indentation. */
function dedent(markdown: string, indent: number): string {
  return indent === 0 ? markdown : markdown.replace(new RegExp(`\\n {1,${indent}}`, 'g'), '\n');
}

/** The source of `kept` nodes, as written, with the directive comments between them cut out. */
function sliceWithout(text: string, all: RootContent[], kept: RootContent[]): string {
  const keep = new Set(kept);
  let out = '';
  let previousEnd = -1;
  let skipped = false;
  for (const node of all) {
    if (!keep.has(node)) {
      skipped = true;
      continue;
    }
    const start = node.position!.start.offset!;
    if (previousEnd >= 0) out += skipped ? '\n\n' : text.slice(previousEnd, start);
    out += text.slice(start, node.position!.end.offset);
    previousEnd = node.position!.end.offset!;
    skipped = false;
  }
  return out;
}

function readFrontMatter(value: string, line: number, problems: MetadataProblem[]): { title: string; description: string } {
  let data: unknown;
  try {
    data = parseYaml(value);
  } catch (error) {
    // The YAML parser counts lines from the first line inside the front matter.
    const at = (error as { linePos?: Array<{ line: number; col: number }> }).linePos?.[0];
    const message = (error as Error).message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    problems.push({ line: at ? line + at.line : line, column: at?.col ?? 1, message: `front matter is not valid YAML: ${message}` });
    return { title: '', description: '' };
  }
  if (data === null || data === undefined) return { title: '', description: '' };
  if (typeof data !== 'object' || Array.isArray(data)) {
    problems.push({ line, column: 1, message: 'front matter must be a mapping with title and description' });
    return { title: '', description: '' };
  }
  const record = data as Record<string, unknown>;
  const out = { title: '', description: '' };
  for (const [key, v] of Object.entries(record)) {
    if (key !== 'title' && key !== 'description') {
      problems.push({ line, column: 1, message: `unknown front matter key "${key}"; expected title or description` });
    } else if (typeof v !== 'string') {
      problems.push({ line, column: 1, message: `front matter "${key}" must be a string` });
    } else {
      out[key] = v.trim();
    }
  }
  return out;
}

function collectDirectives(node: { children?: unknown[] } & { type: string }, out: Directive[]): void {
  for (const child of (node.children ?? []) as Array<{ type: string; children?: unknown[] }>) {
    const directive = readDirective(child as never);
    if (directive) out.push(directive);
    else if (child.children) collectDirectives(child, out);
  }
}
