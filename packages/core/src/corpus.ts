import type { Corpus } from './model.js';
import type { ExtractedQuestion, ParsedFile } from './extract.js';
import type { RenderableAnswer } from './renderable.js';
import { renderText } from './render.js';
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
        answer: { markdown: q.markdown, text: answerText(q), html: q.html },
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

/**
 * The answer's plain text, with the footnotes it cites that are written outside its section
 * (`q.text`, which the lint rules read, is the text of the section alone).
 */
function answerText(q: ExtractedQuestion): string {
  const blocks = q.renderable.tree.children;
  return blocks.length === q.nodes.length ? q.text : renderText(blocks);
}

/** The validated model and, beside it, the renderable form of each answer, by question id. */
export interface CompiledCorpus {
  corpus: Corpus;
  /** The first question of an id wins, as in `build` (which leaves later ones out). */
  answers: ReadonlyMap<string, RenderableAnswer>;
}

/** What `build` hands the exporters: the model (see buildCorpus) and the answers' trees. */
export function compileCorpus(files: readonly ParsedFile[]): CompiledCorpus {
  const corpus = buildCorpus(files);
  const answers = new Map<string, RenderableAnswer>();
  for (const file of files) for (const q of file.questions) if (!answers.has(q.id)) answers.set(q.id, q.renderable);
  return { corpus, answers };
}
