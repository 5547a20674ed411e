import { answerHast, type RenderableAnswer } from '@genai-qa/core';
import type { Element, ElementContent, Root } from 'hast';
import { sanitize, type Schema } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { highlightHast, highlightLanguage } from '@genai-qa/core/highlight';
import { SKIP, visit } from 'unist-util-visit';

/**
 * What the Answer field may hold: stricter than GitHub's schema (core's `answer.html`). No
 * ids, names, ARIA or data attributes (nothing in a card refers to them), links only to
 * http, https and mailto, images only to the deck's media (see deckHtml), no forms but the
 * disabled checkbox of a task list.
 */
export const DECK_SCHEMA: Schema = {
  tagNames: [
    'a', 'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del',
    'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4',
    'h5', 'h6', 'hr', 'i', 'img', 'input', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q',
    'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strike', 'strong', 'sub', 'summary',
    'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'tt', 'u', 'ul',
    'var', 'wbr',
  ],
  // Dropped with their content; any other element not listed is unwrapped (its text kept).
  strip: ['script', 'style', 'iframe', 'object', 'embed', 'noscript', 'template', 'textarea', 'title', 'svg', 'math', 'select', 'button', 'form'],
  attributes: {
    '*': ['title', 'lang', 'dir'],
    a: ['href'],
    img: ['src', 'alt', 'width', 'height'],
    code: [['className', /^language-./, 'hljs']],
    ol: ['start', 'reversed', ['className', 'contains-task-list', 'footnotes']],
    ul: [['className', 'contains-task-list']],
    li: [['className', 'task-list-item']],
    span: [['className', 'image-alt', 'math-inline', 'math-display', /^hljs-[a-z_-]+$/]],
    div: [['className', 'math-display']],
    td: ['align'],
    th: ['align'],
    details: ['open'],
    time: ['dateTime'],
    input: [['type', 'checkbox'], ['disabled', true], ['checked', true]],
  },
  required: { input: { type: 'checkbox', disabled: true } },
  protocols: { href: ['http', 'https', 'mailto'], src: ['http', 'https'] },
  ancestors: { tbody: ['table'], td: ['table'], th: ['table'], thead: ['table'], tfoot: ['table'], tr: ['table'] },
  clobber: [],
  allowComments: false,
  allowDoctypes: false,
};

/**
 * Decides what an image becomes: the media file name to point `src` at, or undefined to
 * replace the image by its alt text.
 */
export type ImageResolver = (src: string) => string | undefined;

const LINK = /^(?:https?|mailto):/i;
const WEB = /^https?:/i;

/**
 * The Answer field: the answer's tree (core's hast), made to work in Anki's reviewer, then
 * sanitized with DECK_SCHEMA and serialized. In a card no link may lack a target, and
 * fragment links do not navigate: a footnote reference becomes a plain superscript number,
 * the notes a list at the end without back-references, and a link that is not http(s) or
 * mailto its text. Images in the media point at their media name; any other image becomes
 * its alt text (a link to it when it is on the web, unless it is a link's content already).
 */
export function deckHtml(answer: Pick<RenderableAnswer, 'tree'>, resolveImage: ImageResolver): string {
  const tree = answerHast(answer);
  visit(tree, 'element', (element, index, parent) => {
    if (!parent || index === undefined) return;
    const replacement = forTheDeck(element, resolveImage, parent.type === 'element' && parent.tagName === 'a');
    if (!Array.isArray(replacement)) return;
    parent.children.splice(index, 1, ...replacement);
    return [SKIP, index];
  });
  const clean = sanitize(tree, DECK_SCHEMA) as Root;
  return toHtml(clean, { characterReferences: { useNamedReferences: true } }).trim();
}

/** The classes of an element, as hast holds them. */
function classes(element: Element): readonly unknown[] {
  const value = element.properties.className;
  return Array.isArray(value) ? value : [];
}

/**
 * Math for Anki's own MathJax, which typesets `\(…\)` inline and `\[…\]` displayed on the
 * desktop, AnkiDroid and AnkiMobile: the TeX exactly as written, HTML-escaped by the
 * serializer only. (`$…$` is not Anki's syntax.)
 */
function math(element: Element): ElementContent[] | undefined {
  const tex = (node: Element): string => node.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
  // Inline math, and `\[…\]` written inside a paragraph (a <pre> is replaced before its <code> is visited).
  if (element.tagName === 'code' && classes(element).includes('math-inline')) {
    return [{ type: 'element', tagName: 'span', properties: { className: ['math-inline'] }, children: [{ type: 'text', value: `\\(${tex(element)}\\)` }] }];
  }
  if (element.tagName === 'code' && classes(element).includes('math-display')) {
    return [{ type: 'element', tagName: 'span', properties: { className: ['math-display'] }, children: [{ type: 'text', value: `\\[${tex(element)}\\]` }] }];
  }
  if (element.tagName !== 'pre') return undefined;
  const code = element.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
  if (!code || !classes(code).includes('language-math')) return undefined;
  return [{ type: 'element', tagName: 'div', properties: { className: ['math-display'] }, children: [{ type: 'text', value: `\\[${tex(code).replace(/\n$/, '')}\\]` }] }];
}

function forTheDeck(element: Element, resolveImage: ImageResolver, inLink: boolean): Element | ElementContent[] {
  const p = element.properties;
  const formula = math(element);
  if (formula) return formula;
  if (element.tagName === 'pre') highlight(element);
  if (element.tagName === 'a') {
    if (p.dataFootnoteBackref !== undefined) return [];
    const href = typeof p.href === 'string' ? p.href : '';
    if (p.dataFootnoteRef !== undefined || !LINK.test(stripControls(href))) return element.children;
    return element;
  }
  if (element.tagName === 'section' && p.dataFootnotes !== undefined) {
    const list = element.children.find((c): c is Element => c.type === 'element' && c.tagName === 'ol');
    if (!list) return [];
    dropBackReferenceSpaces(list);
    return [{ ...list, properties: { className: ['footnotes'] } }];
  }
  if (element.tagName === 'img') {
    const src = typeof p.src === 'string' ? p.src : '';
    const alt = typeof p.alt === 'string' ? p.alt : '';
    const name = src === '' ? undefined : resolveImage(src);
    if (name !== undefined) {
      const properties = Object.fromEntries(Object.entries({ src: name, alt, title: p.title, width: p.width, height: p.height }).filter(([, v]) => v != null));
      // Changed in place (the tree is this call's own): visited again, it would be resolved again.
      element.properties = properties;
      return element;
    }
    if (alt === '') return [];
    const text: Element = { type: 'element', tagName: 'span', properties: { className: ['image-alt'] }, children: [{ type: 'text', value: alt }] };
    // A link inside a link is not HTML: an image that is already a link's content stays text.
    return [WEB.test(stripControls(src)) && !inLink ? { type: 'element', tagName: 'a', properties: { href: src }, children: [text] } : text];
  }
  return element;
}

/**
 * A fenced block with a language highlight.js knows gets its tokens as `<span class="hljs-…">`
 * (coloured by the note type's CSS, in day and night mode); other blocks stay plain text.
 * The highlighter and its languages are core's, shared with the PDF.
 */
function highlight(pre: Element): void {
  const code = pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
  if (!code) return;
  const language = classes(code).map(String).find((c) => c.startsWith('language-'))?.slice('language-'.length);
  const known = highlightLanguage(language);
  if (!known) return;
  const text = code.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
  code.children = highlightHast(known, text).children as ElementContent[];
  code.properties.className = [...classes(code).map(String), 'hljs'];
}

/** mdast-util-to-hast writes a space before each back-reference; without the link it would trail. */
function dropBackReferenceSpaces(list: Element): void {
  visit(list, 'element', (element) => {
    const children = element.children;
    for (let i = children.length - 1; i > 0; i--) {
      const node = children[i]!;
      const before = children[i - 1]!;
      if (node.type !== 'element' || node.properties.dataFootnoteBackref === undefined || before.type !== 'text' || !before.value.endsWith(' ')) continue;
      before.value = before.value.slice(0, -1);
      if (before.value === '') children.splice(i - 1, 1);
    }
  });
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0020\u007f]+/g;
function stripControls(value: string): string {
  return value.replace(CONTROLS, '');
}

/** Escapes plain text for an HTML field. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
