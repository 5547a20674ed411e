import type { Paragraph, PhrasingContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { splitMarkers } from './layout.js';

// The paragraph shapes of bold-question banks (style `bold`, layout.ts): a paragraph that is
// one bold question, a bold label before the question, a bold number before a bold label,
// or a bold question with its answer starting on the next line.

/**
 * The inline content of a paragraph that is one bold run and nothing else but markers:
 * `**What is X? 👶**`, `**What is X?** 👶`, `**What is X?** [[src](…)]`.
 */
export function boldQuestion(node: Paragraph): PhrasingContent[] | undefined {
  const children = node.children;
  const first = children.findIndex((c) => !(c.type === 'text' && c.value.trim() === ''));
  const strong = children[first];
  if (strong?.type !== 'strong') return undefined;
  const rest = children.slice(first + 1);
  const after = splitMarkers([{ type: 'text', value: 'x' }, ...rest]);
  if (after.text !== 'x') return undefined;
  return [...strong.children, ...rest];
}

// The bold label of a question paragraph: "**Q:** How …?", "**Pregunta:** ¿…?", "**问：**".
const LABEL = /^(?:q|question|pregunta|frage|问|问题|題)\s*\d*\s*[:：.]?$/i;

/**
 * A paragraph that starts with a bold question label, the question after it on the same line:
 * `**Q:** How can you …?`. A next line in the same paragraph (`**A:** …`) starts the answer.
 */
export function labelledQuestion(node: Paragraph): { question: PhrasingContent[]; rest?: Paragraph } | undefined {
  const [strong, ...after] = node.children;
  if (strong?.type !== 'strong' || !LABEL.test(toString(strong).trim())) return undefined;
  const first = after[0];
  const colonOutside = !/[:：.]\s*$/.test(toString(strong)) && first?.type === 'text' && /^\s*[:：]/.test(first.value);
  if (!colonOutside && !/[:：.]\s*$/.test(toString(strong))) return undefined;
  const line = firstLine(node, after);
  return { ...line, question: stripColon(line.question, colonOutside) };
}

// A bold number alone: "**12)**", "**12.**", "**Q12:**".
const BOLD_NUMBER = /^\s*(?:Q\s*)?\d+\s*[.)、:：]\s*$/i;

/**
 * A paragraph that starts with a bold number and then a bold label or question, on one line:
 * `**12)** **Regularization:** Why does L1 give sparse weights?`, `**3.** **What is a GAN?**`.
 * The question is the number, the bold run and the rest of the line, read as one text; a
 * label's trailing colon goes when nothing follows it. A next line starts the answer.
 */
export function numberedBold(node: Paragraph): { question: PhrasingContent[]; rest?: Paragraph } | undefined {
  const [number, ...after] = node.children;
  if (number?.type !== 'strong' || !BOLD_NUMBER.test(toString(number))) return undefined;
  let k = 0;
  while (after[k]?.type === 'text' && (after[k] as { value: string }).value.trim() === '' && !(after[k] as { value: string }).value.includes('\n')) k++;
  const bold = after[k];
  if (bold?.type !== 'strong') return undefined;
  const line = firstLine(node, after.slice(k + 1));
  const tail = line.question.map((c) => toString(c)).join('').trim();
  const label = tail === '' ? [{ type: 'text' as const, value: toString(bold).replace(/\s*[:：]\s*$/, '') }] : bold.children;
  return { ...line, question: [{ type: 'text', value: `${toString(number).trim()} ` }, ...label, ...(tail === '' ? [] : line.question)] };
}

/**
 * The inline content up to the end of a paragraph's first line (`question`), and the lines
 * after it as a paragraph of their own (`rest`, positions kept): the answer's start.
 */
function firstLine(node: Paragraph, after: PhrasingContent[]): { question: PhrasingContent[]; rest?: Paragraph } {
  const question: PhrasingContent[] = [];
  let k = 0;
  for (; k < after.length; k++) {
    const child = after[k]!;
    if (child.type === 'break') break;
    if (child.type === 'text' && child.value.includes('\n')) {
      const cut = child.value.indexOf('\n');
      question.push({ ...child, value: child.value.slice(0, cut) });
      const tail = child.value.slice(cut + 1);
      const start = child.position?.start;
      // The answer's first line starts on the line after the question (one newline, column 1).
      const moved = start && { line: start.line + 1, column: 1, offset: start.offset === undefined ? undefined : start.offset + cut + 1 };
      const tailNode: PhrasingContent = { type: 'text', value: tail, ...(moved && child.position ? { position: { start: moved, end: child.position.end } } : {}) };
      const restChildren = tail ? [tailNode, ...after.slice(k + 1)] : after.slice(k + 1);
      return { question, ...restOf(node, restChildren) };
    }
    question.push(child);
  }
  return { question, ...restOf(node, after.slice(k + 1)) };
}

function stripColon(nodes: PhrasingContent[], colonOutside: boolean): PhrasingContent[] {
  if (!colonOutside || nodes[0]?.type !== 'text') return nodes;
  return [{ ...nodes[0], value: nodes[0].value.replace(/^\s*[:：]/, '') }, ...nodes.slice(1)];
}

// The rest of the paragraph as a paragraph of its own, if it holds anything (positions kept).
function restOf(node: Paragraph, children: PhrasingContent[]): { rest?: Paragraph } {
  const kept = children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  const head = kept[0];
  if (!head?.position || !node.position) return {};
  return { rest: { type: 'paragraph', children: kept, position: { start: head.position.start, end: node.position.end } } };
}

/**
 * A paragraph whose first line is one bold run and the rest its answer: `**Q8- What …?**`, a
 * line break, then text. Returns the bold run's content and the rest as a paragraph.
 */
export function boldThenLine(node: Paragraph): { question: PhrasingContent[]; rest: Paragraph } | undefined {
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

