import type { Transaction, Updateable } from 'kysely';
import type { Audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import type { DB, NeedsTable } from '../db/schema';
import { AppError, notFound } from '../errors';
import { requireSpecialty } from '../registry/specialties';
import { needVisible } from './repository';
import type { NeedInput, TriageInput } from './schema';
import { type NeedAction, type NeedStatus, reopenTransition, transition } from './workflow';

type Trx = Transaction<DB>;

/** Loads a facility the actor may report for: it must lie in the actor's organisation subtree. */
async function requireFacilityInScope(trx: Trx, actor: Actor, facilityId: string) {
  const f = await trx
    .selectFrom('facilities as f')
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 'f.programme_id').onRef('o.id', '=', 'f.organisation_id'),
    )
    .select(['f.id', 'f.travel_hours_to_seat', 'f.level', 'o.path'])
    .where('f.programme_id', '=', actor.programmeId)
    .where('f.id', '=', facilityId)
    .executeTakeFirst();
  if (!f?.path.startsWith(actor.scopePath) || f.level === 'supporter_hospital') {
    throw new AppError('VALIDATION_FAILED', 'The facility does not exist or is outside your scope.', {
      issues: [{ path: 'facilityId', message: 'not found in your scope' }],
    });
  }
  return f;
}

/** The batch whose dates cover a day, if any (the latest-numbered when batches overlap). */
async function batchOn(trx: Trx, programmeId: string, at: Date) {
  const day = at.toISOString().slice(0, 10);
  const batch = await trx
    .selectFrom('batches')
    .select('id')
    .where('programme_id', '=', programmeId)
    .where('starts_on', '<=', day)
    .where('ends_on', '>=', day)
    .orderBy('number', 'desc')
    .executeTakeFirst();
  return batch?.id ?? null;
}

export type ReportOptions = { source?: 'form' | 'import'; reportedAt?: Date; now?: Date };

/** Records a reported need at a facility in the actor's scope. */
export async function reportNeed(
  trx: Trx,
  actor: Actor,
  input: NeedInput,
  audit: Audit,
  options: ReportOptions = {},
): Promise<string> {
  const facility = await requireFacilityInScope(trx, actor, input.facilityId);
  await requireSpecialty(trx, input.specialtyCode);
  const reportedAt = options.reportedAt ?? options.now ?? new Date();
  const row = await trx
    .insertInto('needs')
    .values({
      programme_id: actor.programmeId,
      facility_id: input.facilityId,
      specialty_code: input.specialtyCode,
      kind: input.kind,
      title: input.title,
      description: input.description,
      population_affected: input.populationAffected,
      urgency: input.urgency,
      remoteness_hours: Number(facility.travel_hours_to_seat),
      competencies: input.competencies,
      effort_expert_days: input.effortExpertDays ?? null,
      status_reason: null,
      merged_into: null,
      micro_team_id: null,
      matched_by: null,
      batch_id: await batchOn(trx, actor.programmeId, reportedAt),
      source: options.source ?? 'form',
      reported_by: actor.userId,
      reported_at: reportedAt,
      triaged_at: null,
      matched_at: null,
      started_at: null,
      resolved_at: null,
      verified_at: null,
      closed_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({ action: 'need.reported', entity: 'need', entityId: row.id, after: row });
  return row.id;
}

/** Locks a need the actor may see; anything else reads as not found. */
async function loadForChange(trx: Trx, actor: Actor, id: string) {
  const row = await trx
    .selectFrom('needs as n')
    .innerJoin('facilities as f', (j) =>
      j.onRef('f.programme_id', '=', 'n.programme_id').onRef('f.id', '=', 'n.facility_id'),
    )
    .innerJoin('regions as r', (j) =>
      j.onRef('r.programme_id', '=', 'f.programme_id').onRef('r.id', '=', 'f.region_id'),
    )
    .selectAll('n')
    .where('n.programme_id', '=', actor.programmeId)
    .where('n.id', '=', id)
    .where(needVisible(actor))
    .forUpdate('n')
    .executeTakeFirst();
  if (!row) throw notFound('Need');
  return row;
}

function requireTransition(status: NeedStatus, action: NeedAction): NeedStatus {
  const result = transition(status, action);
  if (!result.ok) {
    throw new AppError('INVALID_TRANSITION', `This need cannot be ${pastTense[action]}: ${result.reason}.`, {
      status,
      action,
    });
  }
  return result.to;
}
const pastTense: Record<NeedAction, string> = {
  triage: 'triaged',
  match: 'matched',
  start: 'started',
  resolve: 'resolved',
  verify: 'verified',
  reject: 'rejected',
  merge: 'merged',
};

type NeedChange = Omit<Updateable<NeedsTable>, 'programme_id' | 'id' | 'created_at' | 'updated_at'>;

/** Applies one workflow action to a need: checks the transition, updates, audits `need.<past tense>`. */
async function act(
  trx: Trx,
  actor: Actor,
  id: string,
  action: NeedAction,
  audit: Audit,
  changes: (before: Awaited<ReturnType<typeof loadForChange>>) => Promise<NeedChange> | NeedChange,
  note?: string,
) {
  const before = await loadForChange(trx, actor, id);
  const status = requireTransition(before.status, action);
  const after = await trx
    .updateTable('needs')
    .set({ ...(await changes(before)), status, updated_at: new Date() })
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({
    action: `need.${pastTense[action]}`,
    entity: 'need',
    entityId: id,
    before,
    after: note ? { ...after, note } : after,
  });
  return after;
}

/** The recipient cadre's triage: confirms the specialty, effort and priority inputs. */
export async function triageNeed(trx: Trx, actor: Actor, id: string, input: TriageInput, audit: Audit) {
  if (input.specialtyCode) await requireSpecialty(trx, input.specialtyCode);
  return act(
    trx,
    actor,
    id,
    'triage',
    audit,
    () => ({
      ...(input.specialtyCode !== undefined ? { specialty_code: input.specialtyCode } : {}),
      ...(input.effortExpertDays !== undefined ? { effort_expert_days: input.effortExpertDays } : {}),
      ...(input.urgency !== undefined ? { urgency: input.urgency } : {}),
      ...(input.populationAffected !== undefined ? { population_affected: input.populationAffected } : {}),
      ...(input.remotenessHours !== undefined ? { remoteness_hours: input.remotenessHours } : {}),
      ...(input.competencies !== undefined ? { competencies: input.competencies } : {}),
      triaged_at: new Date(),
    }),
    input.note,
  );
}

/** Turns a need down with a reason; it stays on record, closed. */
export const rejectNeed = (trx: Trx, actor: Actor, id: string, reason: string, audit: Audit) =>
  act(trx, actor, id, 'reject', audit, () => ({ status_reason: reason, closed_at: new Date() }));

/**
 * Merges a need into another open one the actor can see (a duplicate): it closes as `merged`
 * with a reference to the need that carries on.
 */
export async function mergeNeed(
  trx: Trx,
  actor: Actor,
  id: string,
  input: { intoId: string; reason?: string | undefined },
  audit: Audit,
) {
  if (input.intoId === id) {
    throw new AppError('VALIDATION_FAILED', 'A need cannot be merged into itself.', {
      issues: [{ path: 'intoId', message: 'must be another need' }],
    });
  }
  return act(trx, actor, id, 'merge', audit, async () => {
    const target = await loadForChange(trx, actor, input.intoId).catch(() => undefined);
    if (!target || target.status === 'merged' || target.status === 'rejected') {
      throw new AppError('VALIDATION_FAILED', 'The need to merge into does not exist or is closed.', {
        issues: [{ path: 'intoId', message: 'not an open need in your scope' }],
      });
    }
    return {
      merged_into: input.intoId,
      status_reason: input.reason ?? null,
      closed_at: new Date(),
    };
  });
}

/**
 * Assigns a triaged need to a micro-team. Team formation (a later capability) calls this with
 * the team it formed; `matchedBy` says who or what matched it (a user, or the optimizer).
 */
export const matchNeed = (
  trx: Trx,
  actor: Actor,
  id: string,
  options: { microTeamId?: string | null | undefined; matchedBy?: string | undefined },
  audit: Audit,
) =>
  act(trx, actor, id, 'match', audit, () => ({
    micro_team_id: options.microTeamId ?? null,
    matched_by: options.matchedBy ?? `user:${actor.username}`,
    matched_at: new Date(),
  }));

/** The team starts work on a matched need. */
export const startNeed = (trx: Trx, actor: Actor, id: string, audit: Audit) =>
  act(trx, actor, id, 'start', audit, () => ({ started_at: new Date() }));

/** The team declares the need resolved; it waits for witnesses to verify it. */
export const resolveNeed = (trx: Trx, actor: Actor, id: string, note: string | undefined, audit: Audit) =>
  act(trx, actor, id, 'resolve', audit, () => ({ resolved_at: new Date() }), note);

/**
 * Marks a resolved need as verified. The witnessing workflow (attestations recorded in the
 * transparency log) will call this once the parties have attested; until then commanders do.
 */
export const verifyNeed = (trx: Trx, actor: Actor, id: string, note: string | undefined, audit: Audit) =>
  act(trx, actor, id, 'verify', audit, () => ({ verified_at: new Date() }), note);

/** A witness disputed the resolution: the need goes back to its team (taken by src/witness/ only). */
export async function reopenNeed(trx: Trx, actor: Actor, id: string, reason: string, audit: Audit) {
  const before = await loadForChange(trx, actor, id);
  const result = reopenTransition(before.status);
  if (!result.ok) throw new AppError('INVALID_TRANSITION', `This need cannot be reopened: ${result.reason}.`);
  const after = await trx
    .updateTable('needs')
    .set({ status: result.to, resolved_at: null, updated_at: new Date() })
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({
    action: 'need.reopened',
    entity: 'need',
    entityId: id,
    before,
    after: { ...after, note: reason },
  });
  return after;
}
