import type { List, ListItem, Paragraph, PhrasingContent, RootContent } from 'mdast';
import { boldQuestion } from './layout-bold.js';
import { fromMarked, splitMarkedText, splitMarkers, summaryText, type Candidate } from './layout.js';

/**
 * Questions written as list items, as many public banks do:
 *
 * ```markdown
 * 1. **What is cross-validation?**
 *    - **Answer**: Splitting the data into folds …
 * - **CNN为什么可以在CV/NLP/Speech等领域都可以使用？**
 *     * 输入数据的局部相关性
 * 1. 什么样的资料集不适合用深度学习
 *
 *    - 数据集太小 …
 * ```
 *
 * An item of a top-level list is a candidate when its first block is a paragraph that is only
 * a bold run (in any list), a bold label and its question on one line (`**过拟合**：…？`), plain
 * text (in an ordered list; a link alone, as in a table of contents, is not), or a
 * `<details><summary>` (these two counted with the bold ones). Its other blocks
 * are the answer, without the `</details>` that closes it. The items of a file are questions
 * together: when at least half of one kind (bold, or plain) read as questions, all of that kind
 * are, since authors write "**BP**" or "概率密度的万能近似器" among "…？" as prompts too.
 */
export function listCandidates(blocks: readonly RootContent[]): Candidate[] {
  const bold: Candidate[] = [];
  const plain: Candidate[] = [];
  for (const block of blocks) {
    if (block.type !== 'list') continue;
    for (const item of block.children) {
      const found = itemCandidate(block, item);
      if (found) (found.bold ? bold : plain).push(found.candidate);
    }
  }
  return [...agreed(bold), ...agreed(plain)];
}

function itemCandidate(list: List, item: ListItem): { candidate: Candidate; bold: boolean } | undefined {
  const first = item.children[0];
  // "1. <details><summary>What is …?</summary>", the answer indented below, then "</details>".
  if (first?.type === 'html') {
    const summary = summaryText(first.value);
    const candidate = summary === undefined ? undefined : fromMarked('list', 0, splitMarkedText(summary), first);
    return candidate && { candidate: { ...candidate, numbering: 'none', number: undefined, item }, bold: true };
  }
  if (first?.type !== 'paragraph') return undefined;
  const inline = boldQuestion(first) ?? labelledLine(first);
  if (!inline && (!list.ordered || linkOnly(first))) return undefined;
  const candidate = fromMarked('list', 0, splitMarkers(inline ?? first.children), first);
  if (!candidate) return undefined;
  // A list's own numbers are presentation (Markdown renumbers them): no numbering to check.
  return { candidate: { ...candidate, numbering: 'none', number: undefined, item }, bold: inline !== undefined };
}

/**
 * A one-line paragraph of a bold label, a colon and the question: `**过拟合**：如何解决？`,
 * `**Overfitting**: how do you spot it?`. The label stays in the text, as in `**12)** **Topic:**`.
 */
function labelledLine(paragraph: Paragraph): PhrasingContent[] | undefined {
  const [label, after] = paragraph.children;
  if (label?.type !== 'strong' || after?.type !== 'text' || !/^\s*[:：]/.test(after.value)) return undefined;
  const oneLine = paragraph.children.every((c) => c.type !== 'break' && !(c.type === 'text' && c.value.includes('\n')));
  return oneLine ? [...label.children, ...paragraph.children.slice(1)] : undefined;
}

function linkOnly(paragraph: Paragraph): boolean {
  const parts = paragraph.children.filter((c) => !(c.type === 'text' && c.value.trim() === ''));
  return parts.length === 1 && (parts[0]!.type === 'link' || parts[0]!.type === 'linkReference');
}

function agreed(candidates: Candidate[]): Candidate[] {
  const reading = candidates.filter((c) => c.reads).length;
  if (reading === 0 || reading * 2 < candidates.length) return candidates;
  return candidates.map((c) => ({ ...c, questionLike: true }));
}
