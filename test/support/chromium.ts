/**
 * What a learner sees: a card of the deck rendered by headless Chromium (Debian's `chromium`,
 * or Google Chrome where that is what the machine has), with MathJax from npm (mathjax-full,
 * no network) configured as Anki configures it: `\(…\)` inline, `\[…\]` displayed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { has } from './readers.js';

export const BROWSER = ['chromium', 'google-chrome', 'chromium-browser'].find((b) => has(b));

const require = createRequire(import.meta.url);
const MATHJAX = require.resolve('mathjax-full/es5/tex-svg.js');

const FLAGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--hide-scrollbars', '--run-all-compositor-stages-before-draw',
  '--virtual-time-budget=10000',
];

export interface Card {
  /** The note type's back template with its fields filled in, as Anki renders the answer side. */
  html: string;
  css: string;
  /** Anki's night mode classes on the body. */
  night?: boolean;
}

/** The card as a page: Anki puts the note type's CSS in the head and `.card` on the body. */
export function cardPage(card: Card): string {
  const night = card.night ? ' nightMode night_mode' : '';
  return `<!doctype html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<style>${card.css}</style>
<script>window.MathJax = { tex: { inlineMath: [['\\\\(', '\\\\)']], displayMath: [['\\\\[', '\\\\]']] }, svg: { fontCache: 'local' }, startup: { typeset: true } };</script>
<script src="${pathToFileURL(MATHJAX).href}"></script>
</head><body class="card${night}">${card.html}
<script>
// Facts only a browser knows, written where --dump-dom sees them once MathJax is done.
MathJax.startup.promise.then(() => {
  const size = (el) => (el ? parseFloat(getComputedStyle(el).fontSize) : null);
  const pres = [...document.querySelectorAll('pre')];
  document.body.dataset.probe = JSON.stringify({
    questionSize: size(document.querySelector('.question')),
    headingSizes: [...document.querySelectorAll('.answer h1, .answer h2, .answer h3, .answer h4, .answer h5, .answer h6')].map((h) => [h.tagName, size(h)]),
    preScrolls: pres.map((p) => p.scrollWidth > p.clientWidth),
    preOverflow: pres.map((p) => getComputedStyle(p).overflowX),
    tokenColours: [...new Set([...document.querySelectorAll('pre [class^="hljs-"]')].map((t) => getComputedStyle(t).color))].length,
    mathScrolls: [...document.querySelectorAll('.math-display')].map((m) => getComputedStyle(m).overflowX === 'auto' && m.scrollWidth > m.clientWidth),
  });
});
</script></body></html>`;
}

/** Renders the card: its DOM once MathJax has run, and a screenshot `width` CSS pixels wide. */
export interface Probe {
  questionSize: number;
  headingSizes: Array<[string, number]>;
  preScrolls: boolean[];
  preOverflow: string[];
  tokenColours: number;
  /** Per displayed formula: wider than the card, and scrolling sideways. */
  mathScrolls: boolean[];
}

export function renderCard(card: Card, options: { width: number; height: number; screenshot?: string }): { dom: string; probe: Probe } {
  if (!BROWSER) throw new Error('no Chromium on PATH');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'genai-qa-card-'));
  const page = path.join(dir, 'card.html');
  fs.writeFileSync(page, cardPage(card));
  const common = [...FLAGS, `--user-data-dir=${path.join(dir, 'profile')}`, `--window-size=${options.width},${options.height}`];
  const dump = spawnSync(BROWSER, [...common, '--dump-dom', pathToFileURL(page).href], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (dump.status !== 0) throw new Error(`${BROWSER} failed: ${dump.stderr.split('\n').slice(-3).join(' ')}`);
  if (options.screenshot) {
    const shot = spawnSync(BROWSER, [...common, `--screenshot=${options.screenshot}`, pathToFileURL(page).href], { encoding: 'utf8', timeout: 120_000 });
    if (shot.status !== 0 || !fs.existsSync(options.screenshot)) throw new Error(`${BROWSER} took no screenshot: ${shot.stderr.split('\n').slice(-3).join(' ')}`);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  const probe = /data-probe="([^"]*)"/.exec(dump.stdout)?.[1];
  if (!probe) throw new Error('the page did not finish rendering (no probe)');
  return { dom: dump.stdout, probe: JSON.parse(probe.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as Probe };
}
