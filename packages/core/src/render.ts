import type { Nodes, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Element } from 'hast';
import { assetKey } from './assets.js';
import { classifyUrl } from './links.js';

// Raw HTML is dropped by remark-rehype (allowDangerousHtml is off) and the result is then
// sanitized with GitHub's schema: no script, no event handlers, no javascript: URLs.
const toHtml = unified().use(remarkRehype).use(rehypeSanitize).use(rehypeStringify).freeze();

/**
 * Renders mdast blocks to sanitized HTML. `definitions` resolve reference-style links.
 * With `file` (the Markdown file's path relative to the content root), local `src` and
 * `href` values that are absolute or climb out of the content root are removed too.
 */
export function renderHtml(nodes: RootContent[], definitions: RootContent[] = [], file?: string): string {
  const root: Root = { type: 'root', children: [...nodes, ...definitions] };
  const hast = toHtml.runSync(root);
  if (file !== undefined) {
    visit(hast, 'element', (element: Element) => {
      for (const attribute of ['src', 'href'] as const) {
        const value = element.properties[attribute];
        if (typeof value === 'string' && assetKey({ source: { file, line: 1 } }, value) === undefined && classifyUrl(value).kind === 'local') {
          delete element.properties[attribute];
        }
      }
    });
  }
  return toHtml.stringify(hast).trim();
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
