import { classifyUrl, linkNodes, resolveLocal } from '../links.js';
import { defineRule, nodeLocation, NO_OPTIONS } from '../rule.js';

/**
 * The corpus is compiled into files that run on learners' machines. A `javascript:`,
 * `vbscript:`, `data:` or `file:` URL, an absolute path, or a relative path that climbs out
 * of the content root (directly or through a symlink) could run code or read files that are
 * not part of the corpus, so exporters refuse to follow it and the linter reports it.
 */
export default defineRule({
  scope: 'file',
  meta: {
    id: 'unsafe-link',
    description: 'Links stay inside the content root and use no script or data URLs.',
    severity: 'error',
    fixable: false,
    defaultOptions: {},
    optionsSchema: NO_OPTIONS,
  },
  check({ file, host, report }) {
    for (const node of linkNodes(file.tree)) {
      // "C:/x" or "C:\x" is a Windows path, not a URL with the scheme "c".
      const drive = /^[a-zA-Z]:[\\/]/.test(node.url.trim());
      const target = drive ? ({ kind: 'local', path: node.url.trim(), fragment: '' } as const) : classifyUrl(node.url);
      const what = node.type === 'image' ? 'Image' : 'Link';
      if (target.kind === 'dangerous') {
        report({ ...nodeLocation(node), message: `${what} uses a ${target.scheme}: URL, which is never allowed` });
      } else if (target.kind === 'local') {
        const local = resolveLocal(target.path, file.source.absolutePath, file.source.root, host);
        if (local.status === 'outside') {
          report({ ...nodeLocation(node), message: `${what} target "${target.path}" ${local.reason}` });
        }
      }
    }
  },
});
