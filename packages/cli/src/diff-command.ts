import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BUMP_ORDER, buildCorpus, decodeSource, diffCorpora, parseFile, type Bump, type LayoutSetting, type ParsedFile } from '@genai-qa/core';
import { loadConfig } from './config-file.js';
import { parse as parseYaml } from 'yaml';
import { collectFiles, MARKDOWN_EXTENSIONS, parseInput } from './files.js';
import { UsageError, type Command, type Io } from './io.js';

export const DATA_PACKAGE = '@genai-qa/data';

export const DIFF_HELP = `Usage: genai-qa diff <git-ref> [options]

Compare the dataset in the working tree with the one at <git-ref> and state the semver
bump ${DATA_PACKAGE} needs: a removed or renamed id is major, a new question minor, an
edited question, answer, tag, number, section, difficulty or source link patch.

Options:
  --content <dir>     content directory (default: content)
  --check-changeset   exit 1 unless the pending changesets (.changeset/*.md) bump
                      ${DATA_PACKAGE} at least that much
  --format <name>     text (default) or json
  -h, --help          show this help
`;

function git(args: string[], cwd: string): Buffer {
  return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
}

/** The corpus files as they are at a git ref (none when the directory did not exist). */
function filesAtRef(ref: string, contentDir: string, cwd: string, layout?: LayoutSetting): ParsedFile[] {
  let top: string;
  try {
    top = git(['rev-parse', '--show-toplevel'], cwd).toString().trim();
    git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd);
  } catch {
    throw new UsageError(`"${ref}" is not a commit in a git repository here (in CI, fetch the full history)`);
  }
  const root = path.resolve(cwd, contentDir);
  const relativeRoot = path.relative(top, fs.realpathSync(root)).split(path.sep).join('/');
  const listed = git(['ls-tree', '-r', '-z', '--name-only', ref, '--', relativeRoot || '.'], top)
    .toString()
    .split('\0')
    .filter((f) => f && MARKDOWN_EXTENSIONS.has(path.extname(f).toLowerCase()))
    .filter((f) => !f.split('/').some((part) => part.startsWith('.') || part === 'node_modules'))
    .sort();
  return listed.map((file) => {
    const relative = relativeRoot ? path.posix.relative(relativeRoot, file) : file;
    const source = decodeSource(git(['show', `${ref}:${file}`], top), {
      path: `${ref}:${file}`,
      absolutePath: path.join(root, relative),
      root,
    });
    return parseFile(source, relative, layout ? { layout } : {});
  });
}

/** The largest bump that pending changesets give a package ('none' when none mention it). */
export function pendingBump(repoRoot: string, pkg: string): { bump: Bump; files: string[] } {
  const dir = path.join(repoRoot, '.changeset');
  let bump: Bump = 'none';
  const files: string[] = [];
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => n.endsWith('.md') && n !== 'README.md').sort() : [];
  for (const name of names) {
    const text = fs.readFileSync(path.join(dir, name), 'utf8');
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
    const data = front ? (parseYaml(front) as Record<string, unknown> | null) : null;
    const declared = data?.[pkg];
    if (typeof declared === 'string' && BUMP_ORDER.includes(declared as Bump)) {
      files.push(`.changeset/${name}`);
      if (BUMP_ORDER.indexOf(declared as Bump) > BUMP_ORDER.indexOf(bump)) bump = declared as Bump;
    }
  }
  return { bump, files };
}

export function diffCommand(argv: string[], io: Io): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      content: { type: 'string', default: 'content' },
      'check-changeset': { type: 'boolean', default: false },
      format: { type: 'string', default: 'text' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    io.stdout.write(DIFF_HELP);
    return 0;
  }
  const [ref, extra] = positionals;
  if (!ref) throw new UsageError('diff needs a git ref to compare with, e.g. "genai-qa diff origin/main"');
  if (extra) throw new UsageError(`unexpected argument "${extra}"`);
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`unknown --format "${values.format}"; expected text, json`);

  // The question layout set in genai-qa.config.json, if any, applies to both sides.
  const layout = loadConfig(undefined, io.cwd).questions;
  const before = buildCorpus(filesAtRef(ref, values.content, io.cwd, layout));
  const after = buildCorpus(collectFiles([values.content], io.cwd).map((f) => parseInput(f, io.cwd, undefined, layout)));
  const diff = diffCorpora(before, after);
  const top = git(['rev-parse', '--show-toplevel'], io.cwd).toString().trim();
  const pending = values['check-changeset'] ? pendingBump(top, DATA_PACKAGE) : undefined;
  const ok = !pending || BUMP_ORDER.indexOf(pending.bump) >= BUMP_ORDER.indexOf(diff.bump);

  if (values.format === 'json') {
    io.stdout.write(`${JSON.stringify({ ref, bump: diff.bump, changes: diff.changes, ...(pending ? { changeset: pending.bump, ok } : {}) }, null, 2)}\n`);
  } else {
    io.stdout.write(
      diff.bump === 'none'
        ? `${DATA_PACKAGE}: no change to the dataset since ${ref}\n`
        : `${DATA_PACKAGE}: the dataset changed since ${ref} and needs a ${diff.bump} release\n` +
            diff.changes.map((c) => `  ${c.bump.padEnd(5)}  ${c.id ?? '(collection)'}  ${c.detail}\n`).join(''),
    );
    if (pending) {
      io.stdout.write(
        pending.files.length
          ? `pending changesets bump ${DATA_PACKAGE}: ${pending.bump} (${pending.files.join(', ')})\n`
          : `no pending changeset bumps ${DATA_PACKAGE}\n`,
      );
    }
  }
  if (!ok) {
    io.stderr.write(
      `genai-qa: ${DATA_PACKAGE} needs a ${diff.bump} bump but the pending changesets give ${pending.bump}; ` +
        `run "npx changeset", pick ${DATA_PACKAGE} and choose ${diff.bump}\n`,
    );
    return 1;
  }
  return 0;
}

/** The command as `genai-qa` runs it (run.ts). */
export const command: Command = { run: (argv, io) => diffCommand(argv, io), help: DIFF_HELP };
