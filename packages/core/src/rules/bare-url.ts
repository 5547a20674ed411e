import { nodesOfType } from '../nodes.js';
import { defineRule, nodeLocation, NO_OPTIONS } from '../rule.js';

/**
 * GitHub turns a bare URL into a link, but CommonMark, Anki and many other renderers do not,
 * and a long URL in running text wraps badly in print. Write `<https://…>` or
 * `[text](https://…)`. The fix wraps the URL in angle brackets (www. addresses become
 * `[www.example.com](http://www.example.com)`), which renders the same on GitHub.
 */
export default defineRule({
  scope: 'file',
  meta: {
    id: 'bare-url',
    description: 'URLs are written as links, not as bare text.',
    severity: 'warning',
    fixable: true,
    defaultOptions: {},
    optionsSchema: NO_OPTIONS,
  },
  check({ file, report }) {
    const text = file.source.text;
    for (const node of nodesOfType(file.tree, 'link')) {
      // Some literal autolinks (e.g. "www.…" right after a link) come without a position.
      if (node.position?.start.offset === undefined || node.position.end.offset === undefined) continue;
      const start = node.position.start.offset;
      const end = node.position.end.offset;
      const first = text[start];
      if (first === '[' || first === '<') continue;
      const raw = text.slice(start, end);
      if (node.url.startsWith('mailto:')) continue; // a bare e-mail address reads fine
      // Link text is Markdown (escape what could turn into emphasis or code), and a destination
      // only takes balanced parentheses unescaped; an autolink ends at the first ">", so a URL
      // containing one gets no fix.
      const destination = /^[^()]*(?:\([^()]*\)[^()]*)*$/.test(node.url) ? node.url : node.url.replace(/[()]/g, '\\$&');
      const replacement = /^www\./i.test(raw)
        ? `[${raw.replace(/[\\`*_[\]]/g, '\\$&')}](${destination})`
        : raw.includes('>')
          ? undefined
          : `<${raw}>`;
      report({
        ...nodeLocation(node),
        message: `Bare URL "${raw.length > 60 ? `${raw.slice(0, 57)}…` : raw}"; write it as a link`,
        ...(replacement === undefined ? {} : { fix: { range: [start, end] as [number, number], text: replacement } }),
      });
    }
  },
});
