import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { OrganisationType } from '../db/schema';
import { batchFigures } from '../witness/overview';
import type { IatiBatch, IatiIndicator, IatiOrganisation, IatiProgramme, OrgRole } from './activity';

// IATI OrganisationType: 10 government, 15 other public sector, 22 national NGO, 70 private sector.
const orgType: Record<OrganisationType, number> = {
  command_hq: 10,
  health_commission: 10,
  supporting_hospital: 15,
  recipient_hospital: 15,
  township_health_centre: 15,
  village_clinic: 15,
  social_contributor: 22,
  enterprise: 70,
};

const hasTable = async (db: Db, table: string) =>
  (await sql<{ found: boolean }>`select to_regclass(${table}) is not null as found`.execute(db)).rows[0]
    ?.found === true;

/**
 * Reads a programme for IATI: the command HQ reports and extends, the supporter side's top
 * organisations fund, the recipient side's are accountable, and the hospitals that sent experts
 * implement (per batch: those that sent experts in it). Only organisations, counts and dates.
 */
export async function loadIatiProgramme(
  db: Db,
  code: string | undefined,
  prefix: string,
): Promise<IatiProgramme> {
  let query = db.selectFrom('programmes').selectAll();
  query =
    code === undefined
      ? query.orderBy('created_at').orderBy('code').limit(1)
      : query.where('code', '=', code);
  const p = await query.executeTakeFirst();
  if (!p) throw new Error(code ? `no programme ${code}` : 'the database holds no programme');
  const identifier = `${prefix}-${p.code}`;
  const orgs = await db
    .selectFrom('organisations as o')
    .leftJoin('organisations as parent', (j) =>
      j.onRef('parent.programme_id', '=', 'o.programme_id').onRef('parent.id', '=', 'o.parent_id'),
    )
    .select(['o.id', 'o.name', 'o.name_en', 'o.type', 'o.side', 'o.path', 'parent.side as parent_side'])
    .where('o.programme_id', '=', p.id)
    .orderBy('o.path')
    .execute();
  const iatiOrg = (o: (typeof orgs)[number], role: OrgRole): IatiOrganisation => ({
    ref: `${identifier}-ORG-${o.id}`,
    name: o.name,
    nameEn: o.name_en,
    type: orgType[o.type],
    role,
  });
  const hq = orgs.find((o) => o.side === 'command');
  if (!hq) throw new Error('the programme has no command headquarters');
  const tops = (side: string) => orgs.filter((o) => o.side === side && o.parent_side !== side);
  const senders = await db
    .selectFrom('deployments')
    .select(['batch_id', 'home_organisation_id'])
    .distinct()
    .where('programme_id', '=', p.id)
    .execute();
  const implementing = (batchId?: string) => {
    const ids = new Set(
      senders.filter((s) => !batchId || s.batch_id === batchId).map((s) => s.home_organisation_id),
    );
    return orgs.filter((o) => ids.has(o.id)).map((o) => iatiOrg(o, 'implementing'));
  };
  const leads = [
    ...tops('supporter').map((o) => iatiOrg(o, 'funding')),
    ...tops('recipient').map((o) => iatiOrg(o, 'accountable')),
    iatiOrg(hq, 'extending'),
  ];

  const batches = await db
    .selectFrom('batches')
    .select(['id', 'number'])
    .where('programme_id', '=', p.id)
    .orderBy('number')
    .execute();
  const figures = new Map((await batchFigures(db, p.id)).map((f) => [f.number, f]));
  const { rows: reported } = await sql<{ batch_id: string; n: number }>`
    select batch_id, count(*) as n from needs where programme_id = ${p.id} and batch_id is not null
      and status not in ('rejected', 'merged') group by batch_id`.execute(db);
  const reportedIn = new Map(reported.map((r) => [r.batch_id, Number(r.n)]));
  const goalsIn = new Map<string, number>();
  if (await hasTable(db, 'mentorship_goals')) {
    const { rows } = await sql<{ batch_id: string; n: number }>`
      select m.batch_id, count(distinct g.person_id) as n from mentorship_goals g
      join mentorships m on m.programme_id = g.programme_id and m.id = g.mentorship_id
      where g.programme_id = ${p.id} and g.target_level >= 4 and m.batch_id is not null
      group by m.batch_id`.execute(db);
    for (const r of rows) goalsIn.set(r.batch_id, Number(r.n));
  }

  const iatiBatches: IatiBatch[] = batches.map((b) => {
    const f = figures.get(b.number)!;
    const baseline = { year: Number(f.startsOn.slice(0, 4)), isoDate: f.startsOn, value: 0 };
    const indicators: IatiIndicator[] = [
      {
        title: '已解决的基层需求（微问题）',
        titleEn: 'Grassroots needs (micro-problems) resolved',
        baseline,
        target: reportedIn.get(b.id) ?? 0,
        actual: f.needsResolved,
      },
      {
        title: '经三方见证的已解决需求',
        titleEn: 'Resolved needs witnessed by all three parties',
        baseline,
        target: f.needsResolved,
        actual: f.needsWitnessed,
      },
    ];
    if (f.apprenticesLevel4 !== null) {
      indicators.push({
        title: '达到独立胜任（4级及以上）的本地学员',
        titleEn: 'Local apprentices reaching independent practice (level 4+)',
        baseline,
        target: goalsIn.get(b.id) ?? null,
        actual: f.apprenticesLevel4,
      });
    }
    if (f.teachingActivities !== null) {
      indicators.push({
        title: '带教活动',
        titleEn: 'Teaching activities given',
        baseline,
        target: null,
        actual: f.teachingActivities,
      });
    }
    return {
      number: b.number,
      name: f.name,
      startsOn: f.startsOn,
      endsOn: f.endsOn,
      organisations: [...leads, ...implementing(b.id)],
      indicators,
    };
  });

  return {
    identifier,
    reportingOrg: { ref: `${identifier}-ORG-${hq.id}`, name: hq.name, nameEn: hq.name_en },
    title: p.name,
    titleEn: p.name_en,
    description: `${p.supporter_region}对口支援${p.recipient_region}：组团式医疗人才援助，自${p.started_on}起`,
    startedOn: p.started_on,
    organisations: [...leads, ...implementing()],
    batches: iatiBatches,
  };
}
