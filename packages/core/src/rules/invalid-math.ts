import { createRequire } from 'node:module';
import type * as Katex from 'katex';
import type { Code } from 'mdast';
import type { InlineMath, Math as MathBlock } from 'mdast-util-math';
import { nodesOfType } from '../nodes.js';
import { defineRule } from '../rule.js';
import { pointAt } from '../source.js';

/** Macros that MathJax (Anki's renderer, and the PDF's) knows and KaTeX, the checker here, does not. */
const MATHJAX_ONLY = ['\\label', '\\eqref', '\\ref', '\\require', '\\bbox', '\\class', '\\cssId', '\\style', '\\mmlToken', '\\nonumber'];

const require = createRequire(import.meta.url);
let katex: typeof Katex | undefined;
/** KaTeX, loaded on the first formula: a corpus without math does not pay its start-up (~65 ms). */
function checker(): typeof Katex {
  return (katex ??= require('katex') as typeof Katex);
}

/** Why KaTeX refused a formula: where (in the TeX) and its message; null when it parses. */
type Verdict = { offset: number; message: string } | null;

// KaTeX's verdict on each formula seen, by macros, display mode and TeX. A corpus repeats its
// formulas (the same `$$…$$` in many answers), and KaTeX's result depends on nothing else: every
// call gets its own copy of the macros, which a `\gdef` in a formula may change. Emptied when full.
const verdicts = new Map<string, Verdict>();
const MAX_VERDICTS = 20_000;

function verdictOf(tex: string, display: boolean, macroNames: string, macros: Record<string, string>): Verdict {
  const key = `${display ? 'D' : 'I'}${macroNames}\0${tex}`;
  const known = verdicts.get(key);
  if (known !== undefined) return known;
  const katex = checker();
  let verdict: Verdict = null;
  try {
    katex.renderToString(tex, { throwOnError: true, displayMode: display, strict: 'ignore', trust: false, macros: { ...macros } });
  } catch (error) {
    if (!(error instanceof katex.ParseError)) throw error;
    verdict = { offset: typeof error.position === 'number' ? Math.min(error.position, tex.length) : 0, message: error.rawMessage };
  }
  if (verdicts.size >= MAX_VERDICTS) verdicts.clear();
  verdicts.set(key, verdict);
  return verdict;
}

// A dollar that opens math which never closes: not escaped, not a price ("$5"), followed by
// TeX ("$\alpha", "$x_1") before the end of the paragraph's text.
const OPEN_DOLLAR = /(?<!\\)\$(?=[^\s$\d])(?=[^$]*[\\^_{])/g;

/**
 * Math is typeset on the card (by Anki's MathJax) and in the PDF. A formula that does not
 * parse shows as red error text on the card and as raw TeX in print, and the learner cannot
 * tell what was meant; a `$` left open turns the rest of the paragraph into plain text with
 * stray TeX in it. The formula is checked with KaTeX, which reports where it fails.
 */
export default defineRule<{ macros: string[] }>({
  scope: 'file',
  meta: {
    id: 'invalid-math',
    description: 'Math (`$…$`, `$$…$$`, ```math blocks) is TeX that parses.',
    severity: 'error',
    fixable: false,
    defaultOptions: { macros: MATHJAX_ONLY },
    optionsSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        macros: {
          type: 'array',
          items: { type: 'string', pattern: '^\\\\[A-Za-z]+$' },
          description: 'Control sequences to accept although KaTeX does not know them (the renderer does).',
        },
      },
    },
  },
  check({ file, options, report }) {
    const text = file.source.text;
    const macros = Object.fromEntries(options.macros.map((name) => [name, '']));
    const macroNames = JSON.stringify(options.macros);
    const check = (node: InlineMath | MathBlock | Code, display: boolean): void => {
      const start = node.position!.start.offset!;
      const source = text.slice(start, node.position!.end.offset);
      // Where the TeX starts in the file: after the opening dollars, or the fence's line.
      const first = node.type === 'inlineMath' ? source.search(/[^$]/) : source.indexOf('\n') + 1;
      const at = start + Math.max(0, source.indexOf(node.value, first));
      const verdict = verdictOf(node.value, display, macroNames, macros);
      if (verdict) {
        const point = pointAt(file.lineStarts, at + verdict.offset);
        report({ line: point.line, column: point.column, message: `TeX does not parse: ${verdict.message}` });
      }
    };
    for (const node of nodesOfType(file.tree, 'inlineMath')) check(node, false);
    for (const node of nodesOfType(file.tree, 'math')) check(node, true);
    for (const node of nodesOfType(file.tree, 'code')) if (node.lang === 'math') check(node, true);
    for (const node of nodesOfType(file.tree, 'text')) {
      if (!node.position || !node.value.includes('$')) continue;
      const start = node.position.start.offset!;
      const source = text.slice(start, node.position.end.offset);
      for (const match of source.matchAll(OPEN_DOLLAR)) {
        const point = pointAt(file.lineStarts, start + match.index);
        report({ line: point.line, column: point.column, message: 'This `$` opens math that is never closed; close it with `$`, or write `\\$` for a dollar sign' });
      }
    }
  },
});
