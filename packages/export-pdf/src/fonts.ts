import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The faces the guide uses, registered in the document under their PostScript names.
 * The names matter: pdfkit caches a font under its PostScript name, and when a registered
 * alias names the same font as one already loaded (the document's default font) it re-parses
 * the file on every `doc.font(alias)` call without caching the alias — with the PostScript
 * name as alias, the cache hit comes first.
 */
export const FACES = {
  sans: 'DejaVuSans',
  'sans-bold': 'DejaVuSans-Bold',
  'sans-italic': 'DejaVuSans-Oblique',
  'sans-bolditalic': 'DejaVuSans-BoldOblique',
  mono: 'DejaVuSansMono',
  'mono-bold': 'DejaVuSansMono-Bold',
} as const;

export type Face = keyof typeof FACES;

let cache: Map<Face, Uint8Array> | undefined;

/**
 * The TrueType files of the `dejavu-fonts-ttf` package: the only files this exporter reads.
 * The PDF standard fonts are WinAnsi only (no `≈`, Greek, `Ł`), so every face is embedded
 * (pdfkit subsets them to the glyphs used). Read once per process.
 */
export function fontFiles(): Map<Face, Uint8Array> {
  if (!cache) {
    const require = createRequire(import.meta.url);
    const loaded = new Map<Face, Uint8Array>();
    for (const [face, file] of Object.entries(FACES) as Array<[Face, string]>) {
      loaded.set(face, fs.readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}.ttf`)));
    }
    cache = loaded;
  }
  return cache;
}
