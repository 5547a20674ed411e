import fs from 'node:fs';
import path from 'node:path';
import { isInsideRoot, referencedImages, type Corpus, type RenderableAnswer } from '@genai-qa/core';
import { nodeHost } from './files.js';

/**
 * Loads the images the corpus references, for the exporters. Only regular files inside the
 * content root are read: the path is resolved, symlinks followed, and the real path must
 * still be inside the (real) root. Anything else is left out (lint reports it).
 */
export function collectAssets(corpus: Corpus, answers: ReadonlyMap<string, RenderableAnswer>, root: string): Map<string, Uint8Array> {
  const assets = new Map<string, Uint8Array>();
  const realRoot = nodeHost.realpath(root) ?? root;
  for (const key of referencedImages(corpus, answers)) {
    const real = nodeHost.realpath(path.join(root, ...key.split('/')));
    if (!real || !isInsideRoot(realRoot, real)) continue;
    try {
      if (!fs.statSync(real).isFile()) continue;
      assets.set(key, fs.readFileSync(real));
    } catch {
      // Unreadable: the exporters show the alt text instead.
    }
  }
  return assets;
}
