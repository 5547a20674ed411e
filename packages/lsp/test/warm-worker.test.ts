import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_LIMITS, resolveConfig } from '@genai-qa/core';
import { afterEach, describe, expect, it } from 'vitest';
import { LARGE_FILE, LargeFileLinter } from '../dist/large-files.js';
import { Workspace, type ServerHost } from '../dist/workspace.js';
import { tempTree } from './client.js';

// A content root with a file of LARGE_FILE bytes or more: the server starts the worker that
// lints such files when the client says it is initialized, so that loading the engine there
// (a few hundred milliseconds) is not paid when the file is opened.

const host: ServerHost = {
  loadConfig: () => ({}),
  listFiles: (root) => fs.readdirSync(root).filter((name) => name.endsWith('.md')).map((name) => path.join(root, name)),
  readFile: () => {
    throw new Error('not read');
  },
};

let linter: LargeFileLinter | undefined;
afterEach(() => {
  linter?.close();
  linter = undefined;
});

describe('the lint worker of large files', () => {
  it('is wanted when a file of the content root is large, not for small ones or none', () => {
    const small = tempTree({ 'content/a.md': '# 1. Q?\n\nA.\n', 'content/b.md': 'x'.repeat(LARGE_FILE - 1) });
    const large = tempTree({ 'content/a.md': '# 1. Q?\n\nA.\n', 'content/big.md': 'x'.repeat(LARGE_FILE) });
    expect(new Workspace(host, { cwd: small }).hasFileOf(LARGE_FILE)).toBe(false);
    expect(new Workspace(host, { cwd: large }).hasFileOf(LARGE_FILE)).toBe(true);
    expect(new Workspace(host, { cwd: large, contentRoot: 'missing' }).hasFileOf(LARGE_FILE)).toBe(false);
  });

  it('starts once, and a lint after the start uses the running worker', () => {
    linter = new LargeFileLinter();
    expect(linter.started).toBe(false);
    const worker = linter.start();
    expect(linter.started).toBe(true);
    expect(linter.start()).toBe(worker);
  });

  it('gives the findings first, then the summary with the same findings', async () => {
    linter = new LargeFileLinter();
    const text = '# 1. What is a token? \n\nA piece of text.\n';
    const source = { path: 'content/q.md', absolutePath: '/nowhere/content/q.md', root: '/nowhere/content', text, eol: '\n' as const, bom: false };
    const job = { id: 1, key: source.absolutePath, source, relativePath: 'q.md', config: resolveConfig({}), limits: DEFAULT_LIMITS, layout: undefined };
    const order: string[] = [];
    const result = await new Promise<{ early: unknown[]; findings: unknown[]; questions: number }>((resolve) => {
      let early: unknown[] = [];
      linter!.lint(
        job.key,
        job,
        (r) => {
          order.push('done');
          resolve({ early, findings: r.findings, questions: r.parsed.questions.length });
        },
        (findings) => {
          order.push('early');
          early = findings;
        },
      );
    });
    expect(order).toEqual(['early', 'done']);
    expect(result.findings).toEqual(result.early);
    expect(result.findings).toMatchObject([{ ruleId: 'trailing-whitespace', line: 1 }]);
    expect(result.questions).toBe(1);
  });
});
