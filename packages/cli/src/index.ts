export { run, HELP } from './run.js';
export type { Io } from './io.js';
export { lintPaths, lintCommand } from './lint-command.js';
export { writeFileAtomic } from './atomic.js';
export { formatGithub } from './reporters/github.js';
export { formatJson } from './reporters/json.js';
export { formatSarif } from './reporters/sarif.js';
export { formatStylish } from './reporters/stylish.js';
