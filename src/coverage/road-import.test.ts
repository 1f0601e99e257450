import { describe, expect, it } from 'vitest';
import { roadNetworkFromLines } from './road-import';
import { buildRoadGraph, shortestHours } from './shortest-paths';

describe('roadNetworkFromLines', () => {
  const lines = [
    {
      coordinates: [
        [92, 30],
        [92.05, 30.02],
        [92.1, 30],
      ],
      hours: 0.5,
      roadClass: 'highway' as const,
    },
    // Starts 20 m from the first line's end: the same junction.
    {
      coordinates: [
        [92.1002, 30.0001],
        [92.3, 30],
      ],
      hours: 1.25,
    },
    // A slower parallel road between the same junctions is dropped.
    {
      coordinates: [
        [92.1, 30],
        [92.2, 30.05],
        [92.3, 30],
      ],
      hours: 3,
    },
    // No hours: from its length (~9.63 km) at township-road speed (30 km/h).
    {
      coordinates: [
        [92.3, 30],
        [92.4, 30],
      ],
    },
  ];
  const facilities = [
    { id: 'seat', lat: 30.001, lon: 92, isSeat: true },
    { id: 'far', lat: 30, lon: 92.401, isSeat: false },
  ];

  it('snaps line ends into junctions and facilities onto the nearest junction', () => {
    const net = roadNetworkFromLines(lines, facilities);
    expect(net.nodes.filter((n) => !n.facilityId).length).toBe(4);
    expect(net.edges.filter((e) => e.from.startsWith('j')).map((e) => e.hours)).toEqual([0.5, 1.25, 0.321]);
    expect(net.seatNodeId).toBe('f:seat');
    const graph = buildRoadGraph(net.nodes, net.edges);
    const hours = shortestHours(graph, [graph.indexOf.get('f:seat') as number]);
    // Access edges: 0.11 km and 0.096 km at 20 km/h → 0.01 h each (the minimum).
    expect(hours[graph.indexOf.get('f:far') as number]).toBeCloseTo(0.01 + 0.5 + 1.25 + 0.321 + 0.01, 6);
  });
});
