import { describe, expect, it } from 'vitest';
import { slug } from 'github-slugger';
import { defaultId, ID_PATTERN, TAG_PATTERN } from '@genai-qa/core';

// The schema's id pattern is read by validators outside JavaScript, so it is written without
// Unicode property escapes; these tests hold it to what the slugger makes.
const id = new RegExp(ID_PATTERN, 'u');
const idWithoutU = new RegExp(ID_PATTERN);

describe('ID_PATTERN', () => {
  it('accepts the id of a question in any script', () => {
    for (const question of ['What is a GAN?', 'Что такое GAN?', 'GAN とは何ですか?', 'ما هو GAN؟', 'Qu’est-ce qu’un « GAN » ?', 'What is ℝⁿ?', 'Is 𠀀 a character?', 'snake_case names']) {
      expect(defaultId(question)).toMatch(id);
      expect(defaultId(question)).toMatch(idWithoutU);
    }
    expect(defaultId('What is ℝⁿ?')).toBe('what-is-ℝⁿ');
  });

  it('accepts the slug of every code point, as one word between ASCII letters', () => {
    const rejected: string[] = [];
    for (let cp = 0x80; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const value = defaultId(`a${String.fromCodePoint(cp)}b`);
      if (!id.test(value)) rejected.push(`U+${cp.toString(16).toUpperCase()} → ${value}`);
    }
    expect(rejected).toEqual([]);
  });

  it('rejects what is not a slug', () => {
    for (const bad of ['', 'What', 'a b', 'a--b', '-a', 'a-', 'a.b', 'a/b', 'a\u00a0b', 'a\u3000b', 'a\u2028b', 'a\tb']) {
      expect(bad, JSON.stringify(bad)).not.toMatch(id);
    }
    // The slugger keeps what the pattern accepts, and nothing it rejects.
    expect(slug('a b.c')).toBe('a-bc');
  });
});

describe('TAG_PATTERN', () => {
  it('accepts lower-case words with "::" levels and rejects the rest', () => {
    for (const good of ['gan', 'gan::training', 'genai::llm::alignment', 'mode-collapse', 'v1.5']) expect(good).toMatch(new RegExp(TAG_PATTERN));
    for (const bad of ['GAN', 'a b', 'a:::b', '::a', 'a::', 'a--b']) expect(bad).not.toMatch(new RegExp(TAG_PATTERN));
  });

  it('accepts letters of any script, as ids do, and no space of any script (Anki splits tags at spaces)', () => {
    for (const good of ['基础', 'árboles', 'regresión-lineal', 'ml::大模型基础面试', 'c_plus_plus']) expect(good).toMatch(new RegExp(TAG_PATTERN));
    for (const bad of ['基础 面试', 'a\u3000b', 'a\u00a0b', 'a\tb', 'a\u2028b']) expect(bad, JSON.stringify(bad)).not.toMatch(new RegExp(TAG_PATTERN));
  });
});
