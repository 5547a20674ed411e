import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import initSqlJs from 'sql.js';
import { afterAll, describe, expect, it } from 'vitest';
import { CSS, TEMPLATES } from '@genai-qa/export-anki';
import { cli } from '../packages/cli/test/helpers.js';
import { BROWSER, renderCard } from './support/chromium.js';
import { inkedText, readPdf } from './support/pdf.js';
import { needing, needs } from './support/readers.js';

// A corpus written by hand in the shape of a public LLM interview bank, not by the project's
// generator: `## N.` questions under a title, $…$, $$…$$ with \\ rows and `cases`, ```math,
// Anki's \(…\) and \[…\] (one with underscores that Markdown would read as emphasis), Python
// and bash blocks with lines over 100 characters, a block long enough to split across pages,
// ### and #### inside answers, and one broken formula. Built by the real CLI; read back with
// SQLite (sql.js), pdf.js, poppler and Chromium.
const repo = path.resolve(import.meta.dirname, '..');
const source = fs.readFileSync(path.join(repo, 'test/fixtures/llm-bank/llm-interview.md'), 'utf8');
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-llm-bank-'));
afterAll(() => fs.rmSync(out, { recursive: true, force: true }));
const lint = await cli(['lint', '--format', 'json', 'test/fixtures/llm-bank'], repo);
const built = await cli(['build', '--content', 'test/fixtures/llm-bank', '--out', out, '--force'], repo, { SOURCE_DATE_EPOCH: '1767225600' });

const zip = await JSZip.loadAsync(fs.readFileSync(path.join(out, 'llm-interview-questions.apkg')));
const SQL = await initSqlJs();
const db = new SQL.Database(await zip.file('collection.anki2')!.async('uint8array'));
const notes = db.exec('SELECT flds FROM notes')[0]!.values.map(([flds]) => String(flds).split('\x1f') as [string, string, string]);
db.close();
const pdfBytes = fs.readFileSync(path.join(out, 'llm-interview-questions.pdf'));

/** What the deck's HTML escapes (the only change the TeX may undergo on the way). */
function unescape(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

describe('a hand-written LLM interview bank', () => {
  it('lints with one finding: the broken formula, where it breaks (invalid-math)', () => {
    expect(lint.code).toBe(1);
    const found = (JSON.parse(lint.stdout) as Array<{ line: number; column: number; ruleId: string; message: string }>).map((d) => [d.line, d.column, d.ruleId, d.message]);
    expect(found).toEqual([[66, 52, 'invalid-math', "TeX does not parse: Unexpected end of input in a macro argument, expected '}'"]]);
    expect(source.split('\n')[65]!.slice(35, 52)).toBe('$\\frac{\\alpha}{r$');
  });

  it('builds every artifact with --force', () => {
    expect(built.code).toBe(0);
    expect(built.stderr).toContain('building despite lint errors (--force)');
  });

  it('keeps every formula in the deck as written, HTML-escaped only, in Anki delimiters (SQLite)', () => {
    const fields = notes.map((n) => n[1]).join('\n');
    const formulas = [...fields.matchAll(/\\\(([\s\S]*?)\\\)|\\\[([\s\S]*?)\\\]/g)].map((m) => unescape(m[1] ?? m[2]!));
    // 17 $…$/$$…$$ spans, one ```math block, three \(…\) and one \[…\] in the source.
    expect(formulas).toHaveLength(22);
    for (const tex of formulas) expect(source).toContain(tex);
    expect(formulas).toContain('\\eta_t = \\begin{cases}\n\\eta_{max} \\cdot \\frac{t}{T_w} & t < T_w \\\\\n' +
      '\\eta_{min} + \\frac{1}{2}(\\eta_{max} - \\eta_{min})\\left(1 + \\cos\\left(\\pi \\frac{t - T_w}{T - T_w}\\right)\\right) & t \\ge T_w\n\\end{cases}');
    expect(fields).not.toMatch(/<em>|\$/);
  });

  it('typesets every formula in the guide: no TeX in its text layer but the broken one (pdf.js)', async () => {
    const text = (await readPdf(pdfBytes)).text.join(' ');
    expect(text).not.toContain('$');
    expect(text.match(/\\[a-z]+/g)).toEqual(['\\frac', '\\alpha']);
    expect(text).toContain('This formula is broken on purpose: \\frac{\\alpha}{r is missing a brace.');
  });

  it('highlights the Python and the bash in print colours (pdf.js operator list)', async () => {
    const ops = await inkedText(pdfBytes);
    const fills = (word: string) => new Set(ops.filter((op) => op.text.trim() === word).map((op) => op.fill));
    expect(fills('def')).toEqual(new Set(['#cf222e']));
    expect(fills('import')).toEqual(new Set(['#cf222e']));
    expect(fills('class')).toEqual(new Set(['#cf222e']));
    // bash: a built-in and a comment coloured, the rest plain.
    expect(fills('export')).toEqual(new Set(['#953800']));
    expect(ops.find((op) => op.text.includes('# one process per GPU'))?.fill).toBe('#57606a');
    expect(ops.find((op) => op.text.startsWith('torchrun'))?.fill).toBe('#1f2328');
  });

  const poppler = needs('pdftotext');
  it.skipIf(poppler.skip)(`wraps long lines with a mark and says that the long block continues (pdftotext)${poppler.reason}`, () => {
    const pdf = path.join(out, 'llm-interview-questions.pdf');
    const layout = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(layout).toContain('continues on the next page');
    expect(layout.match(/↪/g)?.length).toBeGreaterThanOrEqual(8);
  });

  const chromium = needing(BROWSER ? [] : [['chromium', 'chromium']]);
  it.skipIf(chromium.skip)(`shows a card with typeset math, highlighted code, and wide display math that scrolls (Chromium)${chromium.reason}`, () => {
    const [q, a] = notes.find((n) => n[1].includes('DPO'))!;
    const front = TEMPLATES[0]!.qfmt.replace('{{Question}}', q);
    const html = TEMPLATES[0]!.afmt.replace('{{FrontSide}}', front).replace('{{Answer}}', a);
    const screenshot = path.join(out, 'card.png');
    const { dom, probe } = renderCard({ html, css: CSS }, { width: 390, height: 900, screenshot });
    const body = dom.slice(dom.indexOf('<body'));
    expect(body.match(/<mjx-container[^>]*display="true"/g)).toHaveLength(2);
    expect(body).not.toMatch(/data-mml-node="merror"|data-mjx-error/);
    expect(probe.mathScrolls).toEqual([true, true]);
  });
});
