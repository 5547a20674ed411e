/**
 * Joins the compact writer's text objects across marked content, on one page's gathered
 * operators (part of `src/pdfkit/`, with `text.ts`, whose output format it reads).
 *
 * A tagged guide puts nearly every run of text in its own marked-content sequence, so the
 * writer's text objects come as `BT Tm … ET EMC rg /P <<…>> BDC BT Tm … ET`: an absolute,
 * hard-to-compress `Tm` for each. Marked-content and colour operators may stand inside a text
 * object, provided every `BDC`/`BMC` … `EMC` pair and the `BT` … `ET` pair nest properly (PDF
 * 1.7 reference, 10.5: `BMC BT ET EMC` and `BT BMC EMC ET` are valid, `BMC BT EMC ET` is not).
 * So two of the writer's text objects separated only by such operators become one, the second
 * `BT … Tm` a relative `Td`, wherever the marked content opened inside the joined object also
 * closes inside it. The glyphs, their positions (to 0.001 pt, as the writer's) and the marked
 * content are unchanged.
 */

/**
 * A text position (`Tm`, `Td`) with three decimals at most: a thousandth of a point is far
 * below what a device can show, and the six decimals of pdfkit's format cost some 5 % of the
 * compressed page content.
 */
export function position(n: number): string {
  const r = Math.round(n * 1e3) / 1e3;
  return Object.is(r, -0) ? '0' : String(r);
}

/** The writer's own text matrix, flipped (pdfkit's fallback writes `1 0 0 1 x y Tm` inside `q … cm`). */
const OWN_TM = /^1 0 0 -1 (-?[\d.]+) (-?[\d.]+) Tm$/;
const TD = /^(-?[\d.]+) (-?[\d.]+) Td$/;
const COLOUR = /^(?:(?:[\d.]+ ){1,4}(?:rg|RG|g|G|k|K|sc|SC)|\/C0 (?:cs|CS))$/;
const BMC = /^\/\S+ BMC$/;

interface TextObject {
  /** Line indices of its `BT` and `ET`. */
  bt: number;
  et: number;
  /** Its `Tm` translation, and the line matrix's after its own `Td` moves. */
  x: number;
  y: number;
  dx: number;
  dy: number;
}

/**
 * Page content gathered as chunks (one operator each, or the writer's multi-line text), as one
 * string: each chunk followed by a line end, text objects joined where that is valid.
 */
export function mergeTextObjects(chunks: readonly string[]): string {
  // One entry per line, but a BDC (whose property list spans lines) stays whole.
  const lines: string[] = [];
  const bdc: boolean[] = [];
  for (const chunk of chunks) {
    const whole = chunk.endsWith(' BDC') && chunk.startsWith('/');
    if (whole || !chunk.includes('\n')) {
      lines.push(chunk);
      bdc.push(whole);
      continue;
    }
    for (const line of chunk.split('\n')) {
      lines.push(line);
      bdc.push(false);
    }
  }
  const objects = wrapInside(lines, bdc, ownTextObjects(lines, bdc));
  /** The marked-content depth after the lines between two objects, or undefined when they cannot be joined. */
  const across = (from: number, to: number, depth: number): number | undefined => {
    for (let i = from; i < to; i++) {
      const line = lines[i]!;
      if (bdc[i] || BMC.test(line)) depth++;
      else if (line === 'EMC') {
        if (--depth < 0) return undefined;
      } else if (!COLOUR.test(line)) return undefined;
    }
    return depth;
  };
  /** The lines that a join removes (an `ET` and the next `BT`). */
  const joints = new Uint8Array(lines.length);
  let joined = false;
  for (let k = 0; k < objects.length; ) {
    // The longest run of objects from k that ends at the marked-content depth it began at.
    let last = k;
    let depth: number | undefined = 0;
    for (let j = k; j + 1 < objects.length; j++) {
      depth = across(objects[j]!.et + 1, objects[j + 1]!.bt, depth);
      if (depth === undefined) break;
      if (depth === 0) last = j + 1;
    }
    const first = objects[k]!;
    let x = first.x + first.dx;
    let y = first.y - first.dy;
    for (let m = k + 1; m <= last; m++) {
      const object = objects[m]!;
      const dx = position(object.x - x);
      const dy = position(y - object.y);
      joints[objects[m - 1]!.et] = 1;
      joints[object.bt] = 1;
      joined = true;
      lines[object.bt + 1] = `${dx} ${dy} Td`;
      x += Number(dx) + object.dx;
      y -= Number(dy) + object.dy;
    }
    k = last + 1;
  }
  if (!joined) return `${lines.join('\n')}\n`;
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) if (joints[i] === 0) kept.push(lines[i]!);
  return `${kept.join('\n')}\n`;
}

/**
 * Moves each marked-content sequence that holds exactly one of the writer's text objects (its
 * `BDC` or `BMC` just before the `BT`, but for colours, and its `EMC` just after the `ET`) inside
 * that object: `BDC rg BT Tm … ET EMC` becomes `BT Tm BDC rg … EMC ET`, the same operators
 * in an order where the next object can join this one. Returns the objects, each now from its
 * new `BT` to its new `ET`.
 */
function wrapInside(lines: string[], bdc: boolean[], objects: readonly TextObject[]): TextObject[] {
  let end = -1;
  return objects.map((object) => {
    let start = object.bt;
    let last = object.et;
    for (;;) {
      let p = start - 1;
      while (p > end && COLOUR.test(lines[p]!)) p--;
      if (p <= end || !(bdc[p] || BMC.test(lines[p]!)) || lines[last + 1] !== 'EMC') break;
      start = p;
      last++;
    }
    end = last;
    if (start === object.bt) return object;
    // BT and Tm, what stood before them, the object's own lines, what stood after its ET, then ET.
    const order: number[] = [object.bt, object.bt + 1];
    for (let i = start; i < object.bt; i++) order.push(i);
    for (let i = object.bt + 2; i < object.et; i++) order.push(i);
    for (let i = object.et + 1; i <= last; i++) order.push(i);
    order.push(object.et);
    const movedLines = order.map((i) => lines[i]!);
    const movedBdc = order.map((i) => bdc[i]!);
    for (let n = 0; n < order.length; n++) {
      lines[start + n] = movedLines[n]!;
      bdc[start + n] = movedBdc[n]!;
    }
    return { bt: start, et: last, x: object.x, y: object.y, dx: object.dx, dy: object.dy };
  });
}

/**
 * The writer's text objects among the lines: `BT`, its flipped `Tm`, then only `Tf`, `Td`, `TJ`,
 * colours and marked content (which `wrapInside` moves there) until `ET`.
 */
function ownTextObjects(lines: readonly string[], bdc: readonly boolean[]): TextObject[] {
  const objects: TextObject[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== 'BT') continue;
    const tm = OWN_TM.exec(lines[i + 1] ?? '');
    let own = tm !== null;
    let dx = 0;
    let dy = 0;
    let j: number;
    for (j = i + 2; j < lines.length && lines[j] !== 'ET'; j++) {
      if (!own) continue;
      const line = lines[j]!;
      const td = TD.exec(line);
      if (td) {
        dx += Number(td[1]);
        dy += Number(td[2]);
      } else if (!(line.startsWith('[') && line.endsWith('] TJ')) && !line.endsWith(' Tf') && !COLOUR.test(line) && !bdc[j] && !BMC.test(line) && line !== 'EMC') own = false;
    }
    if (j >= lines.length) break;
    if (own) objects.push({ bt: i, et: j, x: Number(tm![1]), y: Number(tm![2]), dx, dy });
    i = j;
  }
  return objects;
}
