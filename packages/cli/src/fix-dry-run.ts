import { encodeSource, resolveConfig, resolveLimits } from '@genai-qa/core';
import { createTwoFilesPatch } from 'diff';
import { loadConfig } from './config-file.js';
import { collectFiles, displayPath, fixedText, readChecked } from './files.js';

/**
 * `genai-qa lint --fix-dry-run`: the unified diff that `--fix` would apply, one section per
 * file that would change, with git's `a/` and `b/` prefixes (so `git apply` or `patch -p1`
 * applies it), paths relative to the working directory. Empty when nothing would change.
 * Reads the files, writes nothing. The diff is made by the `diff` package, on the bytes as
 * they would be written (a CRLF file keeps its CRLF).
 */
export function fixDiff(paths: readonly string[], cwd: string, configFile: string | undefined): string {
  const raw = loadConfig(configFile, cwd);
  const options = { config: resolveConfig(raw), limits: resolveLimits(raw), layout: raw.questions };
  let out = '';
  for (const input of collectFiles(paths, cwd)) {
    const checked = readChecked(input, cwd, options.limits.maxFileBytes);
    const fixed = fixedText(input, checked, options);
    if (fixed === checked.source.text) continue;
    const before = Buffer.from(checked.bytes).toString('utf8');
    const after = encodeSource(checked.source, fixed);
    const shown = displayPath(input.absolutePath, cwd);
    const patch = createTwoFilesPatch(`a/${shown}`, `b/${shown}`, before, after, undefined, undefined, {
      headerOptions: { includeIndex: false, includeUnderline: false, includeFileHeaders: true },
    });
    out += `diff --git a/${shown} b/${shown}\n${patch}`;
  }
  return out;
}
