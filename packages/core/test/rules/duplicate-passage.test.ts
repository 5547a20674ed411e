import { describe, expect, it } from 'vitest';
import { findings, lint, only } from '../helpers.js';

// Fifteen words, and a fourteen-word variant of it.
const PASSAGE_15 = 'the encoder maps an input to a distribution over latent codes rather than a point';
const PASSAGE_14 = 'the encoder maps inputs to a distribution over latent codes rather than a point';

function twoAnswers(first: string, second: string): string {
  return ['# 1. What is a VAE?', '', first, '', '# 2. How does a VAE encode data?', '', second, ''].join('\n');
}

const MESSAGE_15 =
  'Answer to question 2 repeats a 15-word passage from the answer to question 1 "What is a VAE?"; say it once, or say it differently';

describe('duplicate-passage', () => {
  describe('valid', () => {
    it('accepts answers that share only a 14-word run', () => {
      const md = twoAnswers(`Unlike a plain autoencoder, ${PASSAGE_14}.`, `In a VAE ${PASSAGE_14}.`);
      expect(findings('duplicate-passage', md)).toEqual([]);
    });

    it('does not compare an answer with itself (repeated-sentence does)', () => {
      const md = `# 1. What is a VAE?\n\nIn a VAE ${PASSAGE_15}. Again: ${PASSAGE_15}.\n`;
      expect(findings('duplicate-passage', md)).toEqual([]);
    });

    it('does not compare question texts', () => {
      const heading = 'What does it mean that the encoder maps an input to a distribution over latent codes rather than a point';
      const md = `# 1. ${heading}?\n\nIt is a VAE.\n\n# 2. ${heading}, again?\n\nStill a VAE.\n`;
      expect(findings('duplicate-passage', md)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports a copied 15-word run at the copy, with its length', () => {
      const md = twoAnswers(`Unlike a plain autoencoder, ${PASSAGE_15}.`, `In a VAE ${PASSAGE_15}.`);
      expect(findings('duplicate-passage', md)).toEqual([{ line: 7, column: 10, message: MESSAGE_15 }]);
      expect(lint(md, { config: only('duplicate-passage') })).toMatchObject([
        {
          severity: 'warning',
          line: 7,
          column: 10,
          endLine: 7,
          endColumn: 91,
          related: [{ file: 'content/q.md', line: 3, column: 29, message: 'question 1' }],
        },
      ]);
    });

    it('ignores case and punctuation, and counts the whole run', () => {
      const md = twoAnswers(
        `Unlike a plain autoencoder, ${PASSAGE_15}, which makes sampling possible.`,
        `In a VAE, The Encoder maps an input to a distribution over latent codes (rather than a point) which makes sampling possible!`,
      );
      expect(findings('duplicate-passage', md)).toEqual([
        {
          line: 7,
          column: 11,
          message:
            'Answer to question 2 repeats a 19-word passage from the answer to question 1 "What is a VAE?"; say it once, or say it differently',
        },
      ]);
    });

    it('finds a run that crosses blocks of the answer', () => {
      const md = twoAnswers(`Unlike a plain autoencoder, ${PASSAGE_15}.`, `In a VAE the encoder maps an input\n\n- to a distribution over latent codes rather than a point.`);
      expect(findings('duplicate-passage', md)).toEqual([{ line: 7, column: 10, message: MESSAGE_15 }]);
    });

    it('reports every copy against the first answer', () => {
      const md = [
        twoAnswers(`Unlike a plain autoencoder, ${PASSAGE_15}.`, `In a VAE ${PASSAGE_15}.`),
        '# 3. Why is a VAE generative?',
        '',
        `Because ${PASSAGE_15}.`,
        '',
      ].join('\n');
      expect(findings('duplicate-passage', md)).toEqual([
        { line: 7, column: 10, message: MESSAGE_15 },
        {
          line: 11,
          column: 9,
          message:
            'Answer to question 3 repeats a 15-word passage from the answer to question 1 "What is a VAE?"; say it once, or say it differently',
        },
      ]);
    });

    it('reports copies across files', () => {
      const files = {
        'a.md': `# 1. What is a VAE?\n\nUnlike a plain autoencoder, ${PASSAGE_15}.\n`,
        'b.md': `# 1. How does a VAE encode data?\n\nIn a VAE ${PASSAGE_15}.\n`,
      };
      expect(lint(files, { config: only('duplicate-passage') })).toMatchObject([
        {
          file: 'content/b.md',
          line: 3,
          column: 10,
          message:
            'Answer to question 1 repeats a 15-word passage from the answer to question 1 "What is a VAE?"; say it once, or say it differently',
          related: [{ file: 'content/a.md', line: 3, column: 29, message: 'question 1' }],
        },
      ]);
    });

    it('finds the copy of a window whose hash another window shares', () => {
      // Words get ids in order of first use, so w1…w900 are 1…900, and then the 3-word windows
      // "w518 w1 w1" and "w1 w196 w789" have the same 32-bit rolling hash (3926110730). The
      // table compares the words themselves: a collision neither hides the copy in question 4
      // nor makes "w518 w1 w1" a match.
      const vocabulary = Array.from({ length: 900 }, (_, i) => `w${i + 1}`).join(' ');
      const md = ['# 1. Which words?', '', vocabulary, '', '# 2. A?', '', 'w518 w1 w1', '', '# 3. B?', '', 'w1 w196 w789', '', '# 4. C?', '', 'w1 w196 w789', ''].join('\n');
      const config = { rules: { 'duplicate-passage': { options: { minWords: 3 } } } };
      expect(findings('duplicate-passage', md, { config })).toEqual([
        {
          line: 15,
          column: 1,
          message: 'Answer to question 4 repeats a 3-word passage from the answer to question 3 "B?"; say it once, or say it differently',
        },
      ]);
    });

    it('ignores case in any script, and an ASCII answer matches one with other letters', () => {
      // The first answer is ASCII only; the second has letters beyond it, and the copied
      // passage itself is in Greek in the third and fourth.
      const greek = 'ΤΟ ΜΟΝΤΕΛΟ ΜΑΘΑΙΝΕΙ ΜΙΑ ΚΑΤΑΝΟΜΗ ΠΑΝΩ ΣΤΟΥΣ ΚΡΥΦΟΥΣ ΚΩΔΙΚΕΣ ΚΑΙ ΟΧΙ ΕΝΑ ΜΟΝΟ ΣΗΜΕΙΟ ΤΟΥ ΧΩΡΟΥ';
      const md = [
        twoAnswers(`Unlike a plain autoencoder, ${PASSAGE_15.toUpperCase()}.`, `In a naïve VAE ${PASSAGE_15}.`),
        '# 3. Τι είναι ένα VAE;',
        '',
        `Ορισμός: ${greek}.`,
        '',
        '# 4. Πώς κωδικοποιεί;',
        '',
        `Έτσι ${greek.toLowerCase()}.`,
        '',
      ].join('\n');
      expect(findings('duplicate-passage', md).map((f) => [f.line, f.column, f.message.slice(0, 60)])).toEqual([
        [7, 16, 'Answer to question 2 repeats a 15-word passage from the answ'],
        [15, 6, 'Answer to question 4 repeats a 16-word passage from the answ'],
      ]);
    });

    it('honours minWords', () => {
      const md = twoAnswers(`Unlike a plain autoencoder, ${PASSAGE_14}.`, `In a VAE ${PASSAGE_14}.`);
      const config = { rules: { 'duplicate-passage': { options: { minWords: 10 } } } };
      expect(findings('duplicate-passage', md, { config })).toEqual([
        {
          line: 7,
          column: 10,
          message:
            'Answer to question 2 repeats a 14-word passage from the answer to question 1 "What is a VAE?"; say it once, or say it differently',
        },
      ]);
    });
  });
});

describe('duplicate-passage: code and math', () => {
  const ELBO = '$$\n\\mathcal{L}(\\theta, \\phi; x) = \\mathbb{E}_{q_\\phi(z \\mid x)}\\left[\\log p_\\theta(x \\mid z)\\right] - D_{KL}\\left(q_\\phi(z \\mid x) \\,\\|\\, p(z)\\right)\n$$';
  const CODE = '```python\nmu, log_var = encoder(x)\nz = mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)\nx_hat = decoder(z)\n```';

  it('does not count a display formula or a code block that two answers share', () => {
    const md = twoAnswers(`A VAE maximises the evidence lower bound:\n\n${ELBO}\n\n${CODE}`, `Its training objective is the ELBO, sampled with the reparameterisation trick:\n\n${ELBO}\n\n${CODE}`);
    expect(findings('duplicate-passage', md)).toEqual([]);
  });

  it('does not count inline math and inline code that two answers share', () => {
    const inline = '$q_\\phi(z \\mid x) = \\mathcal{N}(z; \\mu_\\phi(x), \\operatorname{diag}(\\sigma^2_\\phi(x)))$ and `torch.distributions.Normal(mu, torch.exp(0.5 * log_var))`';
    const md = twoAnswers(`The posterior is ${inline}.`, `It is Gaussian: ${inline}.`);
    expect(findings('duplicate-passage', md)).toEqual([]);
  });

  it('still reports the same prose around different formulas, at its words', () => {
    // Before code and math were left out, the formulas broke the run into 5 and 10 words.
    const md = twoAnswers(
      'Unlike a plain autoencoder, the encoder maps an input $x$ to a distribution over latent codes rather than a point.',
      'In a VAE the encoder maps an input $\\mathbf{x}_i$ to a distribution over latent codes rather than a point.',
    );
    expect(lint(md, { config: only('duplicate-passage') })).toMatchObject([
      {
        line: 7,
        column: 10,
        endLine: 7,
        endColumn: 106,
        message: MESSAGE_15,
        related: [{ file: 'content/q.md', line: 3, column: 29, message: 'question 1' }],
      },
    ]);
  });
});
