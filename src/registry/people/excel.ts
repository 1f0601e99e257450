import type { Actor } from '../../auth/actor';
import type { Db } from '../../db/database';
import { personKinds, personTitles } from '../../db/schema';
import { type Column, lookup, type SheetRow, validateRows } from '../../shared/excel';
import { listSpecialties } from '../specialties';
import type { PersonView } from './repository';
import { type PersonInput, personInput } from './schema';

const kindLabels: Record<(typeof personKinds)[number], [string, string]> = {
  expert: ['援派专家', 'Expert'],
  local_staff: ['本地医务人员', 'Local staff'],
  cadre: ['干部', 'Cadre'],
};
const titleLabels: Record<(typeof personTitles)[number], [string, string]> = {
  chief_physician: ['主任医师', 'Chief physician'],
  associate_chief_physician: ['副主任医师', 'Associate chief physician'],
  attending_physician: ['主治医师', 'Attending physician'],
  resident_physician: ['住院医师', 'Resident physician'],
  nurse_in_charge: ['主管护师', 'Nurse in charge'],
  nurse: ['护士', 'Nurse'],
  technician: ['技师', 'Technician'],
  administrator: ['管理人员', 'Administrator'],
};
const genderLabels = { female: ['女', 'Female'], male: ['男', 'Male'] } as const;

export const peopleColumns: (Column<PersonView> & { required?: boolean })[] = [
  { key: 'fullName', header: { zh: '姓名', en: 'Full name' }, required: true, value: (p) => p.fullName },
  {
    key: 'kind',
    header: { zh: '人员类别', en: 'Kind' },
    required: true,
    value: (p) => kindLabels[p.kind][0],
  },
  {
    key: 'organisation',
    header: { zh: '所属机构', en: 'Organisation' },
    required: true,
    width: 28,
    value: (p) => p.organisationName,
  },
  {
    key: 'gender',
    header: { zh: '性别', en: 'Gender' },
    value: (p) => (p.gender ? genderLabels[p.gender][0] : null),
  },
  { key: 'birthYear', header: { zh: '出生年份', en: 'Birth year' }, value: (p) => p.birthYear },
  {
    key: 'title',
    header: { zh: '职称', en: 'Title' },
    value: (p) => (p.title ? titleLabels[p.title][0] : null),
  },
  { key: 'specialty', header: { zh: '专科', en: 'Specialty' }, value: (p) => p.specialtyCode },
  { key: 'phone', header: { zh: '手机号码', en: 'Mobile phone' }, value: (p) => p.phone },
];

const fieldColumn: Record<keyof PersonInput, string> = {
  fullName: 'fullName',
  kind: 'kind',
  organisationId: 'organisation',
  gender: 'gender',
  birthYear: 'birthYear',
  title: 'title',
  specialtyCode: 'specialty',
  phone: 'phone',
};

/** Turns uploaded rows into validated person inputs, resolving names to ids within the actor's scope. */
export async function parsePeopleRows(db: Db, actor: Actor, rows: SheetRow[]) {
  const orgs = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'name_en', 'path'])
    .where('programme_id', '=', actor.programmeId)
    .execute();
  const org = lookup(
    orgs
      .filter((o) => o.path.startsWith(actor.scopePath))
      .map((o) => ({ value: o.id, labels: [o.name, o.name_en] })),
  );
  const specialty = lookup(
    (await listSpecialties(db)).map((s) => ({ value: s.code, labels: [s.code, s.nameZh, s.nameEn] })),
  );
  const kind = lookup(personKinds.map((k) => ({ value: k, labels: [k, ...kindLabels[k]] })));
  const title = lookup(personTitles.map((t) => ({ value: t, labels: [t, ...titleLabels[t]] })));
  const gender = lookup(
    (['female', 'male'] as const).map((g) => ({ value: g, labels: [g, ...genderLabels[g]] })),
  );

  return validateRows(
    rows,
    peopleColumns,
    (row, fail) => {
      const c = row.cells;
      const pick = <V>(
        key: string,
        find: (t: string) => { ok: true; value: V } | { ok: false },
        message: string,
      ) => {
        const text = c[key] ?? '';
        if (!text) return null;
        const found = find(text);
        if (found.ok) return found.value;
        fail(key, message);
        return undefined;
      };
      const year = c.birthYear ? Number(c.birthYear) : null;
      return {
        fullName: c.fullName ?? '',
        kind: pick('kind', kind, 'unknown kind (援派专家 / 本地医务人员 / 干部)') ?? undefined,
        organisationId: pick('organisation', org, 'no such organisation in your scope') ?? undefined,
        gender: pick('gender', gender, 'must be 男 or 女'),
        birthYear: year,
        title: pick('title', title, 'unknown title'),
        specialtyCode: pick('specialty', specialty, 'unknown specialty'),
        phone: c.phone ? c.phone.replace(/[\s-]/g, '') : null,
      };
    },
    personInput,
    fieldColumn,
  );
}
