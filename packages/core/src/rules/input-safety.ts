import { defineRule, NO_OPTIONS } from '../rule.js';

/**
 * The pipeline runs on pull requests from anyone, so a file is checked before it is parsed:
 * a file over `limits.maxFileBytes`, nesting deeper than `limits.maxNestingDepth`, or a
 * symlink that leads out of the content root is not read or not parsed (and so contributes
 * no questions); a NUL byte is reported but the file is still read. Comments cannot silence
 * this rule: a file that is not parsed has no comments.
 */
export default defineRule({
  scope: 'file',
  meta: {
    id: 'input-safety',
    description: 'Files are within the size and nesting limits, inside the content root, and free of NUL bytes.',
    severity: 'error',
    fixable: false,
    unsilenceable: true,
    defaultOptions: {},
    optionsSchema: NO_OPTIONS,
  },
  check({ file, report }) {
    for (const problem of file.safety) report({ line: problem.line, column: problem.column, message: problem.message });
  },
});
