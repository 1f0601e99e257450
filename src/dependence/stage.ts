/**
 * The stage of a service at a facility — dependent (依附) → assisted (协助) → co-developing
 * (共同发展) — from its dependence figures, with the reasons. The thresholds (documented in
 * docs/agreements.md):
 *
 * - **dependent** when any of: aid staff performed the service recently and no local staff
 *   member holds level ≥ 4 in the specialty's competencies (a single point of failure: it
 *   stops if the batch leaves tomorrow); the local share of recent volume is below
 *   `DEPENDENT_SHARE` (30%).
 * - **co-developing** when all of: local share at least `CO_DEVELOPING_SHARE` (80%); at least
 *   `CO_DEVELOPING_STAFF` (2) local staff at level ≥ 4; no dip between batches above
 *   `DIP_TOLERANCE` (15%) at the latest rotation.
 * - **assisted** otherwise.
 */
export const stages = ['dependent', 'assisted', 'co_developing'] as const;
export type Stage = (typeof stages)[number];

export const DEPENDENT_SHARE = 0.3;
export const CO_DEVELOPING_SHARE = 0.8;
export const CO_DEVELOPING_STAFF = 2;
export const DIP_TOLERANCE = 0.15;

export type DependenceFigures = {
  /** Local share of the service's volume in the recent window (null: no volume recorded). */
  localShare: number | null;
  /** Volume performed by aid staff in the recent window. */
  aidVolume: number;
  /** Local staff of the facility at level ≥ 4 in a competency of the service's specialty. */
  localLevel4Staff: number;
  /** How far local volume fell around the latest rotation (0.2 = 20% below the months before); null: unknown. */
  latestDip: number | null;
};

export type StageReason =
  | { code: 'single_point_of_failure'; aidVolume: number }
  | { code: 'low_local_share'; localShare: number; threshold: number }
  | { code: 'no_volume' }
  | { code: 'share_below_co_developing'; localShare: number; threshold: number }
  | { code: 'few_level4_staff'; staff: number; threshold: number }
  | { code: 'dip_between_batches'; dip: number; threshold: number }
  | { code: 'meets_all'; localShare: number; staff: number };

export const isSinglePointOfFailure = (f: DependenceFigures) => f.aidVolume > 0 && f.localLevel4Staff === 0;

/** The stage and every reason that placed it there (see the thresholds above). */
export function stageOf(f: DependenceFigures): { stage: Stage; reasons: StageReason[] } {
  const dependent: StageReason[] = [];
  if (isSinglePointOfFailure(f)) dependent.push({ code: 'single_point_of_failure', aidVolume: f.aidVolume });
  if (f.localShare !== null && f.localShare < DEPENDENT_SHARE)
    dependent.push({ code: 'low_local_share', localShare: f.localShare, threshold: DEPENDENT_SHARE });
  if (dependent.length) return { stage: 'dependent', reasons: dependent };

  const short: StageReason[] = [];
  if (f.localShare === null) short.push({ code: 'no_volume' });
  else if (f.localShare < CO_DEVELOPING_SHARE)
    short.push({
      code: 'share_below_co_developing',
      localShare: f.localShare,
      threshold: CO_DEVELOPING_SHARE,
    });
  if (f.localLevel4Staff < CO_DEVELOPING_STAFF)
    short.push({ code: 'few_level4_staff', staff: f.localLevel4Staff, threshold: CO_DEVELOPING_STAFF });
  if (f.latestDip !== null && f.latestDip > DIP_TOLERANCE)
    short.push({ code: 'dip_between_batches', dip: f.latestDip, threshold: DIP_TOLERANCE });
  if (short.length) return { stage: 'assisted', reasons: short };
  return {
    stage: 'co_developing',
    reasons: [{ code: 'meets_all', localShare: f.localShare as number, staff: f.localLevel4Staff }],
  };
}

/**
 * How far local volume dipped around a rotation: 1 − (mean monthly local volume in the month of
 * the change and the next) / (mean of the three months before). Null when there was no local
 * volume before (nothing to fall from). Negative values are rises.
 */
export function dipAround(before: readonly number[], around: readonly number[]): number | null {
  const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / (xs.length || 1);
  const base = mean(before);
  if (base <= 0) return null;
  return Math.round((1 - mean(around) / base) * 1000) / 1000;
}
