import { describe, expect, it } from 'vitest';
import { townshipReach } from './compute';
import { buildRoadGraph } from './shortest-paths';

// seat —0.5— t1 —1.0— t2 —2.0— t3     t4 off the road network
const graph = buildRoadGraph(
  [{ id: 'seat' }, { id: 't1' }, { id: 't2' }, { id: 't3' }],
  [
    { from: 'seat', to: 't1', hours: 0.5 },
    { from: 't1', to: 't2', hours: 1 },
    { from: 't2', to: 't3', hours: 2 },
  ],
);
const node = (id: string) => graph.indexOf.get(id);
const townships = [
  { id: 'T1', population: 1000, node: node('t1') },
  { id: 'T2', population: 2000, node: node('t2') },
  { id: 'T3', population: 3000, node: node('t3') },
  { id: 'T4', population: 4000, node: undefined },
];

describe('townshipReach', () => {
  it('works the hours and shares out by hand with the provider at the seat', () => {
    const { townships: reach, shares } = townshipReach(graph, townships, [node('seat') as number]);
    expect(reach.map((r) => r.hours)).toEqual([0.5, 1.5, 3.5, null]);
    expect(reach[2]?.providerNode).toBe(node('seat'));
    // Within 1 h: T1 (1000 of 10 000); 2 h: T1+T2 (3000); 4 h: T1+T2+T3 (6000).
    expect(shares).toEqual({
      population: 10_000,
      within: [
        { hours: 1, population: 1000, share: 0.1 },
        { hours: 2, population: 3000, share: 0.3 },
        { hours: 4, population: 6000, share: 0.6 },
      ],
    });
  });

  it('takes the nearest of several providers and reports none when there is none', () => {
    const both = townshipReach(graph, townships, [node('seat') as number, node('t3') as number]);
    expect(both.townships.map((r) => r.hours)).toEqual([0.5, 1.5, 0, null]);
    const none = townshipReach(graph, townships, []);
    expect(none.townships.every((r) => r.hours === null)).toBe(true);
    expect(none.shares.within.map((w) => w.share)).toEqual([0, 0, 0]);
  });
});
