import { hash32 } from './text.js';

/**
 * MinHash signatures and LSH banding: candidate pairs of similar sets without comparing
 * every pair. With `bands` bands of `rows` rows, two sets of Jaccard similarity s share a
 * band with probability 1 − (1 − s^rows)^bands (32 × 3: 0.9996 at s = 0.6, 0.93 at 0.4).
 */
export interface LshOptions {
  bands: number;
  rows: number;
}

export const DEFAULT_LSH: LshOptions = { bands: 32, rows: 3 };

const PRIME = 4294967291; // largest prime below 2^32

function seeds(n: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) out.push([(hash32(`a${i}`) % (PRIME - 1)) + 1, hash32(`b${i}`) % PRIME]);
  return out;
}

const seedCache = new Map<number, Array<[number, number]>>();

/** MinHash signature of a set of strings (deterministic: fixed seeds). */
export function minhash(items: Iterable<string>, size: number): Uint32Array {
  let coefficients = seedCache.get(size);
  if (!coefficients) seedCache.set(size, (coefficients = seeds(size)));
  const signature = new Uint32Array(size).fill(0xffffffff);
  for (const item of items) {
    const x = hash32(item);
    for (let i = 0; i < size; i++) {
      const [a, b] = coefficients[i]!;
      // (a·x + b) mod p with exact integer arithmetic in doubles: split a into 16-bit halves.
      const hi = ((a >>> 16) * x) % PRIME;
      const v = ((hi * 65536) % PRIME + ((a & 0xffff) * x) % PRIME + b) % PRIME;
      if (v < signature[i]!) signature[i] = v;
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
  const buckets = new Map<string, number[]>();
  sets.forEach((set, index) => {
    if (set.size === 0) return;
    const signature = minhash(set, size);
    for (let band = 0; band < options.bands; band++) {
      const key = `${band}:${signature.subarray(band * options.rows, (band + 1) * options.rows).join(',')}`;
      const bucket = buckets.get(key);
      if (bucket) {
        for (const other of bucket) {
          const pairKey = other * 0x100000 + index; // unique for up to ~1M items
          if (!seen.has(pairKey)) {
            seen.add(pairKey);
            pairs.push([other, index]);
          }
        }
        bucket.push(index);
      } else {
        buckets.set(key, [index]);
      }
    }
  });
  return pairs;
}
