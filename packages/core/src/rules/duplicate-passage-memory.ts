import { createHash } from 'node:crypto';
import type { FileSummary, QuestionSummary } from '../extract.js';
import { maskRanges } from '../literals.js';
import { hash32, WORD } from '../text.js';

/*
 * What duplicate-passage keeps between runs, and the run that redoes only what changed.
 *
 * In the full scan, answer a's findings at window W (its k words from word i) come from the
 * first place in the corpus where W occurs: an earlier answer there is copied from. (The scan
 * skips the windows inside a match it found, but a skipped window always occurs earlier, at
 * the same distance into the match, so the table of windows seen holds every window's first
 * occurrence.) So an answer's findings depend on its own words and on the answers before it
 * that share a window with it. After an edit, an answer none of whose windows occurs in a
 * changed answer (its old text or its new one) has the findings it had, against the same
 * answers; only the changed answers and those sharing a window with them are scanned again,
 * each window looked up exactly among the places where its hash occurs.
 */

export interface Answer {
  file: FileSummary;
  question: QuestionSummary;
  /** Offset of the answer's text in its file. */
  start: number;
}

/** One copied passage: the other answer (its index), the length in words, and where it starts in each answer (word numbers). */
export type Finding = [other: number, length: number, at: number, otherAt: number];

/** The memory of one run, by answer in corpus order. */
export interface PassageMemory {
  version: 1;
  minWords: number;
  /** A hash of what the rule reads of each answer (its text, where its code and math are). */
  keys: string[];
  /** Each answer's windows count, and every window's hash, answer after answer (base64 of a Uint32Array, this machine's byte order). */
  counts: number[];
  windows: string;
  findings: Finding[][];
}

export const BASE = 0x01000193;

/** B^(k−1) mod 2^32, to take the oldest word out of a rolling hash of k words. */
export function power(k: number): number {
  let top = 1;
  for (let x = 1; x < k; x++) top = Math.imul(top, BASE);
  return top;
}

function answerEnd(answer: Answer): number {
  return answer.question.nodes.at(-1)!.position!.end.offset!;
}

/** The answer's source, its code and math blanked out (offsets kept): the words compared. */
export function answerWords(answer: Answer): string {
  return maskRanges(answer.file.source.text, answer.start, answerEnd(answer), answer.question.literals);
}

/** A hash of the answer's text and of its code and math ranges (relative to it): equal keys, equal words. */
export function answerKey(answer: Answer): string {
  const { start } = answer;
  const end = answerEnd(answer);
  const hash = createHash('sha1').update(answer.file.source.text.slice(start, end));
  for (const [from, to] of answer.question.literals) {
    const a = Math.max(from, start);
    const b = Math.min(to, end);
    if (b > a) hash.update(`\0${a - start},${b - start}`);
  }
  return hash.digest('base64');
}

/** The rolling hash of every window of k words, from the words' hashes (`ids` mapped through `wordHash` when given). */
export function windowHashes(ids: ArrayLike<number>, k: number, wordHash?: ArrayLike<number>): Uint32Array {
  const n = ids.length;
  const out = new Uint32Array(Math.max(0, n - k + 1));
  if (n < k) return out;
  const at = wordHash ? (x: number) => wordHash[ids[x]!]! : (x: number) => ids[x]!;
  const top = power(k);
  let h = 0;
  for (let x = 0; x < k; x++) h = (Math.imul(h, BASE) + at(x)) >>> 0;
  out[0] = h;
  for (let i = 1; i + k <= n; i++) {
    h = (Math.imul((h - Math.imul(at(i - 1), top)) >>> 0, BASE) + at(i + k - 1)) >>> 0;
    out[i] = h;
  }
  return out;
}

export function memoryOf(keys: string[], hashes: readonly Uint32Array[], findings: Finding[][], k: number): PassageMemory {
  const all = new Uint32Array(hashes.reduce((n, h) => n + h.length, 0));
  let at = 0;
  for (const h of hashes) {
    all.set(h, at);
    at += h.length;
  }
  return { version: 1, minWords: k, keys, counts: hashes.map((h) => h.length), windows: Buffer.from(all.buffer, all.byteOffset, all.byteLength).toString('base64'), findings };
}

/** The kept memory when it is one of this rule with these options, its windows decoded; undefined otherwise. */
function readMemory(value: unknown, k: number): { memory: PassageMemory; windows: Uint32Array; starts: Int32Array } | undefined {
  const m = value as PassageMemory;
  if (typeof m !== 'object' || m === null || m.version !== 1 || m.minWords !== k || typeof m.windows !== 'string') return undefined;
  if (!Array.isArray(m.keys) || !Array.isArray(m.counts) || !Array.isArray(m.findings)) return undefined;
  const n = m.keys.length;
  if (m.counts.length !== n || m.findings.length !== n) return undefined;
  const starts = new Int32Array(n + 1);
  for (let a = 0; a < n; a++) {
    const count = m.counts[a];
    if (typeof m.keys[a] !== 'string' || !Number.isInteger(count) || count! < 0) return undefined;
    starts[a + 1] = starts[a]! + count!;
    const found = m.findings[a];
    if (!Array.isArray(found) || !found.every((f) => Array.isArray(f) && f.length === 4 && f.every(Number.isInteger) && f[0] >= 0 && f[0] < n)) return undefined;
  }
  const bytes = Buffer.from(m.windows, 'base64');
  if (bytes.length !== starts[n]! * 4) return undefined;
  const windows = new Uint32Array(starts[n]!);
  new Uint8Array(windows.buffer).set(bytes);
  return { memory: m, windows, starts };
}

/**
 * The findings of the full scan, from the kept memory and the answers that changed since;
 * undefined when there is no usable memory or when so much changed that the full scan is
 * as quick.
 */
export function updated(answers: readonly Answer[], k: number, previous: unknown): { findings: Finding[][]; memory: PassageMemory } | undefined {
  const old = readMemory(previous, k);
  if (!old) return undefined;
  const { memory, starts } = old;
  const keys = answers.map(answerKey);
  // Answers kept: the same key as an old answer, in the same order as before (taken greedily).
  const oldIndices = new Map<string, number[]>();
  memory.keys.forEach((key, i) => {
    const list = oldIndices.get(key);
    if (list) list.push(i);
    else oldIndices.set(key, [i]);
  });
  const oldOf = new Int32Array(answers.length).fill(-1);
  const newOf = new Int32Array(memory.keys.length).fill(-1);
  let last = -1;
  keys.forEach((key, a) => {
    const list = oldIndices.get(key);
    while (list?.length && list[0]! <= last) list.shift();
    const i = list?.shift();
    if (i === undefined) return;
    oldOf[a] = i;
    newOf[i] = a;
    last = i;
  });
  const changed = keys.map((_, a) => a).filter((a) => oldOf[a] === -1);
  const removed = memory.keys.map((_, i) => i).filter((i) => newOf[i] === -1);
  if ((changed.length + removed.length) * 2 > answers.length) return undefined;

  // Words of the answers looked at, found once each.
  const words = new Map<number, string[]>();
  const wordsOf = (a: number): string[] => {
    let list = words.get(a);
    if (!list) words.set(a, (list = Array.from(answerWords(answers[a]!).matchAll(WORD), (m) => m[0].toLowerCase())));
    return list;
  };
  const fresh = new Map<number, Uint32Array>(changed.map((a) => [a, windowHashes(wordsOf(a).map((w) => hash32(w)), k)]));
  const windowsOf = (a: number): Uint32Array => fresh.get(a) ?? old.windows.subarray(starts[oldOf[a]!], starts[oldOf[a]! + 1]);

  // The hashes of every window a changed answer had or has; the kept answers that share one are scanned again.
  const touched = new HashSet();
  for (const i of removed) touched.addAll(old.windows.subarray(starts[i], starts[i + 1]));
  for (const h of fresh.values()) touched.addAll(h);
  const again = answers.map((_, a) => a).filter((a) => fresh.has(a) || touched.hasAny(windowsOf(a)));

  // Where each window of those answers may occur: every place with the same hash, in corpus order.
  const wanted = new HashSet();
  for (const a of again) wanted.addAll(windowsOf(a));
  const places = new Map<number, number[]>();
  for (let b = 0; b < answers.length; b++) {
    const hashes = windowsOf(b);
    for (let j = 0; j < hashes.length; j++) {
      const h = hashes[j]!;
      if (!wanted.has(h)) continue;
      const list = places.get(h);
      if (list) list.push(b, j);
      else places.set(h, [b, j]);
    }
  }

  const findings: Finding[][] = answers.map((_, a) => {
    const i = oldOf[a]!;
    return i === -1 ? [] : memory.findings[i]!.map(([o, length, at, otherAt]): Finding => [newOf[o]!, length, at, otherAt]);
  });
  for (const a of again) findings[a] = rescan(a, k, wordsOf, windowsOf(a), places);
  if (findings.some((found) => found.some((f) => f[0] === -1))) return undefined;
  return { findings, memory: memoryOf(keys, answers.map((_, a) => windowsOf(a)), findings, k) };
}

/** Answer a scanned as the full scan does, each window's first occurrence found among the places with its hash. */
function rescan(a: number, k: number, wordsOf: (a: number) => string[], hashes: Uint32Array, places: Map<number, number[]>): Finding[] {
  const mine = wordsOf(a);
  const n = mine.length;
  const best = new Map<number, { length: number; at: number; otherAt: number }>();
  for (let i = 0; i + k <= n; ) {
    const list = places.get(hashes[i]!)!;
    // The first place with the same words; the window itself is one, so there is one.
    let b = a;
    let j = i;
    for (let x = 0; x < list.length; x += 2) {
      if (sameWindow(mine, i, wordsOf(list[x]!), list[x + 1]!, k)) {
        b = list[x]!;
        j = list[x + 1]!;
        break;
      }
    }
    let skip = 1;
    if (b !== a) {
      const theirs = wordsOf(b);
      let length = k;
      while (i + length < n && j + length < theirs.length && mine[i + length] === theirs[j + length]) length++;
      const current = best.get(b);
      if (!current || length > current.length) best.set(b, { length, at: i, otherAt: j });
      skip = length - k + 1;
    }
    i += skip;
  }
  return [...best].sort((x, y) => x[0] - y[0]).map(([o, m]) => [o, m.length, m.at, m.otherAt]);
}

function sameWindow(a: readonly string[], i: number, b: readonly string[], j: number, k: number): boolean {
  for (let x = 0; x < k; x++) if (a[i + x] !== b[j + x]) return false;
  return true;
}

/**
 * A set of 32-bit hashes that answers "no" quickly: a bitmap of their low bits first (one
 * typed-array read for the millions of windows that are not in it), then the set itself.
 */
class HashSet {
  private readonly bits = new Uint32Array(1 << 15);
  private readonly set = new Set<number>();
  addAll(hashes: Uint32Array): void {
    for (let i = 0; i < hashes.length; i++) {
      const h = hashes[i]!;
      this.bits[(h >>> 5) & 0x7fff]! |= 1 << (h & 31);
      this.set.add(h);
    }
  }
  has(h: number): boolean {
    return (this.bits[(h >>> 5) & 0x7fff]! & (1 << (h & 31))) !== 0 && this.set.has(h);
  }
  hasAny(hashes: Uint32Array): boolean {
    for (let i = 0; i < hashes.length; i++) if (this.has(hashes[i]!)) return true;
    return false;
  }
}
