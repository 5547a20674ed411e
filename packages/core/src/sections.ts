import type { Root, RootContent } from 'mdast';
import type { ResolvedRule } from './config.js';
import { parseFile, type ParsedFile, type ParseOptions } from './extract.js';
import type { LayoutSetting } from './layout.js';
import { lintFiles, sortDiagnostics, suppressionsOf } from './lint.js';
import { stepFence } from './fence.js';
import { blockStarts, parseMarkdown, sectionStarts, shift } from './parse.js';
import { moveDiagnostic, splitByQuestionRules } from './question-rules.js';
import type { Diagnostic as Finding, Host } from './rule.js';
import { inspectSource, type Limits } from './safety.js';
import type { SourceFile } from './source.js';

/*
 * The exact lint of an open document after an edit, without parsing or linting it all again:
 * what LintSession.lintFile does given a SectionLinter (`lintFile(input, { sections })`), the
 * language server's lint after each change.
 *
 * A file that core can cut at its question headings (sectionStarts) has as its tree the trees
 * of its sections, each parsed on its own and moved into place (parse.ts). The document's
 * sections are kept from one version to the next: a section whose text is unchanged keeps its
 * nodes (moved, when lines were added or removed above it) and its findings of QUESTION_RULES
 * (question-rules.ts, the set the lint store's per-question entries use too); only the edited
 * sections are parsed and linted again. The file's other rules (numbering, heading format,
 * anchors, links on disk …) run on the whole assembled file every time, and the file's comments
 * silence findings as in a full lint. A file without question headings (bold questions,
 * unnumbered headings, list items) is cut at its block starts outside fences instead (blockCuts),
 * checked once parsed as parseMarkdown checks its own cuts; a question then spans several
 * sections, and they are linted again together (groupsOf). The result is what
 * `lintFiles([parseFile(…)], { scopes: ['file'] })` returns for the text: see
 * packages/lsp/test/sections.test.ts, which compares the two after edits that split, merge and fence.
 */

/** What a section-wise lint is given: the session's settings (session.ts). */
export interface SectionSettings {
  config: Map<string, ResolvedRule>;
  limits: Limits;
  layout: LayoutSetting | undefined;
  /** How link targets are found on disk (core's link rules). */
  host: Host;
}

interface Section {
  text: string;
  /** Offset and 1-based line of the section's first character in the file. */
  start: number;
  line: number;
  /** Top-level nodes, in file coordinates. */
  nodes: RootContent[];
  /** Findings of QUESTION_RULES (before comments silence any), in file coordinates. */
  findings: Finding[] | undefined;
  /** Whether the section ends the file (repeated-sentence's fix takes the blank lines before the file's last paragraph). */
  last: boolean;
  /** Its place in its group (see groupsOf) and the group's number of sections, when last linted: [0, 1] for most. */
  place?: [number, number];
  /** The number, id and headings of each question that starts in it, when last linted: a message may name them. */
  questions?: string;
}

export interface SectionLint {
  file: ParsedFile;
  findings: Finding[];
  /** How many sections were parsed again (the rest were reused), for tests and the bench. */
  parsed: number;
  /** False when the file was linted whole (it cannot be cut at its questions). */
  incremental: boolean;
  /** How many sections' QUESTION_RULES findings came from the helper. */
  helped?: number;
}

/** Sections [start, end) of a text whose QUESTION_RULES findings another thread works out (in the language server) (section-helper.ts). */
export interface HelpJob {
  source: SourceFile;
  relativePath: string;
  start: number;
  end: number;
  /** The line of `start`. */
  line: number;
  config: Map<string, ResolvedRule>;
  limits: Limits;
  layout: LayoutSetting | undefined;
}

export interface HelpResult {
  /** QUESTION_RULES findings of the sections, none silenced. */
  findings: Finding[];
  /**
   * The layout the helper found, where its questions start and their numbers (which an
   * unnumbered layout counts from the file's start): they must be the file's for the findings to count.
   */
  layout: string;
  questions: Array<[number, number]>;
}

/** Another thread taking on part of a long first lint: `start` returns a function that waits for the result. */
export interface Helper {
  start(job: HelpJob): () => HelpResult | undefined;
}

/** A first lint of this many new sections or more shares out their QUESTION_RULES (with a helper). */
const HELP_MIN_SECTIONS = 500;
/** The share of the new sections the helper takes: the rest of the lint stays here. */
const HELP_SHARE = 0.55;

/**
 * The lint state of one document across its versions (its previous version's sections), for
 * LintSession.lintFile. `helper`: another thread that may take on part of a long first lint.
 */
export class SectionLinter {
  constructor(private readonly helper?: Helper) {}

  private sections: Section[] = [];
  private key: { config: Map<string, ResolvedRule>; layout: string } | undefined;
  private split: { rest: Map<string, ResolvedRule>; own: Map<string, ResolvedRule> } | undefined;

  /** The file's own rules' findings for `source` (LF text), as a full lint gives them. */
  lint(source: SourceFile, relativePath: string, settings: SectionSettings): SectionLint {
    const { config, limits, layout, host } = settings;
    const options = { limits, ...(layout ? { layout } : {}) };
    const text = source.text;
    // A link or footnote definition serves the whole file, so sections parsed on their own
    // would not see it (core's parseMarkdown writes the definitions next to each piece; this
    // keeps it simple and lints such a file whole, as before).
    const plain = !text.includes('\ufeff') && !text.includes('\r') && !text.includes(']:');
    const headings = plain ? sectionStarts(text) : undefined;
    // A file without question headings to cut at (bold questions, list items, a doubtful
    // heading sectionStarts leaves alone) is cut at its block starts outside fences instead:
    // `checked`, as parseMarkdown's own cuts at them are, once parsed (see below).
    const checked = plain && (headings === undefined || headings.length === 0);
    const cuts = checked ? blockCuts(text) : headings;
    if (cuts === undefined) return this.whole(source, relativePath, config, host, options);

    const bounds = [0, ...cuts, text.length];
    const texts: string[] = [];
    for (let i = 0; i + 1 < bounds.length; i++) texts.push(text.slice(bounds[i], bounds[i + 1]));
    // Sections unchanged at the start and at the end of the file are reused.
    const old = this.sections;
    let prefix = 0;
    while (prefix < texts.length && prefix < old.length && old[prefix]!.text === texts[prefix]) prefix++;
    let suffix = 0;
    while (suffix < texts.length - prefix && suffix < old.length - prefix && old[old.length - 1 - suffix]!.text === texts[texts.length - 1 - suffix]) suffix++;

    // A file too deep or too dense to parse (input-safety) is so because of one of its sections:
    // blocks and fences end where a section starts. The reused sections were clean. When none
    // is reused (the first lint), the whole text is inspected once, and parseFile takes that
    // rather than inspecting it again (one pass per section costs more than one on the file).
    const safety = prefix === 0 && suffix === 0 ? inspectSource(text, limits) : undefined;
    if (safety?.some((p) => p.blocking)) return this.whole(source, relativePath, config, host, { ...options, safety });
    for (let i = prefix; !safety && i < texts.length - suffix; i++) {
      if (inspectSource(texts[i]!, limits).some((p) => p.blocking)) return this.whole(source, relativePath, config, host, options);
    }

    const next: Section[] = [];
    let line = 1;
    // The edited sections are one run between the reused ones: parsed in one piece (what
    // parseMarkdown makes of it is its sections' trees, as for the whole file), then shared out.
    const from = prefix;
    const to = texts.length - suffix;
    const firstLines: number[] = [];
    for (const sectionText of texts) {
      firstLines.push(line);
      line += lineCount(sectionText);
    }
    // A long run: the helper lints the QUESTION_RULES of its later part meanwhile.
    // (Not for sections cut at block starts, whose questions may span the helper's first one.)
    const split = this.helper && !checked && to - from >= HELP_MIN_SECTIONS ? to - Math.floor((to - from) * HELP_SHARE) : to;
    const helped =
      split < to
        ? this.helper!.start({ source, relativePath, start: bounds[split]!, end: bounds[to]!, line: firstLines[split]!, config, limits, layout })
        : undefined;
    const parsedNodes: RootContent[][] = [];
    let crossed = false;
    if (from < to) {
      for (let i = from; i < to; i++) parsedNodes.push([]);
      const runStart = bounds[from]!;
      for (const node of parseMarkdown(text.slice(runStart, bounds[to])).children) {
        // Nodes just parsed are nobody else's: moved in place.
        if (runStart > 0) shift(node, firstLines[from]! - 1, runStart);
        const at = upperBound(bounds, node.position!.start.offset!) - 1;
        // At a block start every block before has ended, but for one that runs across blank
        // lines (code or math in a container, HTML to its end tag) that blockCuts did not see:
        // such a block reaches past its section's last visible character. Its section and the
        // next cannot be parsed apart (nor, at the run's end, the reused ones after it): the
        // file is linted whole.
        if (checked && node.position!.end.offset! > bounds[at]! + visibleEnd(texts[at]!)) crossed = true;
        parsedNodes[at - from]!.push(node);
      }
    }
    if (crossed) {
      // A run of the whole text is the file's tree as it is (no second parse).
      if (from > 0 || to < texts.length) return this.whole(source, relativePath, config, host, options);
      const children: RootContent[] = [];
      for (const nodes of parsedNodes) for (const node of nodes) children.push(node);
      const tree: Root = { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(text, line) } };
      return this.whole(source, relativePath, config, host, { ...options, tree, ...(safety ? { safety } : {}) });
    }
    texts.forEach((sectionText, i) => {
      const start = bounds[i]!;
      const last = i === texts.length - 1;
      const reused = i < from ? old[i] : i >= to ? old[old.length - (texts.length - i)] : undefined;
      if (reused) next.push(moveSection(reused, start, firstLines[i]!, last));
      else next.push({ text: sectionText, start, line: firstLines[i]!, nodes: parsedNodes[i - from]!, findings: undefined, last });
    });
    const parsed = to - from;

    /** The first line of each section. */
    const lines = next.map((section) => section.line);
    const children: RootContent[] = [];
    for (const section of next) for (const node of section.nodes) children.push(node); // (a spread could overflow the stack)
    const tree: Root = { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(text, line) } };
    const file = parseFile(source, relativePath, { ...options, tree, ...(safety ? { safety } : {}) });

    // A question may span sections (cut at block starts, a question is its paragraphs): its
    // sections are linted together, a group. An edited section's group is linted again whole.
    const sectionAt = (offset: number): number => upperBound(bounds, offset) - 1;
    const group = groupsOf(file.questions, sectionAt, next.length);

    const layoutKey = JSON.stringify(file.layout ?? null);
    if (this.key?.config !== config || this.key.layout !== layoutKey) {
      for (const section of next) section.findings = undefined;
      this.key = { config, layout: layoutKey };
      this.split = undefined;
    }
    // A question numbered by its place (an unnumbered layout), or whose id or headings changed
    // with an edit elsewhere, is linted again: a finding's message may name it.
    const signatures: string[] = next.map(() => '');
    for (const q of file.questions) signatures[sectionAt(q.start)] += JSON.stringify([q.number, q.id, q.section]);
    next.forEach((section, i) => {
      if (section.questions !== signatures[i]) section.findings = undefined;
      section.questions = signatures[i]!;
    });
    // The question rules see a question whole: a group with one new section, or whose
    // sections were grouped otherwise before (a question typed in splits one), is new throughout.
    for (let i = 0; i < next.length; ) {
      let end = i + 1;
      while (end < next.length && group[end] === group[i]) end++;
      const size = end - i;
      let renew = false;
      for (let k = i; k < end && !renew; k++) {
        const place = next[k]!.place ?? [0, 1];
        renew = next[k]!.findings === undefined || place[0] !== k - i || place[1] !== size;
      }
      for (let k = i; k < end; k++) {
        if (renew) next[k]!.findings = undefined;
        next[k]!.place = [k - i, size];
      }
      i = end;
    }
    const { rest, own } = (this.split ??= splitByQuestionRules(config));

    const findings = lintFiles([file], { config: rest, scopes: ['file'], host });
    let helpedSections = 0;
    if (helped) {
      const result = helped();
      const start = bounds[split]!;
      const end = bounds[to]!;
      const mine = file.questions.filter((q) => q.start >= start && q.start < end).map((q) => [q.start, q.number]);
      // Found the same questions in the same layout: the findings are those of these sections here.
      if (result && result.layout === layoutKey && JSON.stringify(result.questions) === JSON.stringify(mine)) {
        for (let i = split; i < to; i++) next[i]!.findings = [];
        helpedSections = to - split;
        for (const f of result.findings) next[upperBound(lines, f.line) - 1]!.findings!.push(f);
      }
    }
    // QUESTION_RULES on the sections without findings (the new ones) only: a view of the file
    // with their nodes and questions alone, and no comments (they are applied below, file-wide).
    // A rule that reads the text by lines (trailing-whitespace) finds things in the other
    // sections too: only the findings on the new sections' lines are theirs.
    const fresh = next.filter((section) => section.findings === undefined);
    if (fresh.length > 0) {
      const nodes: RootContent[] = [];
      for (const section of fresh) {
        section.findings = [];
        for (const node of section.nodes) nodes.push(node);
      }
      const isFresh = new Set(fresh);
      const questions = file.questions.filter((q) => isFresh.has(next[sectionAt(q.start)]!));
      // Every section new (the first lint): the file's own tree, whose node index the rules above built already.
      const view: ParsedFile = { ...file, tree: fresh.length === next.length ? tree : { ...tree, children: nodes }, questions, directives: [] };
      for (const f of lintFiles([view], { config: own, scopes: ['file'], host })) {
        const section = next[upperBound(lines, f.line) - 1]!;
        if (isFresh.has(section)) section.findings!.push(f);
      }
    }
    const silenced = suppressionsOf(file);
    for (const section of next) for (const f of section.findings!) if (!silenced(f.ruleId, f.line)) findings.push(f);
    this.sections = next;
    return { file, findings: sortDiagnostics(findings, [source.path]), parsed, incremental: true, ...(helpedSections ? { helped: helpedSections } : {}) };
  }

  private whole(source: SourceFile, relativePath: string, config: Map<string, ResolvedRule>, host: Host, options: ParseOptions): SectionLint {
    this.sections = [];
    const file = parseFile(source, relativePath, options);
    return { file, findings: lintFiles([file], { config, scopes: ['file'], host }), parsed: 1, incremental: false };
  }
}

/** What a helper does with a job: parses the sections, finds their questions, lints them with QUESTION_RULES. */
export function helpWith(job: HelpJob): HelpResult {
  const text = job.source.text;
  const nodes = parseMarkdown(text.slice(job.start, job.end)).children;
  if (job.start > 0) for (const node of nodes) shift(node, job.line - 1, job.start);
  const tree: Root = { type: 'root', children: nodes, position: { start: { line: 1, column: 1, offset: 0 }, end: endPoint(text, lineCount(text) + 1) } };
  const file = parseFile(job.source, job.relativePath, { limits: job.limits, ...(job.layout ? { layout: job.layout } : {}), tree });
  // The job's lines only (trailing-whitespace reads every line of the text).
  const endLine = job.end >= text.length ? Infinity : job.line + lineCount(text.slice(job.start, job.end));
  const findings = lintFiles([{ ...file, directives: [] }], { config: splitByQuestionRules(job.config).own, scopes: ['file'] }).filter((f) => f.line >= job.line && f.line < endLine);
  return { findings, layout: JSON.stringify(file.layout ?? null), questions: file.questions.map((q) => [q.start, q.number]) };
}

function moveSection(section: Section, start: number, line: number, last: boolean): Section {
  const lines = line - section.line;
  const chars = start - section.start;
  // Its findings stay valid where they only moved; at the file's end or off it, they are found again.
  const findings = section.last === last ? section.findings?.map((f) => moveDiagnostic(f, lines, chars)) : undefined;
  if (lines === 0 && chars === 0) return { ...section, findings, last };
  return { ...section, start, line, nodes: section.nodes.map((n) => moveNode(n, lines, chars)), findings, last };
}

/**
 * A copy of a node moved by `lines` and `chars` (new position objects: the previous
 * version's summary, which the corpus rules may still read, keeps its own).
 */
function moveNode<T extends { position?: Root['position']; children?: unknown }>(node: T, lines: number, chars: number): T {
  const out = { ...node };
  const p = node.position;
  if (p) {
    out.position = {
      start: { line: p.start.line + lines, column: p.start.column, ...(p.start.offset !== undefined ? { offset: p.start.offset + chars } : {}) },
      end: { line: p.end.line + lines, column: p.end.column, ...(p.end.offset !== undefined ? { offset: p.end.offset + chars } : {}) },
    };
  }
  if (Array.isArray(node.children)) (out as { children: unknown[] }).children = node.children.map((c: T) => moveNode(c, lines, chars));
  return out;
}

/** Line feeds in a text. */
function lineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The point after the last character (`lines`: the number of the last line), as parse.ts gives the root. */
function endPoint(text: string, lines: number): { line: number; column: number; offset: number } {
  return { line: lines, column: text.length - text.lastIndexOf('\n'), offset: text.length };
}

/** The index of the first element of sorted `xs` greater than `x`. */
function upperBound(xs: readonly number[], x: number): number {
  let low = 0;
  let high = xs.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (xs[mid]! <= x) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The block starts (parse.ts) of a text that lie outside fenced code and math at the margin
 * and outside HTML that runs to an end marker (a comment, `<pre>`, `<script>` …): where a
 * file without question headings is cut into sections. What this does not see (a fence in a
 * list item, say) SectionLinter.lint finds once parsed, and lints the file whole.
 */
export function blockCuts(text: string): number[] {
  const starts = blockStarts(text);
  if (starts.length === 0) return starts;
  const out: number[] = [];
  let fence: string | undefined;
  let html: RegExp | undefined;
  let next = 0;
  for (let offset = 0; offset < text.length && next < starts.length; ) {
    let end = text.indexOf('\n', offset);
    if (end === -1) end = text.length;
    while (next < starts.length && starts[next]! < offset) next++;
    const line = text.slice(offset, end);
    const inside = fence !== undefined || html !== undefined;
    if (starts[next] === offset && !inside) out.push(offset);
    if (html) {
      if (html.test(line)) html = undefined;
    } else {
      const step = stepFence(line, fence);
      fence = step.open;
      if (!step.fenced) {
        const open = HTML_TO_END.find(([opener]) => opener.test(line));
        // Open until the line that holds its end (the opening line may hold it too).
        if (open && !open[1].test(line.slice(line.indexOf('<') + 2))) html = open[1];
      }
    }
    offset = end + 1;
  }
  return out;
}

// HTML blocks that a blank line does not end (CommonMark's kinds 1–5), with their end.
const HTML_TO_END: ReadonlyArray<[RegExp, RegExp]> = [
  [/^ {0,3}<(?:pre|script|style|textarea)(?:[\s>]|$)/i, /<\/(?:pre|script|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/** The end of a text's last line that is not blank (where every block that ends in it ends). */
function visibleEnd(text: string): number {
  const feed = text.indexOf('\n', text.trimEnd().length);
  return feed === -1 ? text.length : feed;
}

/**
 * For each section, the first section of its group: consecutive sections that share a
 * question (one that starts in one and ends in another) are one group.
 */
function groupsOf(questions: ReadonlyArray<{ start: number; end: number }>, sectionAt: (offset: number) => number, count: number): number[] {
  const group = Array.from({ length: count }, (_, i) => i);
  for (const q of questions) {
    const first = sectionAt(q.start);
    const last = sectionAt(Math.max(q.end - 1, q.start));
    for (let k = first + 1; k <= last; k++) group[k] = group[first]!;
  }
  return group;
}
