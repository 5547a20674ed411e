import path from 'node:path';
import { nodesOfTypes } from '../nodes.js';
import { defineRule, nodeLocation } from '../rule.js';

const PLACEHOLDERS = [
  'alt', 'alt text', 'alttext', 'image', 'img', 'picture', 'photo', 'figure', 'diagram', 'screenshot',
  'graphic', 'icon', 'untitled', 'placeholder', 'todo', 'tbd', 'enter image description here',
];

/**
 * Alt text is what a screen reader says, what a PDF carries as the figure's description,
 * and what shows when the image is missing. Empty alt text, an editor's placeholder
 * ("alt text", "image") or the file name tell the reader nothing.
 */
export default defineRule<{ placeholders: string[] }>({
  scope: 'file',
  meta: {
    id: 'image-alt-text',
    description: 'Images have alt text that describes them.',
    severity: 'error',
    fixable: false,
    defaultOptions: { placeholders: PLACEHOLDERS },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        placeholders: { type: 'array', items: { type: 'string' }, description: 'Alt texts that count as placeholders (compared case-insensitively).' },
      },
    },
  },
  check({ file, options, report }) {
    const placeholders = new Set(options.placeholders.map((p) => p.toLowerCase()));
    for (const node of nodesOfTypes(file.tree, ['image', 'imageReference'])) {
      const alt = (node.alt ?? '').trim();
      const url = node.type === 'image' ? node.url : '';
      const base = url ? path.posix.basename(url.split(/[?#]/)[0] ?? '') : '';
      const stem = base.replace(/\.[^.]+$/, '');
      if (alt === '') {
        report({ ...nodeLocation(node), message: 'Image has no alt text; describe what it shows' });
      } else if (placeholders.has(alt.toLowerCase()) || (base && (alt === base || alt === stem))) {
        report({ ...nodeLocation(node), message: `Image alt text "${alt}" is a placeholder; describe what the image shows` });
      }
    }
  },
});
