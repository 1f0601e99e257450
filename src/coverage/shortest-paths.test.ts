import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRoadGraph, pairsWithin, shortestHours } from './shortest-paths';

// a —1— b —2— c, a —4— c, d isolated.
const graph = buildRoadGraph(
  [{ id: 'a' }, { id: 'b' }, { id: 'c' }, { id: 'd' }],
  [
    { from: 'a', to: 'b', hours: 1 },
    { from: 'b', to: 'c', hours: 2 },
    { from: 'a', to: 'c', hours: 4 },
    { from: 'a', to: 'zz', hours: 1 },
  ],
);
const at = (id: string) => graph.indexOf.get(id) as number;

describe('shortest paths', () => {
  it('finds the shorter way round, both ways, and Infinity when unreachable', () => {
    expect([...shortestHours(graph, [at('a')])]).toEqual([0, 1, 3, Infinity]);
    expect([...shortestHours(graph, [at('c')])]).toEqual([3, 2, 0, Infinity]);
  });

  it('takes the nearest of several sources', () => {
    const origin = new Int32Array(4);
    expect([...shortestHours(graph, [at('a'), at('c')], Infinity, origin)]).toEqual([0, 1, 0, Infinity]);
    expect([...origin]).toEqual([at('a'), at('a'), at('c'), -1]);
  });

  it('stops at the bound', () => {
    expect([...shortestHours(graph, [at('a')], 2)]).toEqual([0, 1, Infinity, Infinity]);
    const pairs = pairsWithin(graph, [at('a'), at('b'), at('c')], 2.5);
    expect(pairs.map((p) => `${graph.nodeIds[p.from]}${graph.nodeIds[p.to]}:${p.hours}`).sort()).toEqual(
      ['ab:1', 'ba:1', 'bc:2', 'cb:2'].sort(),
    );
  });

  it('agrees with Floyd–Warshall on random graphs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.integer({ min: 1, max: 50 })), {
              maxLength: 30,
            }),
          ),
        ),
        ([n, raw]) => {
          const nodes = Array.from({ length: n }, (_, i) => ({ id: `n${i}` }));
          const edges = raw.map(([a, b, h]) => ({ from: `n${a}`, to: `n${b}`, hours: h / 10 }));
          const g = buildRoadGraph(nodes, edges);
          const d = Array.from({ length: n }, (_, i) =>
            Array.from({ length: n }, (_, j) => (i === j ? 0 : Infinity)),
          );
          for (const e of edges) {
            const [a, b] = [g.indexOf.get(e.from) as number, g.indexOf.get(e.to) as number];
            if (a === b) continue;
            const row = d[a] as number[];
            const back = d[b] as number[];
            row[b] = Math.min(row[b] as number, e.hours);
            back[a] = Math.min(back[a] as number, e.hours);
          }
          for (let k = 0; k < n; k++)
            for (let i = 0; i < n; i++)
              for (let j = 0; j < n; j++) {
                const via = (d[i]?.[k] as number) + (d[k]?.[j] as number);
                if (via < (d[i]?.[j] as number)) (d[i] as number[])[j] = via;
              }
          for (let s = 0; s < n; s++) {
            const got = shortestHours(g, [s]);
            for (let t = 0; t < n; t++) expect(got[t]).toBeCloseTo(d[s]?.[t] as number, 9);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
