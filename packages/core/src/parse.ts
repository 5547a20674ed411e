import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const parser = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).freeze();

/** Markdown (LF line endings) → mdast with positions, as GitHub reads it (GFM + YAML front matter). */
export function parseMarkdown(text: string): Root {
  return parser.parse(text);
}
