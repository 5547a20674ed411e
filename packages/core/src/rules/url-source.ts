import type { Root } from 'mdast';
import { linkNodes, type LinkNode } from '../links.js';
import { parseMarkdown } from '../parse.js';
import type { Fix } from '../rule.js';

/*
 * Not a rule: where a link's URL is written in the source and how to rewrite it, shared by
 * the rules that fix URLs (text-fragment, permanent-redirect) and the ones that read the
 * external link check (dead-link, permanent-redirect, and the CLI's checker, which asks the
 * network about exactly the URLs these rules will look up).
 */

/**
 * The address the link checker requests for a link target: http(s) URLs only, without the
 * fragment (a browser never sends it), normalised by the WHATWG URL parser. `undefined` for
 * any other target. A URL the parser rejects is returned as written (the checker reports it).
 */
export function externalUrlKey(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  try {
    const parsed = new URL(url);
    parsed.hash = '';
    return parsed.href;
  } catch {
    return url.replace(/#.*$/s, '');
  }
}

/** Links, images and definitions (bare URLs included) whose target is an http(s) URL. */
export function externalLinkNodes(tree: Root): Array<{ node: LinkNode; key: string }> {
  const out: Array<{ node: LinkNode; key: string }> = [];
  for (const node of linkNodes(tree)) {
    // Some literal autolinks (e.g. "www.…" right after a link) come without a position.
    if (node.position?.start.offset === undefined || node.position.end.offset === undefined) continue;
    const key = externalUrlKey(node.url);
    if (key !== undefined) out.push({ node, key });
  }
  return out;
}

/** "Link", "Image" or "Link definition", for messages. */
export function linkKind(node: LinkNode): string {
  return node.type === 'image' ? 'Image' : node.type === 'definition' ? 'Link definition' : 'Link';
}

/** A URL shortened for a message. */
export function shortUrl(url: string, max = 80): string {
  return url.length > max ? `${url.slice(0, max - 1)}…` : url;
}

type Form = 'literal' | 'autolink' | 'angle' | 'plain';

interface Destination {
  /** Offsets of the URL as written (inside `<…>` when it has them). */
  range: [number, number];
  form: Form;
}

/**
 * Where the node's URL is written: a bare URL is the whole node, `<url>` the inside of the
 * brackets, `[text](url "title")` and `[label]: url` the destination. Candidates are checked by
 * parsing them back, so an escaped or entity-encoded URL is found or, if in doubt, not at all.
 */
export function destination(text: string, node: LinkNode): Destination | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  if (node.type === 'link' && text[start] !== '[') {
    return text[start] === '<' ? { range: [start + 1, end - 1], form: 'autolink' } : { range: [start, end], form: 'literal' };
  }
  const slice = text.slice(start, end);
  const opener = node.type === 'definition' ? ']:' : '](';
  for (let at = slice.lastIndexOf(opener); at >= 0; at = at === 0 ? -1 : slice.lastIndexOf(opener, at - 1)) {
    const found = readDestination(slice, at + 2);
    if (!found) continue;
    const [from, to] = found;
    const written = slice.slice(from, to);
    if (urlOf(node.type === 'definition' ? `[x]: ${written}` : `[x](${written})`) !== node.url) continue;
    return written.startsWith('<')
      ? { range: [start + from + 1, start + to - 1], form: 'angle' }
      : { range: [start + from, start + to], form: 'plain' };
  }
  return undefined;
}

/** The destination token starting at `from` (after spaces and at most one line break). */
function readDestination(slice: string, from: number): [number, number] | undefined {
  let i = from;
  while (slice[i] === ' ' || slice[i] === '\t') i++;
  if (slice[i] === '\n') i++;
  while (slice[i] === ' ' || slice[i] === '\t') i++;
  const begin = i;
  if (slice[i] === '<') {
    for (i++; i < slice.length && slice[i] !== '\n'; i++) {
      if (slice[i] === '\\') i++;
      else if (slice[i] === '>') return [begin, i + 1];
    }
    return undefined;
  }
  let depth = 0;
  for (; i < slice.length; i++) {
    const c = slice[i]!;
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && depth-- === 0) break;
    else if (/\s/.test(c)) break;
  }
  return i > begin ? [begin, i] : undefined;
}

/** The URL of the first link, image or definition in a Markdown snippet. */
function urlOf(markdown: string): string | undefined {
  return linkNodes(parseMarkdown(markdown))[0]?.url;
}

/**
 * A fix for the node, accepted only if the node's text with the fix applied (followed by the
 * rest of its line, which decides where a bare URL ends) parses back to a link to `expected`.
 */
function verified(text: string, node: LinkNode, fix: Fix, expected: string): Fix | undefined {
  const start = node.position!.start.offset!;
  const end = node.position!.end.offset!;
  const lineEnd = text.indexOf('\n', end);
  const rest = text.slice(end, lineEnd === -1 ? text.length : lineEnd);
  const edited = text.slice(start, fix.range[0]) + fix.text + text.slice(fix.range[1], end);
  return urlOf(edited + rest) === expected ? fix : undefined;
}

/** The URL without its fragment directive (`:~:text=…`), or undefined when it has none. */
export function withoutFragmentDirective(url: string): string | undefined {
  const hash = url.indexOf('#');
  if (hash === -1) return undefined;
  const directive = url.indexOf(':~:', hash);
  if (directive === -1) return undefined;
  return directive === hash + 1 ? url.slice(0, hash) : url.slice(0, directive);
}

/** A fix that deletes the fragment directive where it is written (and the `#` if nothing is left of the fragment). */
export function removeFragmentDirectiveFix(text: string, node: LinkNode): Fix | undefined {
  const expected = withoutFragmentDirective(node.url);
  const dest = destination(text, node);
  // `[x](#:~:text=…)` would become `[x]()`, a link to nothing: that one is for a person to fix.
  if (expected === undefined || expected === '' || !dest) return undefined;
  const written = text.slice(dest.range[0], dest.range[1]);
  const cut = withoutFragmentDirective(written);
  if (cut === undefined) return undefined;
  return (
    verified(text, node, { range: [dest.range[0] + cut.length, dest.range[1]], text: '' }, expected) ??
    // A bare URL that would end early without its fragment ("…/a.#:~:…") becomes an autolink.
    (dest.form === 'literal' ? verified(text, node, { range: dest.range, text: `<${expected}>` }, expected) : undefined)
  );
}

/** A fix that makes the node link to `url` instead, written in the node's own form when possible. */
export function replaceUrlFix(text: string, node: LinkNode, url: string): Fix | undefined {
  const dest = destination(text, node);
  if (!dest) return undefined;
  const candidates: Fix[] = [{ range: dest.range, text: url }];
  if (dest.form === 'literal') {
    candidates.push({ range: [node.position!.start.offset!, node.position!.end.offset!], text: `<${url}>` });
  } else if (dest.form === 'plain') {
    candidates.push({ range: dest.range, text: url.replace(/[()]/g, '\\$&') }, { range: dest.range, text: `<${url}>` });
  }
  for (const candidate of candidates) {
    const fix = verified(text, node, candidate, url);
    if (fix) return fix;
  }
  return undefined;
}
