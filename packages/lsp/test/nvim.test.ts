import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules } from '@genai-qa/core';
import { describe, expect, it } from 'vitest';
import { needs } from '../../../test/support/readers.js';
import { BIN, tempTree } from './client.js';

// A real client, not the project's own: Debian's Neovim 0.7 and its built-in LSP client,
// headless, on a copy of the delivered corpus with heading-format errors put in.

const nvim = needs('nvim');
const INIT = fileURLToPath(new URL('./nvim/init.lua', import.meta.url));
const CONTENT = fs.readFileSync(new URL('../../../content/generative-ai.md', import.meta.url), 'utf8');

describe('Neovim as the client of genai-qa lsp --stdio', () => {
  it.skipIf(nvim.skip)(`shows the heading-format errors; the code action makes the buffer what lint --fix makes of the file${nvim.reason}`, () => {
    // Questions 3 and 18 of the corpus as it is, each with the space after its number taken out.
    const lines = CONTENT.split('\n');
    const question = (n: number) => {
      const index = lines.findIndex((l) => l.startsWith(`# ${n}. `));
      expect(index, `question ${n} in content/`).toBeGreaterThanOrEqual(0);
      return { line: index + 1, text: lines[index]!.slice(`# ${n}. `.length) };
    };
    const [q3, q18] = [question(3), question(18)];
    const broken = CONTENT.replace(`# 3. ${q3.text}`, `# 3.${q3.text}`).replace(`# 18. ${q18.text}`, `# 18.${q18.text}`);
    expect(broken).not.toBe(CONTENT);
    const dir = tempTree({ 'content/generative-ai.md': broken });
    fs.cpSync(new URL('../../../content/images', import.meta.url), path.join(dir, 'content/images'), { recursive: true });
    const out = fs.mkdtempSync(path.join(dir, '.out-'));
    const result = spawnSync('nvim', ['--headless', '-n', '-i', 'NONE', '-u', INIT], {
      cwd: dir,
      env: { ...process.env, GENAI_QA_BIN: BIN, GENAI_QA_DIR: dir, GENAI_QA_FILE: path.join(dir, 'content/generative-ai.md'), GENAI_QA_OUT: out },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const read = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(out, name), 'utf8'));
    expect(fs.existsSync(path.join(out, 'error.json')) ? read('error.json') : undefined).toBeUndefined();
    expect(result.status).toBe(0);

    expect(read('diagnostics.json')).toEqual([
      { line: q3.line, col: 5, code: 'heading-format', severity: 1, message: `Missing space after "3." in the question heading; write "3. ${q3.text}"` },
      { line: q18.line, col: 6, code: 'heading-format', severity: 1, message: `Missing space after "18." in the question heading; write "18. ${q18.text}"` },
    ]);
    expect(String(read('hover.json')).split('\n')[0]).toBe(`**heading-format** (error): ${rules.find((r) => r.meta.id === 'heading-format')!.meta.description}`);
    expect(read('actions.json')).toContain('Fix all genai-qa problems (as genai-qa lint --fix)');
    expect(read('after.json')).toEqual([]);

    // What the CLI makes of the same file, fixed on disk.
    const lintDir = tempTree({ 'content/generative-ai.md': broken });
    fs.cpSync(new URL('../../../content/images', import.meta.url), path.join(lintDir, 'content/images'), { recursive: true });
    execFileSync(process.execPath, [BIN, 'lint', '--fix', 'content'], { cwd: lintDir, stdio: 'ignore' });
    const fixed = fs.readFileSync(path.join(lintDir, 'content/generative-ai.md'), 'utf8');
    expect(fs.readFileSync(path.join(out, 'buffer.md'), 'utf8')).toBe(fixed);
    expect(fixed).toBe(CONTENT);
  });
});
