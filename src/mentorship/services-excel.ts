import type { Actor } from '../auth/actor';
import type { Db } from '../db/database';
import { escapeLike } from '../registry/scope';
import { listSpecialties } from '../registry/specialties';
import { type Column, lookup, type SheetRow, validateRows } from '../shared/excel';
import { type ServiceRecordInput, serviceRecordInput } from './schema';
import type { ServiceRecordView } from './services';

type ImportColumn = Column<ServiceRecordView> & { required?: boolean };

/** The monthly service sheet, as county offices fill it in. */
export const serviceColumns: ImportColumn[] = [
  {
    key: 'facility',
    header: { zh: '医疗机构', en: 'Facility' },
    required: true,
    width: 28,
    value: (r) => r.facilityName,
  },
  { key: 'month', header: { zh: '月份', en: 'Month' }, required: true, value: (r) => r.month },
  {
    key: 'service',
    header: { zh: '诊疗项目', en: 'Service' },
    required: true,
    width: 28,
    value: (r) => r.service,
  },
  { key: 'specialty', header: { zh: '专科', en: 'Specialty' }, value: (r) => r.specialtyCode },
  {
    key: 'local',
    header: { zh: '本地人员完成', en: 'By local staff' },
    required: true,
    value: (r) => r.localCount,
  },
  {
    key: 'aid',
    header: { zh: '援派专家完成', en: 'By aid experts' },
    required: true,
    value: (r) => r.aidCount,
  },
];

const fieldColumn: Record<keyof ServiceRecordInput, string> = {
  facilityId: 'facility',
  month: 'month',
  service: 'service',
  specialtyCode: 'specialty',
  localCount: 'local',
  aidCount: 'aid',
};

/** Turns uploaded rows into service counts, resolving facility names within the actor's scope. */
export async function parseServiceRows(db: Db, actor: Actor, rows: SheetRow[]) {
  const facilities = await db
    .selectFrom('facilities as f')
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 'f.programme_id').onRef('o.id', '=', 'f.organisation_id'),
    )
    .select(['f.id', 'f.code', 'f.name', 'f.name_en'])
    .where('f.programme_id', '=', actor.programmeId)
    .where('f.level', '<>', 'supporter_hospital')
    .where('o.path', 'like', `${escapeLike(actor.scopePath)}%`)
    .execute();
  const facility = lookup(facilities.map((f) => ({ value: f.id, labels: [f.code, f.name, f.name_en] })));
  const specialty = lookup(
    (await listSpecialties(db)).map((s) => ({ value: s.code, labels: [s.code, s.nameZh, s.nameEn] })),
  );
  return validateRows(
    rows,
    serviceColumns,
    (row, fail) => {
      const c = row.cells;
      const pick = (key: string, find: typeof facility, message: string) => {
        const text = c[key] ?? '';
        if (!text) return undefined;
        const found = find(text);
        if (found.ok) return found.value;
        fail(key, message);
        return undefined;
      };
      const count = (key: string) => (c[key] === undefined || c[key] === '' ? undefined : Number(c[key]));
      return {
        facilityId: pick('facility', facility, 'no such facility in your scope'),
        // Excel may store the month as a date (2026-03-01) or text (2026-03).
        month: (c.month ?? '').slice(0, 7),
        service: c.service ?? '',
        specialtyCode: c.specialty ? (pick('specialty', specialty, 'unknown specialty') ?? null) : null,
        localCount: count('local'),
        aidCount: count('aid'),
      };
    },
    serviceRecordInput,
    fieldColumn,
  );
}
