import { describe, expect, it } from 'vitest';
import { jaccard } from '../src/text.js';
import { lshCandidates, minhash, type LshOptions } from '../src/similarity.js';

const set = (text: string): Set<string> =>
  new Set(text.split(' ').filter(Boolean));

describe('lshCandidates', () => {
  it('pairs identical and near-identical sets, never an empty set, smaller index first', () => {
    const sets = [
      set('attention transformer layer'),
      set('diffusion noise schedule'),
      set('attention transformer layer'),
      set(''),
      set(''),
      set('diffusion noise schedule sampling'),
    ];
    const pairs = [...lshCandidates(sets)].sort(
      (a, b) => a[0] - b[0] || a[1] - b[1]
    );
    // 0 and 2 are the same set; 1 and 5 have Jaccard 0.75, which 32 bands of 3 rows find
    // with probability 1 − (1 − 0.75³)³² ≈ 1. The two empty sets are equal but never pair.
    expect(pairs).toEqual([
      [0, 2],
      [1, 5],
    ]);
  });

  it('yields each pair once, although identical sets share all 32 bands', () => {
    const sets = Array.from({ length: 5 }, () => set('same words here'));
    const pairs = [...lshCandidates(sets)];
    expect(pairs).toHaveLength(10);
    expect(new Set(pairs.map(([a, b]) => `${a},${b}`)).size).toBe(10);
    expect(pairs.every(([a, b]) => a < b)).toBe(true);
  });

  it('pairs only the first maxBucket members of a bucket: templated items cost linear, not square', () => {
    const options: LshOptions = { bands: 4, rows: 2, maxBucket: 3 };
    const sets = Array.from({ length: 50 }, () => set('question number'));
    const pairs = [...lshCandidates(sets, options)].sort(
      (a, b) => a[0] - b[0] || a[1] - b[1]
    );
    expect(pairs).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
  });

  it('a pair left out of a full bucket in one band is still found in a band where it fits', () => {
    const options: LshOptions = { bands: 16, rows: 1, maxBucket: 2 };
    const sets = [
      set('a b c d p q r s'),
      set('a b c d x y z w'),
      set('a b c d x y z w'),
    ];
    const signatures = sets.map((s) => minhash(s, 16));
    // Band 0 puts all three in one bucket, whose head (maxBucket 2) is items 0 and 1; band 2
    // puts 1 and 2 together without 0.
    expect([signatures[1]![0], signatures[2]![0]]).toEqual([
      signatures[0]![0],
      signatures[0]![0],
    ]);
    expect(signatures[1]![2]).toBe(signatures[2]![2]);
    expect(signatures[0]![2]).not.toBe(signatures[1]![2]);
    // 0 and 2 share only buckets that 0 and 1 fill, so they never pair.
    expect([...lshCandidates(sets, options)]).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });

  it('agrees with the signatures: every yielded pair shares a whole band', () => {
    const options: LshOptions = { bands: 8, rows: 2, maxBucket: 64 };
    const vocabulary =
      'alpha beta gamma delta epsilon zeta eta theta iota kappa'.split(' ');
    const sets = Array.from(
      { length: 40 },
      (_, i) => new Set(vocabulary.filter((_, w) => (i * 7 + w * 3) % 5 < 3))
    );
    const signatures = sets.map((s) =>
      minhash(s, options.bands * options.rows)
    );
    for (const [a, b] of lshCandidates(sets, options)) {
      const shared = Array.from(
        { length: options.bands },
        (_, band) => band
      ).some((band) =>
        [0, 1].every(
          (r) => signatures[a]![band * 2 + r] === signatures[b]![band * 2 + r]
        )
      );
      expect(shared, `${a},${b} (Jaccard ${jaccard(sets[a]!, sets[b]!)})`).toBe(
        true
      );
    }
  });
});
