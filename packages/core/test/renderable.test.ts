import { describe, expect, it } from 'vitest';
import { compileCorpus, modelHtml, renderableAnswer } from '@genai-qa/core';
import { parse } from './helpers.js';

const FILE = `# 1. What is a GAN?

See [the paper][gan], and ![the logo][logo].[^clip]

# 2. What is CLIP?

> [inner]: https://example.com/inner

Contrastive.[^clip] Also [inner] and [gan].

[gan]: https://arxiv.org/abs/1406.2661 "GAN"
[gan]: https://example.com/second-definition-loses
[logo]: images/logo.png
[unused]: https://example.com/unused
[^clip]: Pairs ![images][img] with text.[^more]
[^more]: A second note.

[img]: images/pairs.png
`;

describe('the renderable form of an answer', () => {
  const { corpus, answers } = compileCorpus([parse(FILE)]);
  const gan = answers.get('what-is-a-gan')!;
  const clip = answers.get('what-is-clip')!;

  it('has the definitions and footnotes the answer uses, from anywhere in the file, the first of a label winning', () => {
    expect([...gan.definitions.keys()]).toEqual(['gan', 'logo', 'img']);
    expect(gan.definitions.get('gan')!.url).toBe('https://arxiv.org/abs/1406.2661');
    // A footnote's own references and footnotes are followed too.
    expect([...gan.footnotes.keys()]).toEqual(['clip', 'more']);
    // A definition inside a quote counts like any other.
    expect([...clip.definitions.keys()]).toEqual(['inner', 'gan', 'img']);
  });

  it('has a tree of the answer’s blocks, then what they use from elsewhere, in source order', () => {
    expect(gan.tree.children.map((n) => n.type)).toEqual(['paragraph', 'definition', 'definition', 'footnoteDefinition', 'footnoteDefinition', 'definition']);
  });

  it('has the local images, by reference too (and in footnotes), as asset keys', () => {
    expect(gan.images).toEqual(['images/logo.png', 'images/pairs.png']);
  });

  it('is what exporters get for a question, and, for a model read back from JSON, the same from its Markdown', () => {
    const question = corpus.questions[0]!;
    expect(renderableAnswer(question, answers)).toBe(gan);
    const fromJson = JSON.parse(JSON.stringify(question)) as typeof question;
    expect(modelHtml(renderableAnswer(fromJson), { id: question.id })).toBe(question.answer.html);
    expect(renderableAnswer(fromJson).images).toEqual(gan.images);
  });

  it('gives answer.markdown the source of what it uses, after the answer', () => {
    expect(corpus.questions[0]!.answer.markdown).toBe(
      'See [the paper][gan], and ![the logo][logo].[^clip]\n\n' +
        '[gan]: https://arxiv.org/abs/1406.2661 "GAN"\n\n' +
        '[logo]: images/logo.png\n\n' +
        '[^clip]: Pairs ![images][img] with text.[^more]\n\n' +
        '[^more]: A second note.\n\n' +
        '[img]: images/pairs.png',
    );
  });

  it('gives answer.text the footnotes written elsewhere', () => {
    expect(corpus.questions[0]!.answer.text).toBe('See the paper, and the logo.\n\nPairs images with text.\n\nA second note.');
  });

  it('gives answer.html footnote links that match their notes, ids carrying the question id', () => {
    const html = corpus.questions[1]!.answer.html;
    expect(html).toContain('<a href="#user-content-what-is-clip-fn-clip" id="user-content-what-is-clip-fnref-clip" data-footnote-ref aria-describedby="user-content-what-is-clip-footnote-label">1</a>');
    expect(html).toContain('<li id="user-content-what-is-clip-fn-clip">');
    expect(html).toContain('<a href="#user-content-what-is-clip-fnref-clip" data-footnote-backref=""');
    expect(html).toContain('<h2 class="sr-only" id="user-content-what-is-clip-footnote-label">');
  });

  it('leaves a link to a fragment the answer does not hold as written', () => {
    const { corpus: c } = compileCorpus([parse('# 1. Where?\n\nSee [below](#elsewhere).\n')]);
    expect(c.questions[0]!.answer.html).toBe('<p>See <a href="#elsewhere">below</a>.</p>');
  });

  it('is not part of the JSON model', () => {
    expect(Object.keys(corpus.questions[0]!.answer)).toEqual(['markdown', 'text', 'html']);
  });
});

describe('answer.markdown, read alone, gives the answer', () => {
  it.each([
    ['a fence the end of the file closed', '# 1. Code?\n\nSee [x].\n\n```js\nlet a;\n', '```js\nlet a;\n```\n\n[x]: https://example.com/x'],
    ['a comment the end of the file closed', '# 1. Comment?\n\nSee [x].\n\n<!-- a note\n', '<!-- a note\n-->\n\n[x]: https://example.com/x'],
    ['a closed fence (nothing added)', '# 1. Code?\n\nSee [x].\n\n~~~\nlet a;\n~~~~\n', '~~~\nlet a;\n~~~~\n\n[x]: https://example.com/x'],
  ])('closes %s before the definitions', (_name, question, end) => {
    const { corpus } = compileCorpus([parse(`# 0. Definitions?\n\n[x]: https://example.com/x\n\nHere.\n\n${question}`)]);
    const q = corpus.questions[1]!;
    expect(q.answer.markdown.endsWith(end)).toBe(true);
    expect(modelHtml(renderableAnswer(JSON.parse(JSON.stringify(q))), { id: q.id })).toBe(q.answer.html);
  });
});
