import type { Nodes, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { modelHtml } from './html.js';
import { isLiteral } from './literals.js';

/**
 * Renders mdast blocks to HTML sanitized with GitHub's schema (see html.ts): raw HTML is
 * dropped; no script, no event handlers, no javascript: URLs. `definitions` resolve
 * reference-style links and footnotes. With `file` (the Markdown file's path relative to the
 * content root), local `src` and `href` values that are absolute or climb out of the content
 * root are removed too.
 */
export function renderHtml(nodes: RootContent[], definitions: RootContent[] = [], file?: string): string {
  return modelHtml({ tree: { type: 'root', children: [...nodes, ...definitions] } }, file === undefined ? {} : { file });
}

/**
 * Plain text of mdast blocks: inline text via mdast-util-to-string, blocks on their own lines.
 * `prose` leaves code and math out (see literals.ts): what the duplicate rules compare.
 */
export function renderText(nodes: readonly Nodes[], { prose = false }: { prose?: boolean } = {}): string {
  return nodes
    .map((node) => blockText(node, prose ? proseString : inlineString))
    .filter((t) => t.length > 0)
    .join('\n\n');
}

type Inline = (node: Nodes) => string;

const inlineString: Inline = (node) => toString(node, { includeHtml: false });

/** mdast-util-to-string's text (image alt included, raw HTML not), without code and math. */
function proseString(node: Nodes): string {
  if (isLiteral(node) || node.type === 'html') return '';
  if ('value' in node) return node.value;
  if ('alt' in node && node.alt) return node.alt;
  if ('children' in node) {
    let out = '';
    for (const child of node.children) out += proseString(child);
    return out;
  }
  return '';
}

function blockText(node: Nodes, inline: Inline): string {
  const blocks = (children: readonly Nodes[], separator: string): string =>
    children
      .map((child) => blockText(child, inline))
      .filter(Boolean)
      .join(separator);
  if (inline === proseString && isLiteral(node)) return '';
  switch (node.type) {
    case 'html':
    case 'definition':
    case 'thematicBreak':
    case 'yaml':
      return '';
    case 'code':
      return node.value;
    case 'list':
      return node.children.map((item) => blocks(item.children, '\n')).join('\n');
    case 'blockquote':
    case 'footnoteDefinition':
      return blocks(node.children, '\n\n');
    case 'table':
      return node.children.map((row) => row.children.map((cell) => (inline === proseString ? proseString(cell) : toString(cell))).join(' | ')).join('\n');
    default:
      return inline(node).trim();
  }
}
