import { describe, expect, it } from 'vitest';
import { layOut } from './timeline';

describe('layOut', () => {
  it('puts overlapping stays at one hospital in separate lanes and reuses ended lanes', () => {
    const items = [
      { h: 'A', from: '2026-01-01', to: '2026-06-30' },
      { h: 'B', from: '2026-01-01', to: '2026-12-31' },
      { h: 'A', from: '2026-03-01', to: '2026-09-30' },
      { h: 'A', from: '2026-07-01', to: '2026-12-31' },
    ];
    const { rows, bars } = layOut(
      items,
      (i) => i.h,
      (i) => [i.from, i.to],
    );
    expect(rows).toEqual(['A', 'B']);
    const a = bars.filter((b) => b.row === 0).map((b) => [b.item.from, b.lane, b.lanes]);
    expect(a).toEqual([
      ['2026-01-01', 0, 2],
      ['2026-03-01', 1, 2],
      ['2026-07-01', 0, 2],
    ]);
    expect(bars.find((b) => b.row === 1)?.lanes).toBe(1);
  });
});
