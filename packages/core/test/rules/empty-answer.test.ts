import { describe, expect, it } from 'vitest';
import { findings } from '../helpers.js';

describe('empty-answer', () => {
  describe('valid', () => {
    it('accepts a question with an answer paragraph', () => {
      expect(findings('empty-answer', '# 1. What is a GAN?\n\nA generative model.\n')).toEqual([]);
    });

    it('accepts an answer that is only an image (it has alt text)', () => {
      expect(findings('empty-answer', '# 1. What does a GAN look like?\n\n![Generator and discriminator](gan.png)\n')).toEqual([]);
    });

    it('accepts an answer that is only an image without alt text (image-alt-text reports that)', () => {
      expect(findings('empty-answer', '# 1. What does a GAN look like?\n\n![](gan.png)\n')).toEqual([]);
    });

    it('accepts an answer that is only a list, a code block or a table', () => {
      const md = [
        '# 1. Which models generate images?',
        '',
        '- GANs',
        '',
        '# 2. How do I sample?',
        '',
        '```python',
        'model.sample()',
        '```',
        '',
        '# 3. How do they compare?',
        '',
        '| GAN | VAE |',
        '| --- | --- |',
        '| sharp | blurry |',
        '',
      ].join('\n');
      expect(findings('empty-answer', md)).toEqual([]);
    });

    it('accepts an answer after its metadata comment', () => {
      expect(findings('empty-answer', '# 1. What is a GAN?\n\n<!-- genai-qa tags="gan" -->\n\nA generative model.\n')).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports a heading followed directly by the next heading', () => {
      const md = ['# 1. What is a GAN?', '# 2. What is a VAE?', '', 'An autoencoder.', ''].join('\n');
      expect(findings('empty-answer', md)).toEqual([{ line: 1, column: 1, message: 'Question 1 "What is a GAN?" has no answer' }]);
    });

    it('reports the last question of a file when nothing follows it', () => {
      const md = ['# 1. What is a GAN?', '', 'A generative model.', '', '# 2. What is a VAE?', ''].join('\n');
      expect(findings('empty-answer', md)).toEqual([{ line: 5, column: 1, message: 'Question 2 "What is a VAE?" has no answer' }]);
    });

    it('reports an answer that is only a metadata comment', () => {
      const md = ['# 1. What is a GAN?', '', '<!-- genai-qa id="gan" tags="gan" -->', '', '# 2. What is a VAE?', '', 'An autoencoder.', ''].join('\n');
      expect(findings('empty-answer', md)).toEqual([{ line: 1, column: 1, message: 'Question 1 "What is a GAN?" has no answer' }]);
    });

    it('reports an answer that is only an ordinary HTML comment', () => {
      expect(findings('empty-answer', '# 1. What is a GAN?\n\n<!-- TODO: write this -->\n')).toEqual([
        { line: 1, column: 1, message: 'Question 1 "What is a GAN?" has no answer' },
      ]);
    });

    it('reports an answer that is only a thematic break', () => {
      expect(findings('empty-answer', '# 1. What is a GAN?\n\n---\n\n# 2. What is a VAE?\n\nAn autoencoder.\n')).toEqual([
        { line: 1, column: 1, message: 'Question 1 "What is a GAN?" has no answer' },
      ]);
    });
  });
});
