import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { describeLayout, LAYOUTS_LOOKED_FOR, type Layout, type LayoutSetting } from '@genai-qa/core';
import { CONFIG_FILE } from './config-text.js';
import { collectFiles, displayPath, parseInput } from './files.js';
import { UsageError, type Command, type Io } from './io.js';
import { version } from './version.js';

export const INIT_HELP = `Usage: genai-qa init [options]

Set up genai-qa in an existing repository: find how its Markdown writes questions, then
write ${CONFIG_FILE} (the content directory and that layout) and
.github/workflows/genai-qa.yml (lint annotations on pull requests, and a SARIF report
for code scanning), and print the next steps.

An existing file is never overwritten: it is kept, and init says so.

Options:
  --content <dir>   where the questions are (default: content/ when it exists, else the
                    working directory)
  -h, --help        show this help

Exit codes: 0 set up (files that already existed are kept), 1 no questions found (nothing
written), 2 usage or input error.
`;

/** Where editors find the config's schema (the schema is not shipped in an npm package). */
export const CONFIG_SCHEMA_URL = 'https://raw.githubusercontent.com/genai-qa/genai-qa/main/schemas/config.schema.json';
export const WORKFLOW_FILE = '.github/workflows/genai-qa.yml';

export function initCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: { content: { type: 'string' }, help: { type: 'boolean', short: 'h', default: false } },
  });
  if (values.help) {
    io.stdout.write(INIT_HELP);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"; use --content DIR`);
  const content = values.content ?? (isDirectory(path.join(io.cwd, 'content')) ? 'content' : '.');

  const found = detect(content, io);
  const shownRoot = `${displayPath(path.resolve(io.cwd, content), io.cwd).replace(/\/$/, '') || '.'}/`;
  if (!found) {
    io.stderr.write(`genai-qa: no questions in ${shownRoot}; looked for ${LAYOUTS_LOOKED_FOR} (nothing written; use --content DIR)\n`);
    return 1;
  }
  // Files in different layouts keep their own: a `questions` setting would apply one to all.
  const layouts = found.layouts.map((l) => (found.layouts.length === 1 ? describeLayout(l.layout) : `${describeLayout(l.layout)} (${l.questions})`));
  io.stdout.write(`found ${found.questions} question${found.questions === 1 ? '' : 's'} in ${shownRoot}: ${layouts.join('; ')}\n`);
  if (found.layouts.length > 1) io.stdout.write(`the files differ in layout: ${CONFIG_FILE} leaves "questions" out, so that each file's is detected\n`);

  const files: Array<[string, string]> = [
    [CONFIG_FILE, configText(content, found.layouts.length === 1 ? found.layouts[0]!.layout : undefined)],
    [WORKFLOW_FILE, workflowText()],
  ];
  for (const [name, text] of files) {
    const file = path.join(io.cwd, name);
    io.stdout.write(writeNew(file, text) ? `wrote ${name}\n` : `kept ${name} (it exists; init never overwrites a file)\n`);
  }
  // The command is `genai-qa`, the package @genai-qa/cli: a bare `npx genai-qa` would look
  // for an npm package named genai-qa. Pinned to this version, as the workflow is.
  io.stdout.write(
    [
      '',
      'Next steps:',
      `  ${NPX} lint --verbose   lint the questions (add --fix for the safe fixes)`,
      `  ${NPX} build            the Anki deck, the PDF guide and JSON, into dist/`,
      `  commit ${CONFIG_FILE} and ${WORKFLOW_FILE}: pull requests then get`,
      '  lint annotations, and code scanning the SARIF report',
      `  (in a repository with a package.json, "npm install --save-dev @genai-qa/cli@${version}"`,
      '  makes it "npx genai-qa lint")',
      '',
    ].join('\n'),
  );
  return 0;
}

/** The layouts of the files under `content` (most questions first), and how many questions there are in all. */
function detect(content: string, io: Io): { layouts: Array<{ layout: Layout; questions: number }>; questions: number } | undefined {
  const byLayout = new Map<string, { layout: Layout; questions: number }>();
  let total = 0;
  for (const input of collectFiles([content], io.cwd)) {
    const file = parseInput(input, io.cwd);
    if (!file.layout || file.questions.length === 0) continue;
    total += file.questions.length;
    const key = describeLayout(file.layout);
    const entry = byLayout.get(key) ?? { layout: file.layout, questions: 0 };
    entry.questions += file.questions.length;
    byLayout.set(key, entry);
  }
  const layouts = [...byLayout.values()].sort((a, b) => b.questions - a.questions);
  return layouts.length > 0 ? { layouts, questions: total } : undefined;
}

function configText(content: string, layout: Layout | undefined): string {
  if (!layout) return `${JSON.stringify({ $schema: CONFIG_SCHEMA_URL, content }, null, 2)}\n`;
  const questions: LayoutSetting = { style: layout.style, ...(layout.style === 'heading' ? { depth: layout.depth } : {}), numbering: layout.numbering };
  return `${JSON.stringify({ $schema: CONFIG_SCHEMA_URL, content, questions }, null, 2)}\n`;
}

/** How a repository without genai-qa installed runs it: the CLI package, at init's own version. */
const NPX = `npx --yes --package=@genai-qa/cli@${version} genai-qa`;

function workflowText(): string {
  const npx = NPX;
  return `# Written by \`genai-qa init\`: lints the questions on every pull request and push.
name: genai-qa

on:
  pull_request:
  push:
    branches: [main, master]

permissions:
  contents: read

jobs:
  lint:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write # upload the SARIF report to code scanning
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - name: Lint questions (annotations on the pull request)
        run: ${npx} lint --format github
      - name: Lint questions (SARIF for code scanning)
        if: always()
        run: ${npx} lint --format sarif > genai-qa.sarif || test $? -eq 1
      - name: Upload SARIF
        if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: genai-qa.sarif
          category: genai-qa
`;
}

/**
 * Writes a file that must not exist yet: the text goes to a temporary file, which is then
 * hard-linked to the name (link fails when the name exists, so nothing is ever replaced,
 * and nobody sees half a file). False when the file exists.
 */
function writeNew(file: string, text: string): boolean {
  if (fs.existsSync(file)) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.tmp-${process.pid}`);
  fs.writeFileSync(temp, text);
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The command as `genai-qa` runs it (run.ts). */
export const command: Command = { run: (argv, io) => initCommand(argv, io), help: INIT_HELP };
