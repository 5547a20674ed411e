import { nodesOfTypes } from '../nodes.js';
import { defineRule, NO_OPTIONS } from '../rule.js';

/**
 * Trailing spaces are invisible in an editor and in review, yet two or more of them at the
 * end of a paragraph line are a hard line break. The fix deletes them, or — where they
 * were a hard break — writes the break as a visible backslash, so the rendering stays the
 * same. Code blocks are left alone.
 */
export default defineRule({
  scope: 'file',
  meta: {
    id: 'trailing-whitespace',
    description: 'Lines do not end in spaces or tabs.',
    severity: 'warning',
    fixable: true,
    defaultOptions: {},
    optionsSchema: NO_OPTIONS,
  },
  check({ file, report }) {
    const text = file.source.text;
    const skip = new Set<number>();
    const hardBreaks = new Set<number>();
    for (const node of nodesOfTypes(file.tree, ['code', 'yaml', 'break'])) {
      if ((node.type === 'code' || node.type === 'yaml') && node.position) {
        // Lines inside the fence (not the fence lines themselves) are content; an indented
        // code block has no fence lines.
        const { start, end } = node.position;
        const source = text.slice(start.offset, end.offset);
        const fenced = node.type === 'yaml' || /^(`{3,}|~{3,})/.test(source);
        const closed = fenced && end.line > start.line && /^[ \t>]*(`{3,}|~{3,}|---)[ \t]*$/.test(source.slice(source.lastIndexOf('\n') + 1));
        for (let l = fenced ? start.line + 1 : start.line; l <= (closed ? end.line - 1 : end.line); l++) skip.add(l);
      }
      if (node.type === 'break' && node.position && text[node.position.start.offset!] !== '\\') {
        hardBreaks.add(node.position.start.line);
      }
    }
    file.lineStarts.forEach((start, index) => {
      const line = index + 1;
      if (skip.has(line)) return;
      const next = file.lineStarts[index + 1];
      const end = next === undefined ? text.length : next - 1;
      let from = end;
      while (from > start && (text[from - 1] === ' ' || text[from - 1] === '\t')) from--;
      if (from === end) return;
      const hard = hardBreaks.has(line) && from > start;
      report({
        message: hard
          ? `Trailing whitespace makes an invisible line break; write it as a backslash`
          : `Trailing whitespace (${describe(text.slice(from, end))})`,
        line,
        column: from - start + 1,
        endLine: line,
        endColumn: end - start + 1,
        fix: { range: [from, end], text: hard ? '\\' : '' },
      });
    });
  },
});

function describe(ws: string): string {
  const tabs = ws.split('\t').length - 1;
  const spaces = ws.length - tabs;
  const parts = [];
  if (spaces) parts.push(`${spaces} space${spaces === 1 ? '' : 's'}`);
  if (tabs) parts.push(`${tabs} tab${tabs === 1 ? '' : 's'}`);
  return parts.join(', ');
}
