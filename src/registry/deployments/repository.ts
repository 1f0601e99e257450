import type { Actor } from '../../auth/actor';
import type { Db } from '../../db/database';
import { paginate } from '../../http/paging';
import { orgInScope } from '../scope';

export type DeploymentFilter = {
  batchId?: string | undefined;
  personId?: string | undefined;
  hostFacilityId?: string | undefined;
  countyId?: string | undefined;
  specialtyCode?: string | undefined;
  term?: 'long' | 'short' | undefined;
  onDate?: string | undefined;
};

const sortColumns = {
  startsOn: 'd.starts_on',
  endsOn: 'd.ends_on',
  personName: 'p.full_name',
  hostFacilityName: 'f.name',
  batchNumber: 'b.number',
} as const;

/** Deployments the actor may see: from a home organisation or to a host facility in its subtree. */
export function visibleDeployments(db: Db, actor: Actor) {
  return db
    .selectFrom('deployments as d')
    .innerJoin('people as p', (j) =>
      j.onRef('p.programme_id', '=', 'd.programme_id').onRef('p.id', '=', 'd.person_id'),
    )
    .innerJoin('batches as b', (j) =>
      j.onRef('b.programme_id', '=', 'd.programme_id').onRef('b.id', '=', 'd.batch_id'),
    )
    .innerJoin('facilities as f', (j) =>
      j.onRef('f.programme_id', '=', 'd.programme_id').onRef('f.id', '=', 'd.host_facility_id'),
    )
    .innerJoin('organisations as home', (j) =>
      j.onRef('home.programme_id', '=', 'd.programme_id').onRef('home.id', '=', 'd.home_organisation_id'),
    )
    .innerJoin('regions as r', (j) =>
      j.onRef('r.programme_id', '=', 'f.programme_id').onRef('r.id', '=', 'f.region_id'),
    )
    .where('d.programme_id', '=', actor.programmeId)
    .where((eb) =>
      eb.or([orgInScope('d.home_organisation_id', actor), orgInScope('f.organisation_id', actor)]),
    )
    .select([
      'd.id',
      'd.batch_id as batchId',
      'b.number as batchNumber',
      'd.person_id as personId',
      'p.full_name as personName',
      'd.home_organisation_id as homeOrganisationId',
      'home.name as homeOrganisationName',
      'd.host_facility_id as hostFacilityId',
      'f.name as hostFacilityName',
      'f.level as hostFacilityLevel',
      'r.name as hostRegionName',
      'd.specialty_code as specialtyCode',
      'd.term',
      'd.starts_on as startsOn',
      'd.ends_on as endsOn',
      'd.updated_at as updatedAt',
    ]);
}

export async function listDeployments(
  db: Db,
  actor: Actor,
  filter: DeploymentFilter,
  paging: { page: number; pageSize: number; order: 'asc' | 'desc'; sort: keyof typeof sortColumns },
) {
  let q = visibleDeployments(db, actor);
  if (filter.batchId) q = q.where('d.batch_id', '=', filter.batchId);
  if (filter.personId) q = q.where('d.person_id', '=', filter.personId);
  if (filter.hostFacilityId) q = q.where('d.host_facility_id', '=', filter.hostFacilityId);
  if (filter.specialtyCode) q = q.where('d.specialty_code', '=', filter.specialtyCode);
  if (filter.term) q = q.where('d.term', '=', filter.term);
  if (filter.countyId) {
    const county = filter.countyId;
    q = q.where((eb) => eb.or([eb('r.id', '=', county), eb('r.parent_id', '=', county)]));
  }
  if (filter.onDate) q = q.where('d.starts_on', '<=', filter.onDate).where('d.ends_on', '>=', filter.onDate);
  return paginate(q, { ...paging, orderBy: sortColumns[paging.sort], tiebreak: 'd.id' });
}

export const findDeployment = (db: Db, actor: Actor, id: string) =>
  visibleDeployments(db, actor).where('d.id', '=', id).executeTakeFirst();
