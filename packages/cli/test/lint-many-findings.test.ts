import { describe, expect, it } from 'vitest';
import { cli, tempTree } from './helpers.js';

describe('lint with any number of findings', () => {
  it('reports 150,000 findings of one file (no stack overflow)', async () => {
    // 1,000 paragraphs of 150 double spaces each: 150,000 multiple-spaces warnings.
    const paragraphs = Array.from({ length: 1000 }, (_, i) => `p${i}${'  x'.repeat(150)}\n`);
    const dir = tempTree({ 'content/q.md': `# 1. What is a GAN?\n\n${paragraphs.join('\n')}` });
    const { code, stdout, stderr } = await cli(['lint', 'content', '--format', 'json'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const found = JSON.parse(stdout) as Array<{ ruleId: string; line: number; column: number }>;
    expect(found).toHaveLength(150_000);
    expect(found.every((d) => d.ruleId === 'multiple-spaces')).toBe(true);
    expect(found.at(-1)).toMatchObject({ line: 2 + 2 * 1000 - 1, column: `p999${'  x'.repeat(149)}`.length + 1 });
  }, 120_000);
});
