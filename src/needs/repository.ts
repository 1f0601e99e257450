import { type SqlBool, sql } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/database';
import type { NeedKind } from '../db/schema';
import { paginate } from '../http/paging';
import { escapeLike, orgInScope } from '../registry/scope';
import { type Priority, priorityOf } from './priority';
import { prioritySql } from './priority-sql';
import { availableActions, type NeedAction, type NeedStatus } from './workflow';

export type NeedView = {
  id: string;
  facilityId: string;
  facilityName: string;
  townshipId: string | null;
  townshipName: string | null;
  countyId: string | null;
  countyName: string | null;
  specialtyCode: string;
  kind: NeedKind;
  title: string;
  description: string;
  populationAffected: number;
  urgency: number;
  remotenessHours: number;
  competencies: string[];
  effortExpertDays: number | null;
  status: NeedStatus;
  statusReason: string | null;
  mergedInto: string | null;
  microTeamId: string | null;
  batchId: string | null;
  source: 'form' | 'import' | 'scenario';
  reportedAt: Date;
  triagedAt: Date | null;
  matchedAt: Date | null;
  startedAt: Date | null;
  resolvedAt: Date | null;
  verifiedAt: Date | null;
  closedAt: Date | null;
  priority: Priority;
  actions: NeedAction[];
};

export type NeedFilter = {
  q?: string | undefined;
  status?: NeedStatus[] | undefined;
  specialtyCode?: string | undefined;
  kind?: NeedKind | undefined;
  facilityId?: string | undefined;
  regionId?: string | undefined;
  batchId?: string | undefined;
};

/** The county of facility row `f` joined with its region `r` (a facility sits in a county or a township). */
const countyOf = (r: string) =>
  sql.raw(
    `case when ${r}.level = 'county' then ${r}.id when ${r}.level = 'township' then ${r}.parent_id end`,
  );

/**
 * A need is visible to an account whose organisation subtree holds the facility, and to an
 * expert deployed (in any batch) to a facility of the same county: they are who resolves it.
 */
export function needVisible(
  actor: Pick<Actor, 'programmeId' | 'scopePath' | 'personId'>,
  /** The facility organisation's path column when the query joins it (cheaper than a lookup per row). */
  orgPathColumn?: string,
) {
  const inScope = orgPathColumn
    ? sql<SqlBool>`${sql.ref(orgPathColumn)} like ${`${escapeLike(actor.scopePath)}%`}`
    : orgInScope('f.organisation_id', actor);
  if (!actor.personId) return inScope;
  return sql<SqlBool>`(${inScope} or exists (
    select 1 from deployments vd
    join facilities vf on vf.programme_id = vd.programme_id and vf.id = vd.host_facility_id
    join regions vr on vr.programme_id = vf.programme_id and vr.id = vf.region_id
    where vd.programme_id = ${actor.programmeId} and vd.person_id = ${actor.personId}
      and ${countyOf('vr')} = ${countyOf('r')}))`;
}

/** Needs the actor may see, joined with their facility, township and county. */
export function visibleNeeds(db: Db, actor: Actor) {
  return db
    .selectFrom('needs as n')
    .innerJoin('facilities as f', (j) =>
      j.onRef('f.programme_id', '=', 'n.programme_id').onRef('f.id', '=', 'n.facility_id'),
    )
    .innerJoin('regions as r', (j) =>
      j.onRef('r.programme_id', '=', 'f.programme_id').onRef('r.id', '=', 'f.region_id'),
    )
    .leftJoin('regions as county', (j) =>
      j.onRef('county.programme_id', '=', 'r.programme_id').on(sql<SqlBool>`county.id = ${countyOf('r')}`),
    )
    .innerJoin('organisations as fo', (j) =>
      j.onRef('fo.programme_id', '=', 'f.programme_id').onRef('fo.id', '=', 'f.organisation_id'),
    )
    .where('n.programme_id', '=', actor.programmeId)
    .where(needVisible(actor, 'fo.path'));
}

const sortColumns = {
  priority: 'priority_score',
  reportedAt: 'n.reported_at',
  urgency: 'n.urgency',
  status: 'n.status',
  title: 'n.title',
} as const;

function selectView(query: ReturnType<typeof visibleNeeds>, now: Date) {
  return query.select([
    'n.id',
    'n.facility_id',
    'f.name as facility_name',
    sql<string | null>`case when r.level = 'township' then r.id end`.as('township_id'),
    sql<string | null>`case when r.level = 'township' then r.name end`.as('township_name'),
    'county.id as county_id',
    'county.name as county_name',
    'n.specialty_code',
    'n.kind',
    'n.title',
    'n.description',
    'n.population_affected',
    'n.urgency',
    'n.remoteness_hours',
    'n.competencies',
    'n.effort_expert_days',
    'n.status',
    'n.status_reason',
    'n.merged_into',
    'n.micro_team_id',
    'n.batch_id',
    'n.source',
    'n.reported_at',
    'n.triaged_at',
    'n.matched_at',
    'n.started_at',
    'n.resolved_at',
    'n.verified_at',
    'n.closed_at',
    prioritySql('n', now).as('priority_score'),
  ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof selectView>['executeTakeFirstOrThrow']>>;

const toView = (r: Row, now: Date): NeedView => ({
  id: r.id,
  facilityId: r.facility_id,
  facilityName: r.facility_name,
  townshipId: r.township_id,
  townshipName: r.township_name,
  countyId: r.county_id,
  countyName: r.county_name,
  specialtyCode: r.specialty_code,
  kind: r.kind,
  title: r.title,
  description: r.description,
  populationAffected: r.population_affected,
  urgency: r.urgency,
  remotenessHours: Number(r.remoteness_hours),
  competencies: r.competencies,
  effortExpertDays: r.effort_expert_days === null ? null : Number(r.effort_expert_days),
  status: r.status,
  statusReason: r.status_reason,
  mergedInto: r.merged_into,
  microTeamId: r.micro_team_id,
  batchId: r.batch_id,
  source: r.source,
  reportedAt: r.reported_at,
  triagedAt: r.triaged_at,
  matchedAt: r.matched_at,
  startedAt: r.started_at,
  resolvedAt: r.resolved_at,
  verifiedAt: r.verified_at,
  closedAt: r.closed_at,
  priority: priorityOf(
    {
      urgency: r.urgency,
      populationAffected: r.population_affected,
      remotenessHours: Number(r.remoteness_hours),
      reportedAt: r.reported_at,
      stoppedAt: r.resolved_at ?? r.closed_at,
    },
    now,
  ),
  actions: availableActions(r.status),
});

function applyFilter(query: ReturnType<typeof visibleNeeds>, filter: NeedFilter) {
  let q = query;
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    q = q.where((eb) => eb.or([eb('n.title', 'ilike', like), eb('n.description', 'ilike', like)]));
  }
  if (filter.status?.length) q = q.where('n.status', 'in', filter.status);
  if (filter.specialtyCode) q = q.where('n.specialty_code', '=', filter.specialtyCode);
  if (filter.kind) q = q.where('n.kind', '=', filter.kind);
  if (filter.facilityId) q = q.where('n.facility_id', '=', filter.facilityId);
  if (filter.batchId) q = q.where('n.batch_id', '=', filter.batchId);
  if (filter.regionId) {
    const id = filter.regionId;
    q = q.where((eb) => eb.or([eb('r.id', '=', id), eb('county.id', '=', id)]));
  }
  return q;
}

/** One page of the needs the actor may see, filtered and sorted (by priority: most urgent first). */
export async function listNeeds(
  db: Db,
  actor: Actor,
  filter: NeedFilter,
  paging: { page: number; pageSize: number; order: 'asc' | 'desc'; sort: keyof typeof sortColumns },
  now = new Date(),
) {
  const query = selectView(applyFilter(visibleNeeds(db, actor), filter), now);
  const page = await paginate(query, { ...paging, orderBy: sortColumns[paging.sort], tiebreak: 'n.id' });
  return { ...page, items: page.items.map((r) => toView(r as Row, now)) };
}

export async function findNeed(db: Db, actor: Actor, id: string, now = new Date()) {
  const row = await selectView(visibleNeeds(db, actor), now).where('n.id', '=', id).executeTakeFirst();
  return row ? toView(row, now) : undefined;
}
