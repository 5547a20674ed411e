import type { Diagnostic } from '@genai-qa/core';

/** The JSON report: one array, valid against schemas/lint-report.schema.json. */
export function formatJson(diagnostics: readonly Diagnostic[]): string {
  const report = diagnostics.map(({ fix: _fix, ...d }) => ({
    file: d.file,
    line: d.line,
    column: d.column,
    ...(d.endLine !== undefined ? { endLine: d.endLine } : {}),
    ...(d.endColumn !== undefined ? { endColumn: d.endColumn } : {}),
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    fixable: d.fixable,
    ...(d.related ? { related: d.related } : {}),
  }));
  return `${JSON.stringify(report, null, 2)}\n`;
}
