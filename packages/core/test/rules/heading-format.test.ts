import { describe, expect, it } from 'vitest';
import { decodeSource, fixSource, lintFiles, parseFile } from '@genai-qa/core';
import { findings, fix, only } from '../helpers.js';

describe('heading-format', () => {
  it('accepts "# N. Question"', () => {
    expect(findings('heading-format', '# 1. What is a GAN?\n\nA model.\n')).toEqual([]);
  });

  it('reports a missing space after the number and fixes it', () => {
    const md = '# 18.What is an autoencoder?\n\nA network.\n';
    expect(findings('heading-format', md)).toEqual([
      {
        line: 1,
        column: 6,
        message: 'Missing space after "18." in the question heading; write "18. What is an autoencoder?"',
        fixable: true,
      },
    ]);
    expect(fix(md, 'heading-format')).toBe('# 18. What is an autoencoder?\n\nA network.\n');
  });

  it('keeps a Chinese file in its "N、" numbering, written without a space', () => {
    const md = '### 1、什么是策略？\n\n映射。\n\n### 2、什么是回报？\n\n折扣和。\n\n### 3. 什么是价值？\n\n期望回报。\n';
    expect(findings('heading-format', md)).toEqual([
      { line: 9, column: 5, message: 'This file numbers its questions "N、"; write "3、什么是价值？"', fixable: true },
    ]);
    expect(fix(md, 'heading-format')).toBe(md.replace('### 3. ', '### 3、'));
  });

  it('reports "#18. What" (a paragraph, not a heading)', () => {
    const md = '# 1. A?\n\nYes.\n\n#2. What is B?\n\nB.\n';
    expect(findings('heading-format', md)).toEqual([
      { line: 5, column: 2, message: 'Missing space after "#": this line is a paragraph, not a question heading', fixable: true },
    ]);
    expect(fix(md, 'heading-format')).toBe('# 1. A?\n\nYes.\n\n# 2. What is B?\n\nB.\n');
  });

  it('does not report other headings', () => {
    expect(findings('heading-format', '# 1. What?\n\n## Details\n\nText.\n')).toEqual([]);
  });
});

describe('what counts as a question heading', () => {
  it('a digit right after the dot belongs to the number: "# 3.14 is pi?" is not question 3', () => {
    expect(findings('heading-format', '# 1. What?\n\nYes.\n\n# 3.14 is pi?\n\nNo.\n')).toEqual([]);
  });
});

describe('heading-format follows the file’s own numbering', () => {
  const paren = ['## Statistics', '', '#### 1) What is a p-value?', '', 'A probability.', '', '#### 2) What is a t-test?', '', 'A test.', ''];

  it('accepts level-4 headings numbered "N)" under topic headings', () => {
    expect(findings('heading-format', paren.join('\n'))).toEqual([]);
  });

  it('keeps "N)" when fixing a missing space: "#### 3)What" becomes "#### 3) What", not "# 3. What"', () => {
    const md = [...paren, '#### 3)What is a z-score?', '', 'A distance.', ''].join('\n');
    expect(findings('heading-format', md)).toEqual([
      { line: 11, column: 8, message: 'Missing space after "3)" in the question heading; write "3) What is a z-score?"', fixable: true },
    ]);
    expect(fix(md, 'heading-format')).toBe([...paren, '#### 3) What is a z-score?', '', 'A distance.', ''].join('\n'));
  });

  it('rewrites a number written another way in the file’s numbering', () => {
    const md = [...paren, '#### 3. What is a z-score?', '', 'A distance.', ''].join('\n');
    expect(findings('heading-format', md)).toEqual([
      { line: 11, column: 6, message: 'This file numbers its questions "N)"; write "3) What is a z-score?"', fixable: true },
    ]);
    expect(fix(md, 'heading-format')).toBe([...paren, '#### 3) What is a z-score?', '', 'A distance.', ''].join('\n'));
  });

  it('normalises "Q 2:" and "q3:" among "QN:" questions', () => {
    const md = '## Q1: What is an LLM?\n\nA model.\n\n## Q 2: What is a token?\n\nA unit.\n\n## q3:What is a prompt?\n\nAn input.\n\n## Q4: What is RAG?\n\nRetrieval.\n';
    expect(findings('heading-format', md).map((f) => f.message)).toEqual([
      'This file numbers its questions "QN:"; write "Q2: What is a token?"',
      'This file numbers its questions "QN:"; write "Q3: What is a prompt?"',
    ]);
    expect(fix(md, 'heading-format')).toBe('## Q1: What is an LLM?\n\nA model.\n\n## Q2: What is a token?\n\nA unit.\n\n## Q3: What is a prompt?\n\nAn input.\n\n## Q4: What is RAG?\n\nRetrieval.\n');
  });

  it('uses the numbering set in the config (questions.numbering) over the one most headings use', () => {
    const md = '# 1) What is a GAN?\n\nA model.\n\n# 2) What is a VAE?\n\nA model.\n';
    const config = { questions: { numbering: 'N.' as const }, rules: { 'heading-format': 'error' as const } };
    const source = { path: 'content/q.md', absolutePath: '/content/q.md', root: '/content' };
    const file = parseFile(decodeSource(new TextEncoder().encode(md), source), 'q.md', { layout: config.questions });
    expect(lintFiles([file], { config: only('heading-format') }).map((d) => d.message)).toEqual([
      'This file numbers its questions "N."; write "1. What is a GAN?"',
      'This file numbers its questions "N."; write "2. What is a VAE?"',
    ]);
    expect(fixSource(file.source, 'q.md', { config: only('heading-format'), layout: config.questions }).text).toBe(
      '# 1. What is a GAN?\n\nA model.\n\n# 2. What is a VAE?\n\nA model.\n',
    );
  });

  it('has nothing to check in unnumbered headings, and reports "###What is …?" lines there', () => {
    expect(findings('heading-format', '### What is a GAN?\n\nA model.\n\n### What is a VAE?\n\nA model.\n')).toEqual([]);
    expect(findings('heading-format', '### What is a GAN?\n\nA model.\n\n###What is a VAE?\n\nA model.\n')).toEqual([
      { line: 5, column: 4, message: 'Missing space after "###": this line is a paragraph, not a question heading', fixable: true },
    ]);
  });
});
