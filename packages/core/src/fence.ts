// Code fences, and math fences (`$$`, remark-math), whose content is no Markdown either.
const FENCE = /^ {0,3}(`{3,}|~{3,}|\${2,})/;

/**
 * Follows fenced code blocks line by line, for the scanners that look at raw lines before
 * parsing. Given a line and the fence open before it (if any), returns the fence open after
 * it and whether the line belongs to a fenced block (its opening, content or closing line).
 */
export function stepFence(line: string, open: string | undefined): { open: string | undefined; fenced: boolean } {
  const marker = FENCE.exec(line)?.[1];
  if (open) {
    const closes = marker !== undefined && marker[0] === open[0] && marker.length >= open.length && line.replace(/^[ \t]+|[ \t]+$/g, '') === marker;
    return { open: closes ? undefined : open, fenced: true };
  }
  // A backtick fence's info string has no backtick: "```a`" is a paragraph, not a fence; nor
  // has a math fence's a dollar ("$$x$$" is inline math in a paragraph).
  if (marker && (marker[0] === '`' || marker[0] === '$') && line.slice(line.indexOf(marker) + marker.length).includes(marker[0])) return { open: undefined, fenced: false };
  return marker ? { open: marker, fenced: true } : { open: undefined, fenced: false };
}
