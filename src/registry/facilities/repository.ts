import { sql } from 'kysely';
import type { Actor } from '../../auth/actor';
import type { Db } from '../../db/database';
import type { FacilityLevel } from '../../db/schema';
import { paginate } from '../../http/paging';
import { escapeLike, orgInScope } from '../scope';

export type FacilityFilter = {
  q?: string | undefined;
  level?: FacilityLevel | undefined;
  regionId?: string | undefined;
};

const sortColumns = {
  name: 'f.name',
  code: 'f.code',
  level: 'f.level',
  travelHoursToSeat: 'f.travel_hours_to_seat',
} as const;

/** Facilities of organisations in the actor's subtree, with their region and county. */
export function visibleFacilities(db: Db, actor: Actor) {
  return db
    .selectFrom('facilities as f')
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 'f.programme_id').onRef('o.id', '=', 'f.organisation_id'),
    )
    .innerJoin('regions as r', (j) =>
      j.onRef('r.programme_id', '=', 'f.programme_id').onRef('r.id', '=', 'f.region_id'),
    )
    .leftJoin('regions as county', (j) =>
      j
        .onRef('county.programme_id', '=', 'r.programme_id')
        .on((eb) =>
          eb.or([
            eb.and([eb('r.level', '=', 'county'), eb('county.id', '=', eb.ref('r.id'))]),
            eb.and([eb('r.level', '=', 'township'), eb('county.id', '=', eb.ref('r.parent_id'))]),
          ]),
        ),
    )
    .where('f.programme_id', '=', actor.programmeId)
    .where(orgInScope('f.organisation_id', actor))
    .select([
      'f.id',
      'f.organisation_id as organisationId',
      'o.name as organisationName',
      'f.region_id as regionId',
      'r.name as regionName',
      'county.id as countyId',
      'county.name as countyName',
      'f.code',
      'f.name',
      'f.name_en as nameEn',
      'f.level',
      'f.lat',
      'f.lon',
      'f.travel_hours_to_seat as travelHoursToSeat',
      'f.beds',
      'f.updated_at as updatedAt',
    ]);
}

export async function listFacilities(
  db: Db,
  actor: Actor,
  filter: FacilityFilter,
  paging: { page: number; pageSize: number; order: 'asc' | 'desc'; sort: keyof typeof sortColumns },
) {
  let q = visibleFacilities(db, actor);
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    q = q.where((eb) => eb.or([eb('f.name', 'ilike', like), eb('f.code', 'ilike', like)]));
  }
  if (filter.level) q = q.where('f.level', '=', filter.level);
  if (filter.regionId) {
    const id = filter.regionId;
    q = q.where((eb) =>
      eb.or([eb('f.region_id', '=', id), eb('r.parent_id', '=', id), sql<boolean>`${id}::uuid = county.id`]),
    );
  }
  return paginate(q, { ...paging, orderBy: sortColumns[paging.sort], tiebreak: 'f.id' });
}

export const findFacility = (db: Db, actor: Actor, id: string) =>
  visibleFacilities(db, actor).where('f.id', '=', id).executeTakeFirst();
