import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { ids, insertCompetencies } from '../support/fixture';

/**
 * Hand-worked dependence figures. Three services, records April–August 2025; batch 9 takes
 * over from batch 8 on 2025-07-15 (the rotation month is July). The recent window is
 * June–August (the three months up to the latest record).
 *
 *   FA  甲县人民医院 神经阻滞 (anaesthesiology)  local/aid: Apr 10/10 May 10/10 Jun 10/10 Jul 4/2 Aug 6/10
 *       window 20/42 = 0.476; dip at July: before (10+10+10)/3 = 10, around (4+6)/2 = 5 → 0.5;
 *       one local at level 4 (扎西甲, 神经阻滞) → assisted (share < 0.8, 1 staff, dip 0.5): a risk.
 *   FB  乙县人民医院 腹腔镜 (general surgery)     Jun 0/8 Jul 1/8 Aug 1/9
 *       window 2/27 = 0.074; no local at level 4 → dependent, single point of failure.
 *   FA1 甲一乡卫生院 清创缝合 (general surgery)  Jun 9/1 Jul 9/1 Aug 10/0
 *       window 28/30 = 0.933; two locals at level ≥ 4; dip −2.167 (a rise) → co-developing.
 */
let t: TestApp;
const P = ids.programme;
const C = {
  block: '00000000-0000-4000-8000-000000000a01',
  general: '00000000-0000-4000-8000-000000000a02',
  lap: '00000000-0000-4000-8000-000000000a03',
};
const T1 = '00000000-0000-4000-8000-000000000a11';
const T2 = '00000000-0000-4000-8000-000000000a12';
const B8 = '00000000-0000-4000-8000-000000000a21';
const B9 = '00000000-0000-4000-8000-000000000a22';

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  await insertCompetencies(db, [
    [C.block, 'anaesthesiology', 'nerve_block', '神经阻滞'],
    [C.general, 'anaesthesiology', 'general_anaesthesia', '全身麻醉'],
    [C.lap, 'general_surgery', 'laparoscopy', '腹腔镜手术'],
  ]);
  const local = (id: string, name: string) => ({
    programme_id: P,
    id,
    organisation_id: ids.townshipA1Centre,
    kind: 'local_staff' as const,
    full_name: name,
    gender: null,
    birth_year: null,
    title: null,
    specialty_code: 'general_surgery',
    phone: null,
  });
  await db
    .insertInto('people')
    .values([local(T1, '多吉'), local(T2, '卓玛')])
    .execute();
  const assessment = (apprentice: string, competency: string, level: number) => ({
    programme_id: P,
    apprentice_id: apprentice,
    competency_id: competency,
    mentorship_id: null,
    assessor_id: ids.expert,
    level,
    assessed_on: '2025-05-01',
    status: 'confirmed' as const,
    recorded_by: null,
    confirmed_by: null,
    confirmed_by_person_id: null,
    confirmed_at: new Date('2025-05-02T00:00:00Z'),
  });
  await db
    .insertInto('assessments')
    .values([
      assessment(ids.localA, C.block, 4),
      assessment(T1, C.lap, 4),
      assessment(T2, C.lap, 5),
      // Not yet confirmed, and level 3: neither counts.
      { ...assessment(ids.localB, C.lap, 4), status: 'pending_confirmation', confirmed_at: null },
      { ...assessment(ids.localA, C.general, 3) },
    ])
    .execute();
  await db
    .insertInto('batches')
    .values([
      { programme_id: P, id: B8, number: 8, name: '第八批', starts_on: '2024-07-15', ends_on: '2025-07-14' },
      { programme_id: P, id: B9, number: 9, name: '第九批', starts_on: '2025-07-15', ends_on: '2026-07-14' },
    ])
    .execute();
  const rec = (facility: string, service: string, specialty: string, rows: [string, number, number][]) =>
    rows.map(([month, local_count, aid_count]) => ({
      programme_id: P,
      facility_id: facility,
      month: `2025-${month}-01`,
      service,
      specialty_code: specialty,
      local_count,
      aid_count,
    }));
  await db
    .insertInto('service_records')
    .values([
      ...rec(ids.facilityCountyA, '神经阻滞', 'anaesthesiology', [
        ['04', 10, 10],
        ['05', 10, 10],
        ['06', 10, 10],
        ['07', 4, 2],
        ['08', 6, 10],
      ]),
      ...rec(ids.facilityCountyB, '腹腔镜', 'general_surgery', [
        ['06', 0, 8],
        ['07', 1, 8],
        ['08', 1, 9],
      ]),
      ...rec(ids.facilityTownshipA1, '清创缝合', 'general_surgery', [
        ['06', 9, 1],
        ['07', 9, 1],
        ['08', 10, 0],
      ]),
    ])
    .execute();
});
afterAll(() => t.close());

const value = async (id: string, breakdown = 'programme', as = 'commander') => {
  const res = await t.request('GET', `/api/indicators/${id}?breakdown=${breakdown}`, { as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().values.map((v: { label: string; value: number | null }) => [v.label, v.value]);
};

describe('dependence', () => {
  it('gives each facility and service its figures and stage, with the reasons', async () => {
    const d = (await t.request('GET', '/api/dependence', { as: 'commander' })).json();
    const by = (service: string) => d.services.find((s: { service: string }) => s.service === service);
    expect(by('神经阻滞')).toMatchObject({
      localShare: 0.476,
      localVolume: 20,
      aidVolume: 22,
      localLevel4Staff: 1,
      latestDip: 0.5,
      dips: [{ batch: 9, dip: 0.5 }],
      stage: 'assisted',
      singlePointOfFailure: false,
    });
    expect(by('神经阻滞').reasons.map((r: { code: string }) => r.code)).toEqual([
      'share_below_co_developing',
      'few_level4_staff',
      'dip_between_batches',
    ]);
    expect(by('腹腔镜')).toMatchObject({
      localShare: 0.074,
      localLevel4Staff: 0,
      latestDip: null,
      stage: 'dependent',
      singlePointOfFailure: true,
      population: 50000,
    });
    expect(by('清创缝合')).toMatchObject({
      localShare: 0.933,
      localLevel4Staff: 2,
      latestDip: -2.167,
      stage: 'co_developing',
    });
    expect(by('神经阻滞').series).toHaveLength(5);
    expect(d.byCounty).toEqual([
      { countyId: ids.countyB, countyName: '乙县', dependent: 1, assisted: 0, co_developing: 0 },
      { countyId: ids.countyA, countyName: '甲县', dependent: 0, assisted: 1, co_developing: 1 },
    ]);
    // Batch 8: Apr–Jul local 34+1+18 = 53, aid 32+16+2 = 50; batch 9: Jul–Aug local 31, aid 30.
    expect(
      d.batches.map((b: { number: number; localShare: number | null }) => [b.number, b.localShare]),
    ).toEqual([
      [8, 0.515],
      [9, 0.508],
      [10, null],
    ]);
  });

  it('lists risks by population affected with what each needs', async () => {
    const d = (await t.request('GET', '/api/dependence', { as: 'commander' })).json();
    expect(
      d.risks.map(
        (r: {
          service: string;
          population: number;
          needs: { competencies: { name: string }[]; startMentorship: boolean };
        }) => [r.service, r.population, r.needs.competencies.map((c) => c.name), r.needs.startMentorship],
      ),
    ).toEqual([
      ['神经阻滞', 60000, ['全身麻醉'], true],
      ['腹腔镜', 50000, ['腹腔镜手术'], true],
    ]);
  });

  it('keeps the figures to the account’s scope', async () => {
    const d = (await t.request('GET', '/api/dependence', { as: 'recipientb' })).json();
    expect(d.services.map((s: { service: string }) => s.service)).toEqual(['腹腔镜']);
  });

  it('exports the batch report as a multi-sheet workbook', async () => {
    const res = await t.request('GET', '/api/dependence/report.xlsx', { as: 'commander' });
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      '依赖风险 Risks',
      '服务阶段 Stages',
      '分县 Counties',
      '批次趋势 Batches',
    ]);
  });
});

describe('catalogue indicators on the fixture', () => {
  it('local share of services by programme, county and month', async () => {
    // Jun–Aug: local 20 + 2 + 28 = 50, aid 22 + 25 + 2 = 49.
    expect(await value('services.local_share')).toEqual([['合计', 0.505]]);
    expect(await value('services.local_share', 'county')).toEqual([
      ['乙县', 0.074],
      ['甲县', 0.667],
    ]);
    expect(await value('services.local_share', 'month')).toEqual([
      ['2025-04', 0.5],
      ['2025-05', 0.5],
      ['2025-06', 0.5],
      ['2025-07', 0.56],
      ['2025-08', 0.472],
    ]);
    expect(await value('services.local_share', 'specialty')).toEqual([
      ['普通外科', 0.526],
      ['麻醉科', 0.476],
    ]);
  });

  it('single points of failure, co-developing share and level-4 apprentices', async () => {
    expect(await value('dependence.single_points_of_failure')).toEqual([['合计', 1]]);
    expect(await value('dependence.single_points_of_failure', 'county')).toEqual([
      ['乙县', 1],
      ['甲县', 0],
    ]);
    expect(await value('dependence.co_developing_share')).toEqual([['合计', 0.333]]);
    expect(await value('mentorship.level4_apprentices')).toEqual([['合计', 3]]);
  });
});
