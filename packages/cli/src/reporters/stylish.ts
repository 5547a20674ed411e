import { styleText } from 'node:util';
import type { Diagnostic } from '@genai-qa/core';

type Style = Parameters<typeof styleText>[0];

/**
 * Human output, grouped by file (ESLint's "stylish"):
 *
 *   content/questions.md
 *     21:108  error  Sentence appears 3 times in this answer …  repeated-sentence
 *
 *   ✖ 1 problem (1 error, 0 warnings)
 *     1 error potentially fixable with the `--fix` option.
 */
export function formatStylish(diagnostics: readonly Diagnostic[], options: { color: boolean }): string {
  if (diagnostics.length === 0) return '';
  const paint = (style: Style, text: string): string => (options.color ? styleText(style, text) : text);
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of diagnostics) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d]);
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push(paint('underline', file));
    const rows = list.map((d) => [
      `${d.line}:${d.column}`,
      d.severity,
      d.message + (d.related?.length ? ` (see ${d.related.map((r) => `${r.file === d.file ? '' : `${r.file}:`}${r.line}`).join(', ')})` : ''),
      d.ruleId,
    ]);
    const widths = [0, 1].map((i) => rows.reduce((w, r) => Math.max(w, r[i]!.length), -Infinity));
    for (const [position, severity, message, ruleId] of rows) {
      lines.push(
        `  ${paint('dim', position!.padEnd(widths[0]!))}  ${paint(severity === 'error' ? 'red' : 'yellow', severity!.padEnd(widths[1]!))}  ${message}  ${paint('dim', ruleId!)}`,
      );
    }
    lines.push('');
  }
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const warnings = diagnostics.length - errors.length;
  const fixableErrors = errors.filter((d) => d.fixable).length;
  const fixableWarnings = diagnostics.filter((d) => d.severity === 'warning' && d.fixable).length;
  const summary = `✖ ${plural(diagnostics.length, 'problem')} (${plural(errors.length, 'error')}, ${plural(warnings, 'warning')})`;
  lines.push(paint(['bold', errors.length ? 'red' : 'yellow'], summary));
  if (fixableErrors + fixableWarnings > 0) {
    lines.push(
      paint(
        ['bold', errors.length ? 'red' : 'yellow'],
        `  ${plural(fixableErrors, 'error')} and ${plural(fixableWarnings, 'warning')} potentially fixable with the \`--fix\` option.`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
