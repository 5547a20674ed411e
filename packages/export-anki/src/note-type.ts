/**
 * The note type every genai-qa deck uses. Its id is a constant (see ids.ts), so a rebuilt
 * deck's notes match the imported ones. Anki compares a note type by the names of its
 * fields and templates: renaming either is a new note type (and needs a new id).
 */

export const NOTE_TYPE_NAME = 'genai-qa Q&A';

/** Field names in order; the first is the sort field. */
export const FIELDS = ['Question', 'Answer', 'Id', 'Source'] as const;

export interface Template {
  name: string;
  qfmt: string;
  afmt: string;
}

export const TEMPLATES: readonly Template[] = [
  {
    name: 'Question → Answer',
    qfmt: '<div class="question">{{Question}}</div>',
    afmt: '{{FrontSide}}\n\n<hr id="answer">\n\n<div class="answer">{{Answer}}</div>',
  },
];

/**
 * Light by default; Anki marks night mode with `.nightMode` (desktop, AnkiMobile) or
 * `.night_mode` (AnkiDroid, older desktop) on the card's body.
 */
export const CSS = `.card {
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif;
  font-size: 19px;
  line-height: 1.55;
  text-align: left;
  color: #1f2328;
  background-color: #ffffff;
}
.question, .answer {
  max-width: 40em;
  margin: 0 auto;
}
.question {
  font-size: 1.2em;
  font-weight: 600;
}
hr#answer {
  max-width: 40em;
  margin: 1em auto;
  border: 0;
  border-top: 1px solid #d0d7de;
}
.answer > :first-child { margin-top: 0; }
/* Headings inside an answer stay below the question's size, each level a step smaller. */
.answer h1, .answer h2 { font-size: 1.12em; margin: 1em 0 0.4em; }
.answer h3 { font-size: 1.05em; margin: 0.9em 0 0.35em; }
.answer h4, .answer h5, .answer h6 { font-size: 1em; margin: 0.8em 0 0.3em; color: #59636e; }
/*
 * Displayed math, on its own or inside a paragraph (a span there: made a block, so that it
 * scrolls), scrolls sideways when wider than the card, with the same edge shadows as code.
 */
.math-display {
  display: block;
  margin: 0 0 0.8em;
  overflow-x: auto;
  overflow-y: hidden;
  background:
    linear-gradient(to right, #ffffff 30%, rgba(255, 255, 255, 0)) left / 2.5em 100% no-repeat local,
    linear-gradient(to left, #ffffff 30%, rgba(255, 255, 255, 0)) right / 2.5em 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(31, 35, 40, 0.28), rgba(31, 35, 40, 0)) left / 0.9em 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(31, 35, 40, 0.28), rgba(31, 35, 40, 0)) right / 0.9em 100% no-repeat scroll;
}
p { margin: 0 0 0.8em; }
ul, ol { margin: 0 0 0.8em; padding-left: 1.6em; }
li { margin: 0.25em 0; }
li > p { margin: 0.25em 0; }
a { color: #0969da; }
strong { font-weight: 600; }
code, kbd, samp, pre {
  font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
code {
  font-size: 0.88em;
  padding: 0.1em 0.35em;
  border-radius: 4px;
  background-color: rgba(175, 184, 193, 0.2);
}
/*
 * A code block wider than the card scrolls sideways; a shadow at the edge where more code
 * hides says so (the covers scroll with the code, the shadows stay with the box).
 */
pre {
  font-size: 0.85em;
  line-height: 1.45;
  margin: 0 0 0.8em;
  padding: 0.8em 1em;
  overflow-x: auto;
  border-radius: 6px;
  background:
    linear-gradient(to right, #f6f8fa 30%, rgba(246, 248, 250, 0)) left / 2.5em 100% no-repeat local,
    linear-gradient(to left, #f6f8fa 30%, rgba(246, 248, 250, 0)) right / 2.5em 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(31, 35, 40, 0.28), rgba(31, 35, 40, 0)) left / 0.9em 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(31, 35, 40, 0.28), rgba(31, 35, 40, 0)) right / 0.9em 100% no-repeat scroll,
    #f6f8fa;
}
@media (max-width: 480px) {
  pre { font-size: 0.78em; padding: 0.7em 0.8em; }
}
/* highlight.js tokens, in GitHub's colours (night mode below). */
.hljs-comment, .hljs-quote { color: #59636e; font-style: italic; }
.hljs-keyword, .hljs-selector-tag, .hljs-type, .hljs-literal { color: #cf222e; }
.hljs-string, .hljs-regexp, .hljs-addition { color: #0a3069; }
.hljs-number, .hljs-symbol, .hljs-bullet, .hljs-variable, .hljs-template-variable, .hljs-attr, .hljs-attribute { color: #0550ae; }
.hljs-title, .hljs-section, .hljs-function .hljs-title, .hljs-title.function_, .hljs-title.class_ { color: #6639ba; }
.hljs-built_in, .hljs-meta, .hljs-name, .hljs-tag { color: #953800; }
.hljs-deletion { color: #82071e; }
.hljs-emphasis { font-style: italic; }
.hljs-strong { font-weight: 600; }
pre code {
  font-size: 1em;
  padding: 0;
  background: none;
  white-space: pre;
}
kbd {
  font-size: 0.85em;
  padding: 0.1em 0.4em;
  border: 1px solid #d0d7de;
  border-bottom-width: 2px;
  border-radius: 4px;
}
blockquote {
  margin: 0 0 0.8em;
  padding: 0 1em;
  color: #59636e;
  border-left: 0.25em solid #d0d7de;
}
table {
  margin: 0 0 0.8em;
  border-collapse: collapse;
  display: block;
  max-width: 100%;
  overflow-x: auto;
}
th, td {
  padding: 0.3em 0.7em;
  border: 1px solid #d0d7de;
}
th { font-weight: 600; background-color: #f6f8fa; }
tr:nth-child(2n) td { background-color: #f6f8fa; }
img {
  max-width: 100%;
  height: auto;
}
.image-alt {
  font-style: italic;
  color: #59636e;
}
.image-alt::before { content: "[image: "; }
.image-alt::after { content: "]"; }

.card.nightMode, .card.night_mode, .nightMode .card, .night_mode .card {
  color: #e6edf3;
  background-color: #1e1e1e;
}
.nightMode hr#answer, .night_mode hr#answer { border-top-color: #3d444d; }
.nightMode a, .night_mode a { color: #58a6ff; }
.nightMode code, .night_mode code { background-color: rgba(110, 118, 129, 0.4); }
.nightMode .math-display, .night_mode .math-display {
  background:
    linear-gradient(to right, #1e1e1e 30%, rgba(30, 30, 30, 0)) left / 2.5em 100% no-repeat local,
    linear-gradient(to left, #1e1e1e 30%, rgba(30, 30, 30, 0)) right / 2.5em 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(230, 237, 243, 0.3), rgba(230, 237, 243, 0)) left / 0.9em 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(230, 237, 243, 0.3), rgba(230, 237, 243, 0)) right / 0.9em 100% no-repeat scroll;
}
.nightMode pre, .night_mode pre {
  background:
    linear-gradient(to right, #161b22 30%, rgba(22, 27, 34, 0)) left / 2.5em 100% no-repeat local,
    linear-gradient(to left, #161b22 30%, rgba(22, 27, 34, 0)) right / 2.5em 100% no-repeat local,
    radial-gradient(farthest-side at 0 50%, rgba(230, 237, 243, 0.3), rgba(230, 237, 243, 0)) left / 0.9em 100% no-repeat scroll,
    radial-gradient(farthest-side at 100% 50%, rgba(230, 237, 243, 0.3), rgba(230, 237, 243, 0)) right / 0.9em 100% no-repeat scroll,
    #161b22;
}
.nightMode .answer h4, .night_mode .answer h4, .nightMode .answer h5, .night_mode .answer h5, .nightMode .answer h6, .night_mode .answer h6 { color: #9198a1; }
.nightMode .hljs-comment, .night_mode .hljs-comment, .nightMode .hljs-quote, .night_mode .hljs-quote { color: #9198a1; }
.nightMode .hljs-keyword, .night_mode .hljs-keyword, .nightMode .hljs-selector-tag, .night_mode .hljs-selector-tag, .nightMode .hljs-type, .night_mode .hljs-type, .nightMode .hljs-literal, .night_mode .hljs-literal { color: #ff7b72; }
.nightMode .hljs-string, .night_mode .hljs-string, .nightMode .hljs-regexp, .night_mode .hljs-regexp, .nightMode .hljs-addition, .night_mode .hljs-addition { color: #a5d6ff; }
.nightMode .hljs-number, .night_mode .hljs-number, .nightMode .hljs-symbol, .night_mode .hljs-symbol, .nightMode .hljs-bullet, .night_mode .hljs-bullet, .nightMode .hljs-variable, .night_mode .hljs-variable, .nightMode .hljs-template-variable, .night_mode .hljs-template-variable, .nightMode .hljs-attr, .night_mode .hljs-attr, .nightMode .hljs-attribute, .night_mode .hljs-attribute { color: #79c0ff; }
.nightMode .hljs-title, .night_mode .hljs-title, .nightMode .hljs-section, .night_mode .hljs-section { color: #d2a8ff; }
.nightMode .hljs-built_in, .night_mode .hljs-built_in, .nightMode .hljs-meta, .night_mode .hljs-meta, .nightMode .hljs-name, .night_mode .hljs-name, .nightMode .hljs-tag, .night_mode .hljs-tag { color: #ffa657; }
.nightMode .hljs-deletion, .night_mode .hljs-deletion { color: #ffdcd7; }
.nightMode pre code, .night_mode pre code { background: none; }
.nightMode kbd, .night_mode kbd { border-color: #3d444d; }
.nightMode blockquote, .night_mode blockquote { color: #9198a1; border-left-color: #3d444d; }
.nightMode th, .night_mode th, .nightMode td, .night_mode td { border-color: #3d444d; }
.nightMode th, .night_mode th, .nightMode tr:nth-child(2n) td, .night_mode tr:nth-child(2n) td { background-color: #161b22; }
.nightMode img, .night_mode img {
  /* Diagrams drawn for white paper stay legible on a dark card. */
  background-color: #ffffff;
  border-radius: 4px;
}
.nightMode .image-alt, .night_mode .image-alt { color: #9198a1; }
`;

const LATEX_PRE =
  '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n';

/** The note type as the legacy (schema 11) `col.models` JSON stores it. */
export function noteTypeJson(id: number, deckId: number, modSeconds: number): Record<string, unknown> {
  return {
    id,
    name: NOTE_TYPE_NAME,
    type: 0,
    mod: modSeconds,
    usn: -1,
    sortf: 0,
    did: deckId,
    tmpls: TEMPLATES.map((t, ord) => ({ name: t.name, ord, qfmt: t.qfmt, afmt: t.afmt, bqfmt: '', bafmt: '', did: null, bfont: '', bsize: 0 })),
    flds: FIELDS.map((name, ord) => ({ name, ord, sticky: false, rtl: false, font: 'Arial', size: 20, media: [] })),
    css: CSS,
    latexPre: LATEX_PRE,
    latexPost: '\\end{document}',
    latexsvg: false,
    // Card 1 needs the Question field.
    req: [[0, 'any', [0]]],
    tags: [],
    vers: [],
  };
}
