import type { Root } from 'mdast';
import type { RenderableAnswer } from '@genai-qa/core';
import { describe, expect, it } from 'vitest';
import { exportAnki } from '../src/index.js';
import { corpusOf, openApkg, options, question } from './helpers.js';

async function fieldsOf(markdown: string, answers?: Map<string, RenderableAnswer>, assets: Record<string, string> = {}): Promise<string[]> {
  const corpus = corpusOf([question('q', { answer: { markdown, text: '', html: '' } })]);
  const apkg = await openApkg(await exportAnki(corpus, { ...options(assets), ...(answers ? { answers } : {}) }));
  try {
    return String(apkg.query('SELECT flds FROM notes')[0]!.flds).split('\x1f');
  } finally {
    apkg.close();
  }
}

/** The Answer field of a deck built from one answer written in Markdown. */
async function answerOf(markdown: string, assets: Record<string, string> = {}): Promise<string> {
  return (await fieldsOf(markdown, undefined, assets))[1]!;
}

/**
 * The Answer field of a deck built from a syntax tree handed over as it is. mdast-util-to-hast
 * honours `data.hName` and `data.hProperties`, so a tree (from a future plugin, or built by
 * hand) can ask for any element: the deck's sanitizer is what keeps them out.
 */
async function answerOfTree(tree: Root): Promise<string> {
  const answer: RenderableAnswer = { tree, definitions: new Map(), footnotes: new Map(), images: [] };
  return (await fieldsOf('', new Map([['q', answer]])))[1]!;
}

const paragraph = (text: string, data: Record<string, unknown>): Root['children'][number] => ({
  type: 'paragraph',
  data: data as never,
  children: [{ type: 'text', value: text }],
});

describe('answers written in Markdown are made safe on the way into the deck', () => {
  it.each([
    ['raw HTML tags (the text between them stays text)', 'Hi<script>alert(1)</script>', '<p>Hialert(1)</p>'],
    ['a raw HTML block: style, iframe and svg', '<style>p{}</style>\n<iframe src="https://e.example"></iframe>\n\nok', '<p>ok</p>'],
    ['an event handler in raw HTML', '<p onclick="alert(1)">text</p>', ''],
    ['a javascript: link (its text stays)', '[click](javascript:alert(1))', '<p>click</p>'],
    ['an entity-encoded javascript: link', '[click](JaVaScRiPt&#x3A;alert(1))', '<p>click</p>'],
    ['a data: link', '[click](data:text/html,alert%281%29)', '<p>click</p>'],
    ['a title that tries to close its quotes', `[ok](https://ok.example/?a=1&b=2 'x" onclick="alert(1)')`, '<p><a href="https://ok.example/?a=1&amp;b=2" title="x&quot; onclick=&quot;alert(1)">ok</a></p>'],
    ['an image with a javascript: src', '![X](javascript:alert(1))', '<p><span class="image-alt">X</span></p>'],
    ['markup in the alt text of an image left out', '![a &lt; b <i>](gone.png)', '<p><span class="image-alt">a &lt; b &lt;i></span></p>'],
    ['a task-list checkbox (the box stays, disabled)', '- [x] done', '<ul class="contains-task-list">\n<li class="task-list-item"><input type="checkbox" checked disabled> done</li>\n</ul>'],
    ['raw <, > and & in text', '5 < 6 && 7 > 3', '<p>5 &lt; 6 &amp;&amp; 7 > 3</p>'],
    ['escaped markup in code stays escaped', '```\n<script>alert(1)</script> &copy;\n```', '<pre><code>&lt;script>alert(1)&lt;/script> &amp;copy;\n</code></pre>'],
  ])('drops or neutralizes %s', async (_name, markdown, expected) => {
    expect(await answerOf(markdown)).toBe(expected);
  });

  it('makes a remote image its alt text, a link to it unless it is a link already', async () => {
    expect(await answerOf('![X](https://example.com/x.png) [![Y](https://example.com/y.png)](https://example.com/)')).toBe(
      '<p><a href="https://example.com/x.png"><span class="image-alt">X</span></a> <a href="https://example.com/"><span class="image-alt">Y</span></a></p>',
    );
  });

  it('points a local image at its media name', async () => {
    expect(await answerOf('![X](x.png "The x")', { 'x.png': 'PNG' })).toBe('<p><img src="3910c650-x.png" alt="X" title="The x"></p>');
  });
});

describe('a syntax tree that asks for hostile elements gets none of them into the deck', () => {
  it.each([
    ['a script element, with its content', paragraph('alert(1)', { hName: 'script' }), ''],
    ['an iframe, style or svg', paragraph('x', { hName: 'iframe', hProperties: { src: 'https://e.example' } }), ''],
    ['an event handler and inline style', paragraph('text', { hProperties: { onClick: 'alert(1)', style: 'color:red' } }), '<p>text</p>'],
    ['an id (it could clobber the reviewer’s own)', paragraph('text', { hProperties: { id: 'qa', name: 'qa' } }), '<p>text</p>'],
    ['a javascript: href (the link goes, its text stays)', paragraph('click', { hName: 'a', hProperties: { href: 'javascript:alert(1)' } }), 'click'],
    ['a text input with autofocus', paragraph('', { hName: 'input', hProperties: { type: 'text', autoFocus: true, onFocus: 'alert(1)' } }), '<input type="checkbox" disabled>'],
    ['an unknown element (unwrapped: its text stays)', paragraph('kept', { hName: 'marquee' }), 'kept'],
  ])('drops or neutralizes %s', async (_name, node, expected) => {
    expect(await answerOfTree({ type: 'root', children: [node] })).toBe(expected);
  });
});

describe('the other fields are text', () => {
  it('escapes the question, id and source, and strips the field separator U+001F', async () => {
    const q = question('x', {
      question: 'Is <script>alert(1)</script> & \x1f safe?',
      source: { file: 'a<b>.md', line: 3 },
      answer: { markdown: 'a\x1fb', text: '', html: '' },
    });
    const apkg = await openApkg(await exportAnki(corpusOf([q]), options()));
    try {
      const [note] = apkg.query('SELECT flds, sfld FROM notes');
      expect(String(note!.flds).split('\x1f')).toEqual(['Is &lt;script&gt;alert(1)&lt;/script&gt; &amp;  safe?', '<p>ab</p>', 'x', 'a&lt;b&gt;.md:3']);
      expect(note!.sfld).toBe('Is <script>alert(1)</script> &  safe?');
    } finally {
      apkg.close();
    }
  });

  it('puts the deck description in as text', async () => {
    const corpus = { ...corpusOf([question('x')]), description: 'Use <b>care</b> & <script>x</script>' };
    const apkg = await openApkg(await exportAnki(corpus, options()));
    try {
      const decks = Object.values(JSON.parse(String(apkg.query('SELECT decks FROM col')[0]!.decks))) as { desc: string }[];
      expect(decks.map((d) => d.desc)).toContain('Use &lt;b&gt;care&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;');
    } finally {
      apkg.close();
    }
  });
});
