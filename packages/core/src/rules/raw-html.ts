import { nodesOfType } from '../nodes.js';
import { readDirective } from '../directives.js';
import { defineRule, nodeLocation } from '../rule.js';
import { pointAt } from '../source.js';
import { startTags } from '../html-tokens.js';

const DANGEROUS_TAGS = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'link', 'meta', 'form', 'svg', 'math',
]);

/**
 * Raw HTML does not survive every export (Anki and the PDF drop it) and can carry script.
 * `<script>`, `<style>`, `<iframe>`, embedded objects, event-handler attributes (`onerror=`)
 * and `javascript:` URLs are errors; any other tag is a warning. HTML comments are fine —
 * genai-qa's own metadata lives in them.
 */
export default defineRule<{ allow: string[] }>({
  scope: 'file',
  meta: {
    id: 'raw-html',
    description: 'No raw HTML; never script, frames or event handlers.',
    severity: 'warning',
    fixable: false,
    defaultOptions: { allow: [] },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { allow: { type: 'array', items: { type: 'string' }, description: 'Harmless tag names to accept without a warning, e.g. ["br", "sup"].' } },
    },
  },
  check({ file, options, report }) {
    const allow = new Set(options.allow.map((t) => t.toLowerCase()));
    const text = file.source.text;
    // A question's own <details><summary> block (the `details` layout, or a list item that
    // opens with one) is structure: the question is read from it as plain text, so its tags
    // lose nothing (dangerous ones are still errors).
    const questionBlocks = new Set<unknown>(file.questions.filter((q) => q.heading.type === 'html').map((q) => q.heading));
    for (const node of nodesOfType(file.tree, 'html')) {
      if (readDirective(node)) continue;
      const start = node.position!.start.offset!;
      // The node's value is its source unless a container (list, quote) stripped indentation.
      const exact = text.slice(start, node.position!.end.offset) === node.value;
      for (const tag of startTags(node.value)) {
        const name = tag.name;
        const handler = tag.attributes.find((a) => /^on[a-z]+$/.test(a.name))?.name;
        const scriptUrl = tag.attributes.some((a) => URL_ATTRIBUTES.has(a.name) && SCRIPT_URL.test(urlOf(a.value)));
        const from = pointAt(file.lineStarts, start + tag.start);
        const to = pointAt(file.lineStarts, start + tag.end);
        const where = exact ? { ...from, endLine: to.line, endColumn: to.column } : nodeLocation(node);
        if (DANGEROUS_TAGS.has(name)) {
          report({ ...where, message: `Raw <${name}> is not allowed: it can run code or change the page`, severity: 'error' });
        } else if (handler) {
          report({ ...where, message: `Event-handler attribute ${handler}= on <${name}> is not allowed`, severity: 'error' });
        } else if (scriptUrl) {
          report({ ...where, message: `<${name}> carries a script or data URL, which is not allowed`, severity: 'error' });
        } else if (!allow.has(name) && !questionBlocks.has(node)) {
          report({ ...where, message: `Raw HTML <${name}> is dropped by the Anki and PDF exports; use Markdown` });
        }
      }
    }
  },
});

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data']);
const SCRIPT_URL = /^(?:javascript|vbscript|data):/i;

/** An attribute value (character references already decoded) as the URL parser reads it: leading C0 controls and spaces and every tab and newline dropped. */
function urlOf(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+/, '');
}
