import path from 'node:path';
import {
  decodeSource,
  fixSource,
  lintFiles,
  parseFile,
  type Config,
  type Diagnostic,
  type ExternalLinks,
  type Host,
  type ParsedFile,
  type RuleSetting,
} from '@genai-qa/core';

/** A virtual content root: files live at /content/<name>; links resolve against `existing`. */
export const ROOT = '/content';

export interface LintInput {
  /** File name under the content root (default q.md). */
  name?: string;
  config?: Config;
  /** Paths (relative to the content root) that exist besides the linted files. */
  existing?: string[];
  /** What the external link check found (runs the rules of scope 'external'). */
  external?: ExternalLinks;
}

export function virtualHost(existing: readonly string[] = [], symlinks: Record<string, string> = {}): Host {
  const files = new Set(existing.map((p) => path.join(ROOT, p)));
  return {
    realpath(p) {
      const link = symlinks[path.relative(ROOT, p)];
      if (link) return path.resolve(ROOT, link);
      if (p === ROOT || files.has(p) || [...files].some((f) => f.startsWith(`${p}/`))) return p;
      return undefined;
    },
  };
}

export function parse(markdown: string, name = 'q.md'): ParsedFile {
  const source = decodeSource(new TextEncoder().encode(markdown), {
    path: `content/${name}`,
    absolutePath: path.join(ROOT, name),
    root: ROOT,
  });
  return parseFile(source, name);
}

/** Lints Markdown files given as { name: text } (or one text) and returns the diagnostics. */
export function lint(markdown: string | Record<string, string>, input: LintInput = {}): Diagnostic[] {
  const files = typeof markdown === 'string' ? { [input.name ?? 'q.md']: markdown } : markdown;
  const parsed = Object.entries(files).map(([name, text]) => parse(text, name));
  const host = virtualHost([...(input.existing ?? []), ...Object.keys(files)]);
  return lintFiles(parsed, { config: input.config, host, ...(input.external ? { external: input.external } : {}) });
}

/** Only one rule's findings, as compact objects that read well in expectations. */
export function findings(ruleId: string, markdown: string | Record<string, string>, input: LintInput = {}) {
  return lint(markdown, { ...input, config: onlyRule(ruleId, input.config) }).map((d) => ({
    line: d.line,
    column: d.column,
    message: d.message,
    ...(d.fixable ? { fixable: true } : {}),
  }));
}

/** Fixes Markdown with one rule (or all rules) and returns the new text. */
export function fix(markdown: string, ruleId?: string, existing: string[] = [], external?: ExternalLinks): string {
  const source = decodeSource(new TextEncoder().encode(markdown), { path: 'content/q.md', absolutePath: `${ROOT}/q.md`, root: ROOT });
  return fixSource(source, 'q.md', { config: ruleId ? onlyRule(ruleId) : undefined, host: virtualHost(existing), ...(external ? { external } : {}) }).text;
}

/**
 * A config that turns every rule off except `ruleId`, which keeps `setting` (or, without one,
 * its default severity — so a report may escalate it, as in a real run).
 */
export function only(ruleId: string, setting?: RuleSetting): Config {
  const rules: Record<string, RuleSetting> = Object.fromEntries(ALL_RULE_IDS.map((id) => [id, 'off']));
  if (setting === undefined) delete rules[ruleId];
  else rules[ruleId] = setting;
  return { rules };
}

function onlyRule(ruleId: string, base: Config = {}): Config {
  return {
    rules: Object.fromEntries(
      ALL_RULE_IDS.map((id) => [id, id === ruleId ? (base.rules?.[id] ?? 'error') : 'off']),
    ) as Config['rules'],
  };
}

import { ruleIds } from '@genai-qa/core';
const ALL_RULE_IDS = [...ruleIds];

export type { Diagnostic };
