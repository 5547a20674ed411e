import { describe, expect, it } from 'vitest';
import { findings } from '../helpers.js';

/** One question with `comment` right after its heading (line 3). */
function withComment(comment: string): string {
  return `# 1. What is a GAN?\n\n${comment}\n\nA generative model.\n`;
}

const TAG_HINT = 'must be lower-case letters, digits and hyphens, with "::" for hierarchy (e.g. "gan::training")';

describe('invalid-metadata', () => {
  describe('valid', () => {
    it('accepts an id and tags', () => {
      expect(findings('invalid-metadata', withComment('<!-- genai-qa id="what-is-a-gan" tags="gan, gan::training, fundamentals" -->'))).toEqual([]);
    });

    it('accepts single quotes, bare values and a metadata comment right under the heading', () => {
      expect(findings('invalid-metadata', "# 1. What is a GAN?\n<!-- genai-qa id='gan' tags=gan -->\n\nA.\n")).toEqual([]);
    });

    it('accepts front matter with a title and description', () => {
      expect(findings('invalid-metadata', `---\ntitle: Generative AI\ndescription: Questions on GANs.\n---\n\n${withComment('')}`)).toEqual([]);
    });

    it('accepts disable directives with known rule ids and a free comment after "--"', () => {
      const md = withComment('<!-- genai-qa-disable-question bare-url, raw-html -- the links are examples -->');
      expect(findings('invalid-metadata', md)).toEqual([]);
    });

    it('accepts disable and enable regions outside questions', () => {
      expect(findings('invalid-metadata', `<!-- genai-qa-disable bare-url -->\n\n${withComment('')}\n<!-- genai-qa-enable -->\n`)).toEqual([]);
    });

    it('ignores ordinary comments that mention genai-qa', () => {
      expect(findings('invalid-metadata', withComment('<!-- genai-qaz is not a directive --> <!-- see genai-qa docs -->'))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('reports an unknown metadata key', () => {
      expect(findings('invalid-metadata', withComment('<!-- genai-qa id="gan" color="red" -->'))).toEqual([
        { line: 3, column: 1, message: 'unknown metadata key "color"; expected id or tags' },
      ]);
    });

    it('reports a bad tag, once per tag', () => {
      expect(findings('invalid-metadata', withComment('<!-- genai-qa tags="GAN, ok, bad tag!" -->'))).toEqual([
        { line: 3, column: 1, message: `tag "GAN" ${TAG_HINT}` },
        { line: 3, column: 1, message: `tag "tag!" ${TAG_HINT}` },
      ]);
    });

    it('reports an id that is not a slug, suggesting one', () => {
      expect(findings('invalid-metadata', withComment('<!-- genai-qa id="What Is A GAN" -->'))).toEqual([
        { line: 3, column: 1, message: 'id "What Is A GAN" is not a slug; write lower-case words joined by hyphens, e.g. "what-is-a-gan"' },
      ]);
    });

    it('reports metadata it cannot read, and a key given twice', () => {
      expect(findings('invalid-metadata', withComment('<!-- genai-qa tags -->'))).toEqual([
        { line: 3, column: 1, message: 'cannot read "tags"; write metadata as key="value", e.g. <!-- genai-qa id="what-is-a-gan" tags="gan" -->' },
      ]);
      expect(findings('invalid-metadata', withComment('<!-- genai-qa id="a" id="b" -->'))).toEqual([
        { line: 3, column: 1, message: '"id" is given twice' },
      ]);
    });

    it('reports a second metadata comment in one question', () => {
      const md = withComment('<!-- genai-qa id="gan" -->\n\n<!-- genai-qa tags="gan" -->');
      expect(findings('invalid-metadata', md)).toEqual([
        { line: 5, column: 1, message: 'a question has one genai-qa metadata comment; merge this one into the first' },
      ]);
    });

    it('reports an unknown rule id in a disable directive', () => {
      expect(findings('invalid-metadata', withComment('<!-- genai-qa-disable-question no-such-rule -->'))).toEqual([
        { line: 3, column: 1, message: 'unknown rule "no-such-rule" in genai-qa-disable-question' },
      ]);
      expect(findings('invalid-metadata', `${withComment('')}\n<!-- genai-qa-disable-next-line bare-url, bare-urls -->\nhttps://example.com\n`)).toEqual([
        { line: 7, column: 1, message: 'unknown rule "bare-urls" in genai-qa-disable-next-line' },
      ]);
    });

    it('reports an unknown directive', () => {
      expect(findings('invalid-metadata', withComment('<!-- genai-qa-foo -->'))).toEqual([
        {
          line: 3,
          column: 1,
          message:
            'unknown directive "genai-qa-foo"; expected genai-qa, genai-qa-disable, genai-qa-enable, genai-qa-disable-next-line or genai-qa-disable-question',
        },
      ]);
    });

    it('reports front matter that is not valid YAML', () => {
      expect(findings('invalid-metadata', `---\ntitle: [unclosed\n---\n\n${withComment('')}`)).toEqual([
        // Reported where the YAML parser stopped, in file coordinates (its own count starts after "---").
        {
          line: 2,
          column: 17,
          message: 'front matter is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
        },
      ]);
    });

    it('reports front matter that is not a mapping, an unknown key and a value that is not a string', () => {
      expect(findings('invalid-metadata', `---\n- a\n- b\n---\n\n${withComment('')}`)).toEqual([
        { line: 1, column: 1, message: 'front matter must be a mapping with title and description' },
      ]);
      expect(findings('invalid-metadata', `---\ntitle: 3\nauthor: me\n---\n\n${withComment('')}`)).toEqual([
        { line: 1, column: 1, message: 'front matter "title" must be a string' },
        { line: 1, column: 1, message: 'unknown front matter key "author"; expected title or description' },
      ]);
    });

    it('reports a metadata comment outside any question', () => {
      expect(findings('invalid-metadata', `<!-- genai-qa id="gan" -->\n\n${withComment('')}`)).toEqual([
        { line: 1, column: 1, message: 'genai-qa metadata comment is not inside a question; put it right after the question heading' },
      ]);
    });

    it('reports a metadata comment inside a paragraph, list or block quote, where it would be ignored', () => {
      const message =
        'genai-qa metadata comment inside a paragraph, list or block quote is ignored; put it on its own line right after the question heading';
      expect(findings('invalid-metadata', withComment('> <!-- genai-qa id="gan" -->'))).toEqual([{ line: 3, column: 3, message }]);
      expect(findings('invalid-metadata', withComment('- <!-- genai-qa id="gan" -->'))).toEqual([{ line: 3, column: 3, message }]);
      expect(findings('invalid-metadata', withComment('A GAN <!-- genai-qa id="gan" --> is a model.'))).toEqual([{ line: 3, column: 7, message }]);
    });

    it('reports genai-qa-disable-question outside any question', () => {
      expect(findings('invalid-metadata', `Intro.\n\n<!-- genai-qa-disable-question bare-url -->\n\n${withComment('')}`)).toEqual([
        { line: 3, column: 1, message: 'genai-qa-disable-question is not inside a question' },
      ]);
    });
  });
});
