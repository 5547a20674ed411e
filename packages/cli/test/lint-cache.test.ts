import fs from 'node:fs';
import path from 'node:path';
import { lintPaths } from '@genai-qa/cli';
import { describe, expect, it } from 'vitest';
import { resolveCacheLocation } from '../src/lint-cache-file.js';
import { warmLint } from '../src/lint-warm.js';
import { CLEAN, cli, SEED, tempTree } from './helpers.js';

/*
 * `genai-qa lint --cache`. What the cache reused is read from lintPaths's stats
 * (which files were parsed, which the file rules ran on, whether the corpus rules ran) and
 * from the cache file itself; never from timing.
 */

const io = (cwd: string) => {
  let stderr = '';
  return { io: { cwd, env: {}, stdout: { write: () => true }, stderr: { write: (t: string) => (stderr += t) } }, stderr: () => stderr };
};

/** Three files: the delivered corpus, a copy of one of its questions (a cross-file duplicate), and one with an image and a suppression. */
function corpus(): Record<string, string | Uint8Array> {
  return {
    'content/a-delivered.md': SEED,
    'content/b-copy.md':
      '# 1. What is a Variational Autoencoder (VAE)?\n\nAn encoder  and a decoder trained with a reconstruction term and a KL term.\n\n' +
      '<!-- genai-qa-disable-next-line bare-url -->\nSee https://example.com/vae for more.\n',
    'content/c-images.md':
      '# 1. What does a diffusion model learn?\n\nTo undo noise step by step.\n\n![The forward and reverse processes](images/diffusion.png)\n\n' +
      '# 2. What is a GAN?\n\nA generator and a discriminator trained against each other. See https://example.com/gan\n',
    'content/images/diffusion.png': 'png',
    'genai-qa.config.json': JSON.stringify({ rules: { 'bare-url': 'error', 'multiple-spaces': { severity: 'warning' } } }),
  };
}

const FORMATS = ['stylish', 'json', 'sarif', 'github'];

async function allFormats(dir: string, extra: string[] = []): Promise<string[]> {
  const out: string[] = [];
  for (const format of FORMATS) {
    const r = await cli(['lint', '--format', format, ...extra], dir);
    out.push(`${r.code}\n${r.stderr}\n${r.stdout}`);
  }
  return out;
}

const cacheFile = (dir: string) => path.join(dir, '.genai-qa-cache/lint.json');
const readCache = (dir: string, file = cacheFile(dir)) => JSON.parse(fs.readFileSync(file, 'utf8'));

describe('genai-qa lint --cache: same output as without it', () => {
  it('cold and warm runs print exactly what a run without --cache prints, in every format', async () => {
    const dir = tempTree(corpus());
    const plain = await allFormats(dir);
    expect(fs.existsSync(path.join(dir, '.genai-qa-cache'))).toBe(false);
    expect(plain[1]).toContain('"ruleId": "duplicate-question"');
    const cold = await allFormats(dir, ['--cache']);
    expect(fs.existsSync(cacheFile(dir))).toBe(true);
    const warm = await allFormats(dir, ['--cache']);
    expect(cold).toEqual(plain);
    expect(warm).toEqual(plain);
  });

  it('diagnostics round-trip exactly, with their fixes and related locations', () => {
    const dir = tempTree(corpus());
    const { io: fake } = io(dir);
    const plain = lintPaths(['content'], fake, {}).diagnostics;
    expect(plain.some((d) => d.fix) && plain.some((d) => d.related)).toBe(true);
    const cacheFile = resolveCacheLocation(undefined, dir);
    const cold = lintPaths(['content'], fake, { cacheFile });
    const warm = lintPaths(['content'], fake, { cacheFile });
    expect(cold.stats).toMatchObject({ reused: [], corpusReused: false, ignored: 'missing' });
    expect(warm.stats).toEqual({ reused: ['content/a-delivered.md', 'content/b-copy.md', 'content/c-images.md'], linted: [], parsed: [], corpusReused: true });
    expect(cold.diagnostics).toStrictEqual(plain);
    expect(warm.diagnostics).toStrictEqual(plain);
  });

  it('suppression comments and configured severities apply as without the cache', async () => {
    const dir = tempTree(corpus());
    await cli(['lint', '--cache'], dir);
    const report = JSON.parse((await cli(['lint', '--cache', '--format', 'json'], dir)).stdout) as Array<{ file: string; ruleId: string; severity: string; line: number }>;
    const mine = report.filter((d) => d.file !== 'content/a-delivered.md');
    expect(mine.filter((d) => d.ruleId === 'bare-url')).toEqual([expect.objectContaining({ file: 'content/c-images.md', severity: 'error' })]);
    expect(report.filter((d) => d.ruleId === 'multiple-spaces' && d.file === 'content/b-copy.md')).toEqual([expect.objectContaining({ severity: 'warning', line: 3 })]);
  });

  it('--max-warnings and the exit code are the same on a warm run', async () => {
    const dir = tempTree({ 'content/q.md': '# 1. What is a GAN?\n\nA generator  and a discriminator.\n' });
    for (let i = 0; i < 2; i++) {
      expect(await cli(['lint', '--cache', '--max-warnings', '0'], dir)).toEqual(await cli(['lint', '--max-warnings', '0'], dir));
    }
  });

  it('input errors are reported as without the cache, and leave the cache alone', async () => {
    const dir = tempTree({ 'content/a.md': CLEAN });
    await cli(['lint', '--cache'], dir);
    const before = fs.readFileSync(cacheFile(dir), 'utf8');
    fs.writeFileSync(path.join(dir, 'content/b.md'), Buffer.from([0x23, 0x20, 0xe9, 0x0a]));
    expect(await cli(['lint', '--cache'], dir)).toEqual({ code: 2, stdout: '', stderr: 'genai-qa: content/b.md: not valid UTF-8 (invalid byte 0xe9 on line 1)\n' });
    expect(fs.readFileSync(cacheFile(dir), 'utf8')).toBe(before);
  });
});

describe('genai-qa lint --cache: what is reused', () => {
  it('editing one file parses and lints it alone; the corpus rules re-run on the stored summaries of the others', async () => {
    const dir = tempTree(corpus());
    const { io: fake } = io(dir);
    const file = resolveCacheLocation(undefined, dir);
    lintPaths(['content'], fake, { cacheFile: file });
    const before = readCache(dir);
    fs.appendFileSync(path.join(dir, 'content/b-copy.md'), '\n# 2. What is a GAN?\n\nA generator and a discriminator trained against each other.\n');
    const after = lintPaths(['content'], fake, { cacheFile: file });
    expect(after.stats).toEqual({
      reused: ['content/a-delivered.md', 'content/c-images.md'],
      linted: ['content/b-copy.md'],
      parsed: ['content/b-copy.md'],
      corpusReused: false,
    });
    expect(after.diagnostics).toStrictEqual(lintPaths(['content'], fake, {}).diagnostics);
    // The new question is a duplicate: a corpus finding on the edited file, not a stale one.
    expect(after.diagnostics.some((d) => d.ruleId === 'duplicate-question' && d.file === 'content/b-copy.md' && d.line === 8)).toBe(true);
    const cache = readCache(dir);
    expect(cache.files[0]).toEqual(before.files[0]);
    expect(cache.files[2]).toEqual(before.files[2]);
    expect(cache.files[1].hash).not.toBe(before.files[1].hash);
    expect(cache.corpus.hash).not.toBe(before.corpus.hash);
    // And once more: everything reused.
    expect(lintPaths(['content'], fake, { cacheFile: file }).stats).toMatchObject({ linted: [], parsed: [], corpusReused: true });
  });

  it('a file added or removed re-runs the corpus rules; the other files stay cached', async () => {
    const dir = tempTree(corpus());
    const { io: fake } = io(dir);
    const file = resolveCacheLocation(undefined, dir);
    lintPaths(['content'], fake, { cacheFile: file });
    fs.rmSync(path.join(dir, 'content/b-copy.md'));
    const removed = lintPaths(['content'], fake, { cacheFile: file });
    expect(removed.stats).toMatchObject({ linted: [], corpusReused: false });
    expect(removed.diagnostics).toStrictEqual(lintPaths(['content'], fake, {}).diagnostics);
    expect(readCache(dir).files.map((f: { path: string }) => f.path)).toEqual(['content/a-delivered.md', 'content/c-images.md']);
    fs.writeFileSync(path.join(dir, 'content/d.md'), CLEAN);
    const added = lintPaths(['content'], fake, { cacheFile: file });
    expect(added.stats).toMatchObject({ linted: ['content/d.md'], corpusReused: false });
    expect(added.diagnostics).toStrictEqual(lintPaths(['content'], fake, {}).diagnostics);
  });

  it('a link target that appears or disappears invalidates the file that links to it', async () => {
    const dir = tempTree(corpus());
    const { io: fake } = io(dir);
    const file = resolveCacheLocation(undefined, dir);
    lintPaths(['content'], fake, { cacheFile: file });
    fs.rmSync(path.join(dir, 'content/images/diffusion.png'));
    const gone = lintPaths(['content'], fake, { cacheFile: file });
    expect(gone.stats).toMatchObject({ linted: ['content/c-images.md'], parsed: ['content/c-images.md'], corpusReused: true });
    const broken = (run: typeof gone) => run.diagnostics.filter((d) => d.ruleId === 'broken-link' && d.file === 'content/c-images.md');
    expect(broken(gone)).toEqual([expect.objectContaining({ message: 'Image target "images/diffusion.png" does not exist (looked for content/images/diffusion.png)' })]);
    expect(gone.diagnostics).toStrictEqual(lintPaths(['content'], fake, {}).diagnostics);
    fs.writeFileSync(path.join(dir, 'content/images/diffusion.png'), 'png');
    const back = lintPaths(['content'], fake, { cacheFile: file });
    expect(back.stats).toMatchObject({ linted: ['content/c-images.md'] });
    expect(broken(back)).toEqual([]);
  });

  it('a change of configuration invalidates everything', async () => {
    const dir = tempTree(corpus());
    const { io: fake } = io(dir);
    const file = resolveCacheLocation(undefined, dir);
    lintPaths(['content'], fake, { cacheFile: file });
    for (const config of [{ rules: { 'bare-url': 'warning' } }, { rules: { 'bare-url': 'warning' }, limits: { maxNestingDepth: 50 } }, { rules: { 'duplicate-question': { options: { questionThreshold: 0.9 } } } }]) {
      fs.writeFileSync(path.join(dir, 'genai-qa.config.json'), JSON.stringify(config));
      const run = lintPaths(['content'], fake, { cacheFile: file });
      expect(run.stats).toMatchObject({ ignored: 'another configuration', reused: [], corpusReused: false });
      expect(run.diagnostics).toStrictEqual(lintPaths(['content'], fake, {}).diagnostics);
    }
    // --config names another file with the same settings: still valid.
    fs.copyFileSync(path.join(dir, 'genai-qa.config.json'), path.join(dir, 'other.json'));
    expect(lintPaths(['content'], fake, { cacheFile: file, config: 'other.json' }).stats).toMatchObject({ corpusReused: true, linted: [] });
  });

  it('a cache of another genai-qa version or engine build is ignored', async () => {
    const dir = tempTree(corpus());
    const { io: fake } = io(dir);
    const file = resolveCacheLocation(undefined, dir);
    lintPaths(['content'], fake, { cacheFile: file });
    const cache = readCache(dir);
    fs.writeFileSync(file, JSON.stringify({ ...cache, genaiQa: '0.0.1' }));
    expect(lintPaths(['content'], fake, { cacheFile: file }).stats).toMatchObject({ ignored: 'another genai-qa version', corpusReused: false });
    fs.writeFileSync(file, JSON.stringify({ ...cache, engine: 'x' }));
    expect(lintPaths(['content'], fake, { cacheFile: file }).stats).toMatchObject({ ignored: 'another build of the lint engine', corpusReused: false });
    expect(fs.readFileSync(file, 'utf8')).toBe(`${JSON.stringify(cache)}\n`);
  });
});

describe('genai-qa lint --cache: the cache file', () => {
  it('a corrupt, unreadable or tampered cache is ignored and overwritten, never an error', async () => {
    const dir = tempTree(corpus());
    const plain = await cli(['lint', '--format', 'json'], dir);
    await cli(['lint', '--cache'], dir);
    const good = fs.readFileSync(cacheFile(dir), 'utf8');
    const cache = JSON.parse(good);
    const tampered = structuredClone(cache);
    tampered.files[0].diagnostics[0].line = 'one';
    const wrongFile = structuredClone(cache);
    wrongFile.files[0].diagnostics[0].file = 'content/elsewhere.md';
    for (const bad of ['', 'not json {', '[]', 'null', '{"format":1}', JSON.stringify({ ...cache, files: 'x' }), JSON.stringify(tampered), JSON.stringify(wrongFile), '\u0000\u0001binary']) {
      fs.writeFileSync(cacheFile(dir), bad);
      expect(await cli(['lint', '--cache', '--format', 'json'], dir)).toEqual(plain);
      expect(fs.readFileSync(cacheFile(dir), 'utf8')).toBe(good);
    }
    // A directory where the file should be: not readable, not writable; the lint result stands.
    fs.rmSync(cacheFile(dir));
    fs.mkdirSync(cacheFile(dir));
    const blocked = await cli(['lint', '--cache', '--format', 'json'], dir);
    expect(blocked.stdout).toBe(plain.stdout);
    expect(blocked.code).toBe(plain.code);
    expect(blocked.stderr).toMatch(/^genai-qa: could not write the lint cache .*lint\.json: .*\n$/);
  });

  it('an unwritable location is one line on stderr; the output and exit code stand', async () => {
    const dir = tempTree({ 'content/q.md': CLEAN });
    const result = await cli(['lint', '--cache', '--cache-location', 'content/q.md/lint.json'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^genai-qa: could not write the lint cache .*content\/q\.md\/lint\.json: .*\n$/);
  });

  it('a summaries file that is not the one lint.json names is ignored with it: everything is linted again', () => {
    const dir = tempTree(corpus());
    const { io: fake } = io(dir);
    const file = resolveCacheLocation(undefined, dir);
    const plain = lintPaths(['content'], fake, {}).diagnostics;
    lintPaths(['content'], fake, { cacheFile: file });
    for (const [parts, reason] of [['{"summaries":[],"segments":[],"questions":[]}\n', 'summaries of another run'], [null, 'summaries missing']] as const) {
      const summaries = path.join(dir, '.genai-qa-cache/lint.summaries.json');
      if (parts === null) fs.rmSync(summaries);
      else fs.writeFileSync(summaries, parts);
      const run = lintPaths(['content'], fake, { cacheFile: file });
      expect(run.stats).toMatchObject({ ignored: reason, reused: [], corpusReused: false });
      expect(run.diagnostics).toStrictEqual(plain);
    }
  });

  it('a summary in lint.json (its place is lint.summaries.json, checked when read) makes the cache malformed', () => {
    const dir = tempTree(corpus());
    const { io: fake } = io(dir);
    const file = resolveCacheLocation(undefined, dir);
    lintPaths(['content'], fake, { cacheFile: file });
    const cache = readCache(dir);
    cache.files[0].summary = { questions: 'x' };
    fs.writeFileSync(file, JSON.stringify(cache));
    // An edit, so that the engine reads the cache (the warm path checks only what it prints).
    fs.appendFileSync(path.join(dir, 'content/c-images.md'), '\n# 3. What is a VAE?\n\nAn encoder and a decoder.\n');
    const run = lintPaths(['content'], fake, { cacheFile: file });
    expect(run.stats).toMatchObject({ ignored: 'malformed', reused: [], corpusReused: false });
    expect(run.diagnostics).toStrictEqual(lintPaths(['content'], fake, {}).diagnostics);
  });

  it('reads the summaries only for files that did not change: with every file edited, a broken summaries file goes unnoticed', () => {
    const dir = tempTree({ 'content/q.md': '# 1. What is a GAN?\n\nA generator and a discriminator.\n' });
    const { io: fake } = io(dir);
    const file = resolveCacheLocation(undefined, dir);
    lintPaths(['content'], fake, { cacheFile: file });
    fs.writeFileSync(path.join(dir, '.genai-qa-cache/lint.summaries.json'), 'not JSON');
    fs.appendFileSync(path.join(dir, 'content/q.md'), '\n# 2. What is a VAE?\n\nAn encoder and a decoder.\n');
    const edited = lintPaths(['content'], fake, { cacheFile: file });
    expect(edited.stats).toEqual({ reused: [], linted: ['content/q.md'], parsed: ['content/q.md'], corpusReused: false });
    expect(edited.diagnostics).toStrictEqual(lintPaths(['content'], fake, {}).diagnostics);
    // The run wrote a good one again: nothing changed, everything is reused.
    expect(lintPaths(['content'], fake, { cacheFile: file }).stats).toMatchObject({ reused: ['content/q.md'], linted: [], corpusReused: true });
  });

  it('is written atomically, and deterministically', async () => {
    const one = tempTree(corpus());
    await cli(['lint', '--cache'], one);
    const first = fs.readFileSync(cacheFile(one), 'utf8');
    // Beside it, the summaries and per-question entries that only the engine reads.
    const summaries = path.join(one, '.genai-qa-cache/lint.summaries.json');
    const parts = fs.readFileSync(summaries, 'utf8');
    const questions = fs.readFileSync(path.join(one, '.genai-qa-cache/lint.parts.json'), 'utf8');
    fs.rmSync(path.join(one, '.genai-qa-cache'), { recursive: true });
    await cli(['lint', '--cache'], one);
    expect(fs.readFileSync(cacheFile(one), 'utf8')).toBe(first);
    expect(fs.readFileSync(summaries, 'utf8')).toBe(parts);
    expect(fs.readFileSync(path.join(one, '.genai-qa-cache/lint.parts.json'), 'utf8')).toBe(questions);
    expect(fs.readdirSync(path.join(one, '.genai-qa-cache'))).toEqual(['lint.json', 'lint.parts.json', 'lint.summaries.json']);
    // A run that reuses everything leaves the file untouched.
    const stat = fs.statSync(cacheFile(one));
    fs.utimesSync(cacheFile(one), new Date(0), new Date(0));
    await cli(['lint', '--cache'], one);
    expect(fs.statSync(cacheFile(one)).mtimeMs).toBe(0);
    expect(stat.size).toBeGreaterThan(0);
  });

  it('--cache-location: a file, or a directory that gets lint.json; without --cache nothing is written', async () => {
    const dir = tempTree({ 'content/q.md': CLEAN, 'existing/keep': '' });
    await cli(['lint', '--cache-location', 'unused.json'], dir);
    expect(fs.existsSync(path.join(dir, 'unused.json'))).toBe(false);
    await cli(['lint', '--cache', '--cache-location', 'tmp/my-cache.json'], dir);
    expect(readCache(dir, path.join(dir, 'tmp/my-cache.json'))).toMatchObject({ format: 4, files: [{ path: 'content/q.md' }] });
    await cli(['lint', '--cache', '--cache-location', 'existing'], dir);
    await cli(['lint', '--cache', '--cache-location', 'new-dir/'], dir);
    expect(fs.existsSync(path.join(dir, 'existing/lint.json'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'new-dir/lint.json'))).toBe(true);
    expect(fs.existsSync(path.join(dir, '.genai-qa-cache'))).toBe(false);
  });

  it('--check-external: the cache is neither read nor written', async () => {
    const dir = tempTree({ 'content/q.md': CLEAN });
    const result = await cli(['lint', '--cache', '--check-external'], dir);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(fs.existsSync(cacheFile(dir))).toBe(false);
  });
});

describe('genai-qa lint --cache --fix', () => {
  const fixable = '# 1.What is a GAN?\n\nA generator  and a discriminator.   \n';
  it('fixes the same files to the same bytes as without the cache, cold and warm', async () => {
    const files = { 'content/a.md': fixable, 'content/b.md': CLEAN, 'content/c.md': '# 1. What is a VAE?\n\nAn encoder and a decoder.' };
    const plain = tempTree(files);
    const cached = tempTree(files);
    const read = (dir: string) => ['a', 'b', 'c'].map((n) => fs.readFileSync(path.join(dir, `content/${n}.md`), 'utf8'));
    expect(await cli(['lint', '--fix', '--cache'], cached)).toEqual(await cli(['lint', '--fix'], plain));
    expect(read(cached)).toEqual(read(plain));
    expect(read(cached)[0]).toBe('# 1. What is a GAN?\n\nA generator and a discriminator.\n');
    // The cache holds the fixed files: the next run reuses it.
    const { io: fake } = io(cached);
    expect(lintPaths(['content'], fake, { cacheFile: resolveCacheLocation(undefined, cached) }).stats).toMatchObject({ linted: [], corpusReused: true });
    // Break one file again: a warm --fix fixes it as a run without the cache does.
    for (const dir of [plain, cached]) fs.writeFileSync(path.join(dir, 'content/b.md'), fixable);
    expect(await cli(['lint', '--fix', '--cache'], cached)).toEqual(await cli(['lint', '--fix'], plain));
    expect(read(cached)).toEqual(read(plain));
    expect(lintPaths(['content'], fake, { cacheFile: resolveCacheLocation(undefined, cached), fix: true }).stats).toMatchObject({ linted: [], parsed: [], corpusReused: true });
  });

  it('--help documents --cache and --cache-location', async () => {
    const help = (await cli(['lint', '--help'], tempTree({}))).stdout;
    expect(help).toContain('--cache ');
    expect(help).toContain('--cache-location <path>');
  });
});

describe('genai-qa lint --cache: the warm path (nothing changed, no engine loaded)', () => {
  /** Runs the warm path alone: its exit code and output, or undefined when it hands over to the full run. */
  const warm = (args: string[], dir: string) => {
    let stdout = '';
    let stderr = '';
    const code = warmLint(args, { cwd: dir, env: {}, stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } });
    return code === undefined ? undefined : { code, stdout, stderr };
  };

  it('answers a run with nothing changed exactly as the full run does, for stylish, json and github', async () => {
    const dir = tempTree(corpus());
    expect(warm(['--cache'], dir)).toBeUndefined(); // no cache yet
    await cli(['lint', '--cache'], dir);
    for (const format of ['stylish', 'json', 'github']) {
      const args = ['--cache', '--format', format, '--max-warnings', '3'];
      expect(warm(args, dir)).toEqual(await cli(['lint', ...args.filter((a) => a !== '--cache')], dir));
    }
    expect(warm(['content', '--cache'], dir)).toEqual(await cli(['lint', 'content'], dir));
  });

  it('hands over to the full run for SARIF, --fix, --check-external, --help, bad options, or another cache location', async () => {
    const dir = tempTree(corpus());
    await cli(['lint', '--cache'], dir);
    for (const args of [
      ['--format', 'sarif'],
      ['--fix'],
      ['--check-external'],
      ['--help'],
      ['--format', 'xml'],
      ['--max-warnings', 'x'],
      ['--no-such-flag'],
      ['--cache-location', 'elsewhere.json'],
      ['content/a-delivered.md'],
    ]) {
      expect(warm(['--cache', ...args], dir), args.join(' ')).toBeUndefined();
    }
    expect(warm([], dir)).toBeUndefined(); // no --cache
  });

  it('agrees with the lint session on when an entry is valid: a link target\'s real path, the configuration, a file', () => {
    // The image is a symlink: pointed elsewhere, the target still exists, but its real path changed.
    const tree = { ...corpus(), 'content/images/one.png': 'png', 'content/images/two.png': 'png' };
    delete tree['content/images/diffusion.png'];
    const cases: Array<[string, (dir: string) => void, Record<string, unknown>]> = [
      ['nothing changed', () => {}, { linted: [], corpusReused: true }],
      [
        'the image link points to another file',
        (dir) => {
          fs.rmSync(path.join(dir, 'content/images/diffusion.png'));
          fs.symlinkSync('two.png', path.join(dir, 'content/images/diffusion.png'));
        },
        { linted: ['content/c-images.md'], corpusReused: true },
      ],
      ['the configuration', (dir) => fs.writeFileSync(path.join(dir, 'genai-qa.config.json'), '{}'), { ignored: 'another configuration', reused: [] }],
      ['a file', (dir) => fs.appendFileSync(path.join(dir, 'content/b-copy.md'), '\n'), { linted: ['content/b-copy.md'], corpusReused: false }],
    ];
    for (const [name, change, expected] of cases) {
      const dir = tempTree(tree);
      fs.symlinkSync('one.png', path.join(dir, 'content/images/diffusion.png'));
      const { io: fake } = io(dir);
      const cacheFile = resolveCacheLocation(undefined, dir);
      lintPaths(['content'], fake, { cacheFile });
      change(dir);
      // The warm path first: it writes nothing, so the session then sees the same cache.
      const answered = warm(['--cache'], dir) !== undefined;
      const run = lintPaths(['content'], fake, { cacheFile });
      expect(run.stats, name).toMatchObject(expected);
      const sessionReusedAll = run.stats.linted.length === 0 && run.stats.corpusReused;
      expect(answered, name).toBe(sessionReusedAll);
      expect(answered, name).toBe(name === 'nothing changed');
    }
  });

  it('hands over when anything changed: a file, a link target, the file list, the configuration, the cache', async () => {
    const changes: Array<(dir: string) => void> = [
      (dir) => fs.appendFileSync(path.join(dir, 'content/b-copy.md'), '\n'),
      (dir) => fs.rmSync(path.join(dir, 'content/images/diffusion.png')),
      (dir) => fs.writeFileSync(path.join(dir, 'content/d.md'), CLEAN),
      (dir) => fs.rmSync(path.join(dir, 'content/b-copy.md')),
      (dir) => fs.writeFileSync(path.join(dir, 'genai-qa.config.json'), '{}'),
      (dir) => fs.rmSync(path.join(dir, 'genai-qa.config.json')),
      (dir) => fs.writeFileSync(cacheFile(dir), '{'),
      (dir) => {
        // The same bytes behind a symlink: the real path is part of what was linted.
        fs.mkdirSync(path.join(dir, 'content/.moved'));
        fs.renameSync(path.join(dir, 'content/b-copy.md'), path.join(dir, 'content/.moved/b-copy.md'));
        fs.symlinkSync(path.join(dir, 'content/.moved/b-copy.md'), path.join(dir, 'content/b-copy.md'));
      },
      (dir) => {
        // Behind a symlink out of the content root, it is not read at all (input-safety).
        fs.renameSync(path.join(dir, 'content/b-copy.md'), path.join(dir, 'b-elsewhere.md'));
        fs.symlinkSync(path.join(dir, 'b-elsewhere.md'), path.join(dir, 'content/b-copy.md'));
      },
    ];
    for (const [i, change] of changes.entries()) {
      const dir = tempTree(corpus());
      await cli(['lint', '--cache'], dir);
      expect(warm(['--cache'], dir), `before change ${i}`).toBeDefined();
      change(dir);
      expect(warm(['--cache'], dir), `change ${i}`).toBeUndefined();
      // The full run that follows prints what a run without the cache prints, and refreshes it.
      expect(await cli(['lint', '--cache', '--format', 'json'], dir), `change ${i}`).toEqual(await cli(['lint', '--format', 'json'], dir));
      const after = warm(['--cache', '--format', 'json'], dir);
      // A file that is not read (refused) is always left to the full run.
      if (i === changes.length - 1) expect(after).toBeUndefined();
      else expect(after, `after change ${i}`).toEqual(await cli(['lint', '--format', 'json'], dir));
    }
  });
});
