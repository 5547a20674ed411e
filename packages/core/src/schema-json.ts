/**
 * A JSON Schema as the project publishes it: 2-space indent, a trailing newline, and every
 * non-ASCII character written as a `\uXXXX` escape. The escapes are JSON's, decoded before any
 * regular-expression engine sees a pattern, so the patterns mean the same; the files stay
 * ASCII, and the invisible characters the id pattern excludes (U+2028, U+3000 …) can be read.
 */
export function schemaJson(schema: unknown): string {
  return `${JSON.stringify(schema, null, 2).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
