import type { FileSummary } from '../extract.js';
import { LAYOUTS_LOOKED_FOR } from '../layout.js';
import { describeUnanswered } from '../layout-unanswered.js';
import { defineRule, NO_OPTIONS } from '../rule.js';

/**
 * A Markdown file in the content directory that holds no question is usually a mistake: an
 * empty file, a draft, or questions in a layout genai-qa does not read. Nothing from it
 * reaches the deck, the guide or the data package, so say so rather than skip it silently.
 * A content root in which no file holds a question is an error: `build` would have nothing
 * to build, and says so in the same words. A table or list of questions without answers
 * (an index of a bank whose answers are elsewhere) is named, since it is no question either.
 */
export default defineRule({
  scope: 'corpus',
  meta: {
    id: 'no-questions',
    description: 'Every content file holds at least one question.',
    severity: 'warning',
    fixable: false,
    defaultOptions: {},
    optionsSchema: NO_OPTIONS,
  },
  check({ files, report }) {
    const roots = new Map<string, FileSummary[]>();
    for (const file of files) roots.set(file.source.root, [...(roots.get(file.source.root) ?? []), file]);
    for (const inRoot of roots.values()) {
      // A skipped file is input-safety's finding.
      const empty = inRoot.filter((f) => f.questions.length === 0 && !f.skipped);
      if (empty.length === 0) continue;
      if (empty.length === inRoot.length) {
        // Point at the first table or list of questions without answers, if a file has one.
        const listing = empty.find((f) => f.unanswered?.length);
        const first = listing ?? empty[0]!;
        const found = listing?.unanswered ?? [];
        const index = found[0];
        const hint = index ? `${describeUnanswered(found, (line) => `${first.relativePath}:${line}`)}; ` : '';
        const message = `No questions in ${shownRoot(first)}: ${hint}looked for ${LAYOUTS_LOOKED_FOR}`;
        report({ file: first, line: index?.line ?? first.bodyLine, column: 1, severity: 'error', message });
        continue;
      }
      for (const file of empty) {
        const found = file.unanswered ?? [];
        const index = found[0];
        const message = index
          ? `File has no questions: ${describeUnanswered(found, (line) => `line ${line}`)}`
          : `File has no questions; genai-qa looked for ${LAYOUTS_LOOKED_FOR}`;
        report({ file, line: index?.line ?? file.bodyLine, column: 1, message });
      }
    }
  },
});

/** The one line that `lint` reports and `build` prints for a content root without questions. */
export function noQuestionsMessage(root: string): string {
  return `No questions in ${root}: looked for ${LAYOUTS_LOOKED_FOR}`;
}

/** The content root as the user wrote it: the file's shown path without its path in the root. */
function shownRoot(file: FileSummary): string {
  const shown = file.source.path;
  if (shown === file.relativePath) return '.';
  return shown.endsWith(`/${file.relativePath}`) ? `${shown.slice(0, -file.relativePath.length - 1)}/` : shown;
}
