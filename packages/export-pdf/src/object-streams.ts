/**
 * Object streams (PDF 1.5): pdfkit writes every object uncompressed, with a classic
 * cross-reference table of 20 bytes per object. A tagged guide has hundreds of thousands
 * of small dictionaries (structure elements, annotations, actions), so this pass moves every
 * object that is not a stream into compressed object streams and replaces the table and
 * trailer with a compressed cross-reference stream. Streams (page content, fonts, images,
 * metadata) are copied byte for byte. It reads only the layout pdfkit writes — each object at
 * the offset its table gives, `N 0 obj\n … \nendobj\n` — and throws on anything else.
 */
import { deflateSync } from 'node:zlib';

/** Objects per object stream: large enough to compress well, small enough to read one fast. */
const PER_STREAM = 1024;

export function packObjectStreams(pdf: Uint8Array): Uint8Array {
  const file = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const startxref = file.lastIndexOf('startxref');
  const xrefAt = Number(/^startxref\n(\d+)\n%%EOF\n?$/.exec(file.toString('latin1', startxref))?.[1] ?? NaN);
  const table = file.toString('latin1', xrefAt, startxref);
  const head = /^xref\n0 (\d+)\n/.exec(table);
  const trailer = /trailer\n<<\n([\s\S]*)>>\n$/.exec(table)?.[1];
  if (!head || trailer === undefined || !Number.isInteger(xrefAt)) throw unexpected('cross-reference table');
  const size = Number(head[1]);
  // Each row is `nnnnnnnnnn ggggg n \n`: the offset read from its ten digits.
  const offsets: Array<number | undefined> = [];
  const rowsAt = xrefAt + head[0].length;
  for (let i = 0; i < size; i++) {
    const at = rowsAt + 20 * i;
    if (file[at + 17] !== 0x6e /* n */) {
      offsets.push(undefined);
      continue;
    }
    let offset = 0;
    for (let d = 0; d < 10; d++) {
      const digit = file[at + d]! - 0x30;
      if (digit < 0 || digit > 9) throw unexpected('cross-reference table');
      offset = offset * 10 + digit;
    }
    offsets.push(offset);
  }
  const root = /\/Root (\d+ 0 R)/.exec(trailer)?.[1];
  const info = /\/Info (\d+ 0 R)/.exec(trailer)?.[1];
  const id = /\/ID (\[<[0-9a-f]+> <[0-9a-f]+>\])/.exec(trailer)?.[1];
  if (!root) throw unexpected('trailer');

  // Objects in file order, each cut at the next one's offset.
  const order: Array<{ n: number; offset: number }> = [];
  offsets.forEach((offset, n) => {
    if (offset !== undefined) order.push({ n, offset });
  });
  // pdfkit numbers most objects in the order it writes them: sort only when they are not.
  if (order.some((o, k) => k > 0 && o.offset < order[k - 1]!.offset)) order.sort((a, b) => a.offset - b.offset);
  const direct: Array<{ n: number; bytes: Buffer }> = [];
  const packed: Array<{ n: number; body: Buffer }> = [];
  order.forEach(({ n, offset }, k) => {
    const end = order[k + 1]?.offset ?? xrefAt;
    const bytes = file.subarray(offset, end);
    const open = `${n} 0 obj\n`;
    if (bytes.toString('latin1', 0, open.length) !== open || bytes.toString('latin1', bytes.length - 8) !== '\nendobj\n') throw unexpected(`object ${n}`);
    const body = bytes.subarray(open.length, bytes.length - 8);
    if (body.toString('latin1', body.length - 10) === '\nendstream') direct.push({ n, bytes });
    else packed.push({ n, body });
  });

  // The dictionaries by kind (structure elements of one type, annotations, outline items,
  // pages … side by side: deflate finds more of each in the one before), each kind in file
  // order; then every object numbered in the order it is written (streams first), so that
  // the object streams' indexes and the cross-reference rows run in order.
  // (Typed arrays and indexes rather than a map and an object per entry: some 300,000 objects
  // at 10,000 questions.)
  const kindIds = new Map<string, number>();
  const kinds = new Int32Array(packed.length);
  packed.forEach(({ body }, i) => {
    const kind = kindOf(body);
    let id = kindIds.get(kind);
    if (id === undefined) kindIds.set(kind, (id = kindIds.size));
    kinds[i] = id;
  });
  const rank = new Int32Array(kindIds.size);
  [...kindIds.keys()].map((kind, id) => [kind, id] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).forEach(([, id], r) => (rank[id] = r));
  // By kind, each kind in file order: a counting sort (stable) by the kinds' ranks.
  const starts = new Int32Array(kindIds.size + 1);
  for (let i = 0; i < packed.length; i++) starts[rank[kinds[i]!]! + 1]!++;
  for (let r = 0; r < kindIds.size; r++) starts[r + 1]! += starts[r]!;
  const byKind = new Array<number>(packed.length);
  for (let i = 0; i < packed.length; i++) byKind[starts[rank[kinds[i]!]!]!++] = i;
  const numbers = new Int32Array(size);
  let count = 0;
  for (const { n } of direct) numbers[n] = ++count;
  for (const i of byKind) numbers[packed[i]!.n] = ++count;
  const renumber = (n: number): number => {
    const to = n < size ? numbers[n]! : 0;
    if (to === 0) throw unexpected(`reference to object ${n}`);
    return to;
  };

  const out: Buffer[] = [file.subarray(0, order[0]?.offset ?? xrefAt)];
  let length = out[0]!.length;
  const write = (chunk: Buffer): void => {
    out.push(chunk);
    length += chunk.length;
  };
  // Cross-reference rows by object number: type, field 2, field 3 (a free row: 0, 0, 0; object 0's: 0, 0, 65535).
  const rowCount = count + Math.ceil(packed.length / PER_STREAM) + 2;
  const types = new Uint8Array(rowCount);
  const fields2 = new Float64Array(rowCount);
  const fields3 = new Float64Array(rowCount);
  fields3[0] = 0xffff;
  const row = (n: number, type: number, field2: number, field3: number): void => {
    types[n] = type;
    fields2[n] = field2;
    fields3[n] = field3;
  };
  for (const { n, bytes } of direct) {
    const to = renumber(n);
    row(to, 1, length, 0);
    // The stream's dictionary is renumbered; its data is copied as it is.
    const open = `${n} 0 obj\n`.length;
    const dictionaryEnd = bytes.indexOf('\nstream\n', open, 'latin1');
    if (dictionaryEnd < 0) throw unexpected(`stream ${n}`);
    write(Buffer.from(`${to} 0 obj\n${renumbered(bytes.toString('latin1', open, dictionaryEnd), renumber)}`, 'latin1'));
    write(bytes.subarray(dictionaryEnd));
  }
  // (A new array: spreading hundreds of thousands of objects into splice overflows the stack.)
  // Each body is read and renumbered when its stream is written, not all of them at once.
  const ordered = byKind.map((i) => packed[i]!);
  let next = count + 1;
  for (let start = 0; start < ordered.length; start += PER_STREAM) {
    const group = ordered.slice(start, start + PER_STREAM);
    const number = next++;
    const index: string[] = [];
    const bodies: string[] = [];
    let offset = 0;
    group.forEach((object, i) => {
      const n = renumber(object.n);
      const body = renumbered(object.body.toString('latin1'), renumber);
      row(n, 2, number, i);
      index.push(`${n} ${offset}`);
      bodies.push(body);
      offset += body.length + 1;
    });
    const first = `${index.join(' ')}\n`;
    // Each body followed by a line end (a latin1 string: one character a byte).
    const data = deflateSync(Buffer.from(`${first}${bodies.join('\n')}\n`, 'latin1'));
    row(number, 1, length, 0);
    write(stream(number, `/Type /ObjStm\n/N ${group.length}\n/First ${first.length}`, data));
  }
  const xref = next++;
  row(xref, 1, length, 0);
  // The smallest field widths that hold every value; each row behind a PNG "Up" predictor
  // byte (the difference from the row above), so that deflate sees runs of small numbers.
  if (next !== rowCount) throw new Error('exportPdf: internal error, cross-reference rows miscounted');
  const bytesFor = (max: number): number => (max < 0x100 ? 1 : max < 0x10000 ? 2 : max < 0x1000000 ? 3 : 4);
  const w2 = bytesFor(fields2.reduce((m, v) => Math.max(m, v), length));
  const w3 = bytesFor(fields3.reduce((m, v) => Math.max(m, v), 0));
  const width = 1 + w2 + w3;
  const entries = Buffer.alloc((width + 1) * next);
  let previous = new Uint8Array(width);
  let current = new Uint8Array(width);
  /** `value` big-endian in `bytes` bytes of `current` from `at` (values under 2³²). */
  const put = (value: number, at: number, bytes: number): void => {
    for (let b = 0; b < bytes; b++) current[at + b] = (value >>> (8 * (bytes - 1 - b))) & 0xff;
  };
  for (let n = 0; n < next; n++) {
    current[0] = types[n]!;
    put(fields2[n]!, 1, w2);
    put(fields3[n]!, 1 + w2, w3);
    const at = (width + 1) * n;
    entries[at] = 2; // PNG Up
    for (let i = 0; i < width; i++) entries[at + 1 + i] = (current[i]! - previous[i]!) & 0xff;
    [previous, current] = [current, previous];
  }
  const dictionary = [
    `/Type /XRef`, `/Size ${next}`, `/W [1 ${w2} ${w3}]`, `/Root ${renumbered(root, renumber)}`, ...(info ? [`/Info ${renumbered(info, renumber)}`] : []), ...(id ? [`/ID ${id}`] : []),
    `/DecodeParms << /Columns ${width} /Predictor 12 >>`,
  ].join('\n');
  const xrefAtNow = length;
  write(stream(xref, dictionary, deflateSync(entries)));
  write(Buffer.from(`startxref\n${xrefAtNow}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(out, length);
}

/** What an object is, for grouping like with like: its `/S`, `/Type` or first key. */
function kindOf(body: Buffer): string {
  const text = body.toString('latin1', 0, Math.min(body.length, 400));
  return /\/S \/(\w+)/.exec(text)?.[1] ?? /\/Type \/(\w+)/.exec(text)?.[1] ?? /^<<\n?\/(\w+)/.exec(text)?.[1] ?? '';
}

/**
 * `text` (an object's body, or a dictionary) with every indirect reference `N G R` renumbered;
 * literal strings `( … )` (escapes, nested parentheses) and hex strings `< … >` are skipped,
 * so that text which reads like a reference stays as it is.
 */
export function renumbered(text: string, renumber: (n: number) => number): string {
  const references = (part: string): string => renumberReferences(part, renumber);
  // Most objects (structure elements, pages) hold no string: one pass.
  if (!text.includes('(') && !HEX_STRING.test(text)) return references(text);
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x28 /* ( */ && !(c === 0x3c /* < */ && text.charCodeAt(i + 1) !== 0x3c && text.charCodeAt(i - 1) !== 0x3c)) continue;
    out += references(text.slice(last, i));
    const from = i;
    if (c === 0x28) {
      // A literal string: escapes and balanced parentheses inside.
      for (let depth = 0; i < text.length; i++) {
        const ch = text.charCodeAt(i);
        if (ch === 0x5c /* \ */) i++;
        else if (ch === 0x28) depth++;
        else if (ch === 0x29 && --depth === 0) break;
      }
    } else {
      i = text.indexOf('>', i);
      if (i < 0) i = text.length;
    }
    out += text.slice(from, i + 1);
    last = i + 1;
  }
  return out + references(text.slice(last));
}

/**
 * Every `N G R` of `text` (outside strings) with N renumbered: a token, not part of a name or
 * a number before it (`/(?<![\w.#+-])(\d+) (\d+) R(?![^\s[\]<>()/%{}])/g`), found from each
 * ` R` backwards, which is faster than the expression on some 300,000 objects.
 */
export function renumberReferences(text: string, renumber: (n: number) => number): string {
  let out = '';
  let last = 0;
  for (let r = text.indexOf(' R'); r >= 0; r = text.indexOf(' R', r + 2)) {
    if (r + 2 < text.length && !DELIMITER[text.charCodeAt(r + 2)]) continue;
    let g = r;
    while (g > 0 && isDigit(text.charCodeAt(g - 1))) g--;
    if (g === r || g < 2 || text.charCodeAt(g - 1) !== 0x20) continue;
    let n = g - 1;
    while (n > 0 && isDigit(text.charCodeAt(n - 1))) n--;
    if (n === g - 1 || (n > 0 && BEFORE[text.charCodeAt(n - 1)])) continue;
    out += `${text.slice(last, n)}${renumber(Number(text.slice(n, g - 1)))} ${text.slice(g, r)} R`;
    last = r + 2;
  }
  return last === 0 ? text : out + text.slice(last);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
/** Characters that may follow a reference (JavaScript's `\s` in latin1, and the PDF delimiters), by code. */
const DELIMITER = flags('\t\n\v\f\r \u00a0[]<>()/%{}');
/** Characters that may not stand before one: `\w`, `.`, `#`, `+`, `-`. */
const BEFORE = flags('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.#+-');
function flags(chars: string): Uint8Array {
  const table = new Uint8Array(65536);
  for (const c of chars) table[c.charCodeAt(0)] = 1;
  return table;
}
/** A hex string's `<` (not one of a dictionary's `<<`). */
const HEX_STRING = /(?<!<)<(?!<)/;

function stream(number: number, dictionary: string, data: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`${number} 0 obj\n<<\n${dictionary}\n/Filter /FlateDecode\n/Length ${data.length}\n>>\nstream\n`, 'latin1'),
    data,
    Buffer.from('\nendstream\nendobj\n', 'latin1'),
  ]);
}

function unexpected(what: string): Error {
  return new Error(`exportPdf: internal error, unexpected ${what} in pdfkit's output (pdfkit is pinned in packages/export-pdf/package.json)`);
}
