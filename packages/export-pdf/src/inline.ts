import type { Definition, Image, ImageReference, Nodes, PhrasingContent } from 'mdast';
import type { LinkTarget } from './targets.js';

/** A stretch of text in one style; a paragraph is a list of runs drawn as one flowing text. */
export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  mono?: boolean;
  strike?: boolean;
  link?: LinkTarget | undefined;
  /** Overrides the text colour of the paragraph. */
  color?: string;
  /** Inline math: the TeX, typeset in its place (`text` is what stands in for it). */
  math?: string;
}

export type ImageNode = Image | ImageReference;

export interface InlineContext {
  /** Resolves a link URL to a clickable target (or undefined: plain text). */
  resolve(url: string): LinkTarget | undefined;
  /** Reference-style definitions by normalised identifier. */
  definitions: ReadonlyMap<string, Definition>;
  /** The number a footnote reference shows (as in answer.html and the deck), by mdast identifier. */
  footnote(identifier: string): number | undefined;
}

type Style = Omit<Run, 'text'>;

/**
 * Flattens phrasing content into runs. Raw HTML is dropped (never rendered as markup);
 * inline images become their alt text in italics and are returned so that the caller can
 * place them as figures after the paragraph.
 */
export function inlineRuns(nodes: readonly PhrasingContent[], context: InlineContext): { runs: Run[]; images: ImageNode[] } {
  const runs: Run[] = [];
  const images: ImageNode[] = [];
  const walk = (children: readonly PhrasingContent[], style: Style): void => {
    for (const node of children) {
      switch (node.type) {
        case 'text':
          runs.push({ ...style, text: collapseWhitespace(node.value) });
          break;
        case 'inlineCode':
          runs.push({ ...style, mono: true, text: node.value });
          break;
        case 'inlineMath':
          runs.push({ ...style, math: node.value, text: '\u00a0' });
          break;
        case 'break':
          runs.push({ ...style, text: '\n' });
          break;
        case 'emphasis':
          walk(node.children, { ...style, italic: true });
          break;
        case 'strong':
          walk(node.children, { ...style, bold: true });
          break;
        case 'delete':
          walk(node.children, { ...style, strike: true });
          break;
        case 'link':
          walk(node.children, { ...style, link: context.resolve(node.url) });
          break;
        case 'linkReference': {
          const definition = context.definitions.get(normalizeIdentifier(node.identifier));
          walk(node.children, definition ? { ...style, link: context.resolve(definition.url) } : style);
          break;
        }
        case 'image':
        case 'imageReference':
          images.push(node);
          if (node.alt) runs.push({ ...style, italic: true, text: node.alt });
          break;
        case 'footnoteReference':
          runs.push({ ...style, text: `[${context.footnote(node.identifier) ?? node.label ?? node.identifier}]` });
          break;
        case 'html':
          break;
        default: {
          const text = plainText(node);
          if (text) runs.push({ ...style, text });
        }
      }
    }
  };
  walk(nodes, {});
  return { runs: tidy(runs), images };
}

/** True when a paragraph holds only images (and whitespace): it is drawn as figures. */
export function isFigureParagraph(children: readonly PhrasingContent[]): boolean {
  let images = 0;
  for (const child of children) {
    if (child.type === 'image' || child.type === 'imageReference') images++;
    else if (child.type === 'break' || (child.type === 'text' && child.value.trim() === '')) continue;
    else return false;
  }
  return images > 0;
}

/** True when a paragraph draws as text alone: no image in it, inline or as a figure. */
export function isTextParagraph(children: readonly PhrasingContent[]): boolean {
  const walk = (nodes: readonly PhrasingContent[]): boolean =>
    nodes.every((n) => n.type !== 'image' && n.type !== 'imageReference' && (!('children' in n) || walk(n.children)));
  return walk(children);
}

/** The runs' text, for measuring. */
export function runsText(runs: readonly Run[]): string {
  return runs.map((r) => r.text).join('');
}

export function normalizeIdentifier(value: string): string {
  return value.replace(/[\t\n\r ]+/g, ' ').trim().toLowerCase();
}

/** Plain text of any node (alt text of images included, raw HTML excluded). */
export function plainText(node: Nodes): string {
  if (node.type === 'html') return '';
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ((node.type === 'image' || node.type === 'imageReference') && node.alt) return node.alt;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

/**
 * Each run of spaces, tabs and line ends as one space. Most text has single spaces only, which
 * the replacement would copy unchanged: it is returned as it is.
 */
function collapseWhitespace(text: string): string {
  return /[\t\r\n\f]| {2}/.test(text) ? text.replace(/[ \t\r\n\f]+/g, ' ') : text;
}

/** Collapses whitespace across run boundaries and trims the ends; drops empty runs. */
function tidy(runs: Run[]): Run[] {
  const out: Run[] = [];
  let previousEndsWithSpace = true;
  for (const run of runs) {
    let text = run.text;
    if (!run.mono && previousEndsWithSpace) text = text.replace(/^ +/, '');
    if (text === '') continue;
    // (The runs are inlineRuns' own: one whose text is unchanged is kept, not copied.)
    out.push(text === run.text ? run : { ...run, text });
    previousEndsWithSpace = /[ \n]$/.test(text);
  }
  // Trailing spaces and hard breaks at the end of a paragraph draw nothing.
  while (out.length > 0) {
    const last = out[out.length - 1]!;
    const trimmed = last.text.replace(/[ \n]+$/, '');
    if (trimmed === '') out.pop();
    else {
      out[out.length - 1] = { ...last, text: trimmed };
      break;
    }
  }
  return out;
}
