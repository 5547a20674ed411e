import type { FromSchema } from 'json-schema-to-ts';

/** JSON Schema of `genai-qa lint --format json` (written to schemas/lint-report.schema.json). */
export const lintReportSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://genai-qa.dev/schemas/lint-report.schema.json',
  title: 'genai-qa lint report',
  description: 'The diagnostics printed by `genai-qa lint --format json`.',
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['file', 'line', 'column', 'ruleId', 'severity', 'message', 'fixable'],
    properties: {
      file: { type: 'string', minLength: 1, description: 'Path relative to the working directory, `/` separators.' },
      line: { type: 'integer', minimum: 1 },
      column: { type: 'integer', minimum: 1 },
      endLine: { type: 'integer', minimum: 1 },
      endColumn: { type: 'integer', minimum: 1 },
      ruleId: { type: 'string', pattern: '^[a-z]+(-[a-z]+)*$' },
      severity: { type: 'string', enum: ['error', 'warning'] },
      message: { type: 'string', minLength: 1 },
      fixable: { type: 'boolean' },
      related: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['file', 'line'],
          properties: {
            file: { type: 'string', minLength: 1 },
            line: { type: 'integer', minimum: 1 },
            column: { type: 'integer', minimum: 1 },
            message: { type: 'string' },
          },
        },
      },
    },
  },
} as const;

/** The report, typed by its schema: what `--format json` prints. */
export type LintReport = FromSchema<typeof lintReportSchema>;

/** One diagnostic of the report. */
export type ReportedDiagnostic = LintReport[number];
