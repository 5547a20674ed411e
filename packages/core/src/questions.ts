import type { Heading, List, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { candidateOf, isQuestionOf, layoutOf, statedDifficulty, type Candidate, type Layout, type LayoutSetting } from './layout.js';
import { listCandidates } from './layout-list.js';
import { questionTables, unansweredLists, type Unanswered } from './layout-unanswered.js';

/** Where one question is in a file's top-level blocks. */
export interface QuestionSpan {
  candidate: Candidate;
  /** 1-based position of the question in its file (the number of an unnumbered question). */
  position: number;
  /** The answer's blocks (genai-qa comments still in). */
  blocks: RootContent[];
  /** Offset where the question ends: the next question, a heading above the answer's level, or `</details>`. */
  end: number;
  /** Headings above the question, outermost first (the document's title heading excluded). */
  section: string[];
  /** Style `list`: the columns of indentation of the answer's lines, inside its list item. */
  indent?: number;
}

export interface FoundQuestions {
  layout: Layout | undefined;
  /** The first level-1 heading before any question, when it is not one: the document's title. */
  titleHeading: Heading | undefined;
  questions: QuestionSpan[];
  /** In a file without questions: the tables and lists of questions without answers it holds. */
  unanswered: Unanswered[];
}

const CLOSE_DETAILS = /^\s*<\/details>\s*$/i;
// "## Question 12" above "**What is …?**": the question's label, not a topic.
const LABEL = /^(?:q|question|pregunta|frage|问题|問題|题目)\s*\d+\s*[.:：]?$/i;

/** Pushes a heading onto the section path, unless it only labels the question below it. */
function enter(stack: Array<{ depth: number; text: string }>, heading: Heading): void {
  const text = toString(heading).replace(/\s+/g, ' ').trim();
  if (LABEL.test(text)) return;
  while (stack.length && stack.at(-1)!.depth >= heading.depth) stack.pop();
  stack.push({ depth: heading.depth, text });
}

/**
 * Finds the questions of a file in the layout given in `setting` or detected (see layout.ts).
 * An answer runs until the next question; in a heading layout also until a heading at the
 * question's level or above, in the others until any heading; a `<details>` answer ends at
 * `</details>`. Headings above the questions make up each question's section path.
 */
export function findQuestions(blocks: readonly RootContent[], textLength: number, setting: LayoutSetting = {}): FoundQuestions {
  // Each block is read once: for the layout, then for whether it is one of its questions.
  const candidates = blocks.map(candidateOf);
  const items = listCandidates(blocks);
  const layout = layoutOf([...candidates, ...items], setting);
  const explicit = setting.every === true;
  if (layout?.style === 'list') return findListQuestions(blocks, items, layout, explicit, setting.style === 'list');
  const isQuestion = candidates.map((c) => (c && layout && isQuestionOf(c, layout, explicit) ? c : undefined));
  const firstQuestion = isQuestion.findIndex(Boolean);
  const limit = firstQuestion === -1 ? blocks.length : firstQuestion;
  const title = blocks.slice(0, limit).find((n): n is Heading => n.type === 'heading' && n.depth === 1);

  const questions: QuestionSpan[] = [];
  const stack: Array<{ depth: number; text: string }> = [];
  // A heading that the next question follows before any other heading: a topic, not a
  // sub-heading of the answer above it.
  const introduces: boolean[] = new Array<boolean>(blocks.length).fill(false);
  let ahead = false;
  for (let k = blocks.length - 1; k >= 0; k--) {
    if (isQuestion[k]) ahead = true;
    else if (blocks[k]!.type === 'heading') {
      introduces[k] = ahead;
      ahead = false;
    }
  }
  // Levels that sub-headings of answers use: a heading after a question that some answer text
  // (not a question) follows.
  const subLevels = new Set<number>();
  let afterQuestion = false;
  blocks.forEach((node, k) => {
    if (isQuestion[k]) afterQuestion = true;
    else if (node.type === 'heading' && afterQuestion) {
      const next = blocks[k + 1];
      if (next && !isQuestion[k + 1] && next.type !== 'heading') subLevels.add(node.depth);
    }
  });
  // In a heading layout an answer ends at a heading at the question's level or above. In the
  // others, at a heading no deeper than the question's topic, or one that opens new questions
  // at a level that is not the answers' sub-headings ("##### Details" under "## Topic").
  let topicDepth = 0;
  const endsAnswer = (node: RootContent, i: number): boolean =>
    isQuestion[i] !== undefined ||
    (node.type === 'heading' &&
      (layout?.style === 'heading' ? node.depth <= layout.depth : node.depth <= topicDepth || (introduces[i]! && !subLevels.has(node.depth))));
  let i = 0;
  while (i < blocks.length) {
    const node = blocks[i]!;
    const candidate = isQuestion[i];
    if (!candidate) {
      if (node.type === 'heading' && node !== title && (layout?.style !== 'heading' || node.depth < layout.depth)) enter(stack, node);
      i++;
      continue;
    }
    topicDepth = stack.at(-1)?.depth ?? 0;
    let j = i + 1;
    let answer: RootContent[];
    let end: number;
    if (candidate.style === 'details') {
      // Up to `</details>` (headings inside the answer included), or else the next question.
      while (j < blocks.length && !isQuestion[j] && !(blocks[j]!.type === 'html' && CLOSE_DETAILS.test((blocks[j] as { value: string }).value))) j++;
      answer = blocks.slice(i + 1, j);
      const closed = j < blocks.length && !isQuestion[j];
      end = closed ? blocks[j]!.position!.end.offset! : j < blocks.length ? blocks[j]!.position!.start.offset! : textLength;
      if (closed) j++;
    } else {
      while (j < blocks.length && !endsAnswer(blocks[j]!, j)) j++;
      answer = candidate.rest ? [candidate.rest, ...blocks.slice(i + 1, j)] : blocks.slice(i + 1, j);
      end = j < blocks.length ? blocks[j]!.position!.start.offset! : textLength;
    }
    // A rule (`---`) after an answer separates it from the next question; it is no part of it.
    while (answer.at(-1)?.type === 'thematicBreak') answer.pop();
    questions.push({ candidate: withStated(candidate, answer), position: questions.length + 1, blocks: answer, end, section: stack.map((s) => s.text) });
    i = j;
  }
  return { layout, titleHeading: title, questions, unanswered: questions.length === 0 ? questionTables(blocks) : [] };
}


/** findQuestions for style `list`: each question item's other blocks are its answer. `configured`: the config sets the style. */
function findListQuestions(blocks: readonly RootContent[], items: readonly Candidate[], layout: Layout, explicit: boolean, configured: boolean): FoundQuestions {
  const questionItems = new Map(items.filter((c) => isQuestionOf(c, layout, explicit)).map((c) => [c.item!, c]));
  const hasQuestion = (node: RootContent) => node.type === 'list' && node.children.some((item) => questionItems.has(item));
  const limit = blocks.findIndex(hasQuestion);
  const title = blocks.slice(0, limit === -1 ? blocks.length : limit).find((n): n is Heading => n.type === 'heading' && n.depth === 1);
  const questions: QuestionSpan[] = [];
  const stack: Array<{ depth: number; text: string }> = [];
  for (const node of blocks) {
    if (node.type === 'heading' && node !== title) enter(stack, node);
    if (node.type !== 'list') continue;
    for (const item of node.children) {
      const candidate = questionItems.get(item);
      if (!candidate) continue;
      const answer = item.children.slice(1);
      // "1. <details><summary>…": the item's `</details>` closes the question, no part of its answer.
      if (candidate.node.type === 'html' && answer.at(-1)?.type === 'html' && CLOSE_DETAILS.test((answer.at(-1) as { value: string }).value)) answer.pop();
      questions.push({
        candidate: withStated(candidate, answer),
        position: questions.length + 1,
        blocks: answer,
        end: item.position!.end.offset!,
        section: stack.map((s) => s.text),
        indent: candidate.node.position!.start.column - 1,
      });
    }
  }
  // Items none of which has an answer are an index of questions, not questions (unless the
  // config says the file's questions are list items: then empty-answer reports each).
  if (!configured && questions.length >= 2 && questions.every((q) => q.blocks.length === 0)) {
    const lists = blocks.filter((node) => hasQuestion(node)) as List[];
    const unanswered = unansweredLists(lists, (list) => list.children.filter((item) => questionItems.has(item)).length);
    return { layout: undefined, titleHeading: title, questions: [], unanswered: [...unanswered, ...questionTables(blocks)].sort((a, b) => a.line - b.line) };
  }
  return { layout, titleHeading: title, questions, unanswered: [] };
}

/** A trailing marker wins; else the difficulty the answer states on its first line. */
function withStated(candidate: Candidate, answer: readonly RootContent[]): Candidate {
  if (candidate.difficulty) return candidate;
  const difficulty = statedDifficulty(answer[0]);
  return difficulty ? { ...candidate, difficulty } : candidate;
}
