import type { Actor } from '../../auth/actor';
import type { Db } from '../../db/database';
import { type Column, lookup, type SheetRow, validateRows } from '../../shared/excel';
import { listSpecialties } from '../specialties';
import { type DeploymentInput, deploymentInput } from './schema';

type DeploymentRow = {
  batchNumber: number;
  personName: string;
  homeOrganisationName: string;
  hostFacilityName: string;
  specialtyCode: string;
  term: 'long' | 'short';
  startsOn: string;
  endsOn: string;
};

const termLabels = { long: ['长期', 'Long term'], short: ['短期', 'Short term'] } as const;

export const deploymentColumns: (Column<DeploymentRow> & { required?: boolean })[] = [
  { key: 'batch', header: { zh: '批次', en: 'Batch' }, required: true, value: (d) => d.batchNumber },
  { key: 'person', header: { zh: '专家姓名', en: 'Expert' }, required: true, value: (d) => d.personName },
  {
    key: 'home',
    header: { zh: '派出医院', en: 'Home hospital' },
    required: true,
    width: 26,
    value: (d) => d.homeOrganisationName,
  },
  {
    key: 'host',
    header: { zh: '受援机构', en: 'Host facility' },
    required: true,
    width: 26,
    value: (d) => d.hostFacilityName,
  },
  {
    key: 'specialty',
    header: { zh: '专科', en: 'Specialty' },
    required: true,
    value: (d) => d.specialtyCode,
  },
  {
    key: 'term',
    header: { zh: '长期/短期', en: 'Term' },
    required: true,
    value: (d) => termLabels[d.term][0],
  },
  { key: 'startsOn', header: { zh: '开始日期', en: 'Starts on' }, required: true, value: (d) => d.startsOn },
  { key: 'endsOn', header: { zh: '结束日期', en: 'Ends on' }, required: true, value: (d) => d.endsOn },
];

const fieldColumn: Record<keyof DeploymentInput, string> = {
  batchId: 'batch',
  personId: 'person',
  homeOrganisationId: 'home',
  hostFacilityId: 'host',
  specialtyCode: 'specialty',
  term: 'term',
  startsOn: 'startsOn',
  endsOn: 'endsOn',
};

/** Turns uploaded rows into deployment inputs; an expert is named by name and home hospital together. */
export async function parseDeploymentRows(db: Db, actor: Actor, rows: SheetRow[]) {
  const p = actor.programmeId;
  const [batches, orgs, facilities, experts, specialties] = await Promise.all([
    db.selectFrom('batches').select(['id', 'number', 'name']).where('programme_id', '=', p).execute(),
    db
      .selectFrom('organisations')
      .select(['id', 'name', 'name_en', 'path'])
      .where('programme_id', '=', p)
      .execute(),
    db
      .selectFrom('facilities')
      .select(['id', 'name', 'name_en', 'code'])
      .where('programme_id', '=', p)
      .execute(),
    db
      .selectFrom('people')
      .select(['id', 'full_name', 'organisation_id'])
      .where('programme_id', '=', p)
      .where('kind', '=', 'expert')
      .execute(),
    listSpecialties(db),
  ]);
  const batch = lookup(batches.map((b) => ({ value: b.id, labels: [String(b.number), b.name] })));
  const home = lookup(
    orgs
      .filter((o) => o.path.startsWith(actor.scopePath))
      .map((o) => ({ value: o.id, labels: [o.name, o.name_en] })),
  );
  const host = lookup(facilities.map((f) => ({ value: f.id, labels: [f.name, f.name_en, f.code] })));
  const specialty = lookup(specialties.map((s) => ({ value: s.code, labels: [s.code, s.nameZh, s.nameEn] })));
  const term = lookup((['long', 'short'] as const).map((t) => ({ value: t, labels: [t, ...termLabels[t]] })));
  return validateRows(
    rows,
    deploymentColumns,
    (row, fail) => {
      const c = row.cells;
      const find = <V>(
        key: string,
        f: (t: string) => { ok: true; value: V } | { ok: false },
        message: string,
      ) => {
        if (!c[key]) return undefined;
        const r = f(c[key]);
        if (r.ok) return r.value;
        fail(key, message);
        return undefined;
      };
      const homeId = find('home', home, 'no such organisation in your scope');
      let personId: string | undefined;
      if (c.person && homeId) {
        const matches = experts.filter((e) => e.full_name === c.person && e.organisation_id === homeId);
        if (matches.length === 1) personId = matches[0]?.id;
        else
          fail(
            'person',
            matches.length
              ? 'several experts of this hospital share this name'
              : 'no expert of this name at the home hospital',
          );
      }
      return {
        batchId: find('batch', batch, 'unknown batch number'),
        personId,
        homeOrganisationId: homeId,
        hostFacilityId: find('host', host, 'unknown facility'),
        specialtyCode: find('specialty', specialty, 'unknown specialty'),
        term: find('term', term, 'must be 长期 or 短期'),
        startsOn: c.startsOn,
        endsOn: c.endsOn,
      };
    },
    deploymentInput,
    fieldColumn,
  );
}
