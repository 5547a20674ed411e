import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempTree } from './helpers.js';

const Q = {
  gan: '# 1. What is a GAN?\n\nTwo networks trained against each other.\n',
  vae: '# 2. What is a VAE?\n\nAn encoder and a decoder with a KL term.\n',
  lm: '# 3. What is a language model?\n\nA model of the next token.\n',
};
const join = (...parts: string[]) => parts.join('\n');

/** A git repository whose first commit holds content/q.md = `initial`. */
function repo(initial: string): string {
  const dir = tempTree({ 'content/q.md': initial, '.changeset/config.json': '{}' });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'add', '.');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'initial');
  return dir;
}

function changeset(dir: string, bump: string): void {
  fs.writeFileSync(path.join(dir, '.changeset/some-change.md'), `---\n"@genai-qa/data": ${bump}\n---\n\nContent update.\n`);
}

const edit = (dir: string, text: string) => fs.writeFileSync(path.join(dir, 'content/q.md'), text);
const bump = async (dir: string) => JSON.parse((await cli(['diff', 'HEAD', '--format', 'json'], dir)).stdout).bump;

describe('genai-qa diff: the bump the dataset needs', () => {
  it('none when nothing changed', async () => {
    const dir = repo(join(Q.gan, Q.vae));
    expect(await cli(['diff', 'HEAD'], dir)).toEqual({ code: 0, stdout: '@genai-qa/data: no change to the dataset since HEAD\n', stderr: '' });
  });

  it('major when a question is deleted, and the check fails without a major changeset', async () => {
    const dir = repo(join(Q.gan, Q.vae, Q.lm));
    edit(dir, join(Q.gan, Q.lm.replace('# 3.', '# 2.')));
    const result = await cli(['diff', 'HEAD', '--check-changeset'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      '@genai-qa/data: the dataset changed since HEAD and needs a major release\n' +
        '  major  what-is-a-vae  removed (was question 2: "What is a VAE?")\n' +
        '  patch  what-is-a-language-model  edited: number\n' +
        'no pending changeset bumps @genai-qa/data\n',
    );
    expect(result.stderr).toBe(
      'genai-qa: @genai-qa/data needs a major bump but the pending changesets give none; run "npx changeset", pick @genai-qa/data and choose major\n',
    );
    changeset(dir, 'minor');
    expect((await cli(['diff', 'HEAD', '--check-changeset'], dir)).code).toBe(1);
    changeset(dir, 'major');
    expect((await cli(['diff', 'HEAD', '--check-changeset'], dir)).code).toBe(0);
  });

  it('minor when a question is added', async () => {
    const dir = repo(join(Q.gan, Q.vae));
    edit(dir, join(Q.gan, Q.vae, Q.lm));
    expect(await bump(dir)).toBe('minor');
  });

  it('patch when an answer, a tag or a number changes', async () => {
    const dir = repo(join(Q.gan, Q.vae));
    edit(dir, join(Q.gan.replace('Two networks', 'A generator and a discriminator'), Q.vae));
    expect(await bump(dir)).toBe('patch');
    edit(dir, join(Q.gan.replace('\n\nTwo', '\n\n<!-- genai-qa tags="gan" -->\n\nTwo'), Q.vae));
    expect(await bump(dir)).toBe('patch');
    changeset(dir, 'patch');
    expect((await cli(['diff', 'HEAD', '--check-changeset'], dir)).code).toBe(0);
  });

  it('patch when a question moves to another section, or its difficulty or source links change', async () => {
    const bank = (topic: string, marker: string) => `# Interview questions\n\n## ${topic}\n\n**What is a GAN?${marker}**\n\nTwo networks.\n`;
    const edited = async (dir: string) => JSON.parse((await cli(['diff', 'HEAD', '--format', 'json'], dir)).stdout).changes;
    const dir = repo(bank('GANs', ''));
    edit(dir, bank('Generative models', ''));
    expect(await edited(dir)).toEqual([{ kind: 'edited', bump: 'patch', id: 'what-is-a-gan', detail: 'edited: tags, section' }]);
    edit(dir, bank('GANs', ' 🚀'));
    expect(await edited(dir)).toEqual([{ kind: 'edited', bump: 'patch', id: 'what-is-a-gan', detail: 'edited: tags, difficulty' }]);
    edit(dir, bank('GANs', ' [[src](https://example.com/gan)]'));
    expect(await edited(dir)).toEqual([{ kind: 'edited', bump: 'patch', id: 'what-is-a-gan', detail: 'edited: sources' }]);
    expect(await bump(dir)).toBe('patch');
  });

  it('rewording a question changes its default id (major) unless the id is written down (patch)', async () => {
    const dir = repo(join(Q.gan.replace('\n\nTwo', '\n\n<!-- genai-qa id="what-is-a-gan" -->\n\nTwo'), Q.vae));
    edit(dir, join(Q.gan.replace('What is a GAN?', 'What is a generative adversarial network?').replace('\n\nTwo', '\n\n<!-- genai-qa id="what-is-a-gan" -->\n\nTwo'), Q.vae));
    expect(await bump(dir)).toBe('patch');
    edit(dir, join(Q.gan, Q.vae.replace('What is a VAE?', 'What is a variational autoencoder?')));
    expect(await bump(dir)).toBe('major');
  });

  it('an unknown ref is a usage error', async () => {
    const dir = repo(Q.gan);
    const result = await cli(['diff', 'no-such-ref'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('genai-qa: "no-such-ref" is not a commit in a git repository here (in CI, fetch the full history)\n');
  });
});
