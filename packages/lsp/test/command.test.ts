import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN } from './client.js';

describe('genai-qa lsp (the command)', () => {
  it('without --stdio is a usage error: exit 2, one line', () => {
    const result = spawnSync(process.execPath, [BIN, 'lsp'], { encoding: 'utf8' });
    expect({ status: result.status, stdout: result.stdout, stderr: result.stderr }).toEqual({
      status: 2,
      stdout: '',
      stderr: 'genai-qa: lsp needs --stdio (the server talks over stdin and stdout)\n',
    });
  });

  it('--help says how editors start it', () => {
    const result = spawnSync(process.execPath, [BIN, 'lsp', '--help'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('Usage: genai-qa lsp --stdio [options]');
  });
});
