import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

// `genai-qa init` writes a GitHub workflow that runs `npx --package=@genai-qa/cli@<version>
// genai-qa lint …`. This test runs that workflow's commands, as written, on a repository set
// up the way a user would: the CLI comes from the packed tarballs of the workspace packages
// (what `changeset publish` would put on npm), installed into the repository; npx then finds
// @genai-qa/cli@<version> there, offline (on GitHub it fetches the same package from npm).
const ROOT = path.resolve(import.meta.dirname, '../../..');
const PACKAGES = ['core', 'export-json', 'export-anki', 'export-pdf', 'lsp', 'cli'];

function sh(command: string, cwd: string, env: Record<string, string> = {}): { code: number; stdout: string } {
  try {
    return { code: 0, stdout: execFileSync('sh', ['-c', command], { cwd, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, stdout: `${e.stdout}${e.stderr}` };
  }
}

describe('the workflow genai-qa init writes', () => {
  it('runs the CLI a repository can get: packed, installed, then the workflow’s own commands', () => {
    const packs = fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-packs-'));
    execFileSync('npm', ['pack', ...PACKAGES.map((p) => `--workspace=packages/${p}`), '--pack-destination', packs], { cwd: ROOT, stdio: 'ignore' });
    const tarballs = fs.readdirSync(packs).sort();
    expect(tarballs).toEqual(PACKAGES.map((p) => `genai-qa-${p}-0.1.0.tgz`).sort());

    // A question bank's repository: a README of list-item questions, and a page that has none.
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-bank-'));
    fs.copyFileSync(path.join(ROOT, 'test/fixtures/layouts/list-bold/README.md'), path.join(repo, 'README.md'));
    fs.writeFileSync(path.join(repo, 'CONTRIBUTING.md'), '# Contributing\n\nOpen a pull request.\n');
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
    const install = sh(`npm install --no-save --prefer-offline --no-audit --no-fund ${tarballs.map((t) => JSON.stringify(path.join(packs, t))).join(' ')}`, repo);
    expect(install.code).toBe(0);

    const init = sh('node_modules/.bin/genai-qa init', repo);
    expect(init.stdout.split('\n').slice(0, 3)).toEqual(['found 3 questions in ./: list items', 'wrote genai-qa.config.json', 'wrote .github/workflows/genai-qa.yml']);

    const workflow = parseYaml(fs.readFileSync(path.join(repo, '.github/workflows/genai-qa.yml'), 'utf8')) as {
      jobs: { lint: { steps: Array<{ name?: string; run?: string }> } };
    };
    const runs = workflow.jobs.lint.steps.filter((s) => s.run).map((s) => s.run!.trim());
    expect(runs).toEqual([
      'npx --yes --package=@genai-qa/cli@0.1.0 genai-qa lint --format github',
      'npx --yes --package=@genai-qa/cli@0.1.0 genai-qa lint --format sarif > genai-qa.sarif || test $? -eq 1',
    ]);
    const [annotations, sarif] = runs.map((command) => sh(command, repo, { npm_config_offline: 'true' }));
    expect(annotations).toEqual({
      code: 0,
      stdout: '::warning file=CONTRIBUTING.md,line=1,col=1,title=no-questions::File has no questions; genai-qa looked for question headings at one level ("# 1. …", "#### 1) …", "## Q1: …", or unnumbered "### What is …?"), bold questions ("**What is …?**"), list items ("1. **What is …?**") and <details><summary> blocks\n',
    });
    expect(sarif).toEqual({ code: 0, stdout: '' });
    const report = JSON.parse(fs.readFileSync(path.join(repo, 'genai-qa.sarif'), 'utf8')) as { runs: Array<{ tool: { driver: { name: string } }; results: Array<{ ruleId: string }> }> };
    expect([report.runs[0]!.tool.driver.name, report.runs[0]!.results.map((r) => r.ruleId)]).toEqual(['genai-qa', ['no-questions']]);

    // With the CLI installed in the repository, the short form runs it too (issue 16's "Done when").
    const short = sh('npx genai-qa lint --format json', repo, { npm_config_offline: 'true' });
    expect([short.code, (JSON.parse(short.stdout) as Array<{ file: string; ruleId: string }>).map((d) => `${d.file} ${d.ruleId}`)]).toEqual([0, ['CONTRIBUTING.md no-questions']]);
  }, 180_000);
});
