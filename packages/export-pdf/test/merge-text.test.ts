// src/pdfkit/merge-text.ts: the compact writer's text objects joined across marked content,
// on a page's gathered chunks as the writer and pdfkit write them (one operator each, the
// writer's text as `BT`, `Tm`, `Tf`, `TJ` lines, a BDC's property list over three lines).
import { describe, expect, it } from 'vitest';
import { mergeTextObjects } from '../src/pdfkit/merge-text.js';

const GREY = '0.3569 0.3961 0.4392 rg';
const INK = '0.1216 0.1373 0.1569 rg';
const bdc = (tag: string, mcid: number): string => `/${tag} <<\n/MCID ${mcid}\n>> BDC`;

describe('mergeTextObjects', () => {
  it('joins two list-item runs, each in its own marked content, into one text object with a relative Td', () => {
    const chunks = [
      GREY,
      bdc('Lbl', 0),
      'BT\n1 0 0 -1 71.102 93.123 Tm\n/F1 10 Tf\n[(a) 0] TJ',
      'ET',
      'EMC',
      INK,
      bdc('LBody', 1),
      'BT\n1 0 0 -1 83 93.123 Tm\n[(b) 0] TJ',
      '0 -11.641 Td\n[(c) 0] TJ',
      'ET',
      'EMC',
      GREY,
      bdc('Lbl', 2),
      'BT\n1 0 0 -1 71.102 116.405 Tm\n[(d) 0] TJ',
      'ET',
      'EMC',
    ];
    expect(mergeTextObjects(chunks)).toBe(
      [
        GREY,
        'BT',
        '1 0 0 -1 71.102 93.123 Tm',
        bdc('Lbl', 0),
        '/F1 10 Tf',
        '[(a) 0] TJ',
        'EMC',
        INK,
        // From the line start (71.102, 93.123) to (83, 93.123); the text matrix is flipped.
        '11.898 0 Td',
        bdc('LBody', 1),
        '[(b) 0] TJ',
        '0 -11.641 Td',
        '[(c) 0] TJ',
        'EMC',
        GREY,
        // The line matrix is at (83, 104.764) after the Td above: back to 71.102 and down to 116.405.
        '-11.898 -11.641 Td',
        bdc('Lbl', 2),
        '[(d) 0] TJ',
        'EMC',
        'ET',
        '',
      ].join('\n'),
    );
  });

  it('leaves apart text objects whose marked content began outside them (a link underlined before its text)', () => {
    const chunks = [
      bdc('Link', 0),
      'q',
      '1 w',
      '66 72.64 m',
      '113.75 72.64 l',
      'S',
      'Q',
      'BT\n1 0 0 -1 66 71.282 Tm\n/F1 10 Tf\n[(a) 0] TJ',
      'ET',
      'EMC',
      INK,
      bdc('P', 1),
      'BT\n1 0 0 -1 113.749 71.282 Tm\n[(b) 0] TJ',
      'ET',
      'EMC',
    ];
    // The second sequence holds one text object and moves inside it; the first cannot, and the
    // EMC that ends the link between them keeps the two text objects apart.
    expect(mergeTextObjects(chunks)).toBe(
      [
        ...chunks.slice(0, 11),
        'BT',
        '1 0 0 -1 113.749 71.282 Tm',
        bdc('P', 1),
        '[(b) 0] TJ',
        'EMC',
        'ET',
        '',
      ].join('\n'),
    );
  });

  it('leaves what is not only marked content and colours between text objects, and pdfkit’s own text objects, as written', () => {
    const chunks = [
      'BT\n1 0 0 -1 72 81.282 Tm\n/F1 10 Tf\n[(a) 0] TJ',
      'ET',
      '72 90 10 10 re',
      'f',
      'BT\n1 0 0 -1 72 101.282 Tm\n[(b) 0] TJ',
      'ET',
      'q',
      '1 0 0 -1 0 792 cm',
      'BT',
      '1 0 0 1 72 700 Tm',
      '/F1 10 Tf',
      '0.2 Tc',
      '[<0041> 0] TJ',
      'ET',
      'Q',
    ];
    expect(mergeTextObjects(chunks)).toBe(`${chunks.join('\n')}\n`);
  });
});
