import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import { describe, expect, it } from 'vitest';
import { CLEAN, cli, SEED, tempTree } from './helpers.js';

const reportSchema = JSON.parse(fs.readFileSync(new URL('../../../schemas/lint-report.schema.json', import.meta.url), 'utf8'));
const sarifSchema = JSON.parse(
  fs.readFileSync(new URL('../../../node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8'),
);

describe('genai-qa lint: exit codes and input errors', () => {
  it('exits 0 and prints nothing on a clean corpus', async () => {
    const dir = tempTree({ 'content/q.md': CLEAN });
    expect(await cli(['lint'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('exits 1 on lint errors', async () => {
    const dir = tempTree({ 'content/q.md': '# 1.What?\n\nYes, it is.\n' });
    expect((await cli(['lint', 'content'], dir)).code).toBe(1);
  });

  it('a missing path is an input error: exit 2, one line naming it', async () => {
    const dir = tempTree({});
    expect(await cli(['lint', 'nowhere/q.md'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'genai-qa: nowhere/q.md: no such file or directory\n',
    });
  });

  it('a file that is not UTF-8 is an input error naming the file and the line', async () => {
    const dir = tempTree({ 'content/q.md': Buffer.from([0x23, 0x20, 0x31, 0x2e, 0x20, 0x41, 0x0a, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]) });
    expect(await cli(['lint'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'genai-qa: content/q.md: not valid UTF-8 (invalid byte 0xe9 on line 3)\n',
    });
  });

  it('a dangling symlink is an input error', async () => {
    const dir = tempTree({ 'content/a.md': CLEAN });
    fs.symlinkSync(path.join(dir, 'gone.md'), path.join(dir, 'content/b.md'));
    expect(await cli(['lint'], dir)).toEqual({ code: 2, stdout: '', stderr: 'genai-qa: content/b.md: no such file or directory\n' });
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file is an input error (skipped as root: root reads every file)', async () => {
    const dir = tempTree({ 'content/q.md': CLEAN });
    fs.chmodSync(path.join(dir, 'content/q.md'), 0o000);
    expect(await cli(['lint'], dir)).toEqual({ code: 2, stdout: '', stderr: 'genai-qa: content/q.md: permission denied\n' });
  });

  it('an empty file is read without error and reported as having no questions', async () => {
    const dir = tempTree({ 'content/a.md': CLEAN, 'content/empty.md': '' });
    const result = await cli(['lint', '--format', 'json'], dir);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual([
      {
        file: 'content/empty.md',
        line: 1,
        column: 1,
        ruleId: 'no-questions',
        severity: 'warning',
        message:
          'File has no questions; genai-qa looked for question headings at one level ("# 1. …", "#### 1) …", "## Q1: …", or unnumbered "### What is …?"), bold questions ("**What is …?**"), list items ("1. **What is …?**") and <details><summary> blocks',
        fixable: false,
      },
    ]);
  });

  it('positions in a CRLF file with a BOM point at the right line and column, and --fix keeps both', async () => {
    const text = '\ufeff# 1. What is a GAN?\r\n\r\nA generator  and a discriminator.\r\n';
    const dir = tempTree({ 'content/q.md': text });
    const result = await cli(['lint', '--format', 'json'], dir);
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({ ruleId: 'multiple-spaces', line: 3, column: 12, endLine: 3, endColumn: 14 }),
    ]);
    expect((await cli(['lint', '--fix'], dir)).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'content/q.md'), 'utf8')).toBe(
      '\ufeff# 1. What is a GAN?\r\n\r\nA generator and a discriminator.\r\n',
    );
  });

  it('usage errors exit 2 with one line', async () => {
    const dir = tempTree({ 'content/q.md': CLEAN });
    expect(await cli(['lint', '--format', 'xml'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'genai-qa: unknown --format "xml"; expected stylish, json, sarif, github\n',
    });
    expect((await cli(['lint', '--frobnicate'], dir)).stderr).toMatch(/^genai-qa: Unknown option '--frobnicate'.*\n$/);
    expect((await cli(['lint', '--max-warnings', 'many'], dir)).code).toBe(2);
    expect(await cli(['frobnicate'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'genai-qa: unknown command "frobnicate"; run "genai-qa --help" for the list\n',
    });
  });

  it('--help works for the program and for lint', async () => {
    const dir = tempTree({});
    expect((await cli(['--help'], dir)).stdout).toMatch(/^Usage: genai-qa <command>/);
    const help = await cli(['lint', '--help'], dir);
    expect(help.code).toBe(0);
    for (const flag of ['--format', '--fix', '--max-warnings', '--config']) expect(help.stdout).toContain(flag);
  });
});

describe('genai-qa lint: --max-warnings', () => {
  const warningsOnly = '# 1. What is a GAN?\n\nA generator  and a discriminator.\n';
  it('passes while warnings stay within the limit and fails above it', async () => {
    const dir = tempTree({ 'content/q.md': warningsOnly });
    expect((await cli(['lint'], dir)).code).toBe(0);
    expect((await cli(['lint', '--max-warnings', '1'], dir)).code).toBe(0);
    const over = await cli(['lint', '--max-warnings', '0'], dir);
    expect(over.code).toBe(1);
    expect(over.stderr).toBe('genai-qa: 1 warning exceeds --max-warnings 0\n');
  });
});

describe('genai-qa lint: --config', () => {
  const md = '# 1. What is a GAN?\n\nA generator  and a discriminator.\n';
  it('turns a rule off, or changes its severity', async () => {
    const dir = tempTree({
      'content/q.md': md,
      'off.json': JSON.stringify({ rules: { 'multiple-spaces': 'off' } }),
      'error.json': JSON.stringify({ rules: { 'multiple-spaces': { severity: 'error' } } }),
    });
    expect(await cli(['lint', '--config', 'off.json'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await cli(['lint', '--config', 'error.json'], dir)).code).toBe(1);
  });

  it('reads genai-qa.config.json from the working directory', async () => {
    const dir = tempTree({ 'content/q.md': md, 'genai-qa.config.json': '{ "rules": { "multiple-spaces": "off" } }' });
    expect((await cli(['lint'], dir)).stdout).toBe('');
  });

  it('rejects an invalid config with one line and exit 2', async () => {
    const dir = tempTree({
      'content/q.md': md,
      'unknown.json': '{ "rules": { "no-such-rule": "off" } }',
      'bad-option.json': '{ "rules": { "duplicate-passage": { "options": { "minWords": "twelve" } } } }',
      'broken.json': '{ "rules": ',
    });
    expect(await cli(['lint', '--config', 'unknown.json'], dir)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'genai-qa: unknown.json: unknown rule "no-such-rule" in "rules"\n',
    });
    const bad = await cli(['lint', '--config', 'bad-option.json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^genai-qa: bad-option\.json: invalid configuration: .*minWords.*\n$/);
    expect(bad.stderr.split('\n')).toHaveLength(2);
    const broken = await cli(['lint', '--config', 'broken.json'], dir);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^genai-qa: broken\.json: not valid JSON \(.*\)\n$/);
    expect((await cli(['lint', '--config', 'missing.json'], dir)).stderr).toBe('genai-qa: missing.json: no such file or directory\n');
  });
});

describe('genai-qa lint: formats on the delivered corpus', () => {
  const dir = tempTree({ 'content/delivered.md': SEED });

  it('json validates against schemas/lint-report.schema.json', async () => {
    const result = await cli(['lint', '--format', 'json'], dir);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    const validate = new Ajv({ strict: true }).compile(reportSchema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.length).toBeGreaterThan(20);
  });

  it('sarif is valid SARIF 2.1.0 with rule metadata and help URIs', async () => {
    const log = JSON.parse((await cli(['lint', '--format', 'sarif'], dir)).stdout);
    const validate = new AjvDraft04({ strict: false, validateFormats: false, unicodeRegExp: false }).compile(sarifSchema);
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    const driver = log.runs[0].tool.driver;
    expect(driver.name).toBe('genai-qa');
    for (const rule of driver.rules) expect(rule.helpUri).toBe(`https://github.com/genai-qa/genai-qa/blob/main/docs/rules/${rule.id}.md`);
    const duplicate = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'duplicate-question');
    expect(duplicate.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'content/delivered.md', uriBaseId: '%SRCROOT%' },
      region: { startLine: 54, startColumn: 1, endLine: 54, endColumn: 73 },
    });
    expect(duplicate.relatedLocations[0].physicalLocation.region.startLine).toBe(47);
    expect(driver.rules[duplicate.ruleIndex].id).toBe('duplicate-question');
  });

  it('github prints one workflow command per finding', async () => {
    const out = (await cli(['lint', '--format', 'github'], dir)).stdout;
    const lines = out.trimEnd().split('\n');
    const json = JSON.parse((await cli(['lint', '--format', 'json'], dir)).stdout);
    expect(lines).toHaveLength(json.length);
    expect(lines).toContain(
      '::error file=content/delivered.md,line=69,col=6,title=heading-format::Missing space after "18." in the question heading; write "18. What is an autoencoder?"',
    );
    for (const line of lines) expect(line).toMatch(/^::(error|warning) file=content\/delivered\.md,line=\d+,col=\d+,(endLine=\d+,)?(endColumn=\d+,)?title=[a-z-]+::\S/);
  });

  it('stylish groups by file and closes with a summary and the fixable count', async () => {
    const out = (await cli(['lint'], dir)).stdout;
    expect(out.split('\n')[0]).toBe('content/delivered.md');
    expect(out).toContain('  69:6     error    Missing space after "18." in the question heading; write "18. What is an autoencoder?"  heading-format');
    expect(out).toMatch(/\n✖ 55 problems \(13 errors, 42 warnings\)\n {2}10 errors and 38 warnings potentially fixable with the `--fix` option\.\n$/);
  });
});
