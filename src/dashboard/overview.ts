import { sql } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/database';
import { visibleFacilities } from '../registry/facilities/repository';
import { visiblePeople } from '../registry/people/repository';
import { orgInScope } from '../registry/scope';

/** The programme at a glance for the commander's home page, limited to the account's scope. */
export async function programmeOverview(db: Db, actor: Actor, today: string) {
  const p = actor.programmeId;
  const deploymentsInScope = db
    .selectFrom('deployments as d')
    .innerJoin('facilities as f', (j) =>
      j.onRef('f.programme_id', '=', 'd.programme_id').onRef('f.id', '=', 'd.host_facility_id'),
    )
    .innerJoin('regions as r', (j) =>
      j.onRef('r.programme_id', '=', 'f.programme_id').onRef('r.id', '=', 'f.region_id'),
    )
    .where('d.programme_id', '=', p)
    .where((eb) =>
      eb.or([orgInScope('d.home_organisation_id', actor), orgInScope('f.organisation_id', actor)]),
    );
  const onSite = deploymentsInScope.where('d.starts_on', '<=', today).where('d.ends_on', '>=', today);

  const [
    programme,
    currentBatch,
    experts,
    expertsAllTime,
    localStaff,
    facilities,
    townships,
    batches,
    byCounty,
  ] = await Promise.all([
    db
      .selectFrom('programmes')
      .select([
        'id',
        'name',
        'name_en as nameEn',
        'supporter_region as supporterRegion',
        'recipient_region as recipientRegion',
        'started_on as startedOn',
      ])
      .where('id', '=', p)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('batches')
      .select(['id', 'number', 'name', 'starts_on as startsOn', 'ends_on as endsOn'])
      .where('programme_id', '=', p)
      .where('starts_on', '<=', today)
      .where('ends_on', '>=', today)
      .orderBy('number', 'desc')
      .executeTakeFirst(),
    onSite.select(sql<number>`count(distinct d.person_id)`.as('n')).executeTakeFirstOrThrow(),
    deploymentsInScope.select(sql<number>`count(distinct d.person_id)`.as('n')).executeTakeFirstOrThrow(),
    visiblePeople(db, actor)
      .where('p.kind', '=', 'local_staff')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
    visibleFacilities(db, actor)
      .clearSelect()
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('regions')
      .select(sql<number>`count(*)`.as('n'))
      .where('programme_id', '=', p)
      .where('level', '=', 'township')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('batches')
      .select(sql<number>`count(*)`.as('n'))
      .where('programme_id', '=', p)
      .executeTakeFirstOrThrow(),
    onSite
      .innerJoin('regions as county', (j) =>
        j
          .onRef('county.programme_id', '=', 'r.programme_id')
          .on(sql<boolean>`county.id = case when r.level = 'county' then r.id else r.parent_id end`),
      )
      .where('county.level', '=', 'county')
      .select([
        'county.id as countyId',
        'county.name as countyName',
        sql<number>`count(distinct d.person_id)`.as('experts'),
      ])
      .groupBy(['county.id', 'county.name'])
      .orderBy('county.name')
      .execute(),
  ]);
  return {
    programme,
    currentBatch: currentBatch ?? null,
    counts: {
      expertsOnSite: Number(experts.n),
      expertsAllTime: Number(expertsAllTime.n),
      localStaff: Number(localStaff.n),
      facilities: Number(facilities.n),
      townships: Number(townships.n),
      batches: Number(batches.n),
    },
    expertsOnSiteByCounty: byCounty.map((c) => ({ ...c, experts: Number(c.experts) })),
  };
}
