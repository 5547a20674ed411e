import path from 'node:path';
import type { Definition, Image, Link, Nodes, Root } from 'mdast';
import { nodesOfTypes } from './nodes.js';
import type { Host } from './rule.js';

export type LinkNode = Link | Image | Definition;

export type UrlKind =
  | { kind: 'external' }
  | { kind: 'dangerous'; scheme: string }
  | { kind: 'anchor'; fragment: string }
  | { kind: 'local'; path: string; fragment: string };

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;
const DANGEROUS = new Set(['javascript', 'vbscript', 'data', 'file']);

/** Classifies a link target. Control characters and whitespace are ignored the way browsers do. */
export function classifyUrl(url: string): UrlKind {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/[\u0000-\u0020\u007f]+/g, '');
  const scheme = SCHEME.exec(cleaned)?.[1]?.toLowerCase();
  if (scheme) return DANGEROUS.has(scheme) ? { kind: 'dangerous', scheme } : { kind: 'external' };
  if (cleaned.startsWith('//')) return { kind: 'external' };
  const hashAt = url.indexOf('#');
  const fragment = hashAt === -1 ? '' : url.slice(hashAt + 1);
  const withoutHash = hashAt === -1 ? url : url.slice(0, hashAt);
  const target = withoutHash.split('?')[0] ?? '';
  if (target === '') return { kind: 'anchor', fragment };
  return { kind: 'local', path: safeDecode(target), fragment };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Every link, image and definition of a tree, in document order. */
export function linkNodes(tree: Root | Nodes): LinkNode[] {
  return nodesOfTypes(tree, ['link', 'image', 'definition']);
}

export type LocalTarget =
  | { status: 'ok'; resolved: string }
  | { status: 'missing'; resolved: string }
  | { status: 'outside'; resolved: string; reason: string };

/**
 * Resolves a local link against the linking file and checks that it stays inside the content
 * root, following symlinks: a link to a symlink that points outside the root is outside.
 */
export function resolveLocal(target: string, fromFile: string, root: string, host: Host): LocalTarget {
  if (path.isAbsolute(target) || target.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(target)) {
    return { status: 'outside', resolved: target, reason: 'is an absolute path' };
  }
  const resolved = path.resolve(path.dirname(fromFile), target);
  if (!isInside(root, resolved)) return { status: 'outside', resolved, reason: 'leaves the content root' };
  const real = host.realpath(resolved);
  if (real === undefined) return { status: 'missing', resolved };
  const realRoot = host.realpath(root) ?? root;
  if (!isInside(realRoot, real)) return { status: 'outside', resolved, reason: 'is a symlink that leaves the content root' };
  return { status: 'ok', resolved };
}

export function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
