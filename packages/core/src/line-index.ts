/**
 * The index of the last of `count` items whose key (`keyAt`, ascending) is at most `value`,
 * or -1 when there is none: a binary search.
 */
export function lastAtOrBefore(count: number, keyAt: (index: number) => number, value: number): number {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (keyAt(mid) <= value) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Finds the item whose lines `line … endLine` hold a line: the first such item in the
 * list, as `items.find` would, but by binary search when the items come in order of their
 * lines without overlapping (questions do), so that a file of many questions and many
 * comments does not cost their product.
 */
export function finderByLine<T extends { line: number; endLine: number }>(items: readonly T[]): (line: number) => T | undefined {
  let ordered = true;
  for (let i = 1; i < items.length && ordered; i++) ordered = items[i - 1]!.endLine < items[i]!.line;
  for (const item of items) if (item.endLine < item.line) ordered = false;
  if (!ordered) return (line) => items.find((x) => line >= x.line && line <= x.endLine);
  return (line) => {
    const found = lastAtOrBefore(items.length, (i) => items[i]!.line, line);
    const item = found === -1 ? undefined : items[found]!;
    return item && line <= item.endLine ? item : undefined;
  };
}

/**
 * A union of line ranges (ends included, `to` may be Infinity), merged and sorted once,
 * answering "is this line in one of them" by binary search.
 */
export function lineRangeSet(ranges: ReadonlyArray<{ from: number; to: number }>): (line: number) => boolean {
  const sorted = [...ranges].filter((r) => r.from <= r.to).sort((a, b) => a.from - b.from);
  const from: number[] = [];
  const to: number[] = [];
  for (const r of sorted) {
    if (to.length > 0 && r.from <= to[to.length - 1]!) to[to.length - 1] = Math.max(to[to.length - 1]!, r.to);
    else {
      from.push(r.from);
      to.push(r.to);
    }
  }
  return (line) => {
    const found = lastAtOrBefore(from.length, (i) => from[i]!, line);
    return found !== -1 && line <= to[found]!;
  };
}
