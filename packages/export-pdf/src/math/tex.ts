/**
 * TeX → SVG with MathJax (mathjax-full, in Node with its lite DOM adaptor: no browser, no
 * network), sized in PDF points for a given font size, with the baseline known, so that the
 * guide can draw a formula as vector graphics: inline on the text's baseline, or displayed.
 */
import { createRequire } from 'node:module';
import type { LiteElement } from 'mathjax-full/js/adaptors/lite/Element.js';
import type * as MathJaxModule from 'mathjax-full/js/mathjax.js';
import type * as TexModule from 'mathjax-full/js/input/tex.js';
import type * as SvgModule from 'mathjax-full/js/output/svg.js';
import type * as LiteAdaptorModule from 'mathjax-full/js/adaptors/liteAdaptor.js';
import type * as HtmlHandlerModule from 'mathjax-full/js/handlers/html.js';
import type * as AllPackagesModule from 'mathjax-full/js/input/tex/AllPackages.js';

export interface TypesetMath {
  /** A standalone SVG document: every glyph a path (no font, no `<use>` of a shared cache). */
  svg: string;
  /** Size in points at the requested font size. */
  width: number;
  height: number;
  /** Distance from the baseline down to the bottom of the formula, in points. */
  depth: number;
}

interface MathJaxDocument {
  convert(tex: string, options: { display: boolean }): LiteElement;
}

const require = createRequire(import.meta.url);
let document: MathJaxDocument | undefined;
let adaptor: ReturnType<typeof LiteAdaptorModule.liteAdaptor> | undefined;

function load(): MathJaxDocument {
  if (document) return document;
  // MathJax's CommonJS build: loaded on first use, so a corpus without math pays nothing.
  const { mathjax } = require('mathjax-full/js/mathjax.js') as typeof MathJaxModule;
  const { TeX } = require('mathjax-full/js/input/tex.js') as typeof TexModule;
  const { SVG } = require('mathjax-full/js/output/svg.js') as typeof SvgModule;
  const { liteAdaptor } = require('mathjax-full/js/adaptors/liteAdaptor.js') as typeof LiteAdaptorModule;
  const { RegisterHTMLHandler } = require('mathjax-full/js/handlers/html.js') as typeof HtmlHandlerModule;
  const { AllPackages } = require('mathjax-full/js/input/tex/AllPackages.js') as typeof AllPackagesModule;
  const lite = liteAdaptor();
  adaptor = lite;
  RegisterHTMLHandler(lite);
  // No `noerrors`/`noundefined`: a formula that does not parse throws (lint reports it as
  // invalid-math; the guide then prints the TeX as text).
  const packages = AllPackages.filter((p) => p !== 'noerrors' && p !== 'noundefined' && p !== 'require' && p !== 'autoload');
  document = mathjax.document('', {
    InputJax: new TeX({
      packages,
      formatError: (_jax: unknown, error: Error) => {
        throw error;
      },
    }),
    OutputJax: new SVG({ fontCache: 'none' }),
  });
  return document;
}

const cache = new Map<string, TypesetMath>();

/** Typesets `tex` at `size` points; throws when the TeX does not parse. Same input, same output. */
export function typeset(tex: string, display: boolean, size: number): TypesetMath {
  const key = `${display ? 'D' : 'T'}${size}\u0000${tex}`;
  const known = cache.get(key);
  if (known) return known;
  const container = load().convert(tex, { display });
  const svgNode = adaptor!.firstChild(container) as LiteElement;
  const svg = adaptor!.outerHTML(svgNode);
  // The viewBox is in thousandths of an em, y growing down, the baseline at y = 0.
  const box = /viewBox="([-\d.e]+) ([-\d.e]+) ([\d.e]+) ([\d.e]+)"/.exec(svg);
  if (!box) throw new Error('MathJax wrote an SVG without a viewBox');
  const [minY, width, height] = [Number(box[2]), Number(box[3]), Number(box[4])];
  const result: TypesetMath = {
    svg: svg.includes('xmlns=') ? svg : svg.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"'),
    width: (width / 1000) * size,
    height: (height / 1000) * size,
    depth: Math.max(0, ((minY + height) / 1000) * size),
  };
  if (cache.size > 2000) cache.clear();
  cache.set(key, result);
  return result;
}
