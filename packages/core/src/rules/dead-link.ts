import { defineRule, nodeLocation, NO_OPTIONS } from '../rule.js';
import { externalLinkNodes, linkKind, shortUrl } from './url-source.js';

/**
 * An http(s) link whose page is gone (4xx other than 429; 5xx, no connection or no answer
 * after retries) is a dead end for the reader, in the Markdown and in every export. Only
 * `genai-qa lint --check-external` asks the network (the CLI's link checker, with a cache);
 * this rule turns its answers into findings, at every place the URL is linked.
 */
export default defineRule({
  scope: 'external',
  meta: {
    id: 'dead-link',
    description: 'External links (http and https) lead to pages that exist (checked with --check-external).',
    severity: 'error',
    fixable: false,
    defaultOptions: {},
    optionsSchema: NO_OPTIONS,
  },
  check({ file, links, report }) {
    for (const { node, key } of externalLinkNodes(file.tree)) {
      const result = links.get(key);
      if (result?.status !== 'dead') continue;
      report({ ...nodeLocation(node), message: `${linkKind(node)} "${shortUrl(node.url)}" is dead: ${result.reason}` });
    }
  },
});
