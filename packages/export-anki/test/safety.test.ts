import { describe, expect, it } from 'vitest';
import { exportAnki } from '../src/index.js';
import { corpusOf, openApkg, options, question } from './helpers.js';

/**
 * Core already sanitizes answers with GitHub's schema; the exporter does not rely on it.
 * These answers are hand-built model objects holding HTML that core would never produce.
 */
async function answerOf(html: string, assets: Record<string, string> = {}): Promise<string> {
  const apkg = await openApkg(await exportAnki(corpusOf([question('q', { answer: { markdown: '', text: '', html } })]), options(assets)));
  try {
    return String(apkg.query('SELECT flds FROM notes')[0]!.flds).split('\x1f')[1]!;
  } finally {
    apkg.close();
  }
}

describe('answers are re-sanitized on the way into the deck', () => {
  it.each([
    ['a script element, with its content', '<p>Hi<script>alert(1)</script></p>', '<p>Hi</p>'],
    ['a script with odd case and attributes', '<SCRIPT type="text/javascript">alert(1)</SCRIPT><p>ok</p>', '<p>ok</p>'],
    ['a script hidden in a comment', '<!-- <script>alert(1)</script> --><p>ok</p>', '<p>ok</p>'],
    ['a tag split around a script (it reassembles only as text)', '<scr<script>x</script>ipt>alert(1)', '&lt;script&gt;alert(1)'],
    ['style, iframe, object and svg', '<style>p{}</style><iframe src="https://e.example"></iframe><object data="x"></object><svg onload="alert(1)"><circle/></svg><p>ok</p>', '<p>ok</p>'],
    ['event handlers and inline style', '<p onclick="alert(1)" style="color:red" class="note">text</p>', '<p class="note">text</p>'],
    ['a javascript: link', '<a href="javascript:alert(1)">click</a>', '<a>click</a>'],
    ['an entity-encoded javascript: link', '<a href="JaVaScRiPt&#x3A;alert(1)">click</a>', '<a>click</a>'],
    ['a javascript: link with a tab inside', '<a href="java\tscript:alert(1)">click</a>', '<a>click</a>'],
    ['a data: link', '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">click</a>', '<a>click</a>'],
    ['an attribute that tries to close its quotes', `<a href="https://ok.example/?a=1&b=2" title='x" onclick="alert(1)'>ok</a>`, '<a href="https://ok.example/?a=1&amp;b=2" title="x&quot; onclick=&quot;alert(1)">ok</a>'],
    ['an image with onerror', '<img src="x.png" onerror="alert(1)" alt="X">', '<img src="3910c650-x.png" alt="X">'],
    ['an image with a javascript: src', '<img src="javascript:alert(1)" alt="X">', '<span class="image-alt">X</span>'],
    ['markup in the alt text of an image left out', '<img src="gone.png" alt="a &#x26;lt; b <i>">', '<span class="image-alt">a &amp;lt; b &lt;i&gt;</span>'],
    ['a handler on a task-list checkbox (the box stays, disabled)', '<input type="checkbox" checked onclick="alert(1)">', '<input type="checkbox" checked disabled>'],
    ['raw <, > and & in text', '<p>5 < 6 && 7 > 3</p>', '<p>5 &lt; 6 &amp;&amp; 7 &gt; 3</p>'],
    ['escaped markup in code stays escaped', '<pre><code>&lt;script&gt;alert(1)&lt;/script&gt; &#x26;copy;</code></pre>', '<pre><code>&lt;script&gt;alert(1)&lt;/script&gt; &amp;copy;</code></pre>'],
  ])('drops or neutralizes %s', async (_name, html, expected) => {
    expect(await answerOf(html, { 'x.png': 'PNG' })).toBe(expected);
  });

  it('leaves no script, handler or javascript: URL anywhere in a deck built from all of them', async () => {
    const hostile = [
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '<a href="javascript:alert(1)">x</a>',
      '<a href=" javascript:alert(1)">x</a>',
      '<body onload="alert(1)"><p>x</p></body>',
      '<details open ontoggle="alert(1)"><summary>s</summary></details>',
      '<input type="text" onfocus="alert(1)" autofocus>',
      '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    ];
    const corpus = corpusOf(hostile.map((html, i) => question(`q${i}`, { answer: { markdown: '', text: '', html } })));
    const apkg = await openApkg(await exportAnki(corpus, options()));
    try {
      const all = apkg.query('SELECT flds FROM notes').map((r) => String(r.flds)).join('\n');
      expect(all).not.toMatch(/<script|onerror|javascript:/i);
      const attributes = [...all.matchAll(/<[a-z0-9]+((?:\s+[a-z-]+(?:="[^"]*")?)*)\s*>/g)].flatMap((m) =>
        [...m[1]!.matchAll(/\s([a-z-]+)/g)].map((a) => a[1]!),
      );
      // What survives: the `open` of <details>; every handler, link and input is gone.
      expect(attributes).toEqual(['open']);
    } finally {
      apkg.close();
    }
  });
});

describe('the other fields are text', () => {
  it('escapes the question, id and source, and strips the field separator U+001F', async () => {
    const q = question('x', {
      question: 'Is <script>alert(1)</script> & \x1f safe?',
      source: { file: 'a<b>.md', line: 3 },
      answer: { markdown: '', text: '', html: '<p>a\x1fb</p>' },
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
