/**
 * Shortest travel times over the road network: Dijkstra's algorithm (E. W. Dijkstra, "A note
 * on two problems in connexion with graphs", 1959) with a binary heap and lazy deletion, on an
 * undirected graph in compressed adjacency form. Roads are two-way; travel hours are the weights.
 */

export type RoadGraph = {
  nodeIds: string[];
  indexOf: Map<string, number>;
  /** Node i's neighbours are targets[offsets[i] .. offsets[i + 1]), with hours in the same slots. */
  offsets: Int32Array;
  targets: Int32Array;
  hours: Float64Array;
};

/** Builds the graph; edges naming unknown nodes or without positive hours are ignored. */
export function buildRoadGraph(
  nodes: readonly { id: string }[],
  edges: readonly { from: string; to: string; hours: number }[],
): RoadGraph {
  const nodeIds = nodes.map((n) => n.id);
  const indexOf = new Map(nodeIds.map((id, i) => [id, i]));
  const usable: [number, number, number][] = [];
  for (const e of edges) {
    const a = indexOf.get(e.from);
    const b = indexOf.get(e.to);
    const h = Number(e.hours);
    if (a === undefined || b === undefined || a === b || !(h > 0)) continue;
    usable.push([a, b, h]);
  }
  const degree = new Int32Array(nodeIds.length + 1);
  for (const [a, b] of usable) {
    degree[a + 1] = (degree[a + 1] as number) + 1;
    degree[b + 1] = (degree[b + 1] as number) + 1;
  }
  const offsets = new Int32Array(nodeIds.length + 1);
  for (let i = 0; i < nodeIds.length; i++)
    offsets[i + 1] = (offsets[i] as number) + (degree[i + 1] as number);
  const fill = offsets.slice(0, nodeIds.length);
  const targets = new Int32Array(usable.length * 2);
  const hours = new Float64Array(usable.length * 2);
  const put = (from: number, to: number, h: number) => {
    const slot = fill[from] as number;
    targets[slot] = to;
    hours[slot] = h;
    fill[from] = slot + 1;
  };
  for (const [a, b, h] of usable) {
    put(a, b, h);
    put(b, a, h);
  }
  return { nodeIds, indexOf, offsets, targets, hours };
}

/** A binary min-heap of (key, node) pairs; stale entries are skipped by the caller. */
class MinHeap {
  private keys: number[] = [];
  private nodes: number[] = [];
  get size() {
    return this.keys.length;
  }
  push(key: number, node: number) {
    const { keys, nodes } = this;
    let i = keys.length;
    keys.push(key);
    nodes.push(node);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((keys[parent] as number) <= key) break;
      keys[i] = keys[parent] as number;
      nodes[i] = nodes[parent] as number;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }
  pop(): [number, number] {
    const { keys, nodes } = this;
    const top: [number, number] = [keys[0] as number, nodes[0] as number];
    const lastKey = keys.pop() as number;
    const lastNode = nodes.pop() as number;
    const n = keys.length;
    if (n > 0) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && (keys[r] as number) < (keys[l] as number) ? r : l;
        if ((keys[c] as number) >= lastKey) break;
        keys[i] = keys[c] as number;
        nodes[i] = nodes[c] as number;
        i = c;
      }
      keys[i] = lastKey;
      nodes[i] = lastNode;
    }
    return top;
  }
}

/**
 * Travel hours from the nearest of `sources` to every node (Infinity when unreachable or beyond
 * `maxHours`). With several sources this is the time to the nearest one: one search for all.
 */
export function shortestHours(
  graph: RoadGraph,
  sources: Iterable<number>,
  maxHours = Infinity,
  /** When given, filled with the source each node's shortest path starts from (-1: none). */
  origin?: Int32Array,
): Float64Array {
  const dist = new Float64Array(graph.nodeIds.length).fill(Infinity);
  origin?.fill(-1);
  const heap = new MinHeap();
  for (const s of sources) {
    if (s < 0 || s >= dist.length || dist[s] === 0) continue;
    dist[s] = 0;
    if (origin) origin[s] = s;
    heap.push(0, s);
  }
  const { offsets, targets, hours } = graph;
  while (heap.size > 0) {
    const [d, u] = heap.pop();
    if (d > (dist[u] as number)) continue;
    for (let k = offsets[u] as number; k < (offsets[u + 1] as number); k++) {
      const v = targets[k] as number;
      const nd = d + (hours[k] as number);
      if (nd < (dist[v] as number) && nd <= maxHours) {
        dist[v] = nd;
        if (origin) origin[v] = origin[u] as number;
        heap.push(nd, v);
      }
    }
  }
  return dist;
}

/** Travel hours between every pair of the given nodes that are at most `maxHours` apart (both directions). */
export function pairsWithin(
  graph: RoadGraph,
  nodes: readonly number[],
  maxHours: number,
): { from: number; to: number; hours: number }[] {
  const wanted = new Set(nodes);
  const out: { from: number; to: number; hours: number }[] = [];
  for (const from of wanted) {
    const dist = shortestHours(graph, [from], maxHours);
    for (const to of wanted) {
      const h = dist[to] as number;
      if (to !== from && h <= maxHours) out.push({ from, to, hours: h });
    }
  }
  return out;
}
