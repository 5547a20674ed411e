/**
 * Defence in depth for the Answer field. `question.answer.html` is already sanitized by core
 * with GitHub's schema; this pass re-serializes it from scratch through an allow-list, so
 * that whatever reaches the exporter (a future core, a hand-built Corpus), the deck holds
 * no script, no event handler and no `javascript:` URL, and stray `<`, `>` and `&` in text
 * stay escaped. Output is built only from allowed tag names, allowed attributes with
 * re-escaped values, and re-escaped text, so it is well formed whatever the input was.
 */

/** Elements kept (with their content). Anything else is unwrapped: tag dropped, text kept. */
const ALLOWED_TAGS = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'blockquote', 'br', 'caption', 'cite', 'code', 'dd', 'del',
  'details', 'dfn', 'div', 'dl', 'dt', 'em', 'figcaption', 'figure', 'h1', 'h2', 'h3', 'h4',
  'h5', 'h6', 'hr', 'i', 'img', 'input', 'ins', 'kbd', 'li', 'mark', 'ol', 'p', 'pre', 'q',
  'rp', 'rt', 'ruby', 's', 'samp', 'section', 'small', 'span', 'strike', 'strong', 'sub',
  'summary', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'time', 'tr', 'tt', 'u',
  'ul', 'var', 'wbr',
]);

/** Elements dropped together with everything inside them. */
const DROPPED_WITH_CONTENT = new Set([
  'script', 'style', 'iframe', 'object', 'embed', 'noscript', 'noembed', 'noframes', 'template',
  'textarea', 'title', 'xmp', 'svg', 'math', 'select', 'button', 'form', 'head', 'plaintext',
]);

const VOID_TAGS = new Set(['br', 'hr', 'img', 'input', 'wbr']);

const GLOBAL_ATTRIBUTES = new Set(['title', 'lang', 'dir', 'class']);
const TAG_ATTRIBUTES: Record<string, Set<string>> = {
  a: new Set(['href']),
  img: new Set(['src', 'alt', 'width', 'height']),
  ol: new Set(['start', 'reversed']),
  li: new Set(['value']),
  td: new Set(['align', 'colspan', 'rowspan']),
  th: new Set(['align', 'colspan', 'rowspan', 'scope']),
  details: new Set(['open']),
  time: new Set(['datetime']),
  input: new Set(['type', 'checked']),
};
const BOOLEAN_ATTRIBUTES = new Set(['checked', 'open', 'reversed']);
const NUMERIC_ATTRIBUTES = new Set(['width', 'height', 'start', 'value', 'colspan', 'rowspan']);
const SAFE_LINK = /^(?:https?:|mailto:)/i;

/**
 * Decides what an image becomes: the media file name to point `src` at, or undefined to
 * replace the image by its alt text.
 */
export type ImageResolver = (src: string) => string | undefined;

const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<![^>]*>?|<\?[^>]*>?|<\/([a-zA-Z][a-zA-Z0-9-]*)\s*>|<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

/** Re-serializes answer HTML through the allow-list; images go through `resolveImage`. */
export function cleanHtml(html: string, resolveImage: ImageResolver): string {
  let out = '';
  let last = 0;
  let skipUntil: string | undefined;
  for (const match of html.matchAll(TOKEN)) {
    const at = match.index;
    if (skipUntil === undefined) out += escapeText(html.slice(last, at));
    last = at + match[0].length;
    const closing = match[1]?.toLowerCase();
    const opening = match[2]?.toLowerCase();
    if (skipUntil !== undefined) {
      if (closing === skipUntil) skipUntil = undefined;
      continue;
    }
    if (closing !== undefined) {
      if (ALLOWED_TAGS.has(closing) && !VOID_TAGS.has(closing)) out += `</${closing}>`;
    } else if (opening !== undefined) {
      if (DROPPED_WITH_CONTENT.has(opening)) {
        if (!match[0].endsWith('/>')) skipUntil = opening;
      } else if (ALLOWED_TAGS.has(opening)) {
        out += startTag(opening, parseAttributes(match[3] ?? ''), resolveImage);
      }
    }
    // Comments, doctypes and processing instructions are dropped.
  }
  if (skipUntil === undefined) out += escapeText(html.slice(last));
  return out;
}

function parseAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const m of source.matchAll(ATTRIBUTE)) {
    const name = m[1]!.toLowerCase();
    if (!attributes.has(name)) attributes.set(name, decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attributes;
}

function startTag(tag: string, attributes: Map<string, string>, resolveImage: ImageResolver): string {
  if (tag === 'img') return image(attributes, resolveImage);
  if (tag === 'input' && attributes.get('type')?.toLowerCase() !== 'checkbox') return '';
  const kept: string[] = [];
  for (const [name, value] of attributes) {
    if (!GLOBAL_ATTRIBUTES.has(name) && !TAG_ATTRIBUTES[tag]?.has(name)) continue;
    const clean = attributeValue(tag, name, value);
    if (clean === undefined) continue;
    kept.push(BOOLEAN_ATTRIBUTES.has(name) ? ` ${name}` : ` ${name}="${escapeAttribute(clean)}"`);
  }
  // Task-list checkboxes only, and never editable.
  if (tag === 'input') kept.push(' disabled');
  return `<${tag}${kept.join('')}>`;
}

function attributeValue(tag: string, name: string, value: string): string | undefined {
  if (name === 'href') return SAFE_LINK.test(stripControls(value)) ? value : undefined;
  if (name === 'class') {
    const tokens = value.split(/\s+/).filter((t) => /^[\w-]+$/.test(t));
    return tokens.length > 0 ? tokens.join(' ') : undefined;
  }
  if (NUMERIC_ATTRIBUTES.has(name)) return /^\d{1,6}$/.test(value) ? value : undefined;
  if (name === 'type') return tag === 'input' ? 'checkbox' : undefined;
  if (BOOLEAN_ATTRIBUTES.has(name)) return '';
  return value;
}

/** Local images in the media become `<img src="media-name">`; others their alt text. */
function image(attributes: Map<string, string>, resolveImage: ImageResolver): string {
  const src = attributes.get('src') ?? '';
  const alt = attributes.get('alt') ?? '';
  const name = src === '' ? undefined : resolveImage(src);
  if (name !== undefined) {
    let tag = `<img src="${escapeAttribute(name)}" alt="${escapeAttribute(alt)}"`;
    for (const extra of ['title', 'width', 'height']) {
      const value = attributes.get(extra);
      const clean = value === undefined ? undefined : attributeValue('img', extra, value);
      if (clean !== undefined) tag += ` ${extra}="${escapeAttribute(clean)}"`;
    }
    return `${tag}>`;
  }
  if (alt === '') return '';
  const text = `<span class="image-alt">${escapeDecoded(alt)}</span>`;
  return SAFE_LINK.test(stripControls(src)) && /^https?:/i.test(stripControls(src)) ? `<a href="${escapeAttribute(src)}">${text}</a>` : text;
}

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0020\u007f]+/g;
function stripControls(value: string): string {
  return value.replace(CONTROLS, '');
}

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos|nbsp));?/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes numeric entities and the few named ones HTML serializers emit. */
export function decodeEntities(value: string): string {
  return value.replace(ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name !== undefined) return NAMED[name]!;
    const code = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

/**
 * Text between tags, in one canonical form: character references decoded, then `&`, `<`
 * and `>` escaped as `&amp;`, `&lt;` and `&gt;`. Named references this module does not
 * know stay visible as text (core's HTML never has any: it writes numeric references).
 */
function escapeText(text: string): string {
  return escapeDecoded(decodeEntities(text));
}

function escapeDecoded(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes plain text for an HTML field. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function escapeAttribute(value: string): string {
  return escapeHtml(value).replace(/'/g, '&#x27;');
}
