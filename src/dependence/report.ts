import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { escapeLike } from '../registry/scope';
import type { Column } from '../shared/excel';
import {
  type DependenceRisk,
  dependenceRisks,
  type ServiceDependence,
  serviceDependence,
} from './dependence';
import { type Stage, stages } from './stage';

export type CountyStages = { countyId: string | null; countyName: string | null } & Record<Stage, number>;
export type BatchTrend = {
  batchId: string;
  number: number;
  name: string;
  localShare: number | null;
  local: number;
  aid: number;
};

/** The commander's dependence dashboard: stages by county, batch-over-batch trend, the risk list. */
export async function dependenceDashboard(
  db: Db,
  programmeId: string,
  options: { on?: string; scopePath?: string },
) {
  const on = options.on ?? new Date().toISOString().slice(0, 10);
  // The batch trend does not depend on the service figures: it runs alongside them.
  const [services, batches] = await Promise.all([
    serviceDependence(db, programmeId, { on, scopePath: options.scopePath }),
    batchTrend(db, programmeId, options.scopePath),
  ]);
  const risks = await dependenceRisks(db, programmeId, services, on);
  const counties = new Map<string | null, CountyStages>();
  for (const s of services) {
    const c = counties.get(s.countyId) ?? {
      countyId: s.countyId,
      countyName: s.countyName,
      dependent: 0,
      assisted: 0,
      co_developing: 0,
    };
    c[s.stage] += 1;
    counties.set(s.countyId, c);
  }
  return {
    on,
    services,
    risks,
    byCounty: [...counties.values()],
    batches,
  };
}
export type DependenceDashboard = Awaited<ReturnType<typeof dependenceDashboard>>;

/** Local share of all services during each batch (its months), batch over batch. */
export async function batchTrend(db: Db, programmeId: string, scopePath?: string): Promise<BatchTrend[]> {
  const { rows } = await sql<{ id: string; number: number; name: string; local: number; aid: number }>`
    select b.id, b.number, b.name, coalesce(sum(sr.local_count), 0) as local, coalesce(sum(sr.aid_count), 0) as aid
    from batches b
    left join service_records sr on sr.programme_id = b.programme_id
      and sr.month between date_trunc('month', b.starts_on) and b.ends_on
      ${
        scopePath
          ? sql`and exists (select 1 from facilities f join organisations so on so.programme_id = f.programme_id
              and so.id = f.organisation_id where f.programme_id = sr.programme_id and f.id = sr.facility_id
              and so.path like ${`${escapeLike(scopePath)}%`})`
          : sql``
      }
    where b.programme_id = ${programmeId}
    group by b.id, b.number, b.name
    order by b.number`.execute(db);
  return rows.map((r) => {
    const local = Number(r.local);
    const aid = Number(r.aid);
    return {
      batchId: r.id,
      number: r.number,
      name: r.name,
      local,
      aid,
      localShare: local + aid ? Math.round((local / (local + aid)) * 1000) / 1000 : null,
    };
  });
}

const stageLabel: Record<Stage, string> = { dependent: '依附', assisted: '协助', co_developing: '共同发展' };

const serviceColumns: Column<ServiceDependence>[] = [
  { key: 'county', header: { zh: '县(市)', en: 'County' }, value: (s) => s.countyName },
  { key: 'facility', header: { zh: '医疗机构', en: 'Facility' }, width: 24, value: (s) => s.facilityName },
  { key: 'service', header: { zh: '服务', en: 'Service' }, width: 24, value: (s) => s.service },
  { key: 'specialty', header: { zh: '专科', en: 'Specialty' }, value: (s) => s.specialtyCode },
  { key: 'stage', header: { zh: '阶段', en: 'Stage' }, value: (s) => stageLabel[s.stage] },
  {
    key: 'localShare',
    header: { zh: '本地占比(近3月)', en: 'Local share (3 months)' },
    value: (s) => s.localShare,
  },
  { key: 'local', header: { zh: '本地例数', en: 'Local volume' }, value: (s) => s.localVolume },
  { key: 'aid', header: { zh: '援派例数', en: 'Aid volume' }, value: (s) => s.aidVolume },
  {
    key: 'staff',
    header: { zh: '本地4级以上人数', en: 'Local staff at level ≥ 4' },
    value: (s) => s.localLevel4Staff,
  },
  { key: 'dip', header: { zh: '轮换期降幅', en: 'Dip at latest rotation' }, value: (s) => s.latestDip },
  {
    key: 'reasons',
    header: { zh: '依据', en: 'Reasons' },
    width: 40,
    value: (s) => s.reasons.map((r) => r.code).join(', '),
  },
];
const riskColumns: Column<DependenceRisk>[] = [
  { key: 'population', header: { zh: '覆盖人口', en: 'Population affected' }, value: (r) => r.population },
  ...serviceColumns.slice(0, 4),
  {
    key: 'spof',
    header: { zh: '单点依赖', en: 'Single point of failure' },
    value: (r) => (r.singlePointOfFailure ? '是' : '否'),
  },
  { key: 'dip', header: { zh: '轮换期降幅', en: 'Dip at latest rotation' }, value: (r) => r.latestDip },
  {
    key: 'teach',
    header: { zh: '需带教能力项', en: 'Competencies to teach' },
    width: 40,
    value: (r) => r.needs.competencies.map((c) => c.name).join('、'),
  },
  {
    key: 'mentorship',
    header: { zh: '需启动师徒结对', en: 'Mentorship to start' },
    value: (r) => (r.needs.startMentorship ? '是' : '否'),
  },
];
const countyColumns: Column<CountyStages>[] = [
  { key: 'county', header: { zh: '县(市)', en: 'County' }, value: (c) => c.countyName },
  ...stages.map((s) => ({ key: s, header: { zh: stageLabel[s], en: s }, value: (c: CountyStages) => c[s] })),
];
const batchColumns: Column<BatchTrend>[] = [
  { key: 'batch', header: { zh: '批次', en: 'Batch' }, value: (b) => b.name },
  { key: 'local', header: { zh: '本地例数', en: 'Local volume' }, value: (b) => b.local },
  { key: 'aid', header: { zh: '援派例数', en: 'Aid volume' }, value: (b) => b.aid },
  { key: 'share', header: { zh: '本地占比', en: 'Local share' }, value: (b) => b.localShare },
];

function addSheet<T>(workbook: ExcelJS.Workbook, name: string, columns: Column<T>[], rows: T[]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header.zh, key: c.key, width: c.width ?? 16 }));
  columns.forEach((c, i) => {
    const cell = sheet.getRow(1).getCell(i + 1);
    cell.note = c.header.en;
    cell.font = { bold: true };
  });
  for (const row of rows) sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, c.value(row) ?? ''])));
}

/** The batch report: one workbook, a sheet each for risks, stages, counties and batches. */
export async function batchReportWorkbook(d: DependenceDashboard): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Zutuan';
  workbook.created = new Date(0);
  addSheet(workbook, '依赖风险 Risks', riskColumns, d.risks);
  addSheet(workbook, '服务阶段 Stages', serviceColumns, d.services);
  addSheet(workbook, '分县 Counties', countyColumns, d.byCounty);
  addSheet(workbook, '批次趋势 Batches', batchColumns, d.batches);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
