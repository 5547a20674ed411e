import type { Nodes, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

// Raw HTML is dropped by remark-rehype (allowDangerousHtml is off) and the result is then
// sanitized with GitHub's schema: no script, no event handlers, no javascript: URLs.
const toHtml = unified().use(remarkRehype).use(rehypeSanitize).use(rehypeStringify).freeze();

/** Renders mdast blocks to sanitized HTML. `definitions` resolve reference-style links. */
export function renderHtml(nodes: RootContent[], definitions: RootContent[] = []): string {
  const root: Root = { type: 'root', children: [...nodes, ...definitions] };
  const hast = toHtml.runSync(root);
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
