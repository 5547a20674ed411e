import { describe, expect, it } from 'vitest';
import { findings } from '../helpers.js';

function answer(text: string): string {
  return `# 1. What does a GAN look like?\n\n${text}\n`;
}

describe('image-alt-text', () => {
  describe('valid', () => {
    it('accepts alt text that describes the image', () => {
      expect(findings('image-alt-text', answer('![A generator and a discriminator, with arrows between them](images/gan.png)'))).toEqual([]);
    });

    it('accepts a reference image with alt text', () => {
      expect(findings('image-alt-text', answer('![The GAN training loop][loop]\n\n[loop]: images/loop.png'))).toEqual([]);
    });

    it('accepts alt text that only contains a placeholder word', () => {
      expect(findings('image-alt-text', answer('![Diagram of the GAN training loop](images/loop.png)'))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports an empty alt text', () => {
      expect(findings('image-alt-text', answer('See ![](images/gan.png) and ![   ](images/vae.png).'))).toEqual([
        { line: 3, column: 5, message: 'Image has no alt text; describe what it shows' },
        { line: 3, column: 29, message: 'Image has no alt text; describe what it shows' },
      ]);
    });

    it('reports an editor placeholder, in any case', () => {
      expect(findings('image-alt-text', answer('![alt text](images/gan.png)\n![Image](images/vae.png)\n![Enter image description here](x.png)'))).toEqual([
        { line: 3, column: 1, message: 'Image alt text "alt text" is a placeholder; describe what the image shows' },
        { line: 4, column: 1, message: 'Image alt text "Image" is a placeholder; describe what the image shows' },
        { line: 5, column: 1, message: 'Image alt text "Enter image description here" is a placeholder; describe what the image shows' },
      ]);
    });

    it('reports alt text that is the file name, with or without its extension', () => {
      expect(findings('image-alt-text', answer('![gan.png](images/gan.png)\n![gan-diagram](images/gan-diagram.png?raw=true)'))).toEqual([
        { line: 3, column: 1, message: 'Image alt text "gan.png" is a placeholder; describe what the image shows' },
        { line: 4, column: 1, message: 'Image alt text "gan-diagram" is a placeholder; describe what the image shows' },
      ]);
    });

    it('reports a reference image without alt text', () => {
      expect(findings('image-alt-text', answer('![][loop]\n\n[loop]: images/loop.png'))).toEqual([
        { line: 3, column: 1, message: 'Image has no alt text; describe what it shows' },
      ]);
    });

    it('honours the placeholders option', () => {
      const config = { rules: { 'image-alt-text': { options: { placeholders: ['figure 1'] } } } };
      expect(findings('image-alt-text', answer('![Figure 1](a.png) ![alt text](b.png)'), { config })).toEqual([
        { line: 3, column: 1, message: 'Image alt text "Figure 1" is a placeholder; describe what the image shows' },
      ]);
    });
  });
});
