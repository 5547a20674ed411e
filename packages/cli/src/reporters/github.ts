import type { Diagnostic } from '@genai-qa/core';

/**
 * GitHub Actions workflow commands, one line per finding, which GitHub shows as
 * annotations on the pull request:
 *   ::error file=content/q.md,line=21,col=108,endLine=21,endColumn=263,title=repeated-sentence::Sentence …
 */
export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const properties = [
        `file=${escapeProperty(d.file)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        ...(d.endLine !== undefined ? [`endLine=${d.endLine}`] : []),
        ...(d.endColumn !== undefined && d.endLine === d.line ? [`endColumn=${d.endColumn}`] : []),
        `title=${escapeProperty(d.ruleId)}`,
      ];
      return `::${d.severity} ${properties.join(',')}::${escapeData(d.message)}\n`;
    })
    .join('');
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
