import type { Html, Nodes } from 'mdast';

/**
 * genai-qa reads instructions from HTML comments, which GitHub does not render:
 *
 *   <!-- genai-qa id="what-is-a-gan" tags="gan, architecture" -->   question metadata
 *   <!-- genai-qa-disable rule-a rule-b -->  … <!-- genai-qa-enable -->  a region
 *   <!-- genai-qa-disable-next-line rule-a -->                        the next line
 *   <!-- genai-qa-disable-question rule-a -->                         the whole question
 *
 * A directive without rule ids applies to every rule.
 */
export type DirectiveKind = 'metadata' | 'disable' | 'enable' | 'disable-next-line' | 'disable-question';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids for the disable family; empty = all rules. */
  rules: string[];
  /** key="value" pairs for metadata. */
  attributes: Record<string, string>;
  /** Problems found while reading the directive (bad syntax). */
  problems: string[];
  line: number;
  column: number;
  endLine: number;
  startOffset: number;
  endOffset: number;
  node: Html;
}

const COMMENT = /^<!--\s*genai-qa(-[a-z-]+)?(?=\s|-->)([\s\S]*?)-->\s*$/;
const KINDS: Record<string, DirectiveKind> = {
  '': 'metadata',
  '-disable': 'disable',
  '-enable': 'enable',
  '-disable-next-line': 'disable-next-line',
  '-disable-question': 'disable-question',
};
const ATTRIBUTE = /([a-zA-Z][\w-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/y;

/** Reads a genai-qa directive from an html node, or returns undefined for any other HTML. */
export function readDirective(node: Nodes): Directive | undefined {
  if (node.type !== 'html' || !node.position) return undefined;
  const match = COMMENT.exec(node.value);
  if (!match) return undefined;
  const suffix = match[1] ?? '';
  const body = (match[2] ?? '').trim();
  const problems: string[] = [];
  const kind = KINDS[suffix];
  const base = {
    rules: [] as string[],
    attributes: {} as Record<string, string>,
    problems,
    line: node.position.start.line,
    column: node.position.start.column,
    endLine: node.position.end.line,
    startOffset: node.position.start.offset ?? 0,
    endOffset: node.position.end.offset ?? 0,
    node,
  };
  if (!kind) {
    problems.push(
      `unknown directive "genai-qa${suffix}"; expected genai-qa, genai-qa-disable, genai-qa-enable, genai-qa-disable-next-line or genai-qa-disable-question`,
    );
    return { kind: 'metadata', ...base };
  }
  if (kind === 'metadata') {
    let i = 0;
    while (i < body.length) {
      if (/\s/.test(body[i]!)) {
        i++;
        continue;
      }
      ATTRIBUTE.lastIndex = i;
      const m = ATTRIBUTE.exec(body);
      if (!m) {
        problems.push(`cannot read "${body.slice(i)}"; write metadata as key="value", e.g. <!-- genai-qa id="what-is-a-gan" tags="gan" -->`);
        break;
      }
      const key = m[1]!;
      if (key in base.attributes) problems.push(`"${key}" is given twice`);
      base.attributes[key] = m[2] ?? m[3] ?? m[4] ?? '';
      i = ATTRIBUTE.lastIndex;
    }
    return { kind, ...base };
  }
  // Everything after "--" is a free comment: <!-- genai-qa-disable bare-url -- the link is an example -->
  const rulesPart = body.split(/\s--\s|^--\s|\s--$/)[0] ?? '';
  base.rules = rulesPart.split(/[\s,]+/).filter(Boolean);
  return { kind, ...base };
}
