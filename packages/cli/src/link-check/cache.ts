import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../atomic.js';

/**
 * What the network said about one URL, as kept in the cache. Raw facts, not a verdict: the
 * verdict depends on acceptedStatusCodes, which may change between runs.
 */
export interface Observation {
  /** Redirects followed, in order (`to` as the Location header resolved). */
  redirects: Array<{ status: number; to: string }>;
  /** The final status, when a response came. */
  status?: number;
  /** Why there is no final status (connection refused, no response in time, redirect loop, …). */
  failure?: string;
  /** Attempts the last request took, when it was retried. */
  attempts?: number;
}

export interface CacheEntry extends Observation {
  /** When it was checked (ms since the epoch). */
  checked: number;
}

/**
 * Only definite answers are cached: a final status below 500 other than 408 and 429 (a live
 * page, a redirect chain, a 404 or 410). Timeouts, network errors, 408, 429 and 5xx say
 * something about this moment rather than the page, so they are asked again next run.
 */
export function cacheable(observation: Observation): boolean {
  const status = observation.status;
  return status !== undefined && status < 500 && status !== 408 && status !== 429;
}

const VERSION = 1;

/** Reads the fresh entries of a cache file. A missing file is empty; an unreadable one is empty and says why. */
export function readCache(file: string, now: number, maxAge: number): { entries: Map<string, CacheEntry>; problem?: string } {
  const entries = new Map<string, CacheEntry>();
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { entries };
    return { entries, problem: (error as Error).message };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { entries, problem: 'not valid JSON' };
  }
  const root = data as { version?: unknown; entries?: unknown };
  if (root?.version !== VERSION || typeof root.entries !== 'object' || root.entries === null) {
    return { entries, problem: `not a version ${VERSION} link cache` };
  }
  for (const [url, value] of Object.entries(root.entries as Record<string, unknown>)) {
    const entry = readEntry(value);
    if (entry && now - entry.checked >= 0 && now - entry.checked < maxAge) entries.set(url, entry);
  }
  return { entries };
}

function readEntry(value: unknown): CacheEntry | undefined {
  const v = value as Record<string, unknown> | null;
  if (typeof v !== 'object' || v === null || typeof v.checked !== 'string' || !Number.isInteger(v.status)) return undefined;
  const checked = Date.parse(v.checked);
  const redirects = Array.isArray(v.redirects) ? v.redirects : [];
  const valid = redirects.every((r: { status?: unknown; to?: unknown }) => Number.isInteger(r?.status) && typeof r?.to === 'string');
  if (Number.isNaN(checked) || !valid) return undefined;
  return { checked, status: v.status as number, redirects: redirects.map((r: { status: number; to: string }) => ({ status: r.status, to: r.to })) };
}

/** Writes the entries (sorted by URL, so that the file diffs well) atomically: temp file, then rename. */
export function writeCache(file: string, entries: ReadonlyMap<string, CacheEntry>): void {
  const sorted = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const data = {
    version: VERSION,
    entries: Object.fromEntries(
      sorted.map(([url, e]) => [url, { checked: new Date(e.checked).toISOString(), status: e.status, redirects: e.redirects }]),
    ),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, `${JSON.stringify(data, null, 2)}\n`);
}
