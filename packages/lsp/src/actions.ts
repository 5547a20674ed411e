import { rules, type Diagnostic as Finding } from '@genai-qa/core';
import { CodeActionKind, type CodeAction, type Range, type TextEdit } from 'vscode-languageserver';
import { findingRange, fixEdit, lineLengths, OffsetMap, sharesLine, toDiagnostic } from './convert.js';
import type { FixAll } from './fix-all.js';
import type { OpenFile } from './workspace.js';

const silenceable = new Set(rules.filter((r) => !r.meta.unsilenceable).map((r) => r.meta.id));

export const FIX_ALL_TITLE = 'Fix all genai-qa problems (as genai-qa lint --fix)';

/**
 * The code actions for the findings on the lines of `range`: each finding's safe fix, then
 * "disable <rule> for this question" and "… for the next line" (the comments of README's
 * "Silencing a rule"), and one action applying every safe fix of the file, as `--fix` does.
 */
export function codeActions(
  uri: string,
  file: OpenFile,
  findings: readonly Finding[],
  range: Range,
  fixAll: () => FixAll | undefined,
  uriOf: (file: string) => string,
  only?: readonly string[],
): CodeAction[] {
  const lines = file.text.split(/\r?\n/);
  const lengths = lineLengths(lines);
  const eol = file.source.eol;
  const map = new OffsetMap(file.source.text);
  const edit = (edits: TextEdit[]) => ({ changes: { [uri]: edits } });
  // Asked for source actions only (VS Code's editor.codeActionsOnSave: "source.fixAll"): fix all, as such.
  if (only?.length && only.every((kind) => kind === CodeActionKind.Source || kind.startsWith(CodeActionKind.SourceFixAll))) {
    const all = findings.some((f) => f.fix) ? fixAll() : undefined;
    return all?.edits.length ? [{ title: FIX_ALL_TITLE, kind: CodeActionKind.SourceFixAll, edit: edit(fixAllTextEdits(all, map, eol)) }] : [];
  }
  const out: CodeAction[] = [];
  const disables: CodeAction[] = [];
  const seen = new Set<string>();
  for (const finding of findings) {
    if (!sharesLine(findingRange(finding, lengths), range)) continue;
    const diagnostic = toDiagnostic(finding, lengths, uriOf);
    if (finding.fix) {
      out.push({
        title: `Fix: ${finding.message}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: edit([fixEdit(finding.fix, map, eol)]),
      });
    }
    if (!silenceable.has(finding.ruleId)) continue;
    const question = file.parsed.questions.find((q) => finding.line >= q.line && finding.line <= q.endLine);
    const questionKey = `q:${finding.ruleId}:${question?.line}`;
    if (question && !seen.has(questionKey)) {
      seen.add(questionKey);
      disables.push({
        title: `Disable ${finding.ruleId} for this question`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: edit([afterLine(question.line, lines, eol, `<!-- genai-qa-disable-question ${finding.ruleId} -->`)]),
      });
    }
    const lineKey = `l:${finding.ruleId}:${finding.line}`;
    if (!seen.has(lineKey)) {
      seen.add(lineKey);
      disables.push({
        title: `Disable ${finding.ruleId} for the next line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: edit([
          {
            range: { start: { line: finding.line - 1, character: 0 }, end: { line: finding.line - 1, character: 0 } },
            newText: `<!-- genai-qa-disable-next-line ${finding.ruleId} -->${eol}`,
          },
        ]),
      });
    }
  }
  out.push(...disables);
  if (findings.some((f) => f.fix)) {
    const all = fixAll();
    if (all?.edits.length) out.push({ title: FIX_ALL_TITLE, kind: CodeActionKind.QuickFix, edit: edit(fixAllTextEdits(all, map, eol)) });
  }
  return out;
}

/** The edits of "fix all", one per fix, as protocol edits of the document (its own line ends). */
function fixAllTextEdits(all: FixAll, map: OffsetMap, eol: '\n' | '\r\n'): TextEdit[] {
  return all.edits.map((e) => fixEdit({ range: [e.start, e.end], text: e.text }, map, eol));
}

/** A comment on its own line after 1-based line `line`, set off by a blank line as the metadata comment is. */
function afterLine(line: number, lines: readonly string[], eol: string, comment: string): TextEdit {
  if (line >= lines.length) {
    const last = lines.length - 1;
    const position = { line: last, character: lines[last]!.length };
    return { range: { start: position, end: position }, newText: `${eol}${eol}${comment}${eol}` };
  }
  const position = { line, character: 0 };
  return { range: { start: position, end: position }, newText: `${eol}${comment}${eol}` };
}
