import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSS, TEMPLATES } from '@genai-qa/export-anki';
import { cli, tempTree } from '../packages/cli/test/helpers.js';
import { openApkg } from '../packages/export-anki/test/helpers.js';
import { BROWSER, renderCard } from './support/chromium.js';
import { needing } from './support/readers.js';

// A card as the learner sees it: the deck built by the CLI, its note read back with SQLite,
// rendered by Chromium with MathJax configured as Anki's reviewer configures it.
const MARKDOWN = `# 1. What does a causal language model minimise?

The loss over a sequence of $n$ tokens is $\\mathcal{L}_{CLM} = -\\sum_{i=1}^{n} \\log p(x_i \\mid x_{<i})$.

$$
f(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}
$$

Written for Anki: \\(O(n^2)\\) attention cost.

### Sampling

\`\`\`python
def sample(logits, temperature=0.7, top_p=0.9):  # nucleus sampling over the softmax of the scaled logits
    return torch.multinomial(torch.softmax(logits / temperature, dim=-1), num_samples=1)
\`\`\`

#### Plain block

\`\`\`
no language: not guessed
\`\`\`
`;

const dir = tempTree({ 'content/lm.md': MARKDOWN });
const built = await cli(['build', '--only', 'anki'], dir, { SOURCE_DATE_EPOCH: '1767225600' });
const deck = await openApkg(fs.readFileSync(path.join(dir, 'dist', fs.readdirSync(path.join(dir, 'dist')).find((f) => f.endsWith('.apkg'))!)));
const [question, answer] = String(deck.query('select flds from notes')[0]!.flds).split('\u001f') as [string, string];
deck.close();

describe('math on the card', () => {
  it('the Answer field holds the TeX as written, HTML-escaped only, in Anki\'s delimiters (SQLite)', () => {
    expect(built.code).toBe(0);
    expect(answer).toContain('<span class="math-inline">\\(n\\)</span>');
    expect(answer).toContain('<span class="math-inline">\\(\\mathcal{L}_{CLM} = -\\sum_{i=1}^{n} \\log p(x_i \\mid x_{&lt;i})\\)</span>');
    expect(answer).toContain('<div class="math-display">\\[f(x) = \\begin{cases} 1 &amp; x > 0 \\\\ 0 &amp; \\text{otherwise} \\end{cases}\\]</div>');
    expect(answer).toContain('<span class="math-inline">\\(O(n^2)\\)</span> attention cost.');
    expect(answer).not.toMatch(/<em>|\$/);
  });

  it('the Answer field holds highlighted code, and leaves a block without a language alone (SQLite)', () => {
    expect(answer).toContain('<pre><code class="language-python hljs"><span class="hljs-keyword">def</span> <span class="hljs-title">sample</span>(<span class="hljs-params">');
    expect(answer).toContain('<pre><code>no language: not guessed\n</code></pre>');
  });

  const need = needing(BROWSER ? [] : [['chromium', 'chromium']]);
  it.skipIf(need.skip)(`is typeset by MathJax in the card, every formula, none in error (Chromium)${need.reason}`, () => {
    const front = TEMPLATES[0]!.qfmt.replace('{{Question}}', question);
    const html = TEMPLATES[0]!.afmt.replace('{{FrontSide}}', front).replace('{{Answer}}', answer);
    const screenshot = path.join(os.tmpdir(), `genai-qa-card-math-${process.pid}.png`);
    const { dom, probe } = renderCard({ html, css: CSS }, { width: 390, height: 900, screenshot });
    console.log(`card screenshot: ${screenshot}`);
    const body = dom.slice(dom.indexOf('<body'));
    const containers = body.match(/<mjx-container[^>]*>/g) ?? [];
    expect(containers).toHaveLength(4);
    expect(containers.filter((c) => c.includes('display="true"'))).toHaveLength(1);
    expect(body).not.toMatch(/data-mml-node="merror"|data-mjx-error/);
    // No TeX left as text: every delimiter was consumed.
    expect(body.replace(/<mjx-container[\s\S]*?<\/mjx-container>/g, '')).not.toMatch(/\\\(|\\\[|\\mathcal/);
    expect(fs.statSync(screenshot).size).toBeGreaterThan(5000);
    // On a phone-wide card: sub-headings smaller than the question and than each other, the
    // long line scrolls inside its block (with the scroll shadow), tokens in several colours.
    expect(probe.headingSizes.map(([tag]) => tag)).toEqual(['H3', 'H4']);
    const [h3, h4] = probe.headingSizes.map(([, size]) => size) as [number, number];
    expect(h3).toBeLessThan(probe.questionSize);
    expect(h4).toBeLessThan(h3);
    expect(probe.preScrolls).toEqual([true, false]);
    expect(probe.preOverflow).toEqual(['auto', 'auto']);
    expect(probe.tokenColours).toBeGreaterThanOrEqual(4);
  }, 120_000);
});
