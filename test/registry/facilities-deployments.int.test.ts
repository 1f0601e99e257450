import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { ids } from '../support/fixture';
import { readXlsx, XLSX, xlsx } from '../support/xlsx';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const newFacility = {
  organisationId: ids.townshipA1Centre,
  regionId: ids.townshipA1,
  code: 'FA1-V1',
  name: '甲一村卫生室',
  level: 'village_clinic',
  lat: 30.1,
  lon: 92.2,
  travelHoursToSeat: 4.5,
};

describe('facilities', () => {
  it('creates and edits within scope, with county resolved', async () => {
    const res = await t.request('POST', '/api/facilities', { as: 'recipient', body: newFacility });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      code: 'FA1-V1',
      countyId: ids.countyA,
      countyName: '甲县',
      travelHoursToSeat: 4.5,
    });
    const edit = await t.request('PATCH', `/api/facilities/${res.json().id}`, {
      as: 'recipient',
      body: { beds: 2 },
    });
    expect(edit.json().beds).toBe(2);
    const byCounty = await t.request(
      'GET',
      `/api/facilities?regionId=${ids.countyA}&sort=travelHoursToSeat&order=desc`,
      { as: 'commander' },
    );
    expect(byCounty.json().items.map((f: { code: string }) => f.code)).toEqual(['FA1-V1', 'FA1', 'FA']);
  });

  it('rejects coordinates out of range and unknown regions', async () => {
    const res = await t.request('POST', '/api/facilities', {
      as: 'recipient',
      body: { ...newFacility, code: 'X', lat: 123 },
    });
    expect(res.statusCode).toBe(400);
    const region = await t.request('POST', '/api/facilities', {
      as: 'recipient',
      body: { ...newFacility, code: 'Y', regionId: '00000000-0000-4000-8000-00000000ffff' },
    });
    expect(region.statusCode).toBe(400);
    expect(region.json().error.details.issues[0].path).toBe('regionId');
  });

  it('imports all or nothing and exports', async () => {
    const header = [
      '机构编码',
      '名称',
      '级别',
      '所属机构',
      '所在乡镇/县',
      '纬度',
      '经度',
      '至地区驻地车程(小时)',
    ];
    const bad = await xlsx(header, [
      ['V2', '甲二村卫生室', '村卫生室', '甲一乡卫生院', '甲一乡', 30.2, 92.3, 5],
      ['V3', '甲三村卫生室', '诊所', '甲一乡卫生院', '火星乡', 95, 92.3, -1],
    ]);
    const r1 = await t.request('POST', '/api/facilities/import', {
      as: 'recipient',
      payload: bad,
      headers: { 'content-type': XLSX },
    });
    expect(r1.statusCode).toBe(422);
    expect(
      r1
        .json()
        .error.details.errors.map((e: { column: string }) => e.column)
        .sort(),
    ).toEqual(['级别', '所在乡镇/县', '纬度', '至地区驻地车程(小时)'].sort());
    expect((await t.request('GET', '/api/facilities?q=甲二村', { as: 'recipient' })).json().total).toBe(0);
    const good = await xlsx(header, [
      ['V2', '甲二村卫生室', '村卫生室', '甲一乡卫生院', '甲一乡', 30.2, 92.3, 5],
    ]);
    const r2 = await t.request('POST', '/api/facilities/import', {
      as: 'recipient',
      payload: good,
      headers: { 'content-type': XLSX },
    });
    expect(r2.json()).toEqual({ imported: 1 });
    const exported = await readXlsx(
      (await t.request('GET', '/api/facilities/export.xlsx', { as: 'recipient' })).rawPayload,
    );
    expect(exported.map((r) => r[0])).toEqual(expect.arrayContaining(['机构编码', 'V2', 'FA', 'FA1']));
    expect(exported.map((r) => r[0])).not.toContain('FB');
  });
});

describe('deployments', () => {
  const base = {
    batchId: ids.batch,
    personId: ids.expert,
    homeOrganisationId: ids.jHospital,
    hostFacilityId: ids.facilityTownshipA1,
    specialtyCode: 'anaesthesiology',
    term: 'short',
  };

  it('records a second tour as a second deployment, refusing overlaps', async () => {
    const overlap = await t.request('POST', '/api/deployments', {
      as: 'supporter',
      body: { ...base, startsOn: '2026-03-01', endsOn: '2026-04-01' },
    });
    expect(overlap.statusCode).toBe(409);
    const second = await t.request('POST', '/api/deployments', {
      as: 'supporter',
      body: { ...base, startsOn: '2027-01-10', endsOn: '2027-03-10' },
    });
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({
      personName: '王援',
      hostFacilityName: '甲一乡卫生院',
      batchNumber: 10,
      term: 'short',
    });
    const tours = await t.request('GET', `/api/deployments?personId=${ids.expert}&sort=startsOn`, {
      as: 'commander',
    });
    expect(tours.json().items.map((d: { startsOn: string }) => d.startsOn)).toEqual([
      '2026-01-15',
      '2027-01-10',
    ]);
    const onDate = await t.request('GET', '/api/deployments?onDate=2027-02-01', { as: 'commander' });
    expect(onDate.json().total).toBe(1);
  });

  it('only deploys experts from supporter-side organisations in scope', async () => {
    const local = await t.request('POST', '/api/deployments', {
      as: 'commander',
      body: { ...base, personId: ids.localA, startsOn: '2028-01-01', endsOn: '2028-02-01' },
    });
    expect(local.json().error.details.issues[0].path).toBe('personId');
    const recipientSide = await t.request('POST', '/api/deployments', {
      as: 'commander',
      body: {
        ...base,
        homeOrganisationId: ids.countyAHospital,
        startsOn: '2028-01-01',
        endsOn: '2028-02-01',
      },
    });
    expect(recipientSide.json().error.details.issues[0].path).toBe('homeOrganisationId');
    const backwards = await t.request('POST', '/api/deployments', {
      as: 'commander',
      body: { ...base, startsOn: '2028-02-01', endsOn: '2028-01-01' },
    });
    expect(backwards.statusCode).toBe(400);
    expect((await t.request('POST', '/api/deployments', { as: 'recipient', body: base })).statusCode).toBe(
      403,
    );
  });

  it('imports deployments and reports ambiguous or unknown experts per cell', async () => {
    const header = ['批次', '专家姓名', '派出医院', '受援机构', '专科', '长期/短期', '开始日期', '结束日期'];
    const bad = await xlsx(header, [
      ['10', '李不存在', 'J省人民医院', 'FA', '麻醉科', '长期', '2029-01-01', '2029-12-31'],
    ]);
    const r1 = await t.request('POST', '/api/deployments/import', {
      as: 'supporter',
      payload: bad,
      headers: { 'content-type': XLSX },
    });
    expect(r1.statusCode).toBe(422);
    expect(r1.json().error.details.errors[0]).toMatchObject({ row: 2, column: '专家姓名' });
    const good = await xlsx(header, [
      ['10', '王援', 'J省人民医院', 'FB', '麻醉科', '长期', '2029-01-01', '2029-12-31'],
    ]);
    const r2 = await t.request('POST', '/api/deployments/import', {
      as: 'supporter',
      payload: good,
      headers: { 'content-type': XLSX },
    });
    expect(r2.json()).toEqual({ imported: 1 });
    const rows = await readXlsx(
      (await t.request('GET', '/api/deployments/export.xlsx', { as: 'supporter' })).rawPayload,
    );
    expect(rows.length).toBe(1 + 3);
  });
});
