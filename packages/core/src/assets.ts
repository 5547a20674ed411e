import path from 'node:path';
import { classifyUrl } from './links.js';
import type { Corpus, Question } from './model.js';

/**
 * What every exporter receives besides the corpus. Exporters never read the file system:
 * the CLI loads the images the corpus references (only from inside the content root,
 * symlinks resolved) and passes their bytes here.
 */
export interface ExportOptions {
  /** Files referenced by the corpus, keyed by POSIX path relative to the content root. */
  assets: ReadonlyMap<string, Uint8Array>;
  /** The build date written into artifacts (from SOURCE_DATE_EPOCH, or a fixed value). */
  date: Date;
}

/**
 * The asset key (content-root-relative POSIX path) that an image or link target in a
 * question's answer refers to, or undefined for external, dangerous or out-of-root targets.
 */
export function assetKey(question: Pick<Question, 'source'>, url: string): string | undefined {
  const target = classifyUrl(url);
  if (target.kind !== 'local') return undefined;
  if (target.path.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(target.path) || target.path.includes('\\')) return undefined;
  const key = path.posix.normalize(path.posix.join(path.posix.dirname(question.source.file), target.path));
  if (key === '..' || key.startsWith('../') || key === '.' || key.startsWith('/')) return undefined;
  return key;
}

/** Every image the answers reference, as asset keys, in order of first use. */
export function referencedImages(corpus: Corpus): string[] {
  const keys = new Set<string>();
  for (const q of corpus.questions) {
    for (const m of q.answer.html.matchAll(/<img\b[^>]*?\ssrc="([^"]*)"/g)) {
      const key = assetKey(q, decodeHtml(m[1]!));
      if (key) keys.add(key);
    }
  }
  return [...keys];
}

function decodeHtml(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The build date: SOURCE_DATE_EPOCH (seconds) when set, else a fixed date, never the clock. */
export function buildDate(env: Record<string, string | undefined>): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch.trim()) * 1000);
  return new Date(Date.UTC(2026, 0, 1));
}
