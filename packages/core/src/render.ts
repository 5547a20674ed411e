import type { Nodes, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import { modelHtml } from './html.js';

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

/** Plain text of mdast blocks: inline text via mdast-util-to-string, blocks on their own lines. */
export function renderText(nodes: readonly Nodes[]): string {
  return nodes
    .map(blockText)
    .filter((t) => t.length > 0)
    .join('\n\n');
}

function blockText(node: Nodes): string {
  switch (node.type) {
    case 'html':
    case 'definition':
    case 'thematicBreak':
    case 'yaml':
      return '';
    case 'code':
      return node.value;
    case 'list':
      return node.children
        .map((item) => item.children.map(blockText).filter(Boolean).join('\n'))
        .join('\n');
    case 'blockquote':
    case 'footnoteDefinition':
      return node.children.map(blockText).filter(Boolean).join('\n\n');
    case 'table':
      return node.children.map((row) => row.children.map((cell) => toString(cell)).join(' | ')).join('\n');
    default:
      return toString(node, { includeHtml: false }).trim();
  }
}
