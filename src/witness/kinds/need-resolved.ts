import { type SqlBool, sql, type Transaction } from 'kysely';
import type { Db } from '../../db/database';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { reopenNeed, verifyNeed } from '../../needs/service';
import type { RecordSummary, WitnessableRecord, WitnessKind, WitnessOutcomeContext } from '../kinds';

type Trx = Transaction<DB>;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
// The county of a facility's region: the region itself, or a township's parent.
const countyOf = (r: string) =>
  sql.raw(
    `case when ${r}.level = 'county' then ${r}.id when ${r}.level = 'township' then ${r}.parent_id end`,
  );

/** The command HQ: the root organisation of the command side. */
async function commandHq(trx: Trx, programmeId: string): Promise<string> {
  const hq = await trx
    .selectFrom('organisations')
    .select('id')
    .where('programme_id', '=', programmeId)
    .where('side', '=', 'command')
    .orderBy('path')
    .executeTakeFirst();
  if (!hq) throw new AppError('CONFLICT', 'The programme has no command headquarters to witness for it.');
  return hq.id;
}

/**
 * The supporting hospital behind a resolved need: the home organisation of the expert who
 * declared it resolved; else of the expert deployed to the need's county most recently (the
 * need's batch first); else the supporter side's root.
 */
async function supportingOrganisation(trx: Trx, programmeId: string, needId: string): Promise<string> {
  const { rows } = await sql<{ id: string }>`
    select coalesce(
      (select d.home_organisation_id from audit_log a
        join users u on u.programme_id = a.programme_id and u.id = a.actor_user_id
        join deployments d on d.programme_id = u.programme_id and d.person_id = u.person_id
        where a.programme_id = ${programmeId} and a.entity = 'need' and a.entity_id = ${needId}
          and a.action = 'need.resolved'
        order by a.id desc, d.starts_on desc limit 1),
      (select d.home_organisation_id from needs n
        join facilities f on f.programme_id = n.programme_id and f.id = n.facility_id
        join regions r on r.programme_id = f.programme_id and r.id = f.region_id
        join deployments d on d.programme_id = n.programme_id
        join facilities df on df.programme_id = d.programme_id and df.id = d.host_facility_id
        join regions dr on dr.programme_id = df.programme_id and dr.id = df.region_id
        where n.programme_id = ${programmeId} and n.id = ${needId} and ${countyOf('dr')} = ${countyOf('r')}
        order by (d.batch_id is not distinct from n.batch_id) desc, d.starts_on desc, d.home_organisation_id
        limit 1),
      (select o.id from organisations o where o.programme_id = ${programmeId} and o.side = 'supporter'
        order by length(o.path), o.path limit 1)) as id`.execute(trx);
  const id = rows[0]?.id;
  if (!id) throw new AppError('CONFLICT', 'The programme has no supporting organisation to witness for it.');
  return id;
}

async function load(trx: Trx, programmeId: string, needId: string): Promise<WitnessableRecord | undefined> {
  const need = await trx
    .selectFrom('needs as n')
    .innerJoin('facilities as f', (j) =>
      j.onRef('f.programme_id', '=', 'n.programme_id').onRef('f.id', '=', 'n.facility_id'),
    )
    .select([
      'n.id',
      'n.status',
      'n.facility_id',
      'n.specialty_code',
      'n.kind',
      'n.urgency',
      'n.population_affected',
      'n.batch_id',
      'n.reported_at',
      'n.resolved_at',
      'f.organisation_id',
    ])
    .where('n.programme_id', '=', programmeId)
    .where('n.id', '=', needId)
    .executeTakeFirst();
  if (!need) return undefined;
  // A verified need was resolved too: one a commander verified by hand may still be witnessed.
  if (need.status !== 'resolved' && need.status !== 'verified') {
    throw new AppError(
      'INVALID_TRANSITION',
      `Only a resolved need can be witnessed; this one is ${need.status}.`,
    );
  }
  return {
    publicFields: {
      kind: 'need.resolved',
      needId: need.id,
      facilityId: need.facility_id,
      specialtyCode: need.specialty_code,
      needKind: need.kind,
      urgency: need.urgency,
      populationAffected: need.population_affected,
      batchId: need.batch_id,
      reportedOn: day(need.reported_at),
      resolvedOn: day(need.resolved_at),
    },
    partyOrganisations: {
      command: await commandHq(trx, programmeId),
      recipient: need.organisation_id,
      supporter: await supportingOrganisation(trx, programmeId, need.id),
    },
    batchId: need.batch_id,
  };
}

async function describe(db: Db | Trx, programmeId: string, ids: readonly string[]) {
  const out = new Map<string, RecordSummary>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('needs as n')
    .innerJoin('facilities as f', (j) =>
      j.onRef('f.programme_id', '=', 'n.programme_id').onRef('f.id', '=', 'n.facility_id'),
    )
    .innerJoin('regions as r', (j) =>
      j.onRef('r.programme_id', '=', 'f.programme_id').onRef('r.id', '=', 'f.region_id'),
    )
    .leftJoin('regions as c', (j) =>
      j.onRef('c.programme_id', '=', 'r.programme_id').on(sql<SqlBool>`c.id = ${countyOf('r')}`),
    )
    .leftJoin('batches as b', (j) =>
      j.onRef('b.programme_id', '=', 'n.programme_id').onRef('b.id', '=', 'n.batch_id'),
    )
    .select([
      'n.id',
      'n.title',
      'n.specialty_code',
      'n.resolved_at',
      'n.verified_at',
      'f.name as facility_name',
      'c.name as county_name',
      'b.number as batch_number',
    ])
    .where('n.programme_id', '=', programmeId)
    .where('n.id', 'in', ids)
    .execute();
  for (const r of rows) {
    out.set(r.id, {
      title: r.title,
      facilityName: r.facility_name,
      specialtyCode: r.specialty_code,
      countyName: r.county_name,
      batchNumber: r.batch_number,
      on: day(r.resolved_at ?? r.verified_at),
    });
  }
  return out;
}

// The witness workflow acts on the need wherever it lies: the attesting party (e.g. the supporter
// cadre) need not hold the facility in its own scope. The change is audited as that account's.
const asWitness = ({ actor }: WitnessOutcomeContext) => ({ ...actor, scopePath: '/', personId: null });

/** A need a team declared resolved: witnessed, it becomes verified; disputed, it goes back to the team. */
export const needResolved: WitnessKind = {
  kind: 'need.resolved',
  requiredParties: ['command', 'recipient', 'supporter'],
  load,
  describe,
  async onWitnessed(trx, context, needId) {
    const need = await trx
      .selectFrom('needs')
      .select('status')
      .where('programme_id', '=', context.actor.programmeId)
      .where('id', '=', needId)
      .executeTakeFirst();
    // A commander may already have verified it by hand (needs:verify); then there is nothing to do.
    if (need?.status !== 'resolved') return;
    await verifyNeed(trx, asWitness(context), needId, 'witnessed by every party', context.audit);
  },
  async onDisputed(trx, context, needId, reason) {
    await reopenNeed(trx, asWitness(context), needId, reason, context.audit);
  },
};
