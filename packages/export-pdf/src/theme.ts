/** Page geometry, sizes and colours of the guide, in PDF points (1/72 in). */

/** A4 portrait. */
export const PAGE_SIZE: [number, number] = [595.28, 841.89];
export const MARGINS = { top: 62, bottom: 70, left: 66, right: 66 };
/** Baseline area of the footer, measured from the bottom edge. */
export const FOOTER_FROM_BOTTOM = 40;

export const SIZE = {
  body: 10,
  lineGap: 3.2,
  blockGap: 7,
  tightGap: 2.5,
  code: 8.6,
  codeLineGap: 1.8,
  codePadding: 7,
  question: 13.5,
  questionGapBefore: 20,
  /** Headings inside answers, by tag level: H3, H4, H5, H6 (the question is H2). */
  subheadings: [12.5, 11.25, 10.4, 10] as const,
  small: 8.5,
  title: 28,
  tocEntry: 9.8,
  listIndent: 17,
  quoteIndent: 15,
};

export const COLOR = {
  text: '#1f2328',
  muted: '#5b6570',
  accent: '#0b5cad',
  link: '#0b5cad',
  code: '#7a2e0e',
  codeBg: '#f2f4f7',
  rule: '#d5dbe1',
  quoteBar: '#a9b5c1',
  tableHeaderBg: '#eef1f4',
  tableBorder: '#c6ced6',
};

/** How many body lines a question heading must keep below it on its page. */
export const KEEP_LINES = 3;
