import type { Transaction } from 'kysely';
import { recordAudit } from '../audit/audit';
import type { Db } from '../db/database';
import type { DB } from '../db/schema';
import { computeIndicator, indicator } from '../indicators/catalogue';
import type { Breakdown, IndicatorValue } from '../indicators/types';
import { type TargetStatusResult, targetStatus } from './target-status';

export type TargetView = {
  id: string;
  agreementId: string;
  clauseId: string;
  indicatorId: string;
  indicatorName: { zh: string; en: string };
  unit: string;
  breakdown: Breakdown;
  breakdownKey: string | null;
  specialtyCode: string | null;
  description: string;
  baseline: number;
  baselineOn: string;
  targetValue: number;
  dueOn: string;
  responsibleOrganisationId: string;
  current: number | null;
  metAt: Date | null;
} & TargetStatusResult;

/**
 * The targets of some agreements (all of the programme's when `agreementIds` is 'all'), each
 * with its indicator's current value and its computed status. Each indicator is computed once
 * per (indicator, breakdown, specialty); for indicators with a month breakdown the last three
 * months are the trajectory of programme-wide targets.
 */
export async function evaluateTargets(
  db: Db,
  programmeId: string,
  agreementIds: string[] | 'all',
  today: string,
): Promise<TargetView[]> {
  if (agreementIds !== 'all' && agreementIds.length === 0) return [];
  let q = db.selectFrom('agreement_targets').selectAll().where('programme_id', '=', programmeId);
  if (agreementIds !== 'all') q = q.where('agreement_id', 'in', agreementIds);
  const rows = await q.orderBy('due_on').orderBy('id').execute();

  const cache = new Map<string, Promise<IndicatorValue[]>>();
  const values = (id: string, breakdown: Breakdown, specialtyCode: string | null) => {
    const key = `${id}|${breakdown}|${specialtyCode ?? ''}`;
    let found = cache.get(key);
    if (!found) {
      found = computeIndicator(db, programmeId, id, breakdown, {
        specialtyCode: specialtyCode ?? undefined,
      }).catch(() => []);
      cache.set(key, found);
    }
    return found;
  };

  return Promise.all(
    rows.map(async (t) => {
      const def = safeIndicator(t.indicator_id);
      const rowsNow = def ? await values(t.indicator_id, t.breakdown, t.specialty_code) : [];
      const current = rowsNow.find((r) => r.key === t.breakdown_key)?.value ?? null;
      let trajectory: { on: string; value: number }[] = [];
      if (def?.breakdowns.includes('month') && t.breakdown === 'programme') {
        trajectory = (await values(t.indicator_id, 'month', t.specialty_code))
          .filter(
            (r): r is IndicatorValue & { key: string; value: number } => r.key !== null && r.value !== null,
          )
          .filter((r) => r.key <= today)
          .sort((a, b) => a.key.localeCompare(b.key))
          .slice(-3)
          .map((r) => ({ on: r.key, value: r.value }));
      }
      const baseline = Number(t.baseline);
      const targetValue = Number(t.target_value);
      const result = targetStatus({
        baseline,
        targetValue,
        baselineOn: t.baseline_on,
        dueOn: t.due_on,
        today,
        current,
        trajectory,
      });
      return {
        id: t.id,
        agreementId: t.agreement_id,
        clauseId: t.clause_id,
        indicatorId: t.indicator_id,
        indicatorName: def?.name ?? { zh: t.indicator_id, en: t.indicator_id },
        unit: def?.unit ?? 'count',
        breakdown: t.breakdown,
        breakdownKey: t.breakdown_key,
        specialtyCode: t.specialty_code,
        description: t.description,
        baseline,
        baselineOn: t.baseline_on,
        targetValue,
        dueOn: t.due_on,
        responsibleOrganisationId: t.responsible_organisation_id,
        current,
        metAt: t.met_at,
        ...result,
      };
    }),
  );
}

function safeIndicator(id: string) {
  try {
    return indicator(id);
  } catch {
    return undefined;
  }
}

/**
 * Evaluates every target of the programme and stamps `met_at` on those seen met for the first
 * time (a met target stays an achievement even if the figure later slips). Returns the newly met.
 */
export async function recordMetTargets(
  db: Db,
  programmeId: string,
  today: string,
  now = new Date(),
  // E.g. the witness registry opens the target's `target.met` request in the stamp's transaction.
  onMet?: (trx: Transaction<DB>, target: TargetView) => Promise<unknown>,
) {
  const targets = await evaluateTargets(db, programmeId, 'all', today);
  const newlyMet = targets.filter((t) => t.status === 'met' && t.metAt === null);
  // Each stamp and its audit row commit together.
  await db.transaction().execute(async (trx) => {
    for (const t of newlyMet) {
      await trx
        .updateTable('agreement_targets')
        .set({ met_at: now, met_value: t.current })
        .where('programme_id', '=', programmeId)
        .where('id', '=', t.id)
        .where('met_at', 'is', null)
        .execute();
      await recordAudit(
        trx,
        { programmeId, actorUserId: null, requestId: null },
        {
          action: 'agreement.target_met',
          entity: 'agreement',
          entityId: t.agreementId,
          after: { targetId: t.id, indicatorId: t.indicatorId, value: t.current, targetValue: t.targetValue },
        },
      );
      if (onMet) await onMet(trx, t);
    }
  });
  return newlyMet.map((t) => ({ ...t, metAt: now }));
}

export type MetTarget = {
  targetId: string;
  agreementId: string;
  agreementTitle: string;
  indicatorId: string;
  responsibleOrganisationId: string;
  targetValue: number;
  metValue: number;
  metAt: Date;
};

/**
 * Targets first seen met since `since` (exclusive), oldest first: the witnessable achievements
 * the witness registry offers to the parties (met targets are recorded by recordMetTargets).
 */
export async function listNewlyMetTargets(db: Db, programmeId: string, since: Date): Promise<MetTarget[]> {
  const rows = await db
    .selectFrom('agreement_targets as t')
    .innerJoin('agreements as a', (j) =>
      j.onRef('a.programme_id', '=', 't.programme_id').onRef('a.id', '=', 't.agreement_id'),
    )
    .select([
      't.id',
      't.agreement_id',
      'a.title',
      't.indicator_id',
      't.responsible_organisation_id',
      't.target_value',
      't.met_value',
      't.met_at',
    ])
    .where('t.programme_id', '=', programmeId)
    .where('t.met_at', '>', since)
    .orderBy('t.met_at')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({
    targetId: r.id,
    agreementId: r.agreement_id,
    agreementTitle: r.title,
    indicatorId: r.indicator_id,
    responsibleOrganisationId: r.responsible_organisation_id,
    targetValue: Number(r.target_value),
    metValue: Number(r.met_value),
    metAt: r.met_at as Date,
  }));
}
