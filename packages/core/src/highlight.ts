/**
 * The one code highlighter of every artifact (the deck's HTML, the PDF): highlight.js's common
 * languages through lowlight, offline. Its own entry point (`@genai-qa/core/highlight`), not
 * part of core's index: loading the grammars takes a few hundred milliseconds that `lint`
 * and the language server must not pay.
 */
import type { Element, ElementContent, Root } from 'hast';
import { common, createLowlight } from 'lowlight';

/** highlight.js's common languages (37); registering more is done here, once, for every artifact. */
const lowlight = createLowlight(common);

/**
 * The language a fenced block is highlighted in: its info string's language when highlight.js
 * knows it (names and aliases: `python`, `py`, `bash`, `sh`, …). A block without a language,
 * a `math` block or an unknown language is not highlighted: nothing is guessed.
 */
export function highlightLanguage(language: string | null | undefined): string | undefined {
  if (!language || language === 'math' || !lowlight.registered(language)) return undefined;
  return language;
}

/** The tokens of `text` as hast: `<span class="hljs-…">` elements around text (see highlightLanguage). */
export function highlightHast(language: string, text: string): Root {
  return lowlight.highlight(language, text);
}

/** A stretch of code and the highlight.js scopes it is in, outermost first (`["function", "title"]`). */
export interface HighlightRun {
  text: string;
  scopes: string[];
}

/**
 * The tokens of `text` as runs of plain text, for renderers that draw rather than write HTML
 * (the PDF). The runs' texts joined are `text`; neighbours in the same scopes are merged.
 */
export function highlightRuns(language: string, text: string): HighlightRun[] {
  const out: HighlightRun[] = [];
  const walk = (nodes: readonly ElementContent[], scopes: string[]): void => {
    for (const node of nodes) {
      if (node.type === 'text') {
        const last = out.at(-1);
        if (last && sameScopes(last.scopes, scopes)) last.text += node.value;
        else out.push({ text: node.value, scopes });
      } else if (node.type === 'element') {
        walk(node.children, [...scopes, ...scopesOf(node)]);
      }
    }
  };
  walk(highlightHast(language, text).children as ElementContent[], []);
  return out;
}

/** `hljs-title function_` → ["title", "function_"] (highlight.js's second classes have no prefix). */
function scopesOf(element: Element): string[] {
  const classes = element.properties.className;
  if (!Array.isArray(classes)) return [];
  return classes.map(String).map((c) => (c.startsWith('hljs-') ? c.slice('hljs-'.length) : c));
}

function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
