import type { Element, Root as HastRoot } from 'hast';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { toHast } from 'mdast-util-to-hast';
import { visit } from 'unist-util-visit';
import { assetKey } from './assets.js';
import { classifyUrl } from './links.js';
import type { RenderableAnswer } from './renderable.js';

/**
 * The answer as an HTML syntax tree (hast), not yet sanitized: what every HTML target starts
 * from. Raw HTML in the Markdown is dropped (mdast-util-to-hast without `allowDangerousHtml`).
 * Footnote ids carry no prefix: each target's sanitizer gives them the one it needs.
 */
export function answerHast(answer: Pick<RenderableAnswer, 'tree'>): HastRoot {
  return toHast(answer.tree, { clobberPrefix: '' }) as HastRoot;
}

/**
 * The schema of `answer.html` in the JSON model: GitHub's (hast-util-sanitize's default),
 * whose `clobberPrefix` goes in front of every id, `name` and ARIA reference, and which keeps
 * the classes that mark math (`<code class="language-math math-inline">` and, in a `<pre>`,
 * `math-display`: the TeX as written, for KaTeX or MathJax to render).
 */
export const MODEL_SCHEMA: Readonly<Schema> = {
  ...defaultSchema,
  attributes: {
    ...defaultSchema.attributes,
    code: [['className', /^language-./, 'math-inline', 'math-display']],
  },
};

export interface ModelHtmlOptions {
  /** The Markdown file's path relative to the content root: local targets that leave the root are removed. */
  file?: string;
  /**
   * The question's id, put into the prefix of the answer's element ids
   * (`user-content-<id>-fn-1`), so that every answer can be shown on one page.
   */
  id?: string;
}

/** `answer.html` of the JSON model: the answer's tree, sanitized with GitHub's schema. */
export function modelHtml(answer: Pick<RenderableAnswer, 'tree'>, options: ModelHtmlOptions = {}): string {
  const prefix = `${MODEL_SCHEMA.clobberPrefix ?? 'user-content-'}${options.id === undefined ? '' : `${options.id}-`}`;
  const hast = sanitize(answerHast(answer), { ...MODEL_SCHEMA, clobberPrefix: prefix }) as HastRoot;
  const ids = new Set<string>();
  visit(hast, 'element', (element: Element) => {
    if (typeof element.properties.id === 'string') ids.add(element.properties.id);
  });
  visit(hast, 'element', (element: Element) => {
    const href = element.properties.href;
    // A link to an element of this answer (a footnote and its back-reference) follows the
    // sanitizer's renaming of that element's id.
    if (typeof href === 'string' && href.startsWith('#') && ids.has(prefix + href.slice(1))) element.properties.href = `#${prefix}${href.slice(1)}`;
    if (options.file === undefined) return;
    for (const attribute of ['src', 'href'] as const) {
      const value = element.properties[attribute];
      if (typeof value === 'string' && classifyUrl(value).kind === 'local' && assetKey({ source: { file: options.file, line: 1 } }, value) === undefined) {
        delete element.properties[attribute];
      }
    }
  });
  return toHtml(hast).trim();
}
