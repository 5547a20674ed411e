import { FACES } from '../fonts.js';
import { artifact, pageWidth, type Doc } from '../layout.js';
import type { Pages } from '../pages.js';
import { formXObject, paintForm } from '../pdfkit/internals.js';
import { captureContent, glyphsApart } from '../pdfkit/text.js';
import { COLOR, FOOTER_FROM_BOTTOM, MARGINS, SIZE } from '../theme.js';

/**
 * What every page gets once the page count is known: its block-quote bars, and (but the
 * title page) a footer with the guide's title and "page N of M", marked as pagination.
 */
export function decoratePages(doc: Doc, pages: Pages, title: string): void {
  const { start, count } = doc.bufferedPageRange();
  /** The form XObject of each footer's rule and title, by the title as shown. */
  const forms = new Map<string, string>();
  for (let i = start; i < start + count; i++) {
    doc.switchToPage(i);
    const page = doc.page;
    const bars = pages.barsOf(i);
    if (bars.length > 0) {
      artifact(doc, () => {
        for (const bar of bars) doc.rect(bar.x, bar.y0, 2.2, Math.max(0, bar.y1 - bar.y0)).fill(COLOR.quoteBar);
      });
    }
    if (i === 0) continue; // the title page has no footer
    // Writing below the bottom margin would start a new page: lift it while the footer is drawn.
    const bottom = page.margins.bottom;
    page.margins.bottom = 0;
    const y = page.height - FOOTER_FROM_BOTTOM;
    const left = MARGINS.left;
    const width = pageWidth();
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font(FACES.sans).fontSize(SIZE.small);
    const label = `page ${i + 1} of ${count}`;
    const labelWidth = doc.widthOfString(label);
    // The rule and the title are the same on every page (unless the title is cut short to
    // leave room for a longer label): drawn once, as a form XObject that each page paints.
    // The title's first character stays on the page, where the form's text goes on: pdf.js
    // reads a form's text apart from the page's, and would join its first word to the last
    // word above it instead of starting a line (the glyphs are where they were).
    const shown = ellipsize(doc, title, width - labelWidth - 24);
    const split = splitFirst(doc, shown);
    if (!split) {
      // A title whose first character is shaped with the next (a ligature, joined letters, a
      // combining mark): drawn whole on the page, as before the form.
      doc.moveTo(left, y - 7).lineTo(left + width, y - 7).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
      doc.font(FACES.sans).fontSize(SIZE.small).fillColor(COLOR.muted);
      doc.text(shown, left, y, { lineBreak: false });
    } else {
      const [first, rest] = split;
      let form = forms.get(shown);
      if (form === undefined) {
        const restX = left + doc.widthOfString(shown) - doc.widthOfString(rest);
        const content = captureContent(doc, () => {
          doc.moveTo(left, y - 7).lineTo(left + width, y - 7).lineWidth(0.5).strokeColor(COLOR.rule).stroke();
          doc.font(FACES.sans).fontSize(SIZE.small).fillColor(COLOR.muted);
          doc.text(rest, restX, y, { lineBreak: false });
        });
        form = formXObject(doc, content);
        forms.set(shown, form);
      }
      doc.fillColor(COLOR.muted);
      doc.text(first, left, y, { lineBreak: false });
      paintForm(doc, form);
    }
    doc.text(label, left + width - labelWidth, y, { lineBreak: false });
    doc.endMarkedContent();
    page.margins.bottom = bottom;
  }
}

/**
 * The title's first character and the rest, when the two drawn apart in the current font give
 * the glyphs of the title drawn at once: no ligature across them (DejaVu Sans joins "fi",
 * "fl", "ff"), no joined or contextual form, no combining mark after the first.
 */
export function splitFirst(doc: Doc, title: string): [string, string] | undefined {
  const first = String.fromCodePoint(title.codePointAt(0) ?? 0);
  const rest = title.slice(first.length);
  if (title === '' || rest === '' || /^\p{M}/u.test(rest)) return undefined;
  return glyphsApart(doc, first, rest) ? [first, rest] : undefined;
}

function ellipsize(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let out = text;
  while (out.length > 1 && doc.widthOfString(`${out}…`) > width) out = out.slice(0, -1);
  return `${out.trimEnd()}…`;
}
