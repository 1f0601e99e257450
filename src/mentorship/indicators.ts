import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db } from '../db/database';
import { escapeLike } from '../registry/scope';

/**
 * Local-capacity indicators ("talent that stays"), computed in the database. Each is a named
 * function (db, programmeId, filters) → rows, so the later indicator catalogue can list them.
 * Only confirmed (witnessed) assessments count. Rows grouped by something come with a total
 * row whose group id is null.
 */
export type MentorshipIndicatorFilters = {
  /** Limit to people (apprentices or mentors) and facilities of this organisation subtree. */
  scopePath?: string | undefined;
  batchId?: string | undefined;
  facilityId?: string | undefined;
  /** Facilities in this county (directly or in one of its townships). */
  countyId?: string | undefined;
  specialtyCode?: string | undefined;
};

const round = (n: unknown, places = 1) =>
  n === null || n === undefined ? null : Math.round(Number(n) * 10 ** places) / 10 ** places;

const pathLike = (scopePath: string) => `${escapeLike(scopePath)}%`;
/** Person `ref` belongs to an organisation of the subtree. */
const personIn = (ref: string, scopePath: string) => sql<SqlBool>`exists (select 1 from people sp
  join organisations so on so.programme_id = sp.programme_id and so.id = sp.organisation_id
  where sp.programme_id = ${sql.ref(ref.replace(/\.\w+$/, '.programme_id'))} and sp.id = ${sql.ref(ref)}
    and so.path like ${pathLike(scopePath)})`;
/** Facility `ref` matches the facility, county and scope filters. */
function facilityMatches(ref: string, f: MentorshipIndicatorFilters): RawBuilder<SqlBool> {
  const parts: RawBuilder<SqlBool>[] = [sql<SqlBool>`true`];
  if (f.facilityId) parts.push(sql<SqlBool>`${sql.ref(ref)} = ${f.facilityId}`);
  if (f.countyId) {
    parts.push(sql<SqlBool>`exists (select 1 from facilities cf join regions cr on cr.programme_id = cf.programme_id
      and cr.id = cf.region_id where cf.id = ${sql.ref(ref)} and ${f.countyId} in (cr.id, cr.parent_id))`);
  }
  return sql.join(parts, sql` and `) as RawBuilder<SqlBool>;
}
const facilityInScope = (ref: string, scopePath: string) => sql<SqlBool>`exists (select 1 from facilities xf
  join organisations xo on xo.programme_id = xf.programme_id and xo.id = xf.organisation_id
  where xf.id = ${sql.ref(ref)} and xo.path like ${pathLike(scopePath)})`;
const and = (cond: boolean | string | undefined, fragment: () => RawBuilder<unknown>) =>
  cond ? sql`and ${fragment()}` : sql``;

export type LevelByFacilityRow = {
  competencyId: string;
  competencyName: string;
  facilityId: string;
  facilityName: string;
  apprentices: number;
};

/**
 * Apprentices whose latest confirmed level in a competency is at least `minLevel` (default 4,
 * independent), per competency and the apprentice's facility (the first facility, by code, of
 * the apprentice's organisation).
 */
export async function apprenticesAtLevel(
  db: Db,
  programmeId: string,
  filters: MentorshipIndicatorFilters & { minLevel?: number } = {},
): Promise<LevelByFacilityRow[]> {
  const { rows } = await sql<LevelByFacilityRow>`
    with latest as (
      select distinct on (s.apprentice_id, s.competency_id) s.programme_id, s.apprentice_id, s.competency_id, s.level
      from assessments s
      where s.programme_id = ${programmeId} and s.status = 'confirmed'
      order by s.apprentice_id, s.competency_id, s.assessed_on desc, s.created_at desc
    )
    select c.id as "competencyId", c.name as "competencyName", f.id as "facilityId", f.name as "facilityName",
      count(*) as apprentices
    from latest l
    join competencies c on c.programme_id = l.programme_id and c.id = l.competency_id
    join people ap on ap.programme_id = l.programme_id and ap.id = l.apprentice_id
    join lateral (select af.id, af.name from facilities af where af.programme_id = ap.programme_id
      and af.organisation_id = ap.organisation_id order by af.code limit 1) f on true
    where l.level >= ${filters.minLevel ?? 4} and ${facilityMatches('f.id', filters)}
      ${and(filters.specialtyCode, () => sql`c.specialty_code = ${filters.specialtyCode}`)}
      ${and(filters.scopePath, () => personIn('l.apprentice_id', filters.scopePath as string))}
      ${and(
        filters.batchId,
        () => sql`exists (select 1 from mentorship_apprentices ba join mentorships bm on bm.programme_id = ba.programme_id
          and bm.id = ba.mentorship_id where ba.programme_id = l.programme_id and ba.person_id = l.apprentice_id
          and bm.batch_id = ${filters.batchId})`,
      )}
    group by c.id, c.name, f.id, f.name
    order by c.name, f.name`.execute(db);
  return rows.map((r) => ({ ...r, apprentices: Number(r.apprentices) }));
}

export type GoalsOnTimeRow = {
  batchId: string | null;
  batchName: string | null;
  goalsDue: number;
  metOnTime: number;
  share: number | null;
};

/**
 * Of the contract goals due by `on` (default today) in contracts that started, the share met on
 * time: a confirmed assessment at or above the target level on or before the target date.
 * Per batch of the contract, and in total.
 */
export async function goalsMetOnTime(
  db: Db,
  programmeId: string,
  filters: MentorshipIndicatorFilters & { on?: string } = {},
): Promise<GoalsOnTimeRow[]> {
  const on = filters.on ?? new Date().toISOString().slice(0, 10);
  const { rows } = await sql<GoalsOnTimeRow & { number: number | null }>`
    select b.id as "batchId", b.name as "batchName", count(*) as "goalsDue",
      count(*) filter (where exists (select 1 from assessments a where a.programme_id = g.programme_id
        and a.apprentice_id = g.person_id and a.competency_id = g.competency_id and a.status = 'confirmed'
        and a.level >= g.target_level and a.assessed_on <= g.target_on)) as "metOnTime"
    from mentorship_goals g
    join mentorships m on m.programme_id = g.programme_id and m.id = g.mentorship_id
    join competencies c on c.programme_id = g.programme_id and c.id = g.competency_id
    left join batches b on b.programme_id = m.programme_id and b.id = m.batch_id
    where g.programme_id = ${programmeId} and m.status not in ('proposed', 'withdrawn')
      and g.target_on <= ${on} and ${facilityMatches('m.host_facility_id', filters)}
      ${and(filters.batchId, () => sql`m.batch_id = ${filters.batchId}`)}
      ${and(filters.specialtyCode, () => sql`c.specialty_code = ${filters.specialtyCode}`)}
      ${and(
        filters.scopePath,
        () =>
          sql`(${personIn('g.person_id', filters.scopePath as string)} or ${personIn('m.mentor_id', filters.scopePath as string)})`,
      )}
    group by grouping sets ((b.id, b.name, b.number), ())
    order by grouping(b.id), b.number`.execute(db);
  return rows.map((r) => {
    const goalsDue = Number(r.goalsDue);
    const metOnTime = Number(r.metOnTime);
    return {
      batchId: r.batchId,
      batchName: r.batchName,
      goalsDue,
      metOnTime,
      share: goalsDue ? round(metOnTime / goalsDue, 3) : null,
    };
  });
}

export type MonthsToLevel4Row = {
  competencyId: string | null;
  competencyName: string | null;
  medianMonths: number | null;
  apprentices: number;
};

/**
 * The median number of months (days / 30.4375, to one decimal) from an apprentice's first
 * teaching activity serving a competency to their first confirmed level 4 in it, per
 * competency and overall. Apprentices who reached 4 without such an activity are left out.
 */
export async function medianMonthsToLevel4(
  db: Db,
  programmeId: string,
  filters: MentorshipIndicatorFilters = {},
): Promise<MonthsToLevel4Row[]> {
  const { rows } = await sql<MonthsToLevel4Row & { isTotal: number }>`
    with reached as (
      select s.programme_id, s.apprentice_id, s.competency_id, min(s.assessed_on) as reached_on
      from assessments s
      where s.programme_id = ${programmeId} and s.status = 'confirmed' and s.level >= 4
      group by s.programme_id, s.apprentice_id, s.competency_id
    ), spans as (
      -- First activity per (apprentice, competency): teaching_firsts, kept by triggers
      -- (migration 0013); joining attendances × competencies here took ~1 s at scale 50.
      select r.programme_id, r.apprentice_id, r.competency_id, r.reached_on, tf.first_on
      from reached r
      join teaching_firsts tf on tf.programme_id = r.programme_id and tf.person_id = r.apprentice_id
        and tf.competency_id = r.competency_id
    )
    select c.id as "competencyId", c.name as "competencyName",
      percentile_cont(0.5) within group (order by (s.reached_on - s.first_on) / 30.4375) as "medianMonths",
      count(*) as apprentices
    from spans s
    join competencies c on c.programme_id = s.programme_id and c.id = s.competency_id
    join people ap on ap.programme_id = s.programme_id and ap.id = s.apprentice_id
    where s.first_on is not null and s.first_on <= s.reached_on
      ${and(filters.specialtyCode, () => sql`c.specialty_code = ${filters.specialtyCode}`)}
      ${and(filters.scopePath, () => personIn('s.apprentice_id', filters.scopePath as string))}
      ${and(
        filters.facilityId || filters.countyId,
        () => sql`exists (select 1 from facilities af where af.programme_id = ap.programme_id
          and af.organisation_id = ap.organisation_id and ${facilityMatches('af.id', filters)})`,
      )}
      ${and(
        filters.batchId,
        () => sql`exists (select 1 from mentorship_apprentices ba join mentorships bm on bm.programme_id = ba.programme_id
          and bm.id = ba.mentorship_id where ba.programme_id = s.programme_id and ba.person_id = s.apprentice_id
          and bm.batch_id = ${filters.batchId})`,
      )}
    group by grouping sets ((c.id, c.name), ())
    order by grouping(c.id), c.name`.execute(db);
  return rows.map((r) => ({
    competencyId: r.competencyId,
    competencyName: r.competencyName,
    medianMonths: round(r.medianMonths),
    apprentices: Number(r.apprentices),
  }));
}

export type LocalShareRow = {
  service: string;
  period: string;
  localCount: number;
  aidCount: number;
  localShare: number | null;
};

/**
 * The local share of each service over time (the 输血→造血 index): of the cases of a service
 * in a period (month or quarter), the share performed by local staff rather than aid experts.
 */
export async function localServiceShare(
  db: Db,
  programmeId: string,
  filters: MentorshipIndicatorFilters & { period?: 'month' | 'quarter' } = {},
): Promise<LocalShareRow[]> {
  const label =
    filters.period === 'month' ? sql`to_char(sr.month, 'YYYY-MM')` : sql`to_char(sr.month, 'YYYY-"Q"Q')`;
  const { rows } = await sql<LocalShareRow>`
    select sr.service, ${label} as period, sum(sr.local_count) as "localCount", sum(sr.aid_count) as "aidCount"
    from service_records sr
    where sr.programme_id = ${programmeId} and ${facilityMatches('sr.facility_id', filters)}
      ${and(filters.specialtyCode, () => sql`sr.specialty_code = ${filters.specialtyCode}`)}
      ${and(filters.scopePath, () => facilityInScope('sr.facility_id', filters.scopePath as string))}
      ${and(
        filters.batchId,
        () => sql`exists (select 1 from batches bb where bb.programme_id = sr.programme_id and bb.id = ${filters.batchId}
          and sr.month between date_trunc('month', bb.starts_on) and bb.ends_on)`,
      )}
    group by sr.service, 2
    order by sr.service, 2`.execute(db);
  return rows.map((r) => {
    const localCount = Number(r.localCount);
    const aidCount = Number(r.aidCount);
    const total = localCount + aidCount;
    return { ...r, localCount, aidCount, localShare: total ? round(localCount / total, 3) : null };
  });
}

export type RemoteConsultRow = {
  mentorId: string;
  mentorName: string;
  apprenticeId: string;
  apprenticeName: string;
  quarter: string;
  consults: number;
};

/**
 * Remote consults between a former mentor and apprentice (a pair of a contract that started)
 * per quarter, held after the mentor left: on a day after one of the mentor's deployments
 * ended and covered by none (a second tour's days do not count).
 */
export async function remoteConsultsAfterDeparture(
  db: Db,
  programmeId: string,
  filters: MentorshipIndicatorFilters = {},
): Promise<RemoteConsultRow[]> {
  const { rows } = await sql<RemoteConsultRow>`
    with pairs as (
      select distinct m.programme_id, m.mentor_id, ma.person_id as apprentice_id
      from mentorships m
      join mentorship_apprentices ma on ma.programme_id = m.programme_id and ma.mentorship_id = m.id
      where m.programme_id = ${programmeId} and m.status not in ('proposed', 'withdrawn')
        ${and(filters.batchId, () => sql`m.batch_id = ${filters.batchId}`)}
    )
    select mp.id as "mentorId", mp.full_name as "mentorName", ap.id as "apprenticeId", ap.full_name as "apprenticeName",
      to_char(ta.held_on, 'YYYY-"Q"Q') as quarter, count(distinct ta.id) as consults
    from pairs p
    join teaching_activities ta on ta.programme_id = p.programme_id and ta.teacher_id = p.mentor_id
      and ta.kind = 'remote_consult'
    join activity_attendees aa on aa.programme_id = ta.programme_id and aa.activity_id = ta.id
      and aa.person_id = p.apprentice_id
    join people mp on mp.programme_id = p.programme_id and mp.id = p.mentor_id
    join people ap on ap.programme_id = p.programme_id and ap.id = p.apprentice_id
    where exists (select 1 from deployments d where d.programme_id = p.programme_id and d.person_id = p.mentor_id
        and d.ends_on < ta.held_on)
      and not exists (select 1 from deployments d where d.programme_id = p.programme_id and d.person_id = p.mentor_id
        and ta.held_on between d.starts_on and d.ends_on)
      and ${facilityMatches('ta.facility_id', filters)}
      ${and(filters.specialtyCode, () => sql`mp.specialty_code = ${filters.specialtyCode}`)}
      ${and(
        filters.scopePath,
        () =>
          sql`(${personIn('p.apprentice_id', filters.scopePath as string)} or ${personIn('p.mentor_id', filters.scopePath as string)})`,
      )}
    group by mp.id, mp.full_name, ap.id, ap.full_name, 5
    order by mp.full_name, ap.full_name, 5`.execute(db);
  return rows.map((r) => ({ ...r, consults: Number(r.consults) }));
}

export const mentorshipIndicators = {
  apprenticesAtLevel,
  goalsMetOnTime,
  medianMonthsToLevel4,
  localServiceShare,
  remoteConsultsAfterDeparture,
} as const;
export type MentorshipIndicatorName = keyof typeof mentorshipIndicators;
