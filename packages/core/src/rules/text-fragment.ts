import { linkNodes } from '../links.js';
import { defineRule, nodeLocation, NO_OPTIONS } from '../rule.js';
import { removeFragmentDirectiveFix, shortUrl, withoutFragmentDirective } from './url-source.js';

/**
 * A text fragment (`#:~:text=…`, what a browser's "copy link to highlight" adds) tells the
 * browser which words to scroll to and highlight. It is not part of the page's address: it
 * breaks silently as soon as the page is reworded, bloats the link, and other renderers ignore
 * it. The fix removes the fragment directive (`:~:…`), keeping a heading anchor before it
 * (`#section:~:text=…` becomes `#section`).
 */
export default defineRule({
  scope: 'file',
  meta: {
    id: 'text-fragment',
    description: 'Links do not carry browser text fragments (#:~:text=…).',
    severity: 'warning',
    fixable: true,
    defaultOptions: {},
    optionsSchema: NO_OPTIONS,
  },
  check({ file, report }) {
    for (const node of linkNodes(file.tree)) {
      if (node.position?.start.offset === undefined) continue;
      const kept = withoutFragmentDirective(node.url);
      if (kept === undefined) continue;
      const directive = node.url.slice(kept.length);
      const fix = removeFragmentDirectiveFix(file.source.text, node);
      report({
        ...nodeLocation(node),
        message: `Text fragment "${shortUrl(directive, 40)}" is a browser scroll hint, not part of the address; remove it`,
        ...(fix ? { fix } : {}),
      });
    }
  },
});
