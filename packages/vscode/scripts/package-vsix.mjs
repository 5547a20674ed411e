#!/usr/bin/env node
// Builds the extension's .vsix offline: `npm run package -w genai-qa-vscode` (or
// `node packages/vscode/scripts/package-vsix.mjs [--out FILE]`).
//
// npm workspaces hoist the extension's dependencies to the repository's node_modules, where
// vsce (which asks `npm list --production` what to ship) cannot see them as the extension's.
// So the extension is staged in a temporary directory with a node_modules of its own, made of
// the production dependencies copied from the installed tree (no network), and
// `vsce package` runs there. The .vsix lands in packages/vscode/ (gitignored: *.vsix).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const manifest = JSON.parse(fs.readFileSync(path.join(here, 'package.json'), 'utf8'));
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = path.resolve(values.out ?? path.join(here, `${manifest.name}-${manifest.version}.vsix`));

if (!fs.existsSync(path.join(here, 'dist/extension.js'))) {
  console.error('package-vsix: dist/extension.js is missing; run "npm run build:packages" first');
  process.exit(2);
}

/** The directory of an installed package, as Node resolves it from `from`. */
function packageDir(name, from) {
  const require = createRequire(path.join(from, 'package.json'));
  let dir = path.dirname(require.resolve(name));
  while (!fs.existsSync(path.join(dir, 'package.json')) || JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== name) {
    dir = path.dirname(dir);
  }
  return dir;
}

const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-vsix-'));
try {
  // The manifest without what only the repository needs.
  const staged = { ...manifest, scripts: {}, devDependencies: {} };
  fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(staged, null, 2)}\n`);
  for (const entry of ['README.md', 'dist', 'images', '.vscodeignore']) {
    fs.cpSync(path.join(here, entry), path.join(stage, entry), { recursive: true });
  }
  fs.copyFileSync(path.join(here, '../../LICENSE'), path.join(stage, 'LICENSE'));

  // The production dependencies, each copied once (a second version nests under its dependent).
  const placed = new Map();
  const copy = (name, from, into) => {
    const dir = packageDir(name, from);
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const top = placed.get(name);
    if (top === pkg.version) return;
    const target = top === undefined ? path.join(stage, 'node_modules', name) : path.join(into, 'node_modules', name);
    if (top === undefined) placed.set(name, pkg.version);
    fs.cpSync(dir, target, { recursive: true, filter: (src) => !src.slice(dir.length).includes(`${path.sep}node_modules`) });
    for (const dep of Object.keys(pkg.dependencies ?? {})) copy(dep, dir, target);
  };
  for (const dep of Object.keys(manifest.dependencies ?? {})) copy(dep, here, stage);

  const vsce = path.join(packageDir('@vscode/vsce', here), 'vsce');
  execFileSync(process.execPath, [vsce, 'package', '--out', out], { cwd: stage, stdio: ['ignore', 'inherit', 'inherit'] });
} finally {
  fs.rmSync(stage, { recursive: true, force: true });
}
