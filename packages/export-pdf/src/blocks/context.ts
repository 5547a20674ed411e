import type { Question } from '@genai-qa/core';
import type { Heading, RootContent } from 'mdast';
import type { InlineContext } from '../inline.js';
import type { Layout } from '../layout.js';

/** What a block is drawn with: the layout context, plus the answer it belongs to. */
export interface BlockContext extends Layout {
  readonly question: Question;
  /** Link resolution and reference definitions of the answer. */
  readonly inline: InlineContext;
  /** The tag level (3–6) of each heading of the answer. */
  readonly headingLevels: ReadonlyMap<Heading, number>;
  /** Space between sibling blocks of the current container (tight lists have less). */
  readonly blockGap: number;
  /** How deep in nested lists (0 outside any list): picks the bullet. */
  readonly listDepth: number;
  readonly assets: ReadonlyMap<string, Uint8Array>;
  /** The PNG and JPEG images embedded before the layout, by asset key. */
  readonly images: ReadonlyMap<string, PDFKit.PDFImageObject>;
  /** Draws child blocks (the block table's entry point, as rehype's `state.all`). */
  readonly blocks: (context: BlockContext, nodes: readonly RootContent[]) => void;
}

/** A block module: draws one node kind at the context's position. */
export type BlockHandler<N> = (context: BlockContext, node: N) => void;
