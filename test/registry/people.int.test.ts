import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { ids } from '../support/fixture';
import { readXlsx, XLSX, xlsx } from '../support/xlsx';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const peopleCount = async () =>
  Number(
    (
      await t.database.db
        .selectFrom('people')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('people registry', () => {
  it('creates, edits and deletes a person with an audit row for each change', async () => {
    const created = await t.request('POST', '/api/people', {
      as: 'recipient',
      body: {
        organisationId: ids.townshipA1Centre,
        kind: 'local_staff',
        fullName: '拉巴',
        gender: 'female',
        specialtyCode: 'nursing',
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    expect(created.json()).toMatchObject({
      fullName: '拉巴',
      organisationName: '甲一乡卫生院',
      kind: 'local_staff',
    });
    const edited = await t.request('PATCH', `/api/people/${id}`, {
      as: 'recipient',
      body: { title: 'nurse', phone: '13912345678' },
    });
    expect(edited.json()).toMatchObject({ title: 'nurse', phone: '13912345678', gender: 'female' });
    expect((await t.request('DELETE', `/api/people/${id}`, { as: 'recipient' })).statusCode).toBe(204);
    const audit = await t.request('GET', `/api/audit?entity=person&entityId=${id}`, { as: 'admin' });
    expect(audit.json().items.map((a: { action: string }) => a.action)).toEqual([
      'person.deleted',
      'person.updated',
      'person.created',
    ]);
    expect(audit.json().items[1].before.title).toBeNull();
    expect(audit.json().items[1].after.title).toBe('nurse');
  });

  it('validates fields and names them', async () => {
    const res = await t.request('POST', '/api/people', {
      as: 'recipient',
      body: { organisationId: ids.townshipA1Centre, kind: 'local_staff', fullName: '', phone: '12345' },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body.fullName', 'body.phone']));
  });

  it('names the field of an unknown reference', async () => {
    const res = await t.request('POST', '/api/people', {
      as: 'recipient',
      body: {
        organisationId: ids.townshipA1Centre,
        kind: 'local_staff',
        fullName: '某某',
        specialtyCode: 'martian_medicine',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues).toEqual([
      { path: 'specialtyCode', message: 'unknown or still referenced' },
    ]);
  });

  it('refuses to delete a person with deployments', async () => {
    const res = await t.request('DELETE', `/api/people/${ids.expert}`, { as: 'admin' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('REFERENCED');
  });

  it('pages, sorts and filters on the server', async () => {
    for (let i = 0; i < 5; i++) {
      await t.request('POST', '/api/people', {
        as: 'admin',
        body: {
          organisationId: ids.countyBHospital,
          kind: 'local_staff',
          fullName: `分页${i}`,
          specialtyCode: 'paediatrics',
        },
      });
    }
    const page1 = await t.request('GET', '/api/people?q=分页&pageSize=2&sort=fullName&order=desc', {
      as: 'admin',
    });
    expect(page1.json()).toMatchObject({ total: 5, page: 1, pageSize: 2 });
    expect(page1.json().items.map((p: { fullName: string }) => p.fullName)).toEqual(['分页4', '分页3']);
    const page3 = await t.request('GET', '/api/people?q=分页&pageSize=2&page=3&sort=fullName&order=desc', {
      as: 'admin',
    });
    expect(page3.json().items.map((p: { fullName: string }) => p.fullName)).toEqual(['分页0']);
    const byKind = await t.request('GET', '/api/people?kind=expert', { as: 'admin' });
    expect(byKind.json().items.map((p: { id: string }) => p.id)).toEqual([ids.expert]);
    const byOrg = await t.request(`GET`, `/api/people?organisationId=${ids.countyACommission}`, {
      as: 'admin',
    });
    expect(byOrg.json().items.map((p: { fullName: string }) => p.fullName)).toEqual(['扎西甲']);
    expect((await t.request('GET', '/api/people?pageSize=500', { as: 'admin' })).statusCode).toBe(400);
    expect((await t.request('GET', '/api/people?sort=phone', { as: 'admin' })).statusCode).toBe(400);
  });

  it('imports a good Excel file in one go', async () => {
    const before = await peopleCount();
    const file = await xlsx(
      ['姓名', '人员类别', '所属机构', '性别', '出生年份', '职称', '专科', '手机号码'],
      [
        ['次旦', '本地医务人员', '甲县人民医院', '男', 1988, '主治医师', '麻醉科', '13800001111'],
        ['央宗', 'local_staff', '甲一乡卫生院', '女', '', '', 'nursing', ''],
      ],
    );
    const res = await t.request('POST', '/api/people/import', {
      as: 'recipient',
      payload: file,
      headers: { 'content-type': XLSX },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ imported: 2 });
    expect(await peopleCount()).toBe(before + 2);
    const p = await t.request('GET', `/api/people?q=${encodeURIComponent('次旦')}`, { as: 'recipient' });
    expect(p.json().items[0]).toMatchObject({
      specialtyCode: 'anaesthesiology',
      title: 'attending_physician',
      birthYear: 1988,
      gender: 'male',
    });
  });

  it('imports nothing from a file with a bad row, and reports each bad cell', async () => {
    const before = await peopleCount();
    const file = await xlsx(
      ['姓名', '人员类别', '所属机构', '出生年份', '专科', '手机号码'],
      [
        ['好行', '本地医务人员', '甲县人民医院', 1990, '麻醉科', ''],
        ['', '医生', '乙县人民医院', 1800, '火星科', '123'],
      ],
    );
    const res = await t.request('POST', '/api/people/import', {
      as: 'recipient',
      payload: file,
      headers: { 'content-type': XLSX },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('IMPORT_INVALID');
    const errors = res.json().error.details.errors as { row: number; column: string }[];
    expect(errors.every((e) => e.row === 3)).toBe(true);
    expect(errors.map((e) => e.column).sort()).toEqual(
      ['人员类别', '出生年份', '姓名', '所属机构', '手机号码', '专科'].sort(),
    );
    expect(await peopleCount()).toBe(before);
  });

  it('rejects unknown columns, missing required columns and files that are not xlsx', async () => {
    const unknown = await xlsx(['姓名', '工资'], [['甲', 1]]);
    const res = await t.request('POST', '/api/people/import', {
      as: 'admin',
      payload: unknown,
      headers: { 'content-type': XLSX },
    });
    expect(res.statusCode).toBe(422);
    const columns = res
      .json()
      .error.details.errors.map((e: { column: string; message: string }) => `${e.column}:${e.message}`);
    expect(columns).toEqual(
      expect.arrayContaining(['工资:unknown column', '人员类别:required column is missing']),
    );
    const junk = await t.request('POST', '/api/people/import', {
      as: 'admin',
      payload: Buffer.from('not a zip'),
      headers: { 'content-type': XLSX },
    });
    expect(junk.statusCode).toBe(422);
  });

  it('exports what the account may see, and the export imports back', async () => {
    const res = await t.request('GET', '/api/people/export.xlsx?sort=fullName', { as: 'recipient' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    const rows = await readXlsx(res.rawPayload);
    expect(rows[0]?.slice(0, 3)).toEqual(['姓名', '人员类别', '所属机构']);
    const names = rows.slice(1).map((r) => r[0]);
    expect(names).toContain('扎西甲');
    expect(names).not.toContain('次仁乙');
    // Round trip: the exported file is a valid import file (as a new set of people).
    const before = await peopleCount();
    const again = await t.request('POST', '/api/people/import', {
      as: 'admin',
      payload: res.rawPayload,
      headers: { 'content-type': XLSX },
    });
    expect(again.statusCode).toBe(200);
    expect(await peopleCount()).toBe(before + rows.length - 1);
  });
});
