import type { Corpus } from '@genai-qa/core';
import type { Doc } from '../layout.js';
import type { Placement } from '../question.js';
import { PAGE_SIZE } from '../theme.js';

/** Bookmarks: one per question, grouped under its file's title when the corpus has several files. */
export function addOutline(doc: Doc, corpus: Corpus, placements: readonly Placement[]): void {
  const byFile = corpus.files.length > 1;
  const groups = new Map<string, PDFKit.PDFOutline>();
  corpus.questions.forEach((q, i) => {
    const at = placements[i]!;
    let parent = doc.outline;
    if (byFile) {
      let group = groups.get(q.source.file);
      if (!group) {
        const file = corpus.files.find((f) => f.file === q.source.file);
        group = doc.outline.addItem(file?.title || q.source.file, { pageNumber: at.page, fit: false, top: Math.max(0, at.y - 12), left: PAGE_SIZE[0], zoom: 0, expanded: true });
        groups.set(q.source.file, group);
      }
      parent = group;
    }
    // pdfkit writes `left` mirrored (page width − left): passing the page width gives 0.
    parent.addItem(`${q.number}. ${q.question}`, { pageNumber: at.page, fit: false, top: Math.max(0, at.y - 12), left: PAGE_SIZE[0], zoom: 0 });
  });
}
