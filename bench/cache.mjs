// The `lint --cache` measures of bench/run.mjs: cold, warm, and one question edited (issue 17).
import fs from 'node:fs';
import path from 'node:path';
import { CLI, sha256 } from './lib.mjs';

/**
 * Runs `genai-qa lint --cache` cold (no cache file), warm (nothing changed), then with one
 * question's answer edited, in a copy of the corpus `dir`, recording each run (`record`) with
 * whether its report equals a run without --cache: the generated report `report` for cold
 * and warm, a run without --cache on the edited copy for the last.
 */
export async function measureCache({ dir, outDir, name, report, cacheLocationFlag, measure, record, log, tail }) {
  // Cold: no cache at all; warm: the same command again, nothing changed; edited: one
  // question's answer text changed (issue 17), in a copy of the corpus (the cached one
  // stays as generated), its report compared with a run without --cache on the copy.
  const work = path.join(outDir, 'cache-corpus');
  fs.rmSync(work, { recursive: true, force: true });
  fs.cpSync(path.join(dir, 'content'), path.join(work, 'content'), { recursive: true });
  const config = path.join(dir, 'genai-qa.config.json');
  if (fs.existsSync(config)) fs.copyFileSync(config, path.join(work, 'genai-qa.config.json'));
  const cacheDir = path.join(outDir, 'lint-cache');
  const args = [CLI, 'lint', 'content', '--format', 'json', '--cache', ...(cacheLocationFlag ? ['--cache-location', cacheDir] : [])];
  for (const state of ['cold', 'warm', 'edited']) {
    if (state === 'cold') {
      fs.rmSync(cacheDir, { recursive: true, force: true });
      fs.rmSync(path.join(work, '.genai-qa-cache'), { recursive: true, force: true });
    }
    let expected = report;
    if (state === 'edited') {
      editOneAnswer(path.join(work, 'content'));
      const plain = path.join(outDir, 'lint-edited-plain.out');
      await measure([CLI, 'lint', 'content', '--format', 'json'], { cwd: work, stdout: plain, stderr: path.join(outDir, 'lint-edited-plain.err') });
      expected = JSON.parse(fs.readFileSync(plain, 'utf8'));
    }
    const stdout = path.join(outDir, `lint-cache-${state}.out`);
    const stderr = path.join(outDir, `lint-cache-${state}.err`);
    const m = await measure(args, { cwd: work, stdout, stderr });
    const extra = {};
    try {
      const parsed = JSON.parse(fs.readFileSync(stdout, 'utf8'));
      extra.findings = parsed.length;
      extra.sameReportAsWithoutCache = expected ? sha256(JSON.stringify(parsed)) === sha256(JSON.stringify(expected)) : undefined;
    } catch (error) {
      extra.error = `not JSON: ${error.message}; ${tail(stderr)}`;
    }
    record(`lint-cache-${state}`, `genai-qa lint --cache (${state})`, args, m, extra);
    log(`[${name}] genai-qa lint --cache (${state}): ${m.wall} s, ${m.peakMB} MB, exit ${m.exit}`);
  }
  fs.rmSync(work, { recursive: true, force: true });
}

/**
 * Edits one question's answer text in the largest Markdown file of `content`: the first
 * prose line after the middle of the file (a line after a blank line, starting with a
 * capital letter) gets a word more. Returns the line number.
 */
function editOneAnswer(content) {
  const files = fs.readdirSync(content).filter((f) => f.endsWith('.md')).map((f) => path.join(content, f));
  const file = files.sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  for (let i = Math.floor(lines.length / 2); i < lines.length; i++) {
    if (lines[i - 1] === '' && /^[A-Z][a-z]+ [a-z]/.test(lines[i])) {
      lines[i] = lines[i].replace(' ', ' edited ');
      fs.writeFileSync(file, lines.join('\n'));
      return i + 1;
    }
  }
  throw new Error(`bench: no answer line to edit in ${file}`);
}
