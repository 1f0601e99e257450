/** A bar on a timeline: a row, a lane within it, and a span of dates. */
export type Bar<T> = { row: number; lane: number; lanes: number; start: number; end: number; item: T };

/**
 * Lays deployments out per hospital: one row per hospital (in the given order), and within a
 * row, overlapping stays go to separate lanes (first lane whose last stay has ended).
 */
export function layOut<T>(items: T[], rowOf: (item: T) => string, span: (item: T) => [string, string]) {
  const rows: string[] = [];
  const byRow = new Map<string, T[]>();
  for (const item of items) {
    const r = rowOf(item);
    if (!byRow.has(r)) {
      byRow.set(r, []);
      rows.push(r);
    }
    byRow.get(r)!.push(item);
  }
  const bars: Bar<T>[] = [];
  rows.forEach((r, row) => {
    const sorted = [...(byRow.get(r) ?? [])].sort((a, b) => span(a)[0].localeCompare(span(b)[0]));
    const laneEnds: number[] = [];
    const placed: Omit<Bar<T>, 'lanes'>[] = [];
    for (const item of sorted) {
      const [from, to] = span(item);
      const start = Date.parse(from);
      const end = Date.parse(to) + 86_400_000;
      let lane = laneEnds.findIndex((e) => e <= start);
      if (lane === -1) lane = laneEnds.length;
      laneEnds[lane] = end;
      placed.push({ row, lane, start, end, item });
    }
    for (const p of placed) bars.push({ ...p, lanes: laneEnds.length });
  });
  return { rows, bars };
}
