import { sql } from 'kysely';
import type { Db } from '../db/database';
import { witnessKinds } from './kinds';

/** Figures of one batch for the public page. Null where the capability has no data yet. */
export type BatchFigures = {
  number: number;
  name: string;
  startsOn: string;
  endsOn: string;
  needsResolved: number;
  needsWitnessed: number;
  apprenticesLevel4: number | null;
  teachingActivities: number | null;
};

/** A witnessed achievement as the public sees it: codes, places at county level, dates, log index. */
export type PublicAchievement = {
  kind: string;
  specialtyCode: string | null;
  /** The specialty's name in Chinese and English (the public page has no login to look them up). */
  specialtyName: { zh: string; en: string } | null;
  countyName: string | null;
  batchNumber: number | null;
  on: string | null;
  witnessedAt: Date;
  logIndex: number;
};

const hasTable = async (db: Db, table: string) =>
  (await sql<{ found: boolean }>`select to_regclass(${table}) is not null as found`.execute(db)).rows[0]
    ?.found === true;

/**
 * Aggregates per batch for the public page. Needs count by their batch; apprentices reaching
 * level 4 (independent) in a confirmed assessment and teaching activities count by the batch
 * whose dates hold the day (when the mentorship capability's tables exist).
 */
export async function batchFigures(db: Db, programmeId: string): Promise<BatchFigures[]> {
  const mentorship = (await hasTable(db, 'assessments')) && (await hasTable(db, 'teaching_activities'));
  const { rows } = await sql<{
    number: number;
    name: string;
    starts_on: string;
    ends_on: string;
    resolved: number;
    witnessed: number;
    level4: number | null;
    teaching: number | null;
  }>`
    select b.number, b.name, b.starts_on, b.ends_on,
      (select count(*) from needs n where n.programme_id = b.programme_id and n.batch_id = b.id
        and n.status in ('resolved', 'verified')) as resolved,
      (select count(*) from witness_requests w where w.programme_id = b.programme_id and w.batch_id = b.id
        and w.kind = 'need.resolved' and w.status = 'witnessed') as witnessed,
      ${
        mentorship
          ? sql`(select count(distinct a.apprentice_id) from assessments a where a.programme_id = b.programme_id
              and a.status = 'confirmed' and a.level >= 4 and a.assessed_on between b.starts_on and b.ends_on)`
          : sql`null`
      } as level4,
      ${
        mentorship
          ? sql`(select count(*) from teaching_activities t where t.programme_id = b.programme_id
              and t.held_on between b.starts_on and b.ends_on)`
          : sql`null`
      } as teaching
    from batches b where b.programme_id = ${programmeId} order by b.number`.execute(db);
  return rows.map((r) => ({
    number: r.number,
    name: r.name,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    needsResolved: Number(r.resolved),
    needsWitnessed: Number(r.witnessed),
    apprenticesLevel4: r.level4 === null ? null : Number(r.level4),
    teachingActivities: r.teaching === null ? null : Number(r.teaching),
  }));
}

/** The most recently witnessed achievements, de-identified (no titles, names or facilities). */
export async function recentAchievements(
  db: Db,
  programmeId: string,
  limit = 20,
): Promise<PublicAchievement[]> {
  const rows = await db
    .selectFrom('witness_requests')
    .select(['kind', 'record_id', 'witnessed_at', 'witnessed_log_index'])
    .where('programme_id', '=', programmeId)
    .where('status', '=', 'witnessed')
    .orderBy('witnessed_at', 'desc')
    .orderBy('witnessed_log_index', 'desc')
    .limit(limit)
    .execute();
  const out: PublicAchievement[] = [];
  const byKind = new Map<string, string[]>();
  for (const r of rows) byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), r.record_id]);
  const described = new Map<
    string,
    Awaited<ReturnType<NonNullable<ReturnType<typeof witnessKinds.get>>['describe']>>
  >();
  for (const [kind, ids] of byKind) {
    const found = witnessKinds.get(kind);
    if (found) described.set(kind, await found.describe(db, programmeId, ids));
  }
  const codes = [
    ...new Set([...described.values()].flatMap((m) => [...m.values()].map((d) => d.specialtyCode))),
  ];
  const names = new Map(
    (codes.some((c) => c)
      ? await db
          .selectFrom('specialties')
          .select(['code', 'name_zh', 'name_en'])
          .where(
            'code',
            'in',
            codes.filter((c): c is string => !!c),
          )
          .execute()
      : []
    ).map((sp) => [sp.code, { zh: sp.name_zh, en: sp.name_en }]),
  );
  for (const r of rows) {
    const s = described.get(r.kind)?.get(r.record_id);
    out.push({
      kind: r.kind,
      // Only the de-identified fields of the summary: never its title or facility name.
      specialtyCode: s?.specialtyCode ?? null,
      specialtyName: (s?.specialtyCode && names.get(s.specialtyCode)) || null,
      countyName: s?.countyName ?? null,
      batchNumber: s?.batchNumber ?? null,
      on: s?.on ?? null,
      witnessedAt: r.witnessed_at!,
      logIndex: r.witnessed_log_index!,
    });
  }
  return out;
}
