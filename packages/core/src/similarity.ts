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
 * Candidate pairs [i, j] (i < j) whose signatures agree on at least one whole band.
 * Sets that are empty never pair. Cost is linear in the number of items plus the pairs found.
 */
export function lshCandidates(sets: ReadonlyArray<ReadonlySet<string>>, options: LshOptions = DEFAULT_LSH): Array<[number, number]> {
  const size = options.bands * options.rows;
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  // One table per band, keyed by a 32-bit hash of the band's rows. A hash collision only
  // adds a candidate, which the caller verifies exactly; it never loses one.
  const tables = Array.from({ length: options.bands }, () => new Map<number, number[]>());
  sets.forEach((set, index) => {
    if (set.size === 0) return;
    const signature = minhash(set, size);
    for (let band = 0; band < options.bands; band++) {
      let key = 0x811c9dc5;
      for (let r = band * options.rows; r < (band + 1) * options.rows; r++) key = Math.imul(key ^ signature[r]!, 0x01000193) >>> 0;
      const table = tables[band]!;
      const bucket = table.get(key);
      if (!bucket) {
        table.set(key, [index]);
        continue;
      }
      if (bucket.length >= options.maxBucket) continue;
      for (const other of bucket) {
        const pairKey = other * 0x100000 + index; // unique for up to ~1M items
        if (!seen.has(pairKey)) {
          seen.add(pairKey);
          pairs.push([other, index]);
        }
      }
      bucket.push(index);
    }
  });
  return pairs;
}
