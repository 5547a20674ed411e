import type { Diagnostic, Rule } from '@genai-qa/core';
import { docsUrl } from '@genai-qa/core';

export interface SarifOptions {
  rules: ReadonlyArray<Rule<unknown>>;
  version: string;
}

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule with its description, default level
 * and help URI; every finding with its region and related locations. URIs are relative
 * to the working directory (the repository root in CI), under %SRCROOT%.
 */
export function formatSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): string {
  const index = new Map(options.rules.map((r, i) => [r.meta.id, i]));
  const location = (file: string, line: number, column?: number, endLine?: number, endColumn?: number) => ({
    physicalLocation: {
      artifactLocation: { uri: encodeURI(file), uriBaseId: '%SRCROOT%' },
      region: {
        startLine: line,
        ...(column !== undefined ? { startColumn: column } : {}),
        ...(endLine !== undefined ? { endLine } : {}),
        ...(endColumn !== undefined && (endLine ?? line) >= line ? { endColumn } : {}),
      },
    },
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'genai-qa',
            version: options.version,
            semanticVersion: options.version,
            informationUri: 'https://github.com/genai-qa/genai-qa',
            rules: options.rules.map((r) => ({
              id: r.meta.id,
              name: r.meta.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.meta.description },
              fullDescription: { text: r.meta.description },
              helpUri: docsUrl(r.meta.id),
              help: { text: `${r.meta.description} See ${docsUrl(r.meta.id)}`, markdown: `${r.meta.description} [Documentation](${docsUrl(r.meta.id)})` },
              defaultConfiguration: { level: r.meta.severity === 'error' ? 'error' : 'warning' },
              properties: { tags: ['markdown', 'content'], fixable: r.meta.fixable },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The working directory genai-qa ran in.' } } },
        results: diagnostics.map((d) => ({
          ruleId: d.ruleId,
          ruleIndex: index.get(d.ruleId) ?? -1,
          level: d.severity === 'error' ? 'error' : 'warning',
          message: { text: d.message },
          locations: [location(d.file, d.line, d.column, d.endLine, d.endColumn)],
          ...(d.related?.length
            ? {
                relatedLocations: d.related.map((r, i) => ({
                  id: i,
                  ...location(r.file, r.line, r.column),
                  ...(r.message ? { message: { text: r.message } } : {}),
                })),
              }
            : {}),
          ...(d.fixable ? { properties: { fixable: true } } : {}),
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
