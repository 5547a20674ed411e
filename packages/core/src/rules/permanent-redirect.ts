import { defineRule, nodeLocation, NO_OPTIONS } from '../rule.js';
import { externalLinkNodes, linkKind, replaceUrlFix, shortUrl } from './url-source.js';

/**
 * A link answered by a permanent redirect (301 or 308) works today, but the site has said
 * where the page lives now: every visit costs a round trip, and the old address is the one
 * that breaks first. Found by `genai-qa lint --check-external`; the fix writes the address
 * the permanent redirects end at, keeping the link's own `#fragment`. Temporary redirects
 * (302, 303, 307) are not reported: the old address is the one to keep.
 */
export default defineRule({
  scope: 'external',
  meta: {
    id: 'permanent-redirect',
    description: 'External links use the address a permanent redirect (301, 308) points to (checked with --check-external).',
    severity: 'warning',
    fixable: true,
    defaultOptions: {},
    optionsSchema: NO_OPTIONS,
  },
  check({ file, links, report }) {
    for (const { node, key } of externalLinkNodes(file.tree)) {
      const result = links.get(key);
      if (result?.status !== 'alive' || !result.redirect) continue;
      const hash = node.url.indexOf('#');
      const to = result.redirect.to.includes('#') || hash === -1 ? result.redirect.to : result.redirect.to + node.url.slice(hash);
      if (to === node.url) continue;
      const fix = replaceUrlFix(file.source.text, node, to);
      report({
        ...nodeLocation(node),
        message: `${linkKind(node)} "${shortUrl(node.url)}" redirects permanently (${result.redirect.status}) to "${shortUrl(to)}"; link there directly`,
        ...(fix ? { fix } : {}),
      });
    }
  },
});
