import path from 'node:path';
import { classifyUrl } from './links.js';
import type { Question } from './model.js';
import type { RenderableAnswer } from './renderable.js';

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
  /**
   * Each answer's renderable form, by question id, as `compileCorpus` builds it from the
   * parsed files. Exporters read answers only through `renderableAnswer(question, answers)`,
   * which falls back to the answer's self-contained Markdown for a question not in the map
   * (a model read back from questions.json, or built by hand).
   */
  answers?: ReadonlyMap<string, RenderableAnswer>;
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

/** The build date: SOURCE_DATE_EPOCH (seconds) when set, else a fixed date, never the clock. */
export function buildDate(env: Record<string, string | undefined>): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && /^\d+$/.test(epoch.trim())) return new Date(Number(epoch.trim()) * 1000);
  return new Date(Date.UTC(2026, 0, 1));
}
