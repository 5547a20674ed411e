import type { Nodes } from 'mdast';

interface NodeIndex {
  /** Every node, in document order (pre-order, as unist-util-visit walks). */
  all: Nodes[];
  byType: Map<string, Nodes[]>;
  /** For each list of byType, the index in `all` of each of its nodes (to merge lists in document order). */
  orders: Map<string, number[]>;
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
  const orders = new Map<string, number[]>();
  const stack: Nodes[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    let list = byType.get(node.type);
    let order = orders.get(node.type);
    if (!list || !order) {
      byType.set(node.type, (list = []));
      orders.set(node.type, (order = []));
    }
    list.push(node);
    order.push(all.length);
    all.push(node);
    const children = (node as { children?: Nodes[] }).children;
    if (children) for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  index = { all, byType, orders };
  indexes.set(tree, index);
  return index;
}

/** The nodes of one type in a tree, in document order. */
export function nodesOfType<T extends Nodes['type']>(tree: Nodes, type: T): ReadonlyArray<Extract<Nodes, { type: T }>> {
  return (indexOf(tree).byType.get(type) ?? []) as Array<Extract<Nodes, { type: T }>>;
}

/** The nodes of any of the given types in a tree, in document order. */
export function nodesOfTypes<T extends Nodes['type']>(tree: Nodes, types: readonly T[]): Array<Extract<Nodes, { type: T }>> {
  // The lists of the types merged by their place in the walk: as long as what is found, not as the tree.
  const { byType, orders } = indexOf(tree);
  const lists: Nodes[][] = [];
  const places: number[][] = [];
  for (const type of new Set<string>(types)) {
    const list = byType.get(type);
    if (list) {
      lists.push(list);
      places.push(orders.get(type)!);
    }
  }
  const out: Nodes[] = [];
  const cursor = lists.map(() => 0);
  for (;;) {
    let next = -1;
    for (let l = 0; l < lists.length; l++) {
      if (cursor[l]! < lists[l]!.length && (next === -1 || places[l]![cursor[l]!]! < places[next]![cursor[next]!]!)) next = l;
    }
    if (next === -1) break;
    out.push(lists[next]![cursor[next]!++]!);
  }
  return out as Array<Extract<Nodes, { type: T }>>;
}
