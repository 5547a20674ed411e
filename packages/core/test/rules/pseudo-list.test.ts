import { describe, expect, it } from 'vitest';
import { findings, fix } from '../helpers.js';

function answer(...lines: string[]): string {
  return ['# 1. What can generative AI do?', '', ...lines, ''].join('\n');
}

describe('pseudo-list', () => {
  describe('valid', () => {
    it('accepts a real list', () => {
      const md = answer('Generative AI has many uses:', '', '- Text generation: chatbots.', '- Image generation: art.');
      expect(findings('pseudo-list', md)).toEqual([]);
    });

    it('accepts a list that interrupts a paragraph (it renders as a list)', () => {
      expect(findings('pseudo-list', answer('Generative AI has many uses:', '- Text generation: chatbots.', '- Image generation: art.'))).toEqual([]);
    });

    it('accepts a single "Label: text" line', () => {
      expect(findings('pseudo-list', answer('Generative AI has many uses.', 'Text generation: chatbots and writing aids.', 'And more.'))).toEqual([]);
    });

    it('accepts prose with one colon', () => {
      const md = answer('The idea is simple: a generator and a discriminator compete.', 'Training alternates between the two networks.');
      expect(findings('pseudo-list', md)).toEqual([]);
    });

    it('accepts a wrapped sentence that happens to contain a number', () => {
      expect(findings('pseudo-list', answer('GPT-2 was released in 2019 and GPT-3 followed in', '2020. It was much larger.'))).toEqual([]);
    });

    it('honours minItems', () => {
      const md = answer('Uses:', 'Text: chatbots.', 'Images: art.');
      expect(findings('pseudo-list', md, { config: { rules: { 'pseudo-list': { options: { minItems: 3 } } } } })).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports "Label: text" lines glued into one paragraph after an intro line', () => {
      const md = answer(
        'Generative AI has many uses:',
        'Text generation: chatbots and writing aids.',
        'Image generation: art and design.',
        'Music generation: new melodies.',
      );
      expect(findings('pseudo-list', md)).toEqual([
        { line: 4, column: 1, message: '3 lines read as list items but render as one paragraph; make them a list', fixable: true },
      ]);
      expect(fix(md, 'pseudo-list')).toBe(
        answer(
          'Generative AI has many uses:',
          '',
          '- Text generation: chatbots and writing aids.',
          '- Image generation: art and design.',
          '- Music generation: new melodies.',
        ),
      );
    });

    it('reports numbered lines inside a paragraph; the fix starts an ordered list', () => {
      const md = answer('First, collect the data.', '2. Train the model.', '3. Evaluate it on held-out data.');
      expect(findings('pseudo-list', md)).toEqual([
        { line: 4, column: 1, message: '2 lines read as list items but render as one paragraph; make them a list', fixable: true },
      ]);
      expect(fix(md, 'pseudo-list')).toBe(answer('First, collect the data.', '', '2. Train the model.', '3. Evaluate it on held-out data.'));
    });

    it('turns typographic bullets into "- "', () => {
      const md = answer('Benefits:', '• Fast inference.', '• Low cost.');
      expect(fix(md, 'pseudo-list')).toBe(answer('Benefits:', '', '- Fast inference.', '- Low cost.'));
    });

    it('separates the list from the text after it', () => {
      const md = answer('Text: writing aids.', 'Images: art and design.', 'That is not all.');
      expect(findings('pseudo-list', md)).toEqual([
        { line: 3, column: 1, message: '2 lines read as list items but render as one paragraph; make them a list', fixable: true },
      ]);
      const fixed = answer('- Text: writing aids.', '- Images: art and design.', '', 'That is not all.');
      expect(fix(md, 'pseudo-list')).toBe(fixed);
      expect(fix(fixed, 'pseudo-list')).toBe(fixed);
    });

    it('leaves lines that hard breaks already keep apart (a transcript, an address)', () => {
      const md = answer('Uses:\\', 'Text: writing aids.\\', 'Images: art and design.  ', 'Music: melodies.');
      expect(findings('pseudo-list', md)).toEqual([]);
    });

    it('drops the hard breaks that some of the lines had when it makes the list', () => {
      const md = answer('Uses:\\', 'Text: writing aids.', 'Images: art and design.  ', 'Music: melodies.');
      expect(fix(md, 'pseudo-list')).toBe(answer('Uses:', '', '- Text: writing aids.', '- Images: art and design.', '- Music: melodies.'));
    });

    it('fixes the longest run of one kind', () => {
      const md = answer('Steps:', '2. Collect.', 'Note: be careful.', 'Tip: start small.', 'Hint: ask for help.');
      expect(findings('pseudo-list', md)).toEqual([
        { line: 5, column: 1, message: '3 lines read as list items but render as one paragraph; make them a list', fixable: true },
      ]);
    });
  });
});
