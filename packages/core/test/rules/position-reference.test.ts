import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { findings } from '../helpers.js';

const NOTE = 'cards are shuffled and renumbered';

/** Three questions; the second one's answer is `text`. */
function corpus(text: string): string {
  return [
    '# 1. What is mode collapse?',
    '',
    '<!-- genai-qa id="what-is-mode-collapse" -->',
    '',
    'The generator covers only a few modes of the data.',
    '',
    '# 2. What is a GAN?',
    '',
    text,
    '',
    '# 3. How can mode collapse be mitigated?',
    '',
    'With a Wasserstein loss or minibatch discrimination.',
    '',
  ].join('\n');
}

describe('position-reference', () => {
  describe('valid', () => {
    it('accepts a question cited by its title, as a link to its anchor', () => {
      expect(findings('position-reference', corpus('Two networks; see [What is mode collapse?](#what-is-mode-collapse).'))).toEqual([]);
    });

    it('accepts "next" and "previous" that are not about questions, and "question answering"', () => {
      const text =
        'The decoder predicts the next token from the previous layer. It is used for extractive question answering, ' +
        'and a chatbot may revise its previous answer. Its next question-answering step follows.';
      expect(findings('position-reference', corpus(text))).toEqual([]);
    });

    it('accepts quarters, quantisation formats and "the following question:"', () => {
      const text = 'The model shipped in Q4 2025 as a Q4_K_M file. Answer the following question: what is 2 + 2? It gives the answer 4.';
      expect(findings('position-reference', corpus(text))).toEqual([]);
    });

    it('does not look into code, inline code or question headings', () => {
      const text = 'Run `see question 2` in a shell.\n\n```\nas above, see Q3\n```';
      expect(findings('position-reference', `# 1. What is question 2 about?\n\n${text}\n`)).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('resolves "the next question" to the next question, and gives its heading anchor when its id is not written', () => {
      expect(findings('position-reference', corpus('Training is hard (see the next question).'))).toEqual([
        {
          line: 9,
          column: 23,
          message: `Position reference "the next question": ${NOTE}; cite the question by its title: [How can mode collapse be mitigated?](#3-how-can-mode-collapse-be-mitigated)`,
        },
      ]);
    });

    it('resolves "the previous answer" and "the question above" to the previous question, by its written id', () => {
      const cited = `${NOTE}; cite the question by its title: [What is mode collapse?](#what-is-mode-collapse)`;
      expect(findings('position-reference', corpus('As the previous answer says, and as the question\nabove shows, it collapses.'))).toEqual([
        { line: 9, column: 4, message: `Position reference "the previous answer": ${cited}` },
        { line: 9, column: 37, message: `Position reference "the question above": ${cited}` },
      ]);
    });

    it('resolves "question 3", "Question no. 1", "Q3" and "see answer 3" by number', () => {
      const text = 'See question 3. Question no. 1 defines it; Q3 lists remedies, and so does see answer 3.';
      expect(findings('position-reference', corpus(text))).toEqual([
        {
          line: 9,
          column: 5,
          message: `Position reference "question 3": ${NOTE}; cite the question by its title: [How can mode collapse be mitigated?](#3-how-can-mode-collapse-be-mitigated)`,
        },
        {
          line: 9,
          column: 17,
          message: `Position reference "Question no. 1": ${NOTE}; cite the question by its title: [What is mode collapse?](#what-is-mode-collapse)`,
        },
        {
          line: 9,
          column: 44,
          message: `Position reference "Q3": ${NOTE}; cite the question by its title: [How can mode collapse be mitigated?](#3-how-can-mode-collapse-be-mitigated)`,
        },
        {
          line: 9,
          column: 75,
          message: `Position reference "see answer 3": ${NOTE}; cite the question by its title: [How can mode collapse be mitigated?](#3-how-can-mode-collapse-be-mitigated)`,
        },
      ]);
    });

    it('says so when no question has the number, or none comes next', () => {
      expect(findings('position-reference', '# 1. What is a GAN?\n\nSee question 10, and the next question.\n')).toEqual([
        {
          line: 3,
          column: 5,
          message: `Position reference "question 10": ${NOTE}, and no question in this file has the number 10; cite the question by its title, as a link to its anchor`,
        },
        {
          line: 3,
          column: 22,
          message: `Position reference "the next question": ${NOTE}, and no question comes after this one; cite the question by its title, as a link to its anchor`,
        },
      ]);
    });

    it('reports "as above", "see below" and "as discussed earlier", which name no question', () => {
      const text = 'Same as above. For the loss, see below.\n\n- As discussed earlier, it oscillates.';
      const vague = (shown: string) => `Position reference "${shown}": ${NOTE}; cite the question by its title, as a link to its anchor`;
      expect(findings('position-reference', corpus(text))).toEqual([
        { line: 9, column: 6, message: vague('as above') },
        { line: 9, column: 30, message: vague('see below') },
        { line: 11, column: 6, message: vague('discussed earlier') },
      ]);
    });

    it('reads references inside emphasis, list items and link text', () => {
      expect(findings('position-reference', corpus('- **See question 1.**\n- [the next question](https://example.com)')).map((f) => [f.line, f.column])).toEqual([
        [9, 9],
        [10, 4],
      ]);
    });
  });
});

describe('the anchors it suggests', () => {
  it('pass broken-link: a written id is an anchor, and a wrong one is reported', () => {
    const md = corpus('See [What is mode collapse?](#what-is-mode-collapse) and [How can mode collapse be mitigated?](#3-how-can-mode-collapse-be-mitigated).');
    expect(findings('broken-link', md)).toEqual([]);
    expect(findings('broken-link', corpus('See [What is mode collapse?](#what-is-mode-collaps).'))).toEqual([
      { line: 9, column: 5, message: 'Link target "#what-is-mode-collaps" matches no heading in this file' },
    ]);
  });
});

describe('docs/rules/position-reference.md', () => {
  const page = fs.readFileSync(new URL('../../../../docs/rules/position-reference.md', import.meta.url), 'utf8');

  it('lists exactly the findings of its "md invalid" example', () => {
    const example = /```md invalid\n([\s\S]*?)```/.exec(page)![1]!;
    const listed = /The findings:\n\n((?:- `.*`\n)+)/.exec(page)![1]!.trim().split('\n');
    expect(findings('position-reference', example).map((f) => `- \`${f.line}:${f.column}  ${f.message}\``)).toEqual(listed);
  });
});
