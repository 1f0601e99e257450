import { type SqlBool, sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { RecordSummary, WitnessableRecord, WitnessKind } from '../kinds';
import type { Party } from '../parties';
import { batchOn, commandHq, dayOf } from './shared';

type Trx = Transaction<DB>;

async function load(trx: Trx, programmeId: string, id: string): Promise<WitnessableRecord | undefined> {
  const t = await trx
    .selectFrom('agreement_targets as t')
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 't.programme_id').onRef('o.id', '=', 't.responsible_organisation_id'),
    )
    .select([
      't.id',
      't.agreement_id',
      't.clause_id',
      't.indicator_id',
      't.breakdown',
      't.breakdown_key',
      't.specialty_code',
      't.baseline',
      't.baseline_on',
      't.target_value',
      't.due_on',
      't.met_at',
      't.met_value',
      't.responsible_organisation_id',
      'o.side',
    ])
    .where('t.programme_id', '=', programmeId)
    .where('t.id', '=', id)
    .executeTakeFirst();
  if (!t) return undefined;
  if (!t.met_at) throw new AppError('INVALID_TRANSITION', 'Only a met target can be witnessed.');
  const metOn = dayOf(t.met_at);
  // The command, and the responsible party's organisation as the side it is on.
  const responsible: Party | null =
    t.side === 'recipient' ? 'recipient' : t.side === 'supporter' ? 'supporter' : null;
  const command = await commandHq(trx, programmeId);
  return {
    publicFields: {
      kind: 'target.met',
      targetId: t.id,
      agreementId: t.agreement_id,
      clauseId: t.clause_id,
      indicatorId: t.indicator_id,
      breakdown: t.breakdown,
      breakdownKey: t.breakdown_key,
      specialtyCode: t.specialty_code,
      baseline: Number(t.baseline),
      baselineOn: dayOf(t.baseline_on),
      targetValue: Number(t.target_value),
      dueOn: dayOf(t.due_on),
      metValue: Number(t.met_value),
      metOn,
      responsibleOrganisationId: t.responsible_organisation_id,
    },
    requiredParties: responsible ? ['command', responsible] : ['command'],
    partyOrganisations: {
      command: responsible ? command : t.responsible_organisation_id,
      ...(responsible ? { [responsible]: t.responsible_organisation_id } : {}),
    },
    batchId: await batchOn(trx, programmeId, metOn),
  };
}

async function describe(db: Db | Trx, programmeId: string, ids: readonly string[]) {
  const out = new Map<string, RecordSummary>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('agreement_targets as t')
    .innerJoin('agreements as a', (j) =>
      j.onRef('a.programme_id', '=', 't.programme_id').onRef('a.id', '=', 't.agreement_id'),
    )
    .leftJoin('batches as b', (j) =>
      j
        .onRef('b.programme_id', '=', 't.programme_id')
        .on(sql<SqlBool>`(t.met_at at time zone 'UTC')::date between b.starts_on and b.ends_on`),
    )
    .select([
      't.id',
      'a.title',
      't.indicator_id',
      't.target_value',
      't.specialty_code',
      't.met_at',
      'b.number as batch_number',
    ])
    .where('t.programme_id', '=', programmeId)
    .where('t.id', 'in', ids)
    .orderBy('b.number', 'desc')
    .execute();
  for (const r of rows) {
    if (out.has(r.id)) continue;
    out.set(r.id, {
      title: `${r.title}：${r.indicator_id} ≥ ${Number(r.target_value)}`,
      facilityName: null,
      specialtyCode: r.specialty_code,
      countyName: null,
      batchNumber: r.batch_number,
      on: dayOf(r.met_at),
    });
  }
  return out;
}

/**
 * An agreement target met (stamped by the daily agreements job, `recordMetTargets`): witnessed by
 * the command and the organisation responsible for the target (as the recipient or the supporter
 * party, whichever side it is on; the command alone when it is the command's own). Witnessed or
 * disputed, the target keeps its stamp (its status is computed from the indicator); both are audited.
 */
export const targetMetKind: WitnessKind = {
  kind: 'target.met',
  requiredParties: ['command', 'recipient', 'supporter'],
  load,
  describe,
  async onWitnessed(trx, context, id) {
    await context.audit({
      action: 'agreement.target_met_witnessed',
      entity: 'agreement',
      entityId: await agreementOf(trx, context.actor.programmeId, id),
      after: { targetId: id },
    });
  },
  async onDisputed(trx, context, id, reason) {
    await context.audit({
      action: 'agreement.target_met_disputed',
      entity: 'agreement',
      entityId: await agreementOf(trx, context.actor.programmeId, id),
      after: { targetId: id, reason },
    });
  },
};

const agreementOf = async (trx: Trx, programmeId: string, targetId: string) =>
  (
    await trx
      .selectFrom('agreement_targets')
      .select('agreement_id')
      .where('programme_id', '=', programmeId)
      .where('id', '=', targetId)
      .executeTakeFirst()
  )?.agreement_id ?? null;
