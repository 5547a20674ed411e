import GithubSlugger from 'github-slugger';
import { toString } from 'mdast-util-to-string';
import type { ExtractedQuestion } from '../extract.js';
import { nodesOfType } from '../nodes.js';
import { defineRule, NO_OPTIONS } from '../rule.js';
import { pointAt } from '../source.js';

/**
 * "See the next question" and "as question 10 explains" point at a place, and places do not
 * last: Anki shows cards one at a time in its own order, and numbers change whenever a
 * question is added. A reference names the question instead, by its title, as a link to its
 * anchor. Only references to questions, answers or cards are reported ("the next token",
 * "the previous layer" and "question answering" are not), plus the vague "as above",
 * "see below" and "as discussed earlier".
 */

/** What a reference points at: a neighbour (−1, +1), a number, or nothing that can be resolved. */
type Target = { kind: 'offset'; by: -1 | 1 } | { kind: 'number'; number: number } | { kind: 'vague' };

interface Pattern {
  regex: RegExp;
  target(match: RegExpMatchArray): Target;
}

const UNIT = '(?:questions?|answers?|cards?)';
const BEFORE = new Set(['previous', 'preceding', 'above', 'prior']);
const NUMBER = '(?:no\\.\\s*|number\\s+|#\\s*)?(\\d+)\\b';

const PATTERNS: Pattern[] = [
  // "the next question", "the previous answer", "the preceding card" ("its previous answer",
  // a model's, is not one; nor "the following question:", which introduces a quotation)
  {
    regex: new RegExp(`\\bthe\\s+(next|previous|preceding|prior)\\s+${UNIT}(?![\\w-])`, 'gi'),
    target: (m) => ({ kind: 'offset', by: BEFORE.has(m[1]!.toLowerCase()) ? -1 : 1 }),
  },
  // "the question above", "the answer below"
  {
    regex: new RegExp(`\\bthe\\s+${UNIT}\\s+(above|below)\\b`, 'gi'),
    target: (m) => ({ kind: 'offset', by: BEFORE.has(m[1]!.toLowerCase()) ? -1 : 1 }),
  },
  // "question 10", "Card no. 3", "questions #4 and 5"
  {
    regex: new RegExp(`\\b(?:questions?|cards?)\\s+${NUMBER}`, 'gi'),
    target: (m) => ({ kind: 'number', number: Number(m[1]) }),
  },
  // "answer no. 3", "see answer 3", "in answer #3" (but not "the model gives the answer 42")
  {
    regex: new RegExp(`\\banswers?\\s+(?:no\\.\\s*|number\\s+|#\\s*)(\\d+)\\b|\\b(?:see|in|from|per)\\s+answers?\\s+(\\d+)\\b`, 'gi'),
    target: (m) => ({ kind: 'number', number: Number(m[1] ?? m[2]) }),
  },
  // "Q10": a capital Q, and not a quarter ("Q4 2025") or a quantisation format ("Q4_K_M")
  {
    regex: /\bQ(\d+)\b(?!\s+(?:19|20)\d\d\b)/g,
    target: (m) => ({ kind: 'number', number: Number(m[1]) }),
  },
  // "as above", "see below", "as discussed earlier", "mentioned above"
  {
    regex:
      /\b(?:as|see)\s+(?:above|below)\b|\b(?:mentioned|discussed|explained|described|covered|defined|noted)\s+(?:above|earlier|previously|before)\b/gi,
    target: () => ({ kind: 'vague' }),
  },
];

/** A word that every pattern needs: answers without one are not searched. */
const CANDIDATE = /question|answer|card|Q\d|above|below|earlier|previously|before/i;

export default defineRule({
  scope: 'file',
  meta: {
    id: 'position-reference',
    description: 'Answers cite other questions by title, not by position or number.',
    severity: 'warning',
    fixable: false,
    defaultOptions: {},
    optionsSchema: NO_OPTIONS,
  },
  check({ file, report }) {
    const text = file.source.text;
    const questions = file.questions;
    let anchors: Map<ExtractedQuestion, string> | undefined;
    let byNumber: Map<number, ExtractedQuestion> | undefined;
    questions.forEach((question, index) => {
      if (!CANDIDATE.test(question.text)) return; // most answers mention no question at all
      for (const block of question.nodes) {
        for (const node of nodesOfType(block, 'text')) {
          const start = node.position?.start.offset;
          const end = node.position?.end.offset;
          if (start === undefined || end === undefined) continue;
          // The source of the text node, so that match offsets are offsets in the file.
          const raw = text.slice(start, end);
          for (const pattern of PATTERNS) {
            for (const match of raw.matchAll(pattern.regex)) {
              const from = start + match.index;
              const to = from + match[0].length;
              const target = pattern.target(match);
              const cited =
                target.kind === 'offset'
                  ? questions[index + target.by]
                  : target.kind === 'number'
                    ? (byNumber ??= numbered(questions)).get(target.number)
                    : undefined;
              anchors ??= questionAnchors(file.tree, questions);
              const shown = match[0].replace(/\s+/g, ' ');
              const a = pointAt(file.lineStarts, from);
              const b = pointAt(file.lineStarts, to);
              report({
                line: a.line,
                column: a.column,
                endLine: b.line,
                endColumn: b.column,
                message: message(shown, target, cited, cited && anchors.get(cited)),
              });
            }
          }
        }
      }
    });
  },
});

function message(shown: string, target: Target, cited: ExtractedQuestion | undefined, anchor: string | undefined): string {
  const head = `Position reference "${shown}": cards are shuffled and renumbered`;
  if (cited && anchor) return `${head}; cite the question by its title: [${cited.question}](#${anchor})`;
  if (target.kind === 'number') return `${head}, and no question in this file has the number ${target.number}; cite the question by its title, as a link to its anchor`;
  if (target.kind === 'offset') return `${head}, and no question comes ${target.by < 0 ? 'before' : 'after'} this one; cite the question by its title, as a link to its anchor`;
  return `${head}; cite the question by its title, as a link to its anchor`;
}

/** Each number's first question (a repeated number is question-numbering's finding). */
function numbered(questions: readonly ExtractedQuestion[]): Map<number, ExtractedQuestion> {
  const out = new Map<number, ExtractedQuestion>();
  for (const q of questions) if (!out.has(q.number)) out.set(q.number, q);
  return out;
}

/**
 * The anchor to cite each question by: its id when the id is written in the file (the
 * metadata comment carries it, so it survives renumbering and rewording), else GitHub's
 * heading slug, which contains the number.
 */
function questionAnchors(tree: Parameters<typeof nodesOfType>[0], questions: readonly ExtractedQuestion[]): Map<ExtractedQuestion, string> {
  const slugger = new GithubSlugger();
  const slugs = new Map<unknown, string>();
  for (const heading of nodesOfType(tree, 'heading')) slugs.set(heading, slugger.slug(toString(heading)));
  return new Map(questions.map((q) => [q, q.idExplicit ? q.id : (slugs.get(q.heading) ?? q.id)]));
}
