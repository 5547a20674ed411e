import type { Heading, Html, ListItem, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { slug } from 'github-slugger';
import { toString } from 'mdast-util-to-string';
import { htmlText } from './html-tokens.js';
import { boldQuestion, boldThenLine, labelledQuestion, numberedBold } from './layout-bold.js';
import { listCandidates } from './layout-list.js';

/**
 * How a corpus writes its questions, as public question banks do:
 *
 * - `heading`: a heading at one level (`depth`), numbered `1.`, `1)`, `Q1:` … or unnumbered;
 * - `bold`: a paragraph that is only a bold question (`**What is …? 👶**`), under topic headings;
 * - `details`: `<details><summary>Question</summary>` with the answer's Markdown before `</details>`;
 * - `list`: the items of top-level lists, each a question (`1. **What is …?**`, or plain text in
 *   an ordered list) with its answer indented below it (layout-list.ts).
 *
 * Detected per file (detectLayout), or set under `questions` in genai-qa.config.json.
 */
export type QuestionStyle = 'heading' | 'bold' | 'details' | 'list';

/** How questions are numbered; `N` stands for the number. */
export const NUMBERINGS = ['N.', 'N)', 'QN:', 'QN.', 'QN)', 'QN-', 'Q N:', 'Q N.', 'Q N-', 'QN', 'N、', 'QN：', 'Q N：', 'none'] as const;
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
export const DIFFICULTY_MARKERS: Readonly<Record<string, Difficulty>> = { '👶': 'easy', '⭐': 'medium', '🚀': 'hard', '🟢': 'easy', '🟡': 'medium', '🔴': 'hard' };

// The words banks use for a level, in any case: "Level: Advanced", "Difficulty: hard", "难度：中等".
const LEVELS: Readonly<Record<string, Difficulty>> = {
  easy: 'easy', beginner: 'easy', medium: 'medium', intermediate: 'medium', hard: 'hard', advanced: 'hard',
  简单: 'easy', 初级: 'easy', 中等: 'medium', 中级: 'medium', 困难: 'hard', 高级: 'hard',
};
const LEVEL_WORD = `(${Object.keys(LEVELS).join('|')})(?![a-z])`;
// "**Difficulty:** 🟡 Medium | **Tags:** …" or "Level: Intermediate-Advanced" (the first word counts) as the first line of an answer.
const DIFFICULTY_LINE = new RegExp(`^\\s*(?:difficulty|level|难度|级别)\\s*[:：\\-–—]\\s*(?:🟢|🟡|🔴|👶|⭐|🚀|\\uFE0F|\\s)*${LEVEL_WORD}`, 'iu');
// A level in brackets after a question: "What is X? (Hard)", "… [Beginner]".
const BRACKETED_LEVEL = new RegExp(`\\s*[([]\\s*${LEVEL_WORD}\\s*[)\\]]\\s*$`, 'iu');

/** The difficulty a level word names ("Advanced", "中等"), in any case. */
function levelOf(word: string): Difficulty | undefined {
  return LEVELS[word.toLowerCase()];
}

/** The difficulty an answer's first block states ("Difficulty: Medium", "Level: Advanced"), if it is a paragraph that does. */
export function statedDifficulty(first: RootContent | undefined): Difficulty | undefined {
  if (first?.type !== 'paragraph') return undefined;
  // Its first line only: "**Level:** Advanced" and a hard break before "**Focus:** …". (The
  // text of the children up to the first break or line feed, without the whole paragraph's.)
  let line = '';
  for (const child of first.children) {
    if (child.type === 'break') break;
    const piece = toString(child);
    const feed = piece.indexOf('\n');
    if (feed !== -1) {
      line += piece.slice(0, feed);
      break;
    }
    line += piece;
  }
  const m = DIFFICULTY_LINE.exec(line);
  return m ? levelOf(m[1]!) : undefined;
}

/** One line naming every layout genai-qa looks for (the message of a corpus without questions). */
export const LAYOUTS_LOOKED_FOR =
  'question headings at one level ("# 1. …", "#### 1) …", "## Q1: …", or unnumbered "### What is …?"), bold questions ("**What is …?**"), list items ("1. **What is …?**") and <details><summary> blocks';

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
const TRAILING = new RegExp(`(?:\\s|👶|⭐|🚀|🟢|🟡|🔴|\\uFE0F|\\u200D|\\[?${SENTINEL}\\]?)+$`, 'u');

/** Splits trailing difficulty emoji, a bracketed level ("(Hard)") and source links off inline content. */
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
  let head = raw.slice(0, raw.length - trailing.length);
  const bracketed = BRACKETED_LEVEL.exec(head);
  if (bracketed) head = head.slice(0, bracketed.index);
  // Source links before the trailing run are part of the question: put their label back.
  const sentinelsBefore = head.split(SENTINEL).length - 1;
  const text = head.split(SENTINEL).join('src').replace(/\s+/g, ' ').trim();
  const sources = urls.slice(sentinelsBefore);
  let difficulty: Difficulty | undefined = bracketed ? levelOf(bracketed[1]!) : undefined;
  for (const [marker, level] of Object.entries(DIFFICULTY_MARKERS)) if (trailing.includes(marker)) difficulty ??= level;
  return { text, sources, ...(difficulty ? { difficulty } : {}) };
}

// `3.14 is pi?` is not question 3: a digit right after the dot belongs to the number.
const NUMBERED: ReadonlyArray<[RegExp, (m: RegExpExecArray) => Numbering]> = [
  [/^(\d+)\.(?!\d)\s*(\S[\s\S]*)$/, () => 'N.'],
  [/^(\d+)\)\s*(\S[\s\S]*)$/, () => 'N)'],
  // Chinese banks: "1、什么是…？", "Q1：…？" (the ideographic comma, the full-width colon).
  [/^(\d+)、\s*(\S[\s\S]*)$/, () => 'N、'],
  [/^Q( ?)(\d+)\s*([:.)\-：])\s*(\S[\s\S]*)$/i, (m) => `Q${m[1]}N${m[3]}` as Numbering],
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
// Chinese questions ask anywhere in the sentence ("Overfitting如何解决", "X和Y的区别"), and
// often without "？": the words that make a sentence a question, and the requests that make
// it a prompt ("介绍一下GAN") — but not a short heading that ends with one ("项目介绍", "使用说明").
const CJK_QUESTION = /为什么|什么|如何|怎么|怎样|哪些|哪个|哪种|是否|何为|吗|区别/;
const CJK_REQUEST = /简述|介绍|描述|说明|解释|列举|比较/;
const CJK_TOPIC = /^.{0,6}(?:简述|介绍|描述|说明|解释|列举|比较)$/u;

/**
 * Whether unnumbered text reads as a question: it ends with "?" or "？", starts with "¿", holds
 * a Chinese question word ("Overfitting如何解决"), or starts with one of QUESTION_WORDS
 * ("Explain the attention mechanism"). "Linear regression" or "Table of contents" do not;
 * neither does "How to contribute" — "how to" opens a how-to, not a question.
 */
export function isQuestionText(text: string): boolean {
  if (/[?？]$/.test(text) || text.startsWith('¿')) return true;
  if (CJK_QUESTION.test(text) || (CJK_REQUEST.test(text) && !CJK_TOPIC.test(text))) return true;
  return QUESTION_START.test(text) && !/^how to\b/i.test(text);
}

// "Q: What is …?" — a question marked as one, without a number.
const Q_MARK = /^(?:Q|Question)\s*[:：]\s*(\S[\s\S]*)$/i;
// "Explain … - Google, Netflix Interview Question": who asks it, not part of the question.
const ASKED_BY = /\s+[-–—|]\s+[^-–—|]*\binterview question\s*$/i;

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
  /** True when the text itself reads as a question, whatever its number ("1. CNN" does not). */
  reads: boolean;
  node: Heading | Paragraph | Html;
  /** Style `list`: the item whose first paragraph is `node`; the rest of it is the answer. */
  item?: ListItem;
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
    const numbered = numberedBold(node);
    if (numbered) {
      const candidate = fromMarked('bold', 0, splitMarkers(numbered.question), node);
      return candidate && { ...candidate, ...(numbered.rest ? { rest: numbered.rest } : {}) };
    }
    const labelled = labelledQuestion(node);
    if (labelled) {
      const candidate = fromMarked('bold', 0, splitMarkers(labelled.question), node);
      return candidate && { ...candidate, numbering: 'none', number: undefined, questionLike: true, reads: true, ...(labelled.rest ? { rest: labelled.rest } : {}) };
    }
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

export function fromMarked(style: QuestionStyle, depth: number, marked: Marked, node: Candidate['node']): Candidate | undefined {
  const plain = marked.text.replace(ASKED_BY, '');
  if (!plain) return undefined;
  const numbered = readNumbered(plain);
  const flagged = numbered ? null : Q_MARK.exec(plain);
  const text = numbered?.text ?? flagged?.[1] ?? plain;
  const reads = flagged ? true : isQuestionText(text);
  return {
    style,
    depth,
    numbering: numbered?.numbering ?? 'none',
    number: numbered?.number,
    text,
    sources: marked.sources,
    ...(marked.difficulty ? { difficulty: marked.difficulty } : {}),
    questionLike: numbered !== undefined || reads,
    reads,
    node,
  };
}

/** The text of `<summary>…</summary>` in an HTML block that opens a `<details>`, if any. */
export function summaryText(html: string): string | undefined {
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
const PREFERENCE = ['heading:num', 'details:num', 'details:none', 'bold:num', 'heading:none', 'bold:none', 'list:num', 'list:none'];

/**
 * The layout of a file's top-level blocks: the kind of question block found most often
 * (numbered headings at one level, question-like headings at one level, bold questions,
 * `<details>` or list items), ties going to numbered headings, then to the shallower level.
 * Numbered blocks of which fewer than half read as questions (`## 1. CNN`, `## 2. Loss`: topics)
 * count only those that do. A `setting` restricts the choice to what it names. Undefined when
 * the file holds no question.
 */
export function detectLayout(blocks: readonly RootContent[], setting: LayoutSetting = {}): Layout | undefined {
  return layoutOf([...blocks.map(candidateOf), ...listCandidates(blocks)], setting);
}

/** detectLayout on the blocks' candidates (candidateOf of each), read once by the caller. */
export function layoutOf(candidates: ReadonlyArray<Candidate | undefined>, setting: LayoutSetting = {}): Layout | undefined {
  interface Group {
    layout: Layout;
    count: number;
    reads: number;
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
    const group: Group = groups.get(key) ?? { layout: { style: c.style, depth: c.depth, numbering: 'none' }, count: 0, reads: 0, forms: new Map<Numbering, number>() };
    group.count++;
    if (c.reads) group.reads++;
    group.forms.set(c.numbering, (group.forms.get(c.numbering) ?? 0) + 1);
    groups.set(key, group);
  }
  let best: Group | undefined;
  const rank = (g: Group) =>
    PREFERENCE.indexOf(`${g.layout.style}:${g.forms.has('none') ? 'none' : 'num'}`);
  // Numbered topics ("## 1. CNN" above "- **Why …？**" questions) weigh what their questions do.
  // List items are questions only in a file whose other blocks hold none that reads as one:
  // elsewhere a list of "Why …?" is the follow-ups inside an answer.
  const othersRead = [...groups.values()].some((g) => g.layout.style !== 'list' && g.reads > 0);
  const weight = (g: Group) => {
    if (g.layout.style === 'list' && othersRead) return 0;
    return g.forms.has('none') || setting.every || g.reads * 2 >= g.count ? g.count : g.reads;
  };
  for (const group of groups.values()) {
    if (
      !best ||
      weight(group) > weight(best) ||
      (weight(group) === weight(best) &&
        (group.count > best.count ||
          (group.count === best.count && (rank(group) < rank(best) || (rank(group) === rank(best) && group.layout.depth < best.layout.depth)))))
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
  if (layout.style === 'list') return 'list items';
  return `<details><summary> blocks, ${numbered}`;
}

/**
 * The written prefix of question `n` in a numbering (`3) `, `Q3: `); empty when unnumbered.
 * The full-width forms take no space after them (`3、`, `Q3：`), as Chinese is written.
 */
export function numberPrefix(numbering: Numbering, n: number): string {
  if (numbering === 'none') return '';
  const prefix = numbering.replace('N', String(n));
  return /[、：]$/.test(prefix) ? prefix : `${prefix} `;
}

/**
 * A tag from a section path: each heading slugged as ids are (GitHub's slugger: lower case,
 * punctuation dropped, letters and digits of every script kept), joined by "::":
 * `machine-learning::linear-regression`, `大模型基础面试`, `regresión-lineal`. A topic's own
 * number ("1. Algorithms", "1.2 Metrics", "一、基础") is left out; a heading with no letter or digit adds no level.
 */
export function sectionTag(section: readonly string[]): string | undefined {
  const parts = section
    .map((s) =>
      slug(s.replace(/^\s*(?:(?:\d+(?:\.\d+)*[.)、]|\d+(?:\.\d+)+|[一二三四五六七八九十]+、)\s*|[IVXLC]+\.\s+)/, ''))
        .replace(/-{2,}/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean);
  return parts.length ? parts.join('::') : undefined;
}
