import type { Nodes } from 'mdast';

interface NodeIndex {
  /** Every node, in document order (pre-order, as unist-util-visit walks). */
  all: Nodes[];
  byType: Map<string, Nodes[]>;
}

const indexes = new WeakMap<Nodes, NodeIndex>();

/**
 * One walk of a tree, shared by every rule that looks for nodes of some type: a file's tree
 * is walked once instead of once per rule. Trees are not changed after parsing, so the index
 * is kept for as long as the tree lives.
 */
function indexOf(tree: Nodes): NodeIndex {
  let index = indexes.get(tree);
  if (index) return index;
  const all: Nodes[] = [];
  const byType = new Map<string, Nodes[]>();
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    all.push(node);
    let list = byType.get(node.type);
    if (!list) byType.set(node.type, (list = []));
    list.push(node);
    const children = (node as { children?: Nodes[] }).children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  index = { all, byType };
  indexes.set(tree, index);
  return index;
}

/** The nodes of one type in a tree, in document order. */
export function nodesOfType<T extends Nodes['type']>(tree: Nodes, type: T): ReadonlyArray<Extract<Nodes, { type: T }>> {
  return (indexOf(tree).byType.get(type) ?? []) as Array<Extract<Nodes, { type: T }>>;
}

/** The nodes of any of the given types in a tree, in document order. */
export function nodesOfTypes<T extends Nodes['type']>(tree: Nodes, types: readonly T[]): Array<Extract<Nodes, { type: T }>> {
  const wanted = new Set<string>(types);
  return indexOf(tree).all.filter((node) => wanted.has(node.type)) as Array<Extract<Nodes, { type: T }>>;
}
