/**
 * The Debian programs some checks read artifacts with, and how a test that needs one skips
 * when it is missing: visibly, with the package to install in its name. The test reporter
 * (test/support/skipped-readers.ts) counts those skips at the end of the run. `.ci/run` and
 * the GitHub workflow install every one of them, so CI never skips.
 */
import { spawnSync } from 'node:child_process';

/** Program → the Debian package that ships it. */
export const DEBIAN_PACKAGES: Readonly<Record<string, string>> = {
  qpdf: 'qpdf',
  pdfinfo: 'poppler-utils',
  pdftotext: 'poppler-utils',
  pdffonts: 'poppler-utils',
  pdfimages: 'poppler-utils',
  pdftoppm: 'poppler-utils',
  sqlite3: 'sqlite3',
  mnemosyne: 'mnemosyne',
  nvim: 'neovim',
  chromium: 'chromium',
  'google-chrome': 'chromium',
  'chromium-browser': 'chromium',
};

const found = new Map<string, boolean>();

/** Whether a program is on PATH. */
export function has(tool: string): boolean {
  let known = found.get(tool);
  if (known === undefined) {
    known = spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
    found.set(tool, known);
  }
  return known;
}

export interface Need {
  skip: boolean;
  /** Appended to the test's name when it is skipped, e.g. " (skipped: qpdf not installed: apt-get install qpdf)". */
  reason: string;
}

/** For `it.skipIf(need.skip)(`name${need.reason}`, …)`: which of `tools` are missing. */
export function needs(...tools: string[]): Need {
  return needing(tools.filter((t) => !has(t)).map((t) => [t, DEBIAN_PACKAGES[t] ?? t]));
}

/** The same for something other than a program on PATH (a Python module, say). */
export function needing(missing: ReadonlyArray<readonly [what: string, debianPackage: string]>): Need {
  if (missing.length === 0) return { skip: false, reason: '' };
  const packages = [...new Set(missing.map(([, pkg]) => pkg))];
  return { skip: true, reason: ` (skipped: ${missing.map(([what]) => what).join(', ')} not installed: apt-get install ${packages.join(' ')})` };
}

/**
 * A Python 3 that can `import jsonschema`: the one on PATH (a fresh machine's usually has it),
 * else Debian's, where `apt-get install python3-jsonschema` puts it.
 */
export function pythonWithJsonschema(): string | undefined {
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', 'import jsonschema'], { stdio: 'ignore' }).status === 0) return python;
  }
  return undefined;
}
