#!/usr/bin/env node
/**
 * Writes preview.png: the title page and the page of the figure of the real corpus, side by
 * side. Needs the built packages and poppler's pdftoppm/pdfinfo:
 *
 *   cd packages/export-pdf && npx tsc -p tsconfig.json && node scripts/preview.mjs
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import PDFDocument from 'pdfkit';
import { buildCorpus, decodeSource, parseFile, referencedImages } from '@genai-qa/core';
import { exportPdf } from '../dist/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../../../content');
const out = path.resolve(here, '../preview.png');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'export-pdf-preview-'));

try {
  const files = fs.readdirSync(root).filter((f) => f.endsWith('.md')).sort();
  const corpus = buildCorpus(
    files.map((f) => parseFile(decodeSource(fs.readFileSync(path.join(root, f)), { path: `content/${f}`, absolutePath: path.join(root, f), root }), f)),
  );
  const assets = new Map(referencedImages(corpus).map((k) => [k, fs.readFileSync(path.join(root, ...k.split('/')))]));
  const guide = path.join(tmp, 'guide.pdf');
  fs.writeFileSync(guide, await exportPdf(corpus, { assets, date: new Date(Date.UTC(2026, 0, 1)) }));

  // The first page with a figure: the question whose answer has an image.
  const withImage = corpus.questions.find((q) => q.answer.html.includes('<img')) ?? corpus.questions[0];
  const dests = execFileSync('pdfinfo', ['-dests', guide], { encoding: 'utf8' });
  const page = /^\s*(\d+)\s.*"(.*)"\s*$/gm;
  let figurePage = '3';
  for (const m of dests.matchAll(page)) if (m[2] === withImage.id) figurePage = m[1];

  const pngs = [];
  for (const p of ['1', figurePage]) {
    execFileSync('pdftoppm', ['-png', '-r', '110', '-f', p, '-l', p, '-singlefile', guide, path.join(tmp, `page-${p}`)]);
    pngs.push(fs.readFileSync(path.join(tmp, `page-${p}.png`)));
  }

  // Two A4 pages on a grey table, drawn with pdfkit and rasterised by pdftoppm.
  const [w, h] = [595.28, 841.89];
  const gap = 28;
  const sheet = new PDFDocument({ size: [2 * w + 3 * gap, h + 2 * gap], margin: 0 });
  const chunks = [];
  sheet.on('data', (c) => chunks.push(c));
  const done = new Promise((resolve) => sheet.on('end', resolve));
  sheet.rect(0, 0, 2 * w + 3 * gap, h + 2 * gap).fill('#e4e7eb');
  pngs.forEach((png, i) => {
    const x = gap + i * (w + gap);
    sheet.rect(x + 3, gap + 4, w, h).fill('#b8bec6');
    sheet.image(png, x, gap, { width: w, height: h });
    sheet.rect(x, gap, w, h).lineWidth(0.5).stroke('#9aa2ab');
  });
  sheet.end();
  await done;
  const sheetPdf = path.join(tmp, 'sheet.pdf');
  fs.writeFileSync(sheetPdf, Buffer.concat(chunks));
  execFileSync('pdftoppm', ['-png', '-scale-to-x', '1000', '-scale-to-y', '-1', '-singlefile', sheetPdf, out.replace(/\.png$/, '')]);
  console.log(`${path.relative(process.cwd(), out)}: pages 1 and ${figurePage}, ${fs.statSync(out).size} bytes`);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
