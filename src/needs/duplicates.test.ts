import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DuplicateCandidate,
  findLikelyDuplicates,
  jaccard,
  needSimilarity,
  textShingles,
} from './duplicates';

const need = (over: Partial<DuplicateCandidate>): DuplicateCandidate => ({
  id: 'n1',
  specialtyCode: 'anaesthesiology',
  facilityId: 'f1',
  townshipId: 't1',
  title: '缺少麻醉医师，无法开展剖宫产',
  description: '乡卫生院没有麻醉医师，产妇需转诊县医院。',
  ...over,
});

describe('text similarity', () => {
  it('makes character bigrams of Chinese and keeps ASCII words', () => {
    expect([...textShingles('B超 培训')].sort()).toEqual(['b', 'b超', '培训', '超培'].sort());
    expect([...textShingles('麻醉')]).toEqual(['麻醉']);
    expect(textShingles('，。 ').size).toBe(0);
  });

  it('computes Jaccard by hand', () => {
    // {ab, bc} vs {bc, cd}: 1 shared of 3.
    expect(jaccard(new Set(['ab', 'bc']), new Set(['bc', 'cd']))).toBeCloseTo(1 / 3);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });

  it('scores a retyped need high and an unrelated one low', () => {
    const a = need({});
    expect(needSimilarity(a, need({ title: '缺麻醉医师 剖宫产无法开展', description: '' }))).toBeGreaterThan(
      0.4,
    );
    expect(
      needSimilarity(a, need({ title: '超声设备闲置无人会用', description: '捐赠的彩超没人操作' })),
    ).toBeLessThan(0.1);
  });

  it('is symmetric and within [0, 1]', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), fc.string(), (t1, d1, t2, d2) => {
        const s = needSimilarity({ title: t1, description: d1 }, { title: t2, description: d2 });
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(needSimilarity({ title: t2, description: d2 }, { title: t1, description: d1 })).toBeCloseTo(s);
      }),
    );
  });
});

describe('findLikelyDuplicates', () => {
  const a = need({});
  const retyped = { title: '缺少麻醉医师 无法做剖宫产', description: '' };
  const hours = (x: string, y: string) =>
    x === 'f1' && y === 'f3' ? 0.8 : x === 'f1' && y === 'f4' ? 2.5 : null;

  it('flags the same specialty and similar text at the same, same-township or nearby facility', () => {
    const found = findLikelyDuplicates(
      a,
      [
        need({ id: 'same-facility', ...retyped }),
        need({ id: 'same-township', facilityId: 'f2', ...retyped }),
        need({ id: 'nearby', facilityId: 'f3', townshipId: 't3', ...retyped }),
        need({ id: 'far', facilityId: 'f4', townshipId: 't4', ...retyped }),
        need({ id: 'unknown-road', facilityId: 'f5', townshipId: 't5', ...retyped }),
        need({ id: 'other-specialty', specialtyCode: 'paediatrics', ...retyped }),
        need({ id: 'other-text', title: '需要心电图培训', description: '' }),
        need({ id: 'n1' }),
      ],
      hours,
    );
    expect(found.map((d) => d.id).sort()).toEqual(['nearby', 'same-facility', 'same-township']);
    expect(found.find((d) => d.id === 'nearby')?.travelHours).toBe(0.8);
    expect(found.find((d) => d.id === 'same-facility')?.travelHours).toBe(0);
  });
});
