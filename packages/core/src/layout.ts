import type { Heading, Html, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { htmlText } from './html-tokens.js';

/**
 * How a corpus writes its questions, as public question banks do:
 *
 * - `heading`: a heading at one level (`depth`), numbered `1.`, `1)`, `Q1:` … or unnumbered;
 * - `bold`: a paragraph that is only a bold question (`**What is …? 👶**`), under topic headings;
 * - `details`: `<details><summary>Question</summary>` with the answer's Markdown before `</details>`.
 *
 * Detected per file (detectLayout), or set under `questions` in genai-qa.config.json.
 */
export type QuestionStyle = 'heading' | 'bold' | 'details';

/** How questions are numbered; `N` stands for the number. */
export const NUMBERINGS = ['N.', 'N)', 'QN:', 'QN.', 'QN)', 'QN-', 'Q N:', 'Q N.', 'Q N-', 'QN', 'none'] as const;
export type Numbering = (typeof NUMBERINGS)[number];

export interface Layout {
  style: QuestionStyle;
  /** Heading level of the questions (style `heading`); 0 for the other styles. */
  depth: number;
  numbering: Numbering;
}

/** The `questions` entry of the config: any of the three keys; the rest is detected. */
export interface LayoutSetting {
  style?: QuestionStyle;
  depth?: number;
  numbering?: Numbering;
  /** Every block of the style is a question (every heading at `depth`), not only those that read as one. */
  every?: boolean;
}

export type Difficulty = 'easy' | 'medium' | 'hard';

/** Trailing difficulty markers and what they mean (the emoji public banks put after a question). */
export const DIFFICULTY_MARKERS: Readonly<Record<string, Difficulty>> = { '👶': 'easy', '⭐': 'medium', '🚀': 'hard' };

/** One line naming every layout genai-qa looks for (the message of a corpus without questions). */
export const LAYOUTS_LOOKED_FOR =
  'question headings at one level ("# 1. …", "#### 1) …", "## Q1: …", or unnumbered "### What is …?"), bold questions ("**What is …?**") and <details><summary> blocks';

/** A question's text with its trailing markers taken out. */
export interface Marked {
  text: string;
  sources: string[];
  difficulty?: Difficulty;
}

// A link that only says where the question comes from: [[src](url)] or [[src]](url).
const SOURCE_LABEL = /^\[?\s*(?:src|source|ref|reference|link)\s*\]?$/i;
const SENTINEL = '\uE000';
// The run at the end of a question that holds only markers: white space, difficulty emoji
// (with or without the emoji variation selector, or a zero-width joiner before them), and source links with their brackets.
const TRAILING = new RegExp(`(?:\\s|👶|⭐|🚀|\\uFE0F|\\u200D|\\[?${SENTINEL}\\]?)+$`, 'u');

/** Splits trailing difficulty emoji and source links off inline content. */
export function splitMarkers(nodes: readonly PhrasingContent[]): Marked {
  const urls: string[] = [];
  let text = '';
  for (const node of nodes) {
    if (node.type === 'link' && SOURCE_LABEL.test(toString(node))) {
      urls.push(node.url);
      text += SENTINEL;
    } else {
      text += toString(node);
    }
  }
  return splitMarkedText(text, urls);
}

/** splitMarkers on plain text (a `<summary>`'s), where no source link is recognised. */
export function splitMarkedText(raw: string, urls: readonly string[] = []): Marked {
  const trailing = TRAILING.exec(raw)?.[0] ?? '';
  const head = raw.slice(0, raw.length - trailing.length);
  // Source links before the trailing run are part of the question: put their label back.
  const sentinelsBefore = head.split(SENTINEL).length - 1;
  const text = head.split(SENTINEL).join('src').replace(/\s+/g, ' ').trim();
  const sources = urls.slice(sentinelsBefore);
  let difficulty: Difficulty | undefined;
  for (const [marker, level] of Object.entries(DIFFICULTY_MARKERS)) if (trailing.includes(marker)) difficulty ??= level;
  return { text, sources, ...(difficulty ? { difficulty } : {}) };
}

// `3.14 is pi?` is not question 3: a digit right after the dot belongs to the number.
const NUMBERED: ReadonlyArray<[RegExp, (m: RegExpExecArray) => Numbering]> = [
  [/^(\d+)\.(?!\d)\s*(\S[\s\S]*)$/, () => 'N.'],
  [/^(\d+)\)\s*(\S[\s\S]*)$/, () => 'N)'],
  [/^Q( ?)(\d+)\s*([:.)-])\s*(\S[\s\S]*)$/i, (m) => `Q${m[1]}N${m[3]}` as Numbering],
  // "Q2 How is …": the number, a space, and a capital (not "Q4 2025 results").
  [/^Q()(\d+) +(?=\p{Lu})(\S[\s\S]*)$/iu, () => 'QN'],
];

/** The numbering, number and text of a numbered question (`1. …`, `1) …`, `Q1: …`). */
export function readNumbered(text: string): { numbering: Exclude<Numbering, 'none'>; number: number; text: string } | undefined {
  for (const [pattern, numbering] of NUMBERED) {
    const m = pattern.exec(text);
    if (!m) continue;
    // `N.` and `N)` capture the number first; `QN:` captures the optional space first.
    const plain = /^\d+$/.test(m[1]!);
    const number = Number(plain ? m[1] : m[2]);
    const rest = (plain ? m[2] : (m[4] ?? m[3]))!;
    return { numbering: numbering(m) as Exclude<Numbering, 'none'>, number, text: rest };
  }
  return undefined;
}

/** Words an unnumbered question starts with (in public banks, "Explain …" is as common as "What …?"). */
export const QUESTION_WORDS = [
  'what', 'why', 'how', 'when', 'where', 'which', 'who', 'whom', 'whose',
  'is', 'are', 'can', 'could', 'do', 'does', 'did', 'should', 'would', 'will',
  'explain', 'describe', 'define', 'compare', 'name',
];
const QUESTION_START = new RegExp(`^(?:${QUESTION_WORDS.join('|')})\\b`, 'i');

/**
 * Whether unnumbered text reads as a question: it ends with "?", or it starts with one of
 * QUESTION_WORDS ("Explain the attention mechanism"). "Linear regression" or "Table of
 * contents" do not; neither does "How to contribute" — "how to" opens a how-to, not a question.
 */
export function isQuestionText(text: string): boolean {
  if (text.endsWith('?')) return true;
  return QUESTION_START.test(text) && !/^how to\b/i.test(text);
}

/** A block that may start a question, read in every style it could have. */
export interface Candidate {
  style: QuestionStyle;
  depth: number;
  /** The numbering written, or 'none'. */
  numbering: Numbering;
  number: number | undefined;
  /** The question text: markers and number removed. */
  text: string;
  sources: string[];
  difficulty?: Difficulty;
  /** True when the text reads as a question (see isQuestionText), numbered or not. */
  questionLike: boolean;
  node: Heading | Paragraph | Html;
  /**
   * The start of the answer when it shares the question's paragraph: `**Q8- What …?**` with
   * the answer on the next line, no blank line between (a paragraph of its own, positions kept).
   */
  rest?: Paragraph;
}

/** The candidate a top-level block is, if any. */
export function candidateOf(node: RootContent): Candidate | undefined {
  if (node.type === 'heading') return fromMarked('heading', node.depth, splitMarkers(node.children), node);
  if (node.type === 'paragraph') {
    const inline = boldQuestion(node);
    if (inline) return fromMarked('bold', 0, splitMarkers(inline), node);
    const leading = boldThenLine(node);
    const candidate = leading && fromMarked('bold', 0, splitMarkers(leading.question), node);
    return candidate && { ...candidate, rest: leading.rest };
  }
  if (node.type === 'html') {
    const summary = summaryText(node.value);
    return summary === undefined ? undefined : fromMarked('details', 0, splitMarkedText(summary), node);
  }
  return undefined;
}

function fromMarked(style: QuestionStyle, depth: number, marked: Marked, node: Candidate['node']): Candidate | undefined {
  if (!marked.text) return undefined;
  const numbered = readNumbered(marked.text);
  const text = numbered?.text ?? marked.text;
  return {
    style,
    depth,
    numbering: numbered?.numbering ?? 'none',
    number: numbered?.number,
    text,
    sources: marked.sources,
    ...(marked.difficulty ? { difficulty: marked.difficulty } : {}),
    questionLike: numbered !== undefined || isQuestionText(text),
    node,
  };
}

/**
 * The inline content of a paragraph that is one bold run and nothing else but markers:
 * `**What is X? 👶**`, `**What is X?** 👶`, `**What is X?** [[src](…)]`.
 */
function boldQuestion(node: Paragraph): PhrasingContent[] | undefined {
  const children = node.children;
  const first = children.findIndex((c) => !(c.type === 'text' && c.value.trim() === ''));
  const strong = children[first];
  if (strong?.type !== 'strong') return undefined;
  const rest = children.slice(first + 1);
  const after = splitMarkers([{ type: 'text', value: 'x' }, ...rest]);
  if (after.text !== 'x') return undefined;
  return [...strong.children, ...rest];
}

/**
 * A paragraph whose first line is one bold run and the rest its answer: `**Q8- What …?**`, a
 * line break, then text. Returns the bold run's content and the rest as a paragraph.
 */
function boldThenLine(node: Paragraph): { question: PhrasingContent[]; rest: Paragraph } | undefined {
  const [strong, next, ...more] = node.children;
  if (strong?.type !== 'strong' || next === undefined) return undefined;
  let first: PhrasingContent | undefined;
  if (next.type === 'text' && next.value.startsWith('\n') && next.value.length > 1 && next.position) {
    const start = next.position.start;
    const moved = { line: start.line + 1, column: 1, offset: start.offset === undefined ? undefined : start.offset + 1 };
    first = { type: 'text', value: next.value.slice(1), position: { start: moved, end: next.position.end } };
  } else if (next.type === 'break' && more.length > 0) {
    first = undefined;
  } else {
    return undefined;
  }
  const children = first ? [first, ...more] : more;
  const head = children[0]!;
  if (!head.position || !node.position) return undefined;
  return { question: strong.children, rest: { type: 'paragraph', children, position: { start: head.position.start, end: node.position.end } } };
}

/** The text of `<summary>…</summary>` in an HTML block that opens a `<details>`, if any. */
function summaryText(html: string): string | undefined {
  // A `</details>` closing the previous answer may share the block (no blank line between).
  const m = /^\s*(?:<\/details>\s*)?(?:<details(?:\s[^>]*)?>\s*)?<summary(?:\s[^>]*)?>([\s\S]*?)<\/summary>/i.exec(html);
  if (!m) return undefined;
  return htmlText(m[1]!);
}

/** Whether a candidate is a question of `layout`. Explicit unnumbered layouts take every block of their kind. */
export function isQuestionOf(candidate: Candidate, layout: Layout, explicit = false): boolean {
  if (candidate.style !== layout.style) return false;
  if (layout.style === 'heading' && candidate.depth !== layout.depth) return false;
  if (layout.numbering === 'none') return candidate.numbering === 'none' && (explicit || candidate.questionLike);
  return candidate.numbering !== 'none';
}

// Among layouts found as often, the first here wins: numbered headings, then the rest.
const PREFERENCE = ['heading:num', 'details:num', 'details:none', 'bold:num', 'heading:none', 'bold:none'];

/**
 * The layout of a file's top-level blocks: the kind of question block found most often
 * (numbered headings at one level, question-like headings at one level, bold questions or
 * `<details>`), ties going to numbered headings, then to the shallower level. A `setting`
 * restricts the choice to what it names. Undefined when the file holds no question.
 */
export function detectLayout(blocks: readonly RootContent[], setting: LayoutSetting = {}): Layout | undefined {
  return layoutOf(blocks.map(candidateOf), setting);
}

/** detectLayout on the blocks' candidates (candidateOf of each), read once by the caller. */
export function layoutOf(candidates: ReadonlyArray<Candidate | undefined>, setting: LayoutSetting = {}): Layout | undefined {
  interface Group {
    layout: Layout;
    count: number;
    forms: Map<Numbering, number>;
  }
  const groups = new Map<string, Group>();
  for (const c of candidates) {
    if (!c) continue;
    const numbered = c.numbering !== 'none';
    if (!numbered && !c.questionLike && !setting.every) continue;
    if (setting.style && c.style !== setting.style) continue;
    if (setting.depth !== undefined && c.style === 'heading' && c.depth !== setting.depth) continue;
    if (setting.numbering !== undefined && numbered !== (setting.numbering !== 'none')) continue;
    const key = `${c.style}:${numbered ? 'num' : 'none'}:${c.depth}`;
    const group: Group = groups.get(key) ?? { layout: { style: c.style, depth: c.depth, numbering: 'none' }, count: 0, forms: new Map<Numbering, number>() };
    group.count++;
    group.forms.set(c.numbering, (group.forms.get(c.numbering) ?? 0) + 1);
    groups.set(key, group);
  }
  let best: Group | undefined;
  const rank = (g: Group) =>
    PREFERENCE.indexOf(`${g.layout.style}:${g.forms.has('none') ? 'none' : 'num'}`);
  for (const group of groups.values()) {
    if (
      !best ||
      group.count > best.count ||
      (group.count === best.count && (rank(group) < rank(best) || (rank(group) === rank(best) && group.layout.depth < best.layout.depth)))
    ) {
      best = group;
    }
  }
  if (!best) {
    if (setting.style && (setting.style !== 'heading' || setting.depth !== undefined)) {
      return { style: setting.style, depth: setting.style === 'heading' ? setting.depth! : 0, numbering: setting.numbering ?? 'none' };
    }
    return undefined;
  }
  // The numbering written most often (the first such, on a tie, in the order of NUMBERINGS).
  let numbering: Numbering = 'none';
  let most = 0;
  for (const form of NUMBERINGS) {
    const n = best.forms.get(form) ?? 0;
    if (n > most) [numbering, most] = [form, n];
  }
  return { ...best.layout, numbering: setting.numbering ?? numbering };
}

/** The layout in words, for `--verbose`: `level-4 headings numbered "N)"`. */
export function describeLayout(layout: Layout): string {
  const numbered = layout.numbering === 'none' ? 'unnumbered' : `numbered "${layout.numbering}"`;
  if (layout.style === 'heading') return `level-${layout.depth} headings, ${numbered}`;
  if (layout.style === 'bold') return `bold paragraphs, ${numbered}`;
  return `<details><summary> blocks, ${numbered}`;
}

/** The written prefix of question `n` in a numbering (`3) `, `Q3: `); empty when unnumbered. */
export function numberPrefix(numbering: Numbering, n: number): string {
  return numbering === 'none' ? '' : `${numbering.replace('N', String(n))} `;
}

/**
 * A tag from a section path: each heading slugged to ASCII, joined by "::"
 * (`machine-learning::linear-regression`); a topic's own number ("1. Algorithms") is left out.
 */
export function sectionTag(section: readonly string[]): string | undefined {
  const parts = section
    .map((s) =>
      s
        .replace(/^\s*(?:\d+[.)]|[IVXLC]+\.)\s+/, '')
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean);
  return parts.length ? parts.join('::') : undefined;
}
