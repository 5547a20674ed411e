import { hash32 } from './text.js';

/**
 * MinHash signatures and LSH banding: candidate pairs of similar sets without comparing
 * every pair. With `bands` bands of `rows` rows, two sets of Jaccard similarity s share a
 * band with probability 1 − (1 − s^rows)^bands (32 × 3: 0.9996 at s = 0.6, 0.93 at 0.4).
 */
export interface LshOptions {
  bands: number;
  rows: number;
  /**
   * A bucket that already holds this many items pairs no further: on templated content
   * ("Question number 1", "Question number 2", …) every item would otherwise pair with
   * every other, and the cost would grow with the square of the corpus.
   */
  maxBucket: number;
}

export const DEFAULT_LSH: LshOptions = { bands: 32, rows: 3, maxBucket: 64 };

/**
 * MinHash signature of a set of strings (deterministic). The i-th hash function is
 * h1 + i·h2 (mod 2^32) over two independent 32-bit hashes of the item (Kirsch–Mitzenmacher),
 * mixed with a finaliser so that consecutive functions do not correlate.
 */
export function minhash(items: Iterable<string>, size: number): Uint32Array {
  const signature = new Uint32Array(size).fill(0xffffffff);
  for (const item of items) {
    const h1 = hash32(item);
    const h2 = hash32(item, 0x9747b28c) | 1;
    let h = h1;
    for (let i = 0; i < size; i++) {
      h = (h + h2) >>> 0;
      let x = h ^ (h >>> 16);
      x = Math.imul(x, 0x85ebca6b);
      x ^= x >>> 13;
      x = Math.imul(x, 0xc2b2ae35);
      x = (x ^ (x >>> 16)) >>> 0;
      if (x < signature[i]!) signature[i] = x;
    }
  }
  return signature;
}

/**
 * Candidate pairs [i, j] (i < j) whose signatures agree on at least one whole band, each
 * yielded once, band by band. Sets that are empty never pair. Cost is linear in the number of
 * items plus the pairs found, and memory linear in the items alone: pairs are yielded as they
 * are found, never collected (a 100k-question corpus can have millions of them).
 */
export function* lshCandidates(sets: ReadonlyArray<ReadonlySet<string>>, options: LshOptions = DEFAULT_LSH): Generator<[number, number]> {
  yield* bandCandidates(
    sets.map((set) => (set.size === 0 ? undefined : bandKeys(set, options))),
    options,
  );
}

/**
 * A set's key for each band: a 32-bit hash of the band's rows of its MinHash signature. A
 * hash collision only adds a candidate, which the caller verifies exactly; it never loses one.
 */
export function bandKeys(set: ReadonlySet<string>, { bands, rows }: LshOptions = DEFAULT_LSH): Uint32Array {
  const signature = minhash(set, bands * rows);
  const keys = new Uint32Array(bands);
  for (let band = 0; band < bands; band++) {
    let key = 0x811c9dc5;
    for (let r = band * rows; r < (band + 1) * rows; r++) key = Math.imul(key ^ signature[r]!, 0x01000193) >>> 0;
    keys[band] = key;
  }
  return keys;
}

/** lshCandidates from each set's band keys (bandKeys; undefined for an empty set, which never pairs). */
export function* bandCandidates(setKeys: ReadonlyArray<Uint32Array | undefined>, options: LshOptions = DEFAULT_LSH): Generator<[number, number]> {
  const { bands, maxBucket } = options;
  const n = setKeys.length;
  const keys = new Uint32Array(n * bands);
  // 1 where the set is among the first `maxBucket` of its bucket in that band, i.e. where it
  // pairs with the rest of that bucket's head.
  const head = new Uint8Array(n * bands);
  const empty = new Uint8Array(n);
  setKeys.forEach((own, index) => {
    if (own === undefined) empty[index] = 1;
    else keys.set(own, index * bands);
  });
  // A pair is yielded in the first band where both sets share a bucket head, so no set of
  // pairs seen is needed: an earlier band where they did is recomputed from the arrays.
  const pairedBefore = (a: number, b: number, band: number): boolean => {
    for (let earlier = 0; earlier < band; earlier++) {
      const x = a * bands + earlier;
      const y = b * bands + earlier;
      if (keys[x] === keys[y] && head[x] && head[y]) return true;
    }
    return false;
  };
  // Per band, sets sorted by key (then index): each run of equal keys is a bucket, whose
  // first `maxBucket` members pair with each other. key · 2^20 + index sorts by key, then
  // index, with the typed array's own numeric sort.
  const packed = new Float64Array(n);
  for (let band = 0; band < bands; band++) {
    let m = 0;
    for (let i = 0; i < n; i++) if (!empty[i]) packed[m++] = keys[i * bands + band]! * 0x100000 + i;
    const sorted = packed.subarray(0, m).sort();
    for (let start = 0; start < m; ) {
      const key = Math.floor(sorted[start]! / 0x100000);
      let end = start + 1;
      while (end < m && Math.floor(sorted[end]! / 0x100000) === key) end++;
      const last = Math.min(end, start + maxBucket);
      for (let x = start; x < last; x++) head[(sorted[x]! % 0x100000) * bands + band] = 1;
      for (let x = start + 1; x < last; x++) {
        const index = sorted[x]! % 0x100000;
        for (let y = start; y < x; y++) {
          const other = sorted[y]! % 0x100000;
          if (!pairedBefore(other, index, band)) yield [other, index];
        }
      }
      start = end;
    }
  }
}
