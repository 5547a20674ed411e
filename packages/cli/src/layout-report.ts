import { describeLayout, type LayoutSetting, type ParsedFile } from '@genai-qa/core';

/** Counts, per layout, the files that use it and their questions (for `--verbose`). */
export class LayoutTally {
  private readonly seen = new Map<string, { files: number; questions: number }>();
  private empty = 0;

  add(file: Pick<ParsedFile, 'layout' | 'skipped'> & { questions: readonly unknown[] }): void {
    if (file.skipped) return;
    if (!file.layout || file.questions.length === 0) {
      this.empty++;
      return;
    }
    const key = describeLayout(file.layout);
    const entry = this.seen.get(key) ?? { files: 0, questions: 0 };
    entry.files++;
    entry.questions += file.questions.length;
    this.seen.set(key, entry);
  }

  /**
   * One line: `genai-qa: questions: level-4 headings, numbered "N)" (detected; 1 file, 57 questions)`,
   * the layouts by the number of questions in them when files differ.
   */
  line(setting: LayoutSetting | undefined): string {
    const how = setting && Object.keys(setting).length > 0 ? `questions in the config: ${JSON.stringify(setting)}` : 'detected';
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    const parts = [...this.seen.entries()]
      .sort((a, b) => b[1].questions - a[1].questions || a[0].localeCompare(b[0]))
      .map(([layout, n]) => `${layout} (${plural(n.files, 'file')}, ${plural(n.questions, 'question')})`);
    if (this.empty > 0) parts.push(`no questions (${plural(this.empty, 'file')})`);
    return `genai-qa: questions: ${parts.join('; ') || 'no files'} [${how}]\n`;
  }
}
