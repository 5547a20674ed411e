import { Tokenizer, type Token, type TokenHandler } from 'parse5';

/** A start tag as the HTML tokenizer reads it: lower-case name, attribute values decoded. */
export interface StartTag {
  name: string;
  attributes: { name: string; value: string }[];
  /** Offsets in the tokenized text: from `<` to just after `>` (or the end of the text). */
  start: number;
  end: number;
}

/**
 * Runs parse5's tokenizer (the WHATWG tokenization stage, without tree construction) over
 * `html`. Without the tree builder every element's content is read as ordinary markup, so a
 * `<script>` inside a `<textarea>` is still a start tag: for a linter, the cautious reading.
 */
function tokenize(html: string, handler: Partial<TokenHandler>): void {
  const skip = () => {};
  const tokenizer = new Tokenizer(
    { sourceCodeLocationInfo: true },
    {
      onComment: skip,
      onDoctype: skip,
      onStartTag: skip,
      onEndTag: skip,
      onEof: skip,
      onCharacter: skip,
      onNullCharacter: skip,
      onWhitespaceCharacter: skip,
      ...handler,
    },
  );
  tokenizer.write(html, true);
}

/**
 * Ends whatever construct the text stops in: a tag name, an attribute name, or a quoted or
 * unquoted value. A tag cut off by the end of a Markdown HTML node (`<script` and a blank
 * line) would otherwise be dropped at end of input, although the HTML around it in an export
 * can complete it. After the end of a tag the suffix is only text.
 */
const CLOSE_OPEN_TAG = ` '">`;

/** The start tags of an HTML fragment, in order. */
export function startTags(html: string): StartTag[] {
  const tags: StartTag[] = [];
  tokenize(html + CLOSE_OPEN_TAG, {
    onStartTag(token: Token.TagToken) {
      const start = token.location!.startOffset;
      tags.push({
        name: token.tagName,
        attributes: token.attrs.map((a) => ({ name: a.prefix ? `${a.prefix}:${a.name}` : a.name, value: a.value })),
        start,
        end: Math.min(token.location!.endOffset, html.length),
      });
    },
  });
  return tags;
}

/** The text of an HTML fragment, as a browser shows it: tags and comments dropped, character references decoded. */
export function htmlText(html: string): string {
  let text = '';
  const add = (token: Token.CharacterToken) => {
    text += token.chars;
  };
  tokenize(html, { onCharacter: add, onWhitespaceCharacter: add });
  return text;
}
