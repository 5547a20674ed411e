import { resolveConfig, type Config, type ResolvedRule } from './config.js';
import { applyFixes, chooseFixes } from './edits.js';
import { parseFile, type FileSummary, type ParsedFile } from './extract.js';
import { finderByLine, lineRangeSet } from './line-index.js';
import { rules, ruleIds } from './rules/index.js';
import type { Diagnostic, ExternalLinks, Fix, Host, Report, Rule, Severity } from './rule.js';
import type { LayoutSetting } from './layout.js';
import type { Limits } from './safety.js';
import type { SourceFile } from './source.js';
import { sortDiagnosticsBy } from './store.js';

export interface LintOptions {
  /** A config (as in genai-qa.config.json) or an already resolved one. */
  config?: Config | Map<string, ResolvedRule>;
  /** What the rules ask of the file system (the CLI gives the real one; without it, see NO_FILE_SYSTEM). */
  host?: Host;
  /** Results of the external link check; without them the rules of scope 'external' do not run. */
  external?: ExternalLinks;
  /**
   * Run only the rules of these scopes (default: all). `lint --cache` runs the 'file' rules
   * of a changed file on that file alone and the 'corpus' rules on all files, then merges
   * the results with sortDiagnostics: the same diagnostics, in the same order, as one call.
   */
  scopes?: ReadonlyArray<Rule['scope']>;
  /** The `questions` layout of the config, for the files fixSource parses. */
  layout?: LayoutSetting;
  /** Apply the suppression comments (default true); question-cache.ts applies them itself. */
  suppress?: boolean;
  /** Called before each rule that runs: its id, its index among the rules that run, and their number (progress display). */
  onRule?(ruleId: string, index: number, total: number): void;
  /**
   * What the corpus rules keep between runs (a LintStore's memory): with it, a corpus rule
   * that keeps one redoes only what the changed questions touch, with the same findings.
   */
  memory?: CorpusMemory | undefined;
}

/** Per corpus rule, what it kept in the last run (see CorpusContext's previous and keep). */
export interface CorpusMemory {
  get(ruleId: string): unknown;
  put(ruleId: string, value: unknown): void;
}

/** Without a host, core knows no file system: every local link target is taken to exist as written. */
export const NO_FILE_SYSTEM: Host = { realpath: (absolutePath) => absolutePath };

function resolved(options: LintOptions): Map<string, ResolvedRule> {
  return options.config instanceof Map ? options.config : resolveConfig(options.config);
}

/** Lints parsed files together (duplicates are found across files). Diagnostics come sorted. */
export function lintFiles(files: readonly ParsedFile[], options: LintOptions = {}): Diagnostic[] {
  return runRules(files, options, (scope) => !options.scopes || options.scopes.includes(scope));
}

/**
 * Runs only the corpus rules (duplicates across files) on files without trees (see
 * summarizeFile). With each file's own diagnostics from `lintFiles([file], { scopes: ['file'] })`
 * (and 'external'), merged by sortDiagnostics, this is what one lintFiles call on all files
 * returns, while only one tree at a time needs to be in memory.
 */
export function lintCorpus(files: readonly FileSummary[], options: Omit<LintOptions, 'scopes' | 'external' | 'host'> = {}): Diagnostic[] {
  // Only corpus rules run, and they read nothing a FileSummary lacks.
  return runRules(files as readonly ParsedFile[], options, (scope) => scope === 'corpus');
}

function runRules(files: readonly ParsedFile[], options: LintOptions, inScope: (scope: Rule['scope']) => boolean): Diagnostic[] {
  const settings = resolved(options);
  const host = options.host ?? NO_FILE_SYSTEM;
  const out: Diagnostic[] = [];
  const suppressions = new Map<FileSummary, (ruleId: string, line: number) => boolean>(options.suppress === false ? [] : files.map((f) => [f, suppressionsOf(f)]));
  const active = rules.filter(
    (rule) =>
      settings.get(rule.meta.id)!.severity !== 'off' && inScope(rule.scope) && (rule.scope !== 'external' || options.external !== undefined),
  );
  for (const [index, rule] of active.entries()) {
    options.onRule?.(rule.meta.id, index, active.length);
    const setting = settings.get(rule.meta.id)!;
    const severity = setting.severity as Severity;
    const emit = (file: FileSummary, report: Report): void => {
      if (options.suppress !== false && !rule.meta.unsilenceable && suppressions.get(file)!(rule.meta.id, report.line)) return;
      const chosen: Severity = setting.severityFromConfig ? severity : (report.severity ?? severity);
      const diagnostic: Diagnostic = {
        file: file.source.path,
        line: report.line,
        column: report.column,
        ...(report.endLine !== undefined ? { endLine: report.endLine } : {}),
        ...(report.endColumn !== undefined ? { endColumn: report.endColumn } : {}),
        ruleId: rule.meta.id,
        severity: chosen,
        message: report.message,
        fixable: report.fix !== undefined,
        ...(report.related?.length ? { related: report.related } : {}),
        ...(report.fix ? { fix: report.fix } : {}),
      };
      out.push(diagnostic);
    };
    if (rule.scope === 'external') {
      const links = options.external!;
      for (const file of files) rule.check({ file, options: setting.options as never, links, report: (r) => emit(file, r) });
    } else if (rule.scope === 'file') {
      for (const file of files) {
        rule.check({ file, options: setting.options as never, host, ruleIds, report: (r) => emit(file, r) });
      }
    } else {
      const { memory } = options;
      const kept = memory ? { previous: memory.get(rule.meta.id), keep: (value: unknown) => memory.put(rule.meta.id, value) } : {};
      rule.check({ files, options: setting.options as never, report: ({ file, ...r }) => emit(file, r), ...kept });
    }
  }
  return sortDiagnostics(out, files.map((f) => f.source.path));
}

const engineOrder = rules.map((r) => r.meta.id);

/**
 * Sorts diagnostics as lintFiles returns them: by file (in the order of `paths`, the files'
 * `source.path`), line, column, then rule (the engine's order unless `ruleOrder` is given).
 * Stable; sorts in place and returns the array (see store.ts sortDiagnosticsBy).
 */
export function sortDiagnostics(diagnostics: Diagnostic[], paths: readonly string[], ruleOrder: readonly string[] = engineOrder): Diagnostic[] {
  return sortDiagnosticsBy(diagnostics, paths, ruleOrder);
}

export interface FixResult {
  /** The fixed text (LF line endings, no BOM: see encodeSource). */
  text: string;
  /** Number of fixes applied over all passes. */
  applied: number;
}

export interface FixOptions extends LintOptions {
  /** The input limits the files are parsed with (as lint parses them). */
  limits?: Limits;
  /**
   * Called with each pass's text and the fixes applied to it (offsets in that text, sorted,
   * not overlapping): the language server turns them into edits of the text it was given.
   */
  onPass?: (text: string, applied: readonly Fix[]) => void;
}

/**
 * Applies every safe fix to one file, re-linting between passes until nothing is left to
 * fix (so fixing a fixed file changes nothing). Only rules with fixes run; a rule turned
 * off in the config or silenced by a comment fixes nothing.
 */
export function fixSource(source: SourceFile, relativePath: string, options: FixOptions = {}): FixResult {
  const { limits, onPass, ...lintOptions } = options;
  const config = onlyFixable(resolved(lintOptions));
  let text = source.text;
  let applied = 0;
  for (let pass = 0; pass < 10; pass++) {
    const file = parseFile({ ...source, text }, relativePath, { ...(limits ? { limits } : {}), ...(options.layout ? { layout: options.layout } : {}) });
    const fixes: Fix[] = lintFiles([file], { ...lintOptions, config })
      .map((d) => d.fix)
      .filter((f): f is Fix => f !== undefined);
    const chosen = chooseFixes(fixes);
    if (chosen.length === 0) break;
    const next = applyFixes(text, chosen).text;
    if (next === text) break;
    onPass?.(text, chosen);
    text = next;
    applied += chosen.length;
  }
  return { text, applied };
}

/** The config with every rule that has no fixes turned off (what fixSource lints with). */
export function onlyFixable(settings: Map<string, ResolvedRule>): Map<string, ResolvedRule> {
  const out = new Map<string, ResolvedRule>();
  for (const rule of rules) {
    const setting = settings.get(rule.meta.id)!;
    out.set(rule.meta.id, rule.meta.fixable ? setting : { ...setting, severity: 'off' });
  }
  return out;
}

/**
 * Which (rule, line) pairs the file's genai-qa comments silence:
 * disable/enable regions, disable-next-line, and disable-question.
 */
export function suppressionsOf(file: Pick<FileSummary, 'directives' | 'questions'>): (ruleId: string, line: number) => boolean {
  interface Range {
    rules: Set<string> | 'all';
    except: Set<string>;
    from: number;
    to: number;
  }
  const ranges: Range[] = [];
  let open: Range[] = [];
  const questionAt = finderByLine(file.questions);
  for (const d of file.directives) {
    const ids = d.rules.length ? new Set(d.rules) : ('all' as const);
    if (d.kind === 'disable') {
      const range: Range = { rules: ids, except: new Set(), from: d.line, to: Infinity };
      open.push(range);
      ranges.push(range);
    } else if (d.kind === 'enable') {
      // Every open range closes here; what stays disabled goes on in a new range.
      const still: Range[] = [];
      for (const range of open) {
        range.to = d.line;
        if (ids === 'all') continue;
        if (range.rules === 'all') {
          // Re-enable some rules inside a disable-all region: reopen it without them.
          const rest: Range = { rules: 'all', except: new Set([...range.except, ...ids]), from: d.line, to: Infinity };
          still.push(rest);
          ranges.push(rest);
        } else {
          const remaining = [...range.rules].filter((id) => !ids.has(id));
          if (remaining.length > 0) {
            const rest: Range = { rules: new Set(remaining), except: range.except, from: d.line, to: Infinity };
            still.push(rest);
            ranges.push(rest);
          }
        }
      }
      open = still;
    } else if (d.kind === 'disable-next-line') {
      ranges.push({ rules: ids, except: new Set(), from: d.endLine + 1, to: d.endLine + 1 });
    } else if (d.kind === 'disable-question') {
      const q = questionAt(d.line);
      if (q) ranges.push({ rules: ids, except: new Set(), from: q.line, to: q.endLine });
    }
  }
  if (ranges.length === 0) return () => false;
  // Per rule, the union of the ranges that silence it, built on first use.
  const byRule = new Map<string, (line: number) => boolean>();
  return (ruleId, line) => {
    let silenced = byRule.get(ruleId);
    if (!silenced) {
      silenced = lineRangeSet(ranges.filter((r) => !r.except.has(ruleId) && (r.rules === 'all' || r.rules.has(ruleId))));
      byRule.set(ruleId, silenced);
    }
    return silenced(line);
  };
}
