import type { ResolvedRule } from './config.js';
import type { Diagnostic } from './rule.js';
import { rules } from './rules/index.js';

/*
 * The one answer to "which findings can be kept per question?", for both ways of linting a
 * file in pieces: the per-question entries of the lint store (question-cache.ts, `lint
 * --cache` on a large file) and the section-wise lint of an edited document (sections.ts, the
 * language server). Both run these rules on a view of the file that holds only some questions'
 * blocks (the whole text stays), keep the findings on those questions' lines, and run every
 * other rule on the whole file.
 */

/**
 * Rules whose findings on a question's lines depend on nothing but that question's own blocks
 * and text (and the file's layout and the config, which both callers key by), and that ask the
 * host nothing. Left out, and run on the whole file: the rules that look across questions
 * (numbering, ids, anchors, `blank-lines-around-headings`, which reads the line above a
 * heading: the previous question's last line) or at the file system (links).
 */
export const QUESTION_RULES: ReadonlySet<string> = new Set([
  'bare-url',
  'empty-answer',
  'image-alt-text',
  'invalid-math',
  'multiple-spaces',
  'pseudo-list',
  'raw-html',
  'repeated-sentence',
  'text-fragment',
  'trailing-whitespace',
]);

const unsilenceable = new Set(rules.filter((r) => r.meta.unsilenceable).map((r) => r.meta.id));

/**
 * The config split in two: `own`, QUESTION_RULES alone (every other rule off), and `rest`,
 * every other rule. A rule no comment can silence stays in `rest` (the pieces are silenced
 * file-wide afterwards).
 */
export function splitByQuestionRules(config: ReadonlyMap<string, ResolvedRule>): { own: Map<string, ResolvedRule>; rest: Map<string, ResolvedRule> } {
  const own = new Map<string, ResolvedRule>();
  const rest = new Map<string, ResolvedRule>();
  for (const [id, setting] of config) {
    const off: ResolvedRule = { ...setting, severity: 'off' };
    const mine = QUESTION_RULES.has(id) && !unsilenceable.has(id);
    own.set(id, mine ? setting : off);
    rest.set(id, mine ? off : setting);
  }
  return { own, rest };
}

/**
 * A finding moved by `lines` and `chars`, as a piece of the file it was found in moves (its
 * end, its fix and its related places in the same file too).
 */
export function moveDiagnostic(d: Diagnostic, lines: number, chars: number): Diagnostic {
  if (lines === 0 && chars === 0) return d;
  return {
    ...d,
    line: d.line + lines,
    ...(d.endLine !== undefined ? { endLine: d.endLine + lines } : {}),
    ...(d.related ? { related: d.related.map((r) => (r.file === d.file ? { ...r, line: r.line + lines } : r)) } : {}),
    ...(d.fix ? { fix: { ...d.fix, range: [d.fix.range[0] + chars, d.fix.range[1] + chars] as [number, number] } } : {}),
  };
}
