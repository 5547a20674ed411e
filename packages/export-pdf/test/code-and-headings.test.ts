import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPdf } from '../src/index.js';
import { headingLevels } from '../src/blocks/heading.js';
import { wrapCode } from '../src/blocks/code.js';
import { parseMarkdown } from '@genai-qa/core';
import { cleanup, corpusOf, DATE, needs, qpdfJson, run, structElements, tempFile } from './helpers.js';

const LONG = `    loss = reconstruction_loss(x, decoder(z)) + beta * kl_divergence(mu, log_var) + gamma * adversarial_term(critic, z)`;

const MARKDOWN = `# 1. Long lines?

\`\`\`python
def vae_loss(x, z, mu, log_var, beta=1.0, gamma=0.1):
${LONG}
    return loss
\`\`\`

# 2. A long block?

\`\`\`
${Array.from({ length: 150 }, (_, i) => `row ${i + 1}`).join('\n')}
\`\`\`

# 3. Sub-headings?

## Second level

Text.

### Third level

Text.

#### Fourth level

Text.

# 4. Skipped levels?

#### Deep first

Text.

## Back up

###### Very deep

Text.
`;

const poppler = needs('pdftotext', 'pdfinfo');
const qpdf = needs('qpdf');
let pdf: string;

beforeAll(async () => {
  pdf = tempFile('code-and-headings.pdf', await exportPdf(corpusOf(MARKDOWN), { assets: new Map(), date: DATE }));
});
afterAll(cleanup);

describe('wrapping a long line of code', () => {
  it('breaks at a space in the second half, and indents the rest past the line’s indent, after a mark', () => {
    expect(wrapCode('  alpha beta gamma delta', 12)).toEqual([
      { text: '  alpha ' },
      { text: '    beta ', mark: 2 },
      { text: '    gamma ', mark: 2 },
      { text: '    delta', mark: 2 },
    ]);
  });

  it('breaks anywhere when there is no space to break at', () => {
    expect(wrapCode('x'.repeat(20), 8)).toEqual([
      { text: 'xxxxxxxx' },
      { text: '  xxxxxx', mark: 0 },
      { text: '  xxxxxx', mark: 0 },
    ]);
  });

  it.skipIf(poppler.skip)(`draws the continuation indented, after ↪, in the text layer below its line${poppler.reason}`, () => {
    const layout = run('pdftotext', ['-layout', '-f', '3', '-l', '3', pdf, '-']).split('\n');
    const head = layout.findIndex((l) => l.includes('loss = reconstruction_loss'));
    expect(head).toBeGreaterThan(-1);
    const rest = layout[head + 1]!;
    // The mark sits at the line's own indent; the continuation starts further right.
    expect(rest).toMatch(/^\s*↪\s+\S/);
    expect(rest.indexOf('↪')).toBe(layout[head]!.indexOf('loss'));
    expect(rest.search(/[^\s↪]/)).toBeGreaterThan(layout[head]!.indexOf('loss'));
    expect(`${layout[head]!.trim()} ${rest.replace('↪', '').trim()}`.replace(/\s+/g, ' ')).toBe(LONG.trim());
    expect(layout[head + 2]).toContain('return loss');
  });
});

describe('a code block split across pages', () => {
  it.skipIf(poppler.skip)(`says it continues at the foot of every part but the last${poppler.reason}`, () => {
    const pages = Number(/Pages:\s+(\d+)/.exec(run('pdfinfo', [pdf]))![1]);
    const parts: Array<{ page: number; continues: boolean }> = [];
    for (let p = 1; p <= pages; p++) {
      const page = run('pdftotext', ['-raw', '-f', String(p), '-l', String(p), pdf, '-']);
      if (/^row \d+$/m.test(page)) parts.push({ page: p, continues: page.includes('continues on the next page') });
    }
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => p.continues)).toEqual([...parts.slice(1).map(() => true), false]);
    // Every row is there once, in order.
    const rows = run('pdftotext', ['-raw', '-f', String(parts[0]!.page), '-l', String(parts.at(-1)!.page), pdf, '-']).replace(/\f/g, '\n').match(/^row \d+$/gm);
    expect(rows).toEqual(Array.from({ length: 150 }, (_, i) => `row ${i + 1}`));
  });
});

describe('code block backgrounds', () => {
  it.skipIf(qpdf.skip)(`are drawn from the block's corner, so that two blocks of one size are the same path${qpdf.reason}`, async () => {
    const same = corpusOf('# 1. Two blocks?\n\n```\na = 1\nb = 2\n```\n\nBetween.\n\n```\nc = 3\nd = 4\n```\n');
    const file = tempFile('two-blocks.pdf', await exportPdf(same, { assets: new Map(), date: DATE }));
    const qdf = `${file}.qdf`;
    run('qpdf', ['--qdf', '--object-streams=disable', '--normalize-content=n', file, qdf]);
    const content = fs.readFileSync(qdf, 'latin1');
    // Each background: its translation, then its path, filled.
    const boxes = [...content.matchAll(/\n1 0 0 1 ([\d.]+) ([\d.]+) cm\n((?:[-\d. ]+ [mlc]\n)+h\n(?:\/C0 cs\n)?\d+ sc\nf\n)/g)];
    expect(boxes).toHaveLength(2);
    expect(boxes[0]![3]).toBe(boxes[1]![3]);
    expect(Number(boxes[1]![2])).toBeGreaterThan(Number(boxes[0]![2]));
  });
});

describe('headings inside answers', () => {
  it.skipIf(poppler.skip)(`get smaller with each level: ## > ### > ####, all smaller than the question${poppler.reason}`, () => {
    const html = run('pdftotext', ['-bbox', pdf, '-']);
    const height = (word: string): number => {
      // The last occurrence: the question's heading comes after its row in the contents.
      const m = [...html.matchAll(new RegExp(`yMin="([\\d.]+)" xMax="[\\d.]+" yMax="([\\d.]+)">${word}</word>`, 'g'))].at(-1);
      expect(m, word).toBeDefined();
      return Number(m![2]) - Number(m![1]);
    };
    const [question, second, third, fourth] = [height('Sub-headings\\?'), height('Second'), height('Third'), height('Fourth')];
    expect(question).toBeGreaterThan(second);
    expect(second).toBeGreaterThan(third);
    expect(third).toBeGreaterThan(fourth);
  });

  it('are tagged one level below the nearest shallower heading before them', () => {
    const levels = (markdown: string) => [...headingLevels(parseMarkdown(markdown)).values()];
    expect(levels('## a\n\n### b\n\n#### c\n')).toEqual([3, 4, 5]);
    expect(levels('#### a\n\n## b\n\n###### c\n\n### d\n')).toEqual([3, 3, 4, 4]);
    expect(levels('# a\n\n## b\n\n### c\n\n#### d\n\n##### e\n')).toEqual([3, 4, 5, 6, 6]);
  });

  it.skipIf(qpdf.skip)(`leave no level out of the tag tree${qpdf.reason}`, () => {
    const json = qpdfJson(pdf);
    const count = (level: number) => structElements(json, `/H${level}`).length;
    // H1: the title; H2: "Contents" and the four questions; then the answers' headings.
    expect([1, 2, 3, 4, 5, 6].map(count)).toEqual([1, 5, 3, 2, 1, 0]);
  });
});
