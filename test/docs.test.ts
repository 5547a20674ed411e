import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rules, validateConfig, type ExternalLinks, type Rule } from '@genai-qa/core';
import { describe, expect, it } from 'vitest';
import { checkExternalLinks, linkCheckSettings } from '../packages/cli/src/link-check/index.js';
import { findings, fix, parse } from '../packages/core/test/helpers.js';

/*
 * Keeps docs/rules/<id>.md in step with the rules: every rule has a page and every page a
 * rule, the header states the real default severity and fixability, every example is run
 * through the linter (and through the linter again with the page's silencing comment added),
 * every option is documented with its real default, and the example config is valid.
 *
 * Examples are fenced blocks whose info string is `md invalid`, `md valid` or `md fixed`
 * (for the rules that read the network, see assumedNetwork below).
 * The block's text (with its final newline) is the file that is linted. A block marked
 * `no-final-newline` (`md invalid no-final-newline`) is linted without that newline.
 */

const DOCS = fileURLToPath(new URL('../docs/rules/', import.meta.url));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyRule = Rule<any>;

type Kind = 'invalid' | 'valid' | 'fixed';

interface Example {
  kind: Kind;
  text: string;
  /** 1-based line of the opening fence, for messages. */
  line: number;
}

interface CodeBlock {
  info: string;
  body: string;
  line: number;
}

/** Fenced code blocks (``` or ~~~, any length ≥ 3) at the top level of a page. */
function codeBlocks(markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const out: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(`{3,}|~{3,})(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const close = new RegExp(`^${fence[0] === '`' ? '`' : '~'}{${fence.length},}\\s*$`);
    let j = i + 1;
    while (j < lines.length && !close.test(lines[j]!)) j++;
    if (j === lines.length) throw new Error(`unclosed code fence on line ${i + 1}`);
    const bodyLines = lines.slice(i + 1, j);
    out.push({ info: open[2]!.trim(), body: bodyLines.length ? `${bodyLines.join('\n')}\n` : '', line: i + 1 });
    i = j;
  }
  return out;
}

function examples(markdown: string): Example[] {
  const out: Example[] = [];
  for (const block of codeBlocks(markdown)) {
    const [language, kind, ...flags] = block.info.split(/\s+/);
    if (language !== 'md' || (kind !== 'invalid' && kind !== 'valid' && kind !== 'fixed')) continue;
    const text = flags.includes('no-final-newline') ? block.body.replace(/\n$/, '') : block.body;
    out.push({ kind, text, line: block.line });
  }
  return out;
}

/** The text of the `## <title>` section, up to the next `## ` heading (code blocks skipped). */
function section(markdown: string, title: string): string {
  const lines = markdown.split('\n');
  let inFence: string | undefined;
  let start = -1;
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence && !inFence) inFence = fence;
    else if (fence && inFence && fence[0] === inFence[0] && fence.length >= inFence.length && line.trim() === fence) inFence = undefined;
    if (inFence || !line.startsWith('## ')) continue;
    if (start >= 0) {
      end = i;
      break;
    }
    if (line === `## ${title}`) start = i + 1;
  }
  return start < 0 ? '' : lines.slice(start, end).join('\n');
}

/** `## ` headings of a page, in order, outside code blocks. */
function sectionTitles(markdown: string): string[] {
  const titles: string[] = [];
  let inFence: string | undefined;
  for (const line of markdown.split('\n')) {
    const fence = /^(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence && !inFence) inFence = fence;
    else if (fence && inFence && fence[0] === inFence[0] && fence.length >= inFence.length && line.trim() === fence) inFence = undefined;
    else if (!inFence && line.startsWith('## ')) titles.push(line.slice(3));
  }
  return titles;
}

function optionNames(rule: AnyRule): string[] {
  const properties = (rule.meta.optionsSchema as { properties?: Record<string, unknown> }).properties ?? {};
  return Object.keys(properties);
}

/*
 * Rules of scope 'external' (dead-link, permanent-redirect) report what `lint --check-external`
 * found. Their pages state the network the examples assume, in one sentence:
 *   The examples assume that `URL` answers 404 Not Found [and `URL` answers `301 …` with
 *   `Location: URL`] …, and every other address 200 OK.
 * Their examples run through the real link checker against exactly that network (a scripted
 * fetch: no request leaves the test).
 */
interface Answer {
  status: number;
  location?: string;
}

function assumedNetwork(page: string): Map<string, Answer> | undefined {
  const sentence = /^The examples assume that (.+)$/m.exec(page)?.[1];
  if (!sentence || !sentence.includes('every other address 200 OK')) return undefined;
  const network = new Map<string, Answer>();
  for (const m of sentence.matchAll(/`(https?:[^`]+)` answers `?(\d{3})[^`,]*`?(?: with `Location: ([^`]+)`)?/g)) {
    network.set(m[1]!, { status: Number(m[2]), ...(m[3] ? { location: m[3] } : {}) });
  }
  return network;
}

async function externalAnswers(network: Map<string, Answer>, markdown: string): Promise<ExternalLinks> {
  const fetch = (async (input: string | URL) => {
    const answer = network.get(String(input)) ?? { status: 200 };
    return new Response(null, { status: answer.status, headers: answer.location ? { location: answer.location } : {} });
  }) as typeof globalThis.fetch;
  return (await checkExternalLinks([parse(markdown)], linkCheckSettings({ cache: false }, '/'), { network: { fetch } })).links;
}

const pages = fs.existsSync(DOCS) ? fs.readdirSync(DOCS).filter((f) => f.endsWith('.md')) : [];


describe('rule documentation (docs/rules)', () => {
  it('has a page for every rule and a rule for every page', () => {
    const ids = rules.map((r) => r.meta.id).sort();
    const documented = pages.map((f) => path.basename(f, '.md')).sort();
    expect(ids.filter((id) => !documented.includes(id)), 'rules without docs/rules/<id>.md').toEqual([]);
    expect(documented.filter((id) => !ids.includes(id)), 'pages in docs/rules/ for no rule').toEqual([]);
  });

  describe.each(rules.map((rule) => [rule.meta.id, rule] as const))('%s', (id, rule) => {
    const file = path.join(DOCS, `${id}.md`);
    const page = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n') : '';
    const all = examples(page);
    const network = rule.scope === 'external' ? assumedNetwork(page) : undefined;
    /** Lint input for an example: for an external rule, what the link check finds in it. */
    const input = async (text: string) => (network ? { external: await externalAnswers(network, text) } : {});

    it('exists', () => {
      expect(fs.existsSync(file), `docs/rules/${id}.md`).toBe(true);
    });

    it('starts with the title and the description', () => {
      const lines = page.split('\n');
      expect(lines[0]).toBe(`# ${id}`);
      expect(lines[1]).toBe('');
      expect(lines[2]).toBe(rule.meta.description);
    });

    it('states the default severity and fixability', () => {
      const severity = /^- Default severity: (\S+)\s*$/m.exec(page)?.[1];
      expect(severity, 'a "- Default severity: …" line').toBe(rule.meta.severity);
      const fixable = /^- Fixable: (yes|no)\b(.*)$/m.exec(page);
      expect(fixable, 'a "- Fixable: yes (…)" or "- Fixable: no" line').not.toBeNull();
      expect(fixable![1]).toBe(rule.meta.fixable ? 'yes' : 'no');
      if (rule.meta.fixable) expect((fixable![2] ?? '').trim(), 'what --fix does, in parentheses').toMatch(/^\(.+\)$/);
    });

    it('has the sections Why, Examples, Options, When to silence it', () => {
      expect(sectionTitles(page)).toEqual(['Why', 'Examples', 'Options', 'When to silence it']);
    });

    it('has examples of what is reported and what is not', () => {
      expect(all.filter((e) => e.kind === 'invalid').length, 'md invalid blocks').toBeGreaterThan(0);
      expect(all.filter((e) => e.kind === 'valid').length, 'md valid blocks').toBeGreaterThan(0);
      const fixed = all.filter((e) => e.kind === 'fixed').length;
      if (rule.meta.fixable) expect(fixed, 'md fixed blocks (After `--fix`:)').toBeGreaterThan(0);
      else expect(fixed, 'md fixed blocks on a rule without a fix').toBe(0);
      for (const example of all) {
        expect(example.text, `example on line ${example.line} contains a \`\`\` fence; use ~~~`).not.toMatch(/^\s*```/m);
      }
    });

    if (rule.scope === 'external') {
      it('states the network its examples assume', () => {
        expect(network, 'a line "The examples assume that `URL` answers … and every other address 200 OK."').toBeDefined();
        expect(network!.size).toBeGreaterThan(0);
      });
    }

    it.each(all.map((e) => [e.line, e] as const))('example on line %i behaves as labelled', async (_line, example) => {
      if (example.kind === 'invalid') {
        expect(findings(id, example.text, await input(example.text)), 'the rule reports this "md invalid" example').not.toEqual([]);
      } else if (example.kind === 'valid') {
        expect(findings(id, example.text, await input(example.text)), 'the rule accepts this "md valid" example').toEqual([]);
      } else {
        const before = all.slice(0, all.indexOf(example)).filter((e) => e.kind === 'invalid').at(-1);
        expect(before, 'an "md fixed" block follows an "md invalid" block').toBeDefined();
        expect(example.text).toBe(fix(before!.text, id, [], (await input(before!.text)).external));
      }
    });

    it('documents every option', () => {
      const options = section(page, 'Options');
      const names = optionNames(rule);
      if (names.length === 0) {
        expect(options.trim()).toMatch(/^None\./);
        return;
      }
      const defaults = rule.meta.defaultOptions as Record<string, unknown>;
      for (const name of names) {
        const row = options.split('\n').find((l) => l.startsWith(`| \`${name}\``));
        expect(row, `a table row for option "${name}"`).toBeDefined();
        const value = defaults[name];
        if (Array.isArray(value)) {
          for (const item of value) expect(options, `default of "${name}" lists ${JSON.stringify(item)}`).toContain(JSON.stringify(item));
          if (value.length === 0) expect(row).toContain('`[]`');
        } else {
          expect(row, `default of "${name}"`).toContain(`\`${JSON.stringify(value)}\``);
        }
      }
    });

    it('has a valid example config for this rule', () => {
      const blocks = codeBlocks(section(page, 'Options')).filter((b) => b.info.split(/\s+/)[0] === 'json');
      expect(blocks.length, 'a ```json block in Options').toBeGreaterThan(0);
      for (const block of blocks) {
        const config = validateConfig(JSON.parse(block.body), `docs/rules/${id}.md`);
        expect(Object.keys(config.rules ?? {})).toContain(id);
      }
    });

    it.each(all.filter((e) => e.kind === 'invalid').map((e) => [e.line, e] as const))(
      'the comment the page recommends silences the example on line %i',
      async (_line, example) => {
        const silenced =
          id === 'no-questions'
            ? `<!-- genai-qa-disable ${id} -->\n\n${example.text}`
            : example.text.replace(/^(#{1,6}[ \t]*(?:[Qq] ?)?\d+[.):].*)\n/gm, `$1\n\n<!-- genai-qa-disable-question ${id} -->\n`);
        // invalid-metadata checks the comments themselves and input-safety findings come from
        // files that are not parsed, so comments cannot silence them.
        const messages = (text: string) => findings(id, text).map((f) => f.message);
        if (rule.meta.unsilenceable) expect(messages(silenced)).toEqual(messages(example.text));
        else expect(findings(id, silenced, await input(silenced))).toEqual([]);
      },
    );

    it('shows how to silence it', () => {
      const silence = section(page, 'When to silence it');
      // These cannot be silenced by a comment: the page must point to the config file.
      if (rule.meta.unsilenceable) expect(silence).toContain('genai-qa.config.json');
      else expect(silence).toMatch(new RegExp(`<!-- genai-qa-disable(?:-question|-next-line)? ${id}\\b`));
    });
  });
});
