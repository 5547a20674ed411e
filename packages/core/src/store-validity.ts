/*
 * When a stored file entry still holds: the one decision, for the lint session (session.ts,
 * which uses the store) and for the warm path of `lint --cache` (packages/cli/src/lint-warm.ts,
 * which prints stored findings without loading the engine). Like store.ts, this module loads
 * neither the parser nor the rules.
 *
 * What else makes an entry valid is decided once too, elsewhere: the configuration, genai-qa's
 * version and the engine's build key the whole cache file (the CLI's lint-cache-file.ts,
 * peekCacheFile, which both read it through); the corpus rules' entry is keyed by every
 * file's path and hash (store.ts, corpusKey).
 */

/** What an entry records: the hash of the file it was made from, and what the host said of each link target. */
export interface EntryKey {
  hash: string;
  /** Every path the file rules asked the host about, and its real path then (null: it did not exist). */
  host: ReadonlyArray<readonly [string, string | null]>;
}

/**
 * Whether an entry holds for a file whose hash (of its paths, real paths and bytes) is `hash`:
 * the same hash, and every link target it asked about has the real path it had (symlinks
 * resolved; missing then and now counts as the same). `realpath` answers as the session's
 * Host does (undefined or null: missing).
 */
export function entryHolds(entry: EntryKey, hash: string | undefined, realpath: (absolutePath: string) => string | null | undefined): boolean {
  if (hash === undefined || entry.hash !== hash) return false;
  for (const [target, real] of entry.host) if ((realpath(target) ?? null) !== real) return false;
  return true;
}
