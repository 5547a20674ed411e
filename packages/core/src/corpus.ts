import type { Corpus } from './model.js';
import type { ParsedFile } from './extract.js';
import { validateCorpus } from './validate.js';

export const DEFAULT_TITLE = 'Questions and Answers';

/**
 * Builds the corpus model from parsed files (in the order given) and validates it against
 * the schema. The collection takes the title and description of the first file that has one
 * (front matter's, else the file's first H1): first among the files that hold questions, so
 * that a CONTRIBUTING.md next to the questions does not name the deck.
 */
export function buildCorpus(files: readonly ParsedFile[]): Corpus {
  const withQuestions = files.filter((f) => f.questions.length > 0);
  const corpus: Corpus = {
    title: withQuestions.find((f) => f.title)?.title ?? files.find((f) => f.title)?.title ?? DEFAULT_TITLE,
    description: files.find((f) => f.description)?.description ?? '',
    files: files.map((f) => ({ file: f.relativePath, title: f.title, description: f.description })),
    questions: files.flatMap((f) =>
      f.questions.map((q) => ({
        id: q.id,
        number: q.number,
        question: q.question,
        answer: { markdown: q.markdown, text: q.text, html: q.html },
        tags: q.tags,
        // Only when there is something to say: a corpus without them gives the same bytes as before.
        ...(q.section.length ? { section: q.section } : {}),
        ...(q.difficulty ? { difficulty: q.difficulty } : {}),
        ...(q.sources.length ? { sources: q.sources } : {}),
        source: { file: f.relativePath, line: q.line },
      })),
    ),
  };
  return validateCorpus(corpus);
}
