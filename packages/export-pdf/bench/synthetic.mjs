/**
 * A deterministic synthetic corpus for the benchmark and the large-corpus test: answers of
 * about 1–2 KB with emphasis, inline code, a link, a bullet list (sometimes nested), an
 * ordered list and a fenced code block. No randomness: a fixed linear congruential generator.
 */

const WORDS = (
  'model training data latent space generator discriminator encoder decoder gradient loss ' +
  'sample distribution attention token sequence transformer diffusion noise prior posterior ' +
  'variance mean inference likelihood objective network layer weight batch epoch optimiser ' +
  'regularisation overfitting evaluation metric embedding vector probability output input ' +
  'Fréchet Łukasz café naïve σ-algebra μ-law ε-greedy ≈ approximation — dash'
).split(' ');

function rng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 0x100000000;
  };
}

function sentence(next, min, max) {
  const n = min + Math.floor(next() * (max - min + 1));
  const words = [];
  for (let i = 0; i < n; i++) words.push(WORDS[Math.floor(next() * WORDS.length)]);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1) + '.';
}

function paragraph(next, sentences) {
  const out = [];
  for (let i = 0; i < sentences; i++) out.push(sentence(next, 6, 16));
  return out.join(' ');
}

/** The Markdown of one answer (about 1–2 KB). */
export function syntheticAnswer(i, next = rng(i + 1)) {
  const parts = [];
  parts.push(`${paragraph(next, 3)} The **key idea** is that \`step_${i}()\` updates the *weights* (see [the reference](https://example.org/q/${i})).`);
  const items = 3 + Math.floor(next() * 3);
  const list = [];
  for (let k = 0; k < items; k++) {
    list.push(`- **Point ${k + 1}**: ${sentence(next, 6, 14)}`);
    if (k === 1 && next() < 0.5) list.push(`  - nested: ${sentence(next, 4, 8)}`);
  }
  parts.push(list.join('\n'));
  parts.push(
    ['```python', `def step_${i}(x, lr=0.01):`, '    grad = compute_gradient(x)', '    x = x - lr * grad', `    return x  # iteration ${i}`, '```'].join('\n'),
  );
  if (next() < 0.5) parts.push(['1. First, ' + sentence(next, 5, 10), '2. Then, ' + sentence(next, 5, 10), '3. Finally, ' + sentence(next, 5, 10)].join('\n'));
  parts.push(paragraph(next, 2 + Math.floor(next() * 3)));
  return parts.join('\n\n');
}

/** A Corpus (the @genai-qa/core model) of `n` questions, built directly (no Markdown file). */
export function syntheticCorpus(n) {
  const questions = [];
  for (let i = 1; i <= n; i++) {
    const next = rng(i * 7919);
    const question = `Question ${i}: what does ${WORDS[i % WORDS.length]} mean for ${WORDS[(i * 7) % WORDS.length]}?`;
    const markdown = syntheticAnswer(i, next);
    questions.push({
      id: `question-${i}`,
      number: i,
      question,
      answer: { markdown, text: markdown, html: '' },
      tags: [['fundamentals', 'training', 'architecture'][i % 3]],
      source: { file: 'synthetic.md', line: i * 20 },
    });
  }
  return {
    title: `Synthetic guide (${n} questions)`,
    description: 'A generated corpus for measuring the PDF exporter.',
    files: [{ file: 'synthetic.md', title: 'Synthetic', description: '' }],
    questions,
  };
}
