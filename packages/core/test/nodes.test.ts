import { describe, expect, it } from 'vitest';
import { nodesOfType, nodesOfTypes } from '../src/nodes.js';
import { parseMarkdown } from '../src/parse.js';

// The node index (nodes.ts): the nodes of several types come in document order, whatever
// the order of the types asked for, as a walk of the tree finds them.
describe('nodesOfTypes', () => {
  const tree = parseMarkdown(['[one](a) ![two](b)', '', '- [three](c)', '  - ![four](d) [five](e)', '', '[six]: f', ''].join('\n'));
  const label = (node: { type: string; position?: { start: { line: number; column: number } } }) => `${node.type}@${node.position!.start.line}:${node.position!.start.column}`;

  it('merges the lists of the types in document order', () => {
    expect(nodesOfTypes(tree, ['definition', 'image', 'link']).map(label)).toEqual([
      'link@1:1',
      'image@1:10',
      'link@3:3',
      'image@4:5',
      'link@4:16',
      'definition@6:1',
    ]);
  });

  it('gives one type as nodesOfType does, and nothing for a type the tree lacks', () => {
    expect(nodesOfTypes(tree, ['image']).map(label)).toEqual(nodesOfType(tree, 'image').map(label));
    expect(nodesOfTypes(tree, ['table', 'math'])).toEqual([]);
  });
});
