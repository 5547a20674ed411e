import type { Rule } from '../rule.js';
import bareUrl from './bare-url.js';
import blankLinesAroundHeadings from './blank-lines-around-headings.js';
import brokenLink from './broken-link.js';
import deadLink from './dead-link.js';
import duplicateId from './duplicate-id.js';
import duplicatePassage from './duplicate-passage.js';
import duplicateQuestion from './duplicate-question.js';
import emptyAnswer from './empty-answer.js';
import finalNewline from './final-newline.js';
import headingFormat from './heading-format.js';
import imageAltText from './image-alt-text.js';
import inputSafety from './input-safety.js';
import invalidMath from './invalid-math.js';
import invalidMetadata from './invalid-metadata.js';
import multipleSpaces from './multiple-spaces.js';
import noQuestions from './no-questions.js';
import permanentRedirect from './permanent-redirect.js';
import pseudoList from './pseudo-list.js';
import questionNumbering from './question-numbering.js';
import rawHtml from './raw-html.js';
import repeatedSentence from './repeated-sentence.js';
import textFragment from './text-fragment.js';
import trailingWhitespace from './trailing-whitespace.js';
import unsafeLink from './unsafe-link.js';

/** Every rule, in the order their findings are listed when they share a position. */
// Options differ per rule; the registry only needs the common shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const rules: ReadonlyArray<Rule<any>> = [
  inputSafety,
  noQuestions,
  headingFormat,
  questionNumbering,
  emptyAnswer,
  repeatedSentence,
  duplicateQuestion,
  duplicatePassage,
  duplicateId,
  brokenLink,
  unsafeLink,
  deadLink,
  permanentRedirect,
  rawHtml,
  imageAltText,
  invalidMath,
  bareUrl,
  textFragment,
  pseudoList,
  trailingWhitespace,
  blankLinesAroundHeadings,
  multipleSpaces,
  finalNewline,
  invalidMetadata,
];

export const ruleIds: ReadonlySet<string> = new Set(rules.map((r) => r.meta.id));
