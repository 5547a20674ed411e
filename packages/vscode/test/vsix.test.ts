import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { needs } from '../../../test/support/readers.js';

// The .vsix as a zip reader other than vsce sees it: Python's zipfile.
const SCRIPT = fileURLToPath(new URL('../scripts/package-vsix.mjs', import.meta.url));
const python = needs('python3');

function zipEntries(file: string): string[] {
  const list = execFileSync('python3', ['-c', 'import sys, zipfile; print("\\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))', file], { encoding: 'utf8' });
  return list.trim().split('\n').sort();
}

function zipText(file: string, entry: string): string {
  return execFileSync('python3', ['-c', 'import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())', file, entry], { encoding: 'utf8' });
}

describe('the VS Code extension package', () => {
  // Needs the build (npm test builds first): the script says so and fails without it.
  it.skipIf(python.skip)(`builds a .vsix offline with the extension, its README, screenshot and the language client${python.reason}`, () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-vsix-test-')), 'genai-qa.vsix');
    execFileSync(process.execPath, [SCRIPT, '--out', out], { stdio: 'ignore' });
    const entries = zipEntries(out);
    expect(entries.filter((e) => !e.startsWith('extension/node_modules/'))).toEqual([
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/dist/extension.js',
      'extension/images/screenshot.png',
      'extension/package.json',
      'extension/readme.md',
    ]);
    // Every package the client needs at run time ships inside the extension.
    const shipped = new Set(entries.filter((e) => /^extension\/node_modules\/(@[^/]+\/)?[^/]+\/package\.json$/.test(e)).map((e) => e.split('/').slice(2, -1).join('/')));
    expect([...shipped].sort()).toEqual([
      'balanced-match',
      'brace-expansion',
      'minimatch',
      'semver',
      'vscode-jsonrpc',
      'vscode-languageclient',
      'vscode-languageserver-protocol',
      'vscode-languageserver-types',
    ]);
    const manifest = JSON.parse(zipText(out, 'extension/package.json'));
    expect(manifest).toMatchObject({ name: 'genai-qa-vscode', main: './dist/extension.js', engines: { vscode: '^1.90.0' } });
    expect(Object.keys(manifest.contributes.configuration.properties)).toEqual([
      'genaiQa.enable',
      'genaiQa.contentRoot',
      'genaiQa.config',
      'genaiQa.debounceMs',
      'genaiQa.server.path',
      'genaiQa.trace.server',
    ]);
    // The README documents every setting and command the manifest declares.
    const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const key of [...Object.keys(manifest.contributes.configuration.properties), ...manifest.contributes.commands.map((c: { command: string }) => c.command)]) {
      expect(readme).toContain(`\`${key}\``);
    }
    expect(zipText(out, 'extension/dist/extension.js')).toContain("require(\"vscode-languageclient/node\")");
  });
});
