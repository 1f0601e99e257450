import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { readXlsx, XLSX, xlsx } from '../support/xlsx';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const record = (as: string, body: unknown) =>
  t.request('POST', '/api/mentorship/patient-names', { as, body });
const stored = async () =>
  (await t.database.db.selectFrom('patient_names').select('full_name').orderBy('full_name').execute()).map(
    (r) => r.full_name,
  );

describe('patient names for de-identification', () => {
  it('are recorded by the recipient side, each once, and the audit row holds counts, not names', async () => {
    const first = await record('recipient', { names: ['卓玛央宗', ' 次仁 ', '卓玛央宗'] });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({ submitted: 2, added: 2, alreadyKnown: 0 });
    const again = await record('local', { names: ['次仁', '阿卜杜拉·买买提'] });
    expect(again.json()).toEqual({ submitted: 2, added: 1, alreadyKnown: 1 });
    expect(await stored()).toEqual(['卓玛央宗', '次仁', '阿卜杜拉·买买提'].sort());

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['after'])
      .where('action', '=', 'patient_names.added')
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.after)).toEqual([
      { submitted: 2, added: 2, alreadyKnown: 0 },
      { submitted: 2, added: 1, alreadyKnown: 1 },
    ]);
    expect(JSON.stringify(audit)).not.toContain('次仁');
  });

  it('may not be recorded by the supporting side, experts or viewers', async () => {
    for (const as of ['supporter', 'expert', 'viewer', 'commander']) {
      const res = await record(as, { names: ['格桑'] });
      expect(res.statusCode, as).toBe(403);
    }
    expect(await stored()).not.toContain('格桑');
  });

  it('refuses a bad list as a whole, naming the field, and records nothing', async () => {
    const before = await stored();
    const cases: [unknown, string][] = [
      [{ names: [] }, 'names'],
      [{ names: ['格桑', '王'] }, 'names.1'],
      [{ names: ['格桑', 'x'.repeat(101)] }, 'names.1'],
      [{ names: '格桑' }, 'names'],
      [{ names: ['格桑'], source: 'his' }, ''],
    ];
    for (const [body, path] of cases) {
      const res = await record('recipient', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION_FAILED');
      if (path) expect(JSON.stringify(res.json().error.details)).toContain(path);
    }
    expect(await stored()).toEqual(before);
  });

  it('are never listed back', async () => {
    for (const method of ['GET', 'DELETE'] as const) {
      const res = await t.request(method, '/api/mentorship/patient-names', { as: 'admin' });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('卓玛央宗');
    }
  });

  it('are imported from an Excel sheet with a 姓名 column, all or nothing', async () => {
    const upload = async (file: Buffer, as = 'recipient') =>
      t.request('POST', '/api/mentorship/patient-names/import', {
        as,
        payload: file,
        headers: { 'content-type': XLSX },
      });
    const template = await t.request('GET', '/api/mentorship/patient-names/template.xlsx', {
      as: 'local',
    });
    expect(template.statusCode).toBe(200);
    expect(await readXlsx(template.rawPayload)).toEqual([['姓名']]);

    const before = await stored();
    const bad = await upload(await xlsx(['姓名'], [['拉姆'], ['多'], ['x'.repeat(101)]]));
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('IMPORT_INVALID');
    expect(bad.json().error.details.errors).toEqual([
      { row: 3, column: '姓名', value: '多', message: 'a name has at least 2 characters' },
      { row: 4, column: '姓名', value: 'x'.repeat(101), message: 'a name has at most 100 characters' },
    ]);
    expect((await upload(await xlsx(['病人'], [['拉姆']]))).json().error.details.errors[0]).toMatchObject({
      row: 1,
      message: 'unknown column',
    });
    expect((await upload(await xlsx(['姓名'], [['拉姆']]), 'expert')).statusCode).toBe(403);
    expect(await stored()).toEqual(before);

    const good = await upload(await xlsx(['Full name'], [['拉姆'], ['卓玛央宗'], ['拉姆']]));
    expect(good.statusCode, good.body).toBe(200);
    expect(good.json()).toEqual({ imported: 2, submitted: 2, added: 1, alreadyKnown: 1 });
    expect(await stored()).toContain('拉姆');
  });
});
