import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCommand, TARGETS } from '@genai-qa/cli';
import { cli, CLEAN, tempTree } from '../packages/cli/test/helpers.js';
import { openApkg } from '../packages/export-anki/test/helpers.js';
import { readPdf } from './support/pdf.js';
import { needs } from './support/readers.js';

// The pipeline runs on untrusted pull requests. Each hostile input is linted (reported, or
// an input error with exit 2), and `build --force` still writes safe artifacts from what
// it can use, reading nothing outside the content root.
const SECRET = 'top-secret-outside-the-root';
const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-outside-'));
fs.writeFileSync(path.join(outside, 'secret.md'), `# 1. ${SECRET}?\n\n${SECRET}.\n`);
fs.writeFileSync(path.join(outside, 'secret.png'), SECRET);

const hostile: Record<string, string | Buffer> = {
  'content/good.md': CLEAN,
  'content/script.md':
    '# 1. Script?\n\n<script>alert(1)</script>\n\n<style>body{display:none}</style>\n\n<iframe src="https://evil.example"></iframe>\n\n' +
    '<img src=x onerror=alert(1)>\n\n<a href="jav&#x61;script:alert(1)">entity</a>\n',
  'content/urls.md':
    '# 1. URLs?\n\n[js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)\n\n' +
    '![up](../../../../etc/passwd) ![abs](/etc/passwd) ![link](images/escape.png)\n',
  'content/nested.md': `# 1. Deep?\n\n${'>'.repeat(5000)} deep\n\n${Array.from({ length: 300 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n')}\n`,
  'content/nul.md': '# 1. Null?\n\nA\u0000B.\n',
  'content/bom-crlf.md': '\ufeff# 1. Windows?\r\n\r\nA line.\r\nMixed\rendings\n',
  'content/empty.md': '',
  'content/no-questions.md': 'Just notes, no questions.\n',
  'content/dup-a.md': '# 1. What is a GAN?\n\nOne answer about generators.\n',
  'content/dup-b.md': '# 1. What is a GAN?\n\nAnother answer about discriminators.\n',
};

function scene(extra: Record<string, string | Buffer> = {}) {
  const dir = tempTree({ ...hostile, ...extra });
  fs.mkdirSync(path.join(dir, 'content/images'), { recursive: true });
  fs.symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'content/link.md'));
  fs.symlinkSync(path.join(outside, 'secret.png'), path.join(dir, 'content/images/escape.png'));
  return dir;
}

describe('hostile input: lint reports every case', async () => {
  const dir = scene();
  const result = await cli(['lint', '--format', 'json'], dir);
  const report: Array<{ file: string; line: number; ruleId: string; severity: string; message: string }> = JSON.parse(result.stdout);
  const about = (file: string) => report.filter((d) => d.file === `content/${file}`).map((d) => `${d.ruleId}: ${d.message}`);

  it('exits 1 with errors, nothing on stderr', () => {
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
  });

  it('raw script, style, iframe and event handlers are errors', () => {
    expect(about('script.md')).toEqual([
      'raw-html: Raw <script> is not allowed: it can run code or change the page',
      'raw-html: Raw <style> is not allowed: it can run code or change the page',
      'raw-html: Raw <iframe> is not allowed: it can run code or change the page',
      'raw-html: Event-handler attribute onerror= on <img> is not allowed',
      'raw-html: <a> carries a script or data URL, which is not allowed',
    ]);
  });

  it('dangerous URLs, climbing, absolute and symlinked paths are errors', () => {
    expect(about('urls.md')).toEqual([
      'unsafe-link: Link uses a javascript: URL, which is never allowed',
      'unsafe-link: Link uses a javascript: URL, which is never allowed',
      'unsafe-link: Link uses a data: URL, which is never allowed',
      'unsafe-link: Image target "../../../../etc/passwd" leaves the content root',
      'unsafe-link: Image target "/etc/passwd" is an absolute path',
      'unsafe-link: Image target "images/escape.png" is a symlink that leaves the content root',
    ]);
  });

  it('a Markdown symlink out of the root is not read', () => {
    expect(about('link.md')).toEqual(['input-safety: File is a symlink to a file outside the content root; it is not read']);
    expect(result.stdout).not.toContain(SECRET);
  });

  it('deep nesting is refused before parsing; NUL bytes are reported', () => {
    expect(about('nested.md')).toEqual([
      'input-safety: Block quotes or lists nest about 5000 levels deep here, over the limit of 100 (limits.maxNestingDepth); the file is not parsed',
    ]);
    expect(about('nul.md')).toEqual(['input-safety: File contains a NUL byte (is it a binary file?); it is read as U+FFFD']);
  });

  it('BOM, CRLF and mixed endings read cleanly; empty and question-less files are reported', () => {
    expect(about('bom-crlf.md')).toEqual([]);
    const noQuestions =
      'no-questions: File has no questions; genai-qa looked for question headings at one level ("# 1. …", "#### 1) …", "## Q1: …", or unnumbered "### What is …?"), bold questions ("**What is …?**"), list items ("1. **What is …?**") and <details><summary> blocks';
    expect(about('empty.md')).toEqual([noQuestions]);
    expect(about('no-questions.md')).toEqual([noQuestions]);
  });

  it('two questions with the same id are an error', () => {
    expect(about('dup-b.md')).toContain(
      'duplicate-id: Question 1 has the id "what-is-a-gan", already used by question 1; give one of them an explicit id with <!-- genai-qa id="…" -->',
    );
  });
});

describe('hostile input: limits', () => {
  it('a 50 MB file is not read (limit configurable), and lint stays fast and small', async () => {
    const big = Buffer.alloc(50_000_000, 'lorem ipsum dolor sit amet\n');
    const dir = tempTree({ 'content/big.md': big, 'content/good.md': CLEAN });
    const result = await cli(['lint', '--format', 'json'], dir);
    expect(JSON.parse(result.stdout)).toEqual([
      expect.objectContaining({ file: 'content/big.md', ruleId: 'input-safety', message: 'File is 50.0 MB, over the limit of 10.0 MB (limits.maxFileBytes); it is not read' }),
    ]);
    fs.writeFileSync(path.join(dir, 'genai-qa.config.json'), JSON.stringify({ limits: { maxFileBytes: 1000 } }));
    expect((await cli(['lint', '--format', 'json'], dir)).stdout).toContain('over the limit of 0.0 MB');
  });

  it('a file of 100,000 headings lints without a crash', async () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `# ${i + 1}. Question number ${i + 1}?\n\nAnswer ${i + 1}.\n`).join('\n');
    const dir = tempTree({ 'content/many.md': text });
    const result = await cli(['lint', '--format', 'json'], dir);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  }, 120_000);

  it('invalid UTF-8 is an input error (exit 2), named in one line', async () => {
    const dir = tempTree({ 'content/bad.md': Buffer.from([0x23, 0x20, 0x31, 0x2e, 0x20, 0xff, 0x0a]) });
    expect(await cli(['lint'], dir)).toEqual({ code: 2, stdout: '', stderr: 'genai-qa: content/bad.md: not valid UTF-8 (invalid byte 0xff on line 1)\n' });
  });
});

describe('hostile input: build --force writes safe artifacts', async () => {
  const dir = scene();
  const result = await cli(['build', '--force'], dir);
  const dist = path.join(dir, 'dist');

  it('builds, leaving out what it cannot use', () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('genai-qa: left out dup-b.md:1 ("What is a GAN?"): its id "what-is-a-gan" is already used');
    expect(fs.readdirSync(dist).sort()).toEqual(['questions-and-answers.apkg', 'questions-and-answers.pdf', 'questions.json', 'questions.jsonl']);
  });

  it('nothing from outside the content root reaches any artifact', () => {
    for (const name of fs.readdirSync(dist)) expect(fs.readFileSync(path.join(dist, name)).includes(SECRET), name).toBe(false);
  });

  it('the JSON html fields carry no script, handler, dangerous URL or out-of-root path', () => {
    const corpus = JSON.parse(fs.readFileSync(path.join(dist, 'questions.json'), 'utf8'));
    const html = corpus.questions.map((q: { answer: { html: string } }) => q.answer.html).join('\n');
    expect(html).not.toMatch(/<script|<style|<iframe|\son\w+=|javascript:|data:|etc\/passwd/i);
  });

  it('the deck’s notes carry none either (read with SQLite)', async () => {
    const deck = await openApkg(fs.readFileSync(path.join(dist, 'questions-and-answers.apkg')));
    const notes = deck.query('select flds from notes').map((row) => String(row.flds)).join('\n');
    deck.close();
    expect(notes).toContain('What is a GAN?');
    expect(notes).not.toMatch(/<script|<style|<iframe|\son\w+=|javascript:|data:text|etc\/passwd/i);
  });

  it('the PDF has no JavaScript, no action but links, and no link to a dangerous URL (read with pdf.js)', async () => {
    const read = await readPdf(fs.readFileSync(path.join(dist, 'questions-and-answers.pdf')));
    expect(read.javascript).toEqual([]);
    expect(read.openAction).toBeNull();
    expect(read.otherAnnotations).toEqual([]);
    expect(read.links.length).toBeGreaterThan(0);
    for (const link of read.links) {
      expect(link.action, JSON.stringify(link)).toBeUndefined();
      if (link.uri !== undefined) expect(link.uri).toMatch(/^(?:https?|mailto):/);
      else expect(typeof link.dest).toBe('string');
    }
  });

  const qpdf = needs('qpdf');
  it.skipIf(qpdf.skip)(`the PDF passes qpdf --check, and its objects hold no JavaScript or Launch action${qpdf.reason}`, () => {
    const pdf = path.join(dist, 'questions-and-answers.pdf');
    expect(() => execFileSync('qpdf', ['--check', pdf], { stdio: 'pipe' })).not.toThrow();
    const expanded = path.join(dist, '..', 'expanded.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', pdf, expanded]);
    const text = fs.readFileSync(expanded, 'latin1');
    expect(text).not.toMatch(/\/JavaScript|\/JS\s|\/Launch|\/URI\s*\((?:javascript|data|file):/i);
  });
});

describe('atomicity: a failed build leaves the previous artifacts intact', () => {
  it('an exporter that throws writes nothing', async () => {
    const dir = tempTree({ 'content/q.md': CLEAN });
    expect((await cli(['build'], dir)).code).toBe(0);
    const before = new Map(fs.readdirSync(path.join(dir, 'dist')).map((f) => [f, fs.readFileSync(path.join(dir, 'dist', f))]));
    fs.writeFileSync(path.join(dir, 'content/q.md'), CLEAN.replace('trained against each other', 'trained as adversaries'));
    const failing = [...TARGETS, { name: 'boom', description: 'throws', files: () => Promise.reject(new Error('exporter failed')) }];
    const io = { cwd: dir, env: {}, stdout: { write: () => true }, stderr: { write: () => true } };
    await expect(buildCommand([], io, failing)).rejects.toThrow('exporter failed');
    for (const [name, bytes] of before) expect(fs.readFileSync(path.join(dir, 'dist', name)).equals(bytes), name).toBe(true);
    expect(fs.readdirSync(path.join(dir, 'dist')).sort()).toEqual([...before.keys()].sort());
  });

  it('a build killed halfway leaves every artifact either as it was or complete', async () => {
    const many = (answer: string) =>
      Array.from({ length: 1500 }, (_, i) => `# ${i + 1}. Question ${i + 1} about topic ${i * 7919}?\n\n${answer} ${i}.\n`).join('\n');
    const dir = tempTree({ 'content/q.md': many('First answer') });
    const bin = path.resolve(import.meta.dirname, '../packages/cli/bin/genai-qa.js');
    execFileSync('node', [bin, 'build', '--out', 'old'], { cwd: dir, stdio: 'ignore' });
    fs.cpSync(path.join(dir, 'old'), path.join(dir, 'dist'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'content/q.md'), many('Second answer'));
    execFileSync('node', [bin, 'build', '--out', 'new'], { cwd: dir, stdio: 'ignore' });
    // Kill the build as soon as it has replaced its first artifact.
    const child = spawn('node', [bin, 'build'], { cwd: dir, stdio: 'ignore' });
    const first = path.join(dir, 'dist/questions.json');
    const oldJson = fs.readFileSync(first);
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (!fs.readFileSync(first).equals(oldJson) || child.exitCode !== null) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 5);
    });
    await new Promise((resolve) => child.once('exit', resolve));
    for (const name of fs.readdirSync(path.join(dir, 'old'))) {
      const now = fs.readFileSync(path.join(dir, 'dist', name));
      const ok = now.equals(fs.readFileSync(path.join(dir, 'old', name))) || now.equals(fs.readFileSync(path.join(dir, 'new', name)));
      expect(ok, `${name} is either the old or the new artifact`).toBe(true);
    }
    // The next build cleans up what the killed one left and completes.
    execFileSync('node', [bin, 'build'], { cwd: dir, stdio: 'ignore' });
    expect(fs.readdirSync(path.join(dir, 'dist')).filter((f) => f.startsWith('.'))).toEqual([]);
  }, 180_000);
});
