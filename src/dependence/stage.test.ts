import { describe, expect, it } from 'vitest';
import { dipAround, isSinglePointOfFailure, stageOf } from './stage';

const healthy = { localShare: 0.9, aidVolume: 5, localLevel4Staff: 3, latestDip: 0.05 };

describe('stageOf', () => {
  it('is dependent when only aid staff can perform the service, whatever the share', () => {
    const f = { ...healthy, localLevel4Staff: 0 };
    expect(isSinglePointOfFailure(f)).toBe(true);
    expect(stageOf(f)).toEqual({
      stage: 'dependent',
      reasons: [{ code: 'single_point_of_failure', aidVolume: 5 }],
    });
  });

  it('is not a single point of failure when aid staff no longer perform it', () => {
    expect(isSinglePointOfFailure({ ...healthy, aidVolume: 0, localLevel4Staff: 0 })).toBe(false);
  });

  it('is dependent below 30% local share, listing every dependent reason', () => {
    expect(stageOf({ ...healthy, localShare: 0.29 }).stage).toBe('dependent');
    expect(stageOf({ ...healthy, localShare: 0.3 }).stage).toBe('assisted');
    expect(stageOf({ ...healthy, localShare: 0.1, localLevel4Staff: 0 }).reasons.map((r) => r.code)).toEqual([
      'single_point_of_failure',
      'low_local_share',
    ]);
  });

  it('is co-developing at ≥ 80% local share, ≥ 2 level-4 staff and a dip of at most 15%', () => {
    expect(stageOf(healthy)).toEqual({
      stage: 'co_developing',
      reasons: [{ code: 'meets_all', localShare: 0.9, staff: 3 }],
    });
    expect(stageOf({ ...healthy, localShare: 0.8, localLevel4Staff: 2, latestDip: 0.15 }).stage).toBe(
      'co_developing',
    );
    expect(stageOf({ ...healthy, latestDip: null }).stage).toBe('co_developing');
  });

  it('is assisted in between, naming what is missing for co-development', () => {
    expect(stageOf({ ...healthy, localShare: 0.79 }).reasons).toEqual([
      { code: 'share_below_co_developing', localShare: 0.79, threshold: 0.8 },
    ]);
    expect(stageOf({ ...healthy, localLevel4Staff: 1 }).reasons).toEqual([
      { code: 'few_level4_staff', staff: 1, threshold: 2 },
    ]);
    expect(stageOf({ ...healthy, latestDip: 0.16 }).reasons).toEqual([
      { code: 'dip_between_batches', dip: 0.16, threshold: 0.15 },
    ]);
    expect(stageOf({ ...healthy, localShare: null, aidVolume: 0 })).toEqual({
      stage: 'assisted',
      reasons: [{ code: 'no_volume' }],
    });
  });
});

describe('dipAround', () => {
  it('compares the two months around a rotation with the three before', () => {
    // Before: 30/month; around: 15/month → a 50% dip.
    expect(dipAround([30, 30, 30], [10, 20])).toBe(0.5);
    expect(dipAround([20, 30, 40], [30, 30])).toBe(0);
    expect(dipAround([10, 10, 10], [15, 15])).toBe(-0.5);
    expect(dipAround([0, 0, 0], [5, 5])).toBeNull();
  });
});
