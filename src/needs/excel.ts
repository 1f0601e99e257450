import type { Actor } from '../auth/actor';
import type { Db } from '../db/database';
import { type NeedKind, needKinds } from '../db/schema';
import { AppError } from '../errors';
import { listSpecialties } from '../registry/specialties';
import { type Column, lookup, type SheetRow, validateRows } from '../shared/excel';
import type { NeedView } from './repository';
import { type NeedInput, needInput } from './schema';

export const kindLabels: Record<NeedKind, [string, string]> = {
  clinical_service: ['临床服务', 'Clinical service'],
  skill_gap: ['技能短板', 'Skill gap'],
  equipment: ['设备', 'Equipment'],
  management: ['管理', 'Management'],
};

type ImportColumn = Column<NeedView> & { required?: boolean; exportOnly?: boolean };

/** The columns of the needs sheet; the paper form the counties fill in has the same headings. */
export const needColumns: ImportColumn[] = [
  {
    key: 'facility',
    header: { zh: '医疗机构', en: 'Facility' },
    required: true,
    width: 28,
    value: (n) => n.facilityName,
  },
  {
    key: 'specialty',
    header: { zh: '专科', en: 'Specialty' },
    required: true,
    value: (n) => n.specialtyCode,
  },
  { key: 'kind', header: { zh: '类别', en: 'Kind' }, required: true, value: (n) => kindLabels[n.kind][0] },
  { key: 'title', header: { zh: '问题', en: 'Title' }, required: true, width: 36, value: (n) => n.title },
  { key: 'description', header: { zh: '描述', en: 'Description' }, width: 48, value: (n) => n.description },
  {
    key: 'population',
    header: { zh: '涉及人口', en: 'Population affected' },
    required: true,
    value: (n) => n.populationAffected,
  },
  {
    key: 'urgency',
    header: { zh: '紧急程度(1-4)', en: 'Urgency (1-4)' },
    required: true,
    value: (n) => n.urgency,
  },
  {
    key: 'competencies',
    header: { zh: '所需能力', en: 'Competencies' },
    width: 28,
    value: (n) => n.competencies.join('；'),
  },
  {
    key: 'effort',
    header: { zh: '工作量(专家·天)', en: 'Effort (expert-days)' },
    value: (n) => n.effortExpertDays,
  },
  {
    key: 'reportedOn',
    header: { zh: '上报日期', en: 'Reported on' },
    value: (n) => n.reportedAt.toISOString().slice(0, 10),
  },
  { key: 'status', header: { zh: '状态', en: 'Status' }, exportOnly: true, value: (n) => n.status },
  {
    key: 'priority',
    header: { zh: '优先级', en: 'Priority' },
    exportOnly: true,
    value: (n) => n.priority.score,
  },
  { key: 'county', header: { zh: '县(市)', en: 'County' }, exportOnly: true, value: (n) => n.countyName },
];
/** Import accepts the export's extra columns (so an export can be edited and re-imported) and ignores them. */
export const importColumns = needColumns;

const fieldColumn: Record<keyof NeedInput, string> = {
  facilityId: 'facility',
  specialtyCode: 'specialty',
  kind: 'kind',
  title: 'title',
  description: 'description',
  populationAffected: 'population',
  urgency: 'urgency',
  competencies: 'competencies',
  effortExpertDays: 'effort',
};

export type ParsedNeedRow = { row: number; value: NeedInput; reportedAt: Date | undefined };

/** Turns uploaded rows into validated needs, resolving facility names or codes within the actor's scope. */
export async function parseNeedRows(db: Db, actor: Actor, rows: SheetRow[], now = new Date()) {
  const facilities = await db
    .selectFrom('facilities as f')
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 'f.programme_id').onRef('o.id', '=', 'f.organisation_id'),
    )
    .select(['f.id', 'f.code', 'f.name', 'f.name_en', 'o.path'])
    .where('f.programme_id', '=', actor.programmeId)
    .where('f.level', '<>', 'supporter_hospital')
    .execute();
  const facility = lookup(
    facilities
      .filter((f) => f.path.startsWith(actor.scopePath))
      .map((f) => ({ value: f.id, labels: [f.code, f.name, f.name_en] })),
  );
  const specialty = lookup(
    (await listSpecialties(db)).map((s) => ({ value: s.code, labels: [s.code, s.nameZh, s.nameEn] })),
  );
  const kind = lookup(needKinds.map((k) => ({ value: k, labels: [k, ...kindLabels[k]] })));
  const dates = new Map<number, Date>();
  const parsed = validateRows(
    rows,
    needColumns,
    (row, fail) => {
      const c = row.cells;
      const pick = <V>(
        key: string,
        find: (t: string) => { ok: true; value: V } | { ok: false },
        message: string,
      ) => {
        const text = c[key] ?? '';
        if (!text) return undefined;
        const found = find(text);
        if (found.ok) return found.value;
        fail(key, message);
        return undefined;
      };
      if (c.reportedOn) {
        const d = /^\d{4}-\d{2}-\d{2}$/.test(c.reportedOn) ? new Date(`${c.reportedOn}T00:00:00Z`) : null;
        if (!d || Number.isNaN(d.getTime()) || d > now) fail('reportedOn', 'must be a past date YYYY-MM-DD');
        else dates.set(row.row, d);
      }
      const number = (key: string) => (c[key] ? Number(c[key]) : undefined);
      return {
        facilityId: pick('facility', facility, 'no such facility in your scope'),
        specialtyCode: pick('specialty', specialty, 'unknown specialty'),
        kind: pick('kind', kind, 'unknown kind (临床服务 / 技能短板 / 设备 / 管理)'),
        title: c.title ?? '',
        description: c.description ?? '',
        populationAffected: number('population'),
        urgency: number('urgency'),
        competencies: c.competencies
          ? c.competencies
              .split(/[;；,，、]/)
              .map((s) => s.trim())
              .filter(Boolean)
          : [],
        effortExpertDays: c.effort ? Number(c.effort) : null,
      };
    },
    needInput,
    fieldColumn,
  );
  if (parsed.length === 0) throw new AppError('IMPORT_INVALID', 'The sheet has no needs.', { errors: [] });
  return parsed.map((p): ParsedNeedRow => ({ ...p, reportedAt: dates.get(p.row) }));
}
