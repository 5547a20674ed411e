import { assetKey, classifyUrl, defaultId, type Corpus, type Question } from '@genai-qa/core';

/** Where a link in the guide goes: a web address, or a question of the guide (named destination). */
export type LinkTarget = { kind: 'url'; url: string } | { kind: 'dest'; name: string };

/** Schemes that become clickable. Anything else (javascript:, data:, file:, …) stays plain text. */
const CLICKABLE = new Set(['http:', 'https:', 'mailto:']);

/**
 * Named destinations and link resolution for one corpus. Every question gets a destination
 * named by its id (so `guide.pdf#what-is-a-gan` opens at the question); `#anchor` links in
 * answers resolve to a question by its id or by GitHub's heading slug (`#9-what-is-mode-collapse`),
 * preferring a question of the same file.
 */
export class Destinations {
  /** Destination name per question, in corpus order (ids, made unique if the corpus repeats one). */
  readonly names: string[];
  private readonly byFile = new Map<string, Map<string, string>>();
  private readonly global = new Map<string, string>();
  private readonly files: Set<string>;

  constructor(corpus: Corpus) {
    this.files = new Set(corpus.files.map((f) => f.file));
    const used = new Set<string>();
    this.names = corpus.questions.map((q) => {
      let name = q.id;
      for (let n = 2; used.has(name); n++) name = `${q.id}-${n}`;
      used.add(name);
      return name;
    });
    corpus.questions.forEach((q, i) => {
      const name = this.names[i]!;
      let local = this.byFile.get(q.source.file);
      if (!local) this.byFile.set(q.source.file, (local = new Map<string, string>()));
      for (const key of [q.id, defaultId(`${q.number}. ${q.question}`), defaultId(q.question)]) {
        if (!local.has(key)) local.set(key, name);
        if (!this.global.has(key)) this.global.set(key, name);
      }
    });
  }

  /** The target of a link written in `question`'s answer, or undefined when it must not be clickable. */
  resolve(question: Pick<Question, 'source'>, url: string): LinkTarget | undefined {
    const kind = classifyUrl(url);
    switch (kind.kind) {
      case 'dangerous':
        return undefined;
      case 'external':
        return external(url);
      case 'anchor':
        return this.anchor(question.source.file, kind.fragment);
      case 'local': {
        // A link to another Markdown file of the corpus, with a fragment, lands on that question.
        const key = assetKey(question, url);
        if (key === undefined || !this.files.has(key) || kind.fragment === '') return undefined;
        return this.anchor(key, kind.fragment);
      }
    }
  }

  private anchor(file: string, fragment: string): LinkTarget | undefined {
    let decoded = fragment;
    try {
      decoded = decodeURIComponent(fragment);
    } catch {
      // keep it as written
    }
    const key = defaultId(decoded);
    const name = this.byFile.get(file)?.get(key) ?? this.global.get(key);
    return name === undefined ? undefined : { kind: 'dest', name };
  }
}

function external(url: string): LinkTarget | undefined {
  // Browsers drop control characters from addresses; the URL parser percent-encodes the rest.
  // eslint-disable-next-line no-control-regex
  const cleaned = url.trim().replace(/[\u0000-\u001f\u007f]+/g, '');
  const absolute = cleaned.startsWith('//') ? `https:${cleaned}` : cleaned;
  let parsed: URL;
  try {
    parsed = new URL(absolute);
  } catch {
    return undefined;
  }
  if (!CLICKABLE.has(parsed.protocol)) return undefined;
  return { kind: 'url', url: parsed.href };
}
