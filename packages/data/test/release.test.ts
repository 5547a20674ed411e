import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(import.meta.dirname, '../../..');

describe('releases with changesets', () => {
  it('`changeset version` on a sample changeset bumps @genai-qa/data and writes its CHANGELOG', () => {
    // A copy of the workspace's manifests and changesets config, so the real tree is untouched.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-release-'));
    fs.mkdirSync(path.join(dir, '.changeset'));
    fs.copyFileSync(path.join(repo, 'package.json'), path.join(dir, 'package.json'));
    fs.copyFileSync(path.join(repo, '.changeset/config.json'), path.join(dir, '.changeset/config.json'));
    for (const name of fs.readdirSync(path.join(repo, 'packages'))) {
      fs.mkdirSync(path.join(dir, 'packages', name), { recursive: true });
      fs.copyFileSync(path.join(repo, 'packages', name, 'package.json'), path.join(dir, 'packages', name, 'package.json'));
    }
    const before = JSON.parse(fs.readFileSync(path.join(dir, 'packages/data/package.json'), 'utf8')).version as string;
    fs.writeFileSync(
      path.join(dir, '.changeset/diffusion-question.md'),
      '---\n"@genai-qa/data": minor\n---\n\nAdd a question about diffusion models.\n',
    );
    execFileSync(path.join(repo, 'node_modules/.bin/changeset'), ['version'], { cwd: dir, stdio: 'pipe' });

    const [major, minor] = before.split('.').map(Number);
    const expected = `${major}.${minor! + 1}.0`;
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'packages/data/package.json'), 'utf8')).version).toBe(expected);
    expect(fs.readFileSync(path.join(dir, 'packages/data/CHANGELOG.md'), 'utf8')).toBe(
      `# @genai-qa/data\n\n## ${expected}\n\n### Minor Changes\n\n- Add a question about diffusion models.\n`,
    );
    expect(fs.existsSync(path.join(dir, '.changeset/diffusion-question.md'))).toBe(false);
  });

  it('changesets publishes publicly', () => {
    const config = JSON.parse(fs.readFileSync(path.join(repo, '.changeset/config.json'), 'utf8'));
    expect(config.access).toBe('public');
    const data = JSON.parse(fs.readFileSync(path.join(repo, 'packages/data/package.json'), 'utf8'));
    expect(data.private).toBeUndefined();
  });
});
