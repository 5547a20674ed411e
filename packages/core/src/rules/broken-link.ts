import path from 'node:path';
import GithubSlugger from 'github-slugger';
import { toString } from 'mdast-util-to-string';
import { nodesOfTypes } from '../nodes.js';
import { classifyUrl, linkNodes, resolveLocal } from '../links.js';
import { defineRule, nodeLocation, NO_OPTIONS } from '../rule.js';

/**
 * A link or image to a file that does not exist, or to an `#anchor` that no heading of the
 * file produces, is a dead end for the reader and a missing picture in every export.
 * Anchors use GitHub's heading slugs (github-slugger), so links that work on GitHub pass.
 * External URLs are not fetched here.
 */
export default defineRule({
  scope: 'file',
  meta: {
    id: 'broken-link',
    description: 'Local links and images point at files and headings that exist.',
    severity: 'error',
    fixable: false,
    defaultOptions: {},
    optionsSchema: NO_OPTIONS,
  },
  check({ file, host, report }) {
    let anchors: Set<string> | undefined;
    for (const node of linkNodes(file.tree)) {
      const target = classifyUrl(node.url);
      const what = node.type === 'image' ? 'Image' : 'Link';
      if (target.kind === 'anchor') {
        if (target.fragment === '' || target.fragment.startsWith(':~:')) continue;
        anchors ??= headingAnchors(file.tree);
        const wanted = decode(target.fragment).toLowerCase();
        if (!anchors.has(wanted) && !anchors.has(wanted.replace(/^user-content-/, ''))) {
          report({ ...nodeLocation(node), message: `${what} target "#${target.fragment}" matches no heading in this file` });
        }
      } else if (target.kind === 'local') {
        const local = resolveLocal(target.path, file.source.absolutePath, file.source.root, host);
        if (local.status !== 'missing') continue;
        const shown = path.posix.join(path.posix.dirname(file.source.path), target.path.split(path.sep).join('/'));
        report({ ...nodeLocation(node), message: `${what} target "${target.path}" does not exist (looked for ${shown})` });
      }
    }
  },
});

function decode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The anchors GitHub generates for a file: heading slugs, plus raw `id`/`name` attributes. */
function headingAnchors(tree: Parameters<typeof linkNodes>[0]): Set<string> {
  const slugger = new GithubSlugger();
  const out = new Set<string>();
  for (const node of nodesOfTypes(tree, ['heading', 'html'])) {
    if (node.type === 'heading') out.add(slugger.slug(toString(node)));
    else for (const m of node.value.matchAll(/\s(?:id|name)\s*=\s*["']?([^"'\s>]+)/gi)) out.add(m[1]!.toLowerCase());
  }
  return out;
}
