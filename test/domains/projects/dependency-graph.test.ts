import { expect } from 'chai';
import { cycleClosedBy, Edge } from '../../../domains/projects/dependencies/dependency-graph';

describe('projects: cycle detection on the dependency graph', () => {
  const chain: Edge[] = [
    ['a', 'b'],
    ['b', 'c'],
    ['c', 'd'],
  ];

  it('an edge back along a chain closes the cycle through every link, from the new predecessor back to itself', () => {
    expect(cycleClosedBy(chain, 'd', 'a')).to.deep.equal(['d', 'a', 'b', 'c', 'd']);
    expect(cycleClosedBy(chain, 'b', 'a')).to.deep.equal(['b', 'a', 'b']);
  });

  it('edges forward, across or into unrelated tasks close nothing', () => {
    expect(cycleClosedBy(chain, 'a', 'd')).to.equal(undefined);
    expect(cycleClosedBy(chain, 'a', 'c')).to.equal(undefined);
    expect(cycleClosedBy(chain, 'x', 'a')).to.equal(undefined);
    expect(cycleClosedBy([], 'a', 'b')).to.equal(undefined);
  });

  it('a diamond takes a second path to its join, but not an edge from the join back to the start', () => {
    const diamond: Edge[] = [
      ['s', 'l'],
      ['s', 'r'],
      ['l', 'j'],
      ['r', 'j'],
    ];
    expect(cycleClosedBy(diamond, 's', 'j')).to.equal(undefined);
    expect(cycleClosedBy(diamond, 'j', 's')).to.have.length(4).and.satisfy((c: string[]) => c[0] === 'j' && c[1] === 's' && c[3] === 'j');
  });

  it('names the shortest loop when several exist, and a task on itself', () => {
    const graph: Edge[] = [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['a', 'd'],
    ];
    expect(cycleClosedBy(graph, 'd', 'a')).to.deep.equal(['d', 'a', 'd']);
    expect(cycleClosedBy(graph, 'a', 'a')).to.deep.equal(['a', 'a']);
  });
});
