import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from '@genai-qa/cli';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `genai-qa <args>` in-process in `cwd` and captures its output. */
export async function cli(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(args, {
    cwd,
    env,
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
  });
  return { code, stdout, stderr };
}

/** A temporary directory holding the given files ({ 'content/q.md': '...' }). */
export function tempTree(files: Record<string, string | Uint8Array>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-'));
  for (const [name, data] of Object.entries(files)) {
    const full = path.join(dir, name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, data);
  }
  return dir;
}

export const SEED = fs.readFileSync(new URL('../../../test/fixtures/seed/delivered.md', import.meta.url));

export const CLEAN = '# 1. What is a GAN?\n\nA generator and a discriminator trained against each other.\n\n# 2. What is a VAE?\n\nAn encoder and a decoder trained with a reconstruction and a KL term.\n';
