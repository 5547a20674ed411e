import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from './helpers.js';

// Runs the built exporter under Node's permission model: it may read the repository (its
// modules and the font files) and nothing else. The corpus references an image that exists
// next to the working directory; the exporter must not read it (images come from
// options.assets only), and the harness proves that such a read would have been refused.
const dist = path.join(REPO, 'packages/export-pdf/dist/index.js');
const src = path.join(REPO, 'packages/export-pdf/src');
const stale = !fs.existsSync(dist) || fs.readdirSync(src, { recursive: true }).some((f) => fs.statSync(path.join(src, String(f))).mtimeMs > fs.statSync(dist).mtimeMs);
const reason = stale ? ' (skipped: packages/export-pdf/dist is missing or older than src: run npx tsc -p packages/export-pdf/tsconfig.json)' : '';

describe('purity', () => {
  it.skipIf(stale)(`reads no file but its modules and fonts${reason}`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'export-pdf-pure-'));
    try {
      fs.mkdirSync(path.join(dir, 'images'));
      fs.copyFileSync(path.join(REPO, 'content/images/mode-collapse.svg'), path.join(dir, 'images/secret.svg'));
      const script = path.join(dir, 'run.mjs');
      fs.writeFileSync(
        script,
        `import fs from 'node:fs';
import { buildCorpus, decodeSource, parseFile } from ${JSON.stringify(path.join(REPO, 'packages/core/dist/index.js'))};
import { exportPdf } from ${JSON.stringify(dist)};
const md = new TextEncoder().encode('# 1. A question?\\n\\n![a figure](images/secret.svg)\\n\\n![another](${dir}/images/secret.svg)\\n');
const corpus = buildCorpus([parseFile(decodeSource(md, { path: 'q.md', absolutePath: ${JSON.stringify(dir)} + '/q.md', root: ${JSON.stringify(dir)} }), 'q.md')]);
const bytes = await exportPdf(corpus, { assets: new Map(), date: new Date(0) });
let refused = false;
try { fs.readFileSync('images/secret.svg'); } catch (e) { refused = e.code === 'ERR_ACCESS_DENIED'; }
console.log(JSON.stringify({ size: bytes.length, refused }));
`,
      );
      const result = spawnSync(
        process.execPath,
        ['--experimental-permission', `--allow-fs-read=${REPO}*`, `--allow-fs-read=${script}`, script],
        { cwd: dir, encoding: 'utf8' },
      );
      expect(result.stderr.replace(/.*ExperimentalWarning.*\n|.*--trace-warnings.*\n/g, '')).toBe('');
      expect(result.status).toBe(0);
      const out = JSON.parse(result.stdout.trim()) as { size: number; refused: boolean };
      expect(out.size).toBeGreaterThan(10_000);
      expect(out.refused).toBe(true);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
