// Monthly service records (local vs aid volume): recorded in scope, imported from Excel, feeding
// the local share indicator. Independent of contracts, so in a database of their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { ids } from '../support/fixture';
import { readXlsx, XLSX, xlsx } from '../support/xlsx';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const post = (url: string, as: string, body: unknown = {}) => t.request('POST', url, { as, body });
const get = (url: string, as: string) => t.request('GET', url, { as });

describe('service records', () => {
  it('are recorded per month and facility, split by who performed them, in scope', async () => {
    const body = {
      facilityId: ids.facilityCountyA,
      month: '2026-03',
      service: '超声引导下神经阻滞',
      specialtyCode: 'anaesthesiology',
      localCount: 3,
      aidCount: 9,
    };
    expect((await post('/api/mentorship/service-records', 'recipientb', body)).statusCode).toBe(400);
    expect((await post('/api/mentorship/service-records', 'expert', body)).statusCode).toBe(403);
    const res = await post('/api/mentorship/service-records', 'recipient', body);
    expect(res.statusCode, res.body).toBe(201);
    const fixed = await post('/api/mentorship/service-records', 'recipient', { ...body, localCount: 4 });
    expect(fixed.json()).toMatchObject({ month: '2026-03', localCount: 4, aidCount: 9 });
  });

  it('import from Excel all or nothing, with per-row errors', async () => {
    const header = ['医疗机构', '月份', '诊疗项目', '专科', '本地人员完成', '援派专家完成'];
    const bad = await xlsx(header, [
      ['甲县人民医院', '2026-04', '超声引导下神经阻滞', '麻醉科', 5, 7],
      ['乙县人民医院', '2026-04', '超声引导下神经阻滞', '麻醉科', 1, 1],
      ['甲县人民医院', '2026-13', '超声引导下神经阻滞', '麻醉科', -1, 1],
    ]);
    const refused = await t.request('POST', '/api/mentorship/service-records/import', {
      as: 'recipient',
      payload: bad,
      headers: { 'content-type': XLSX },
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.errors).toEqual([
      { row: 3, column: '医疗机构', value: '乙县人民医院', message: 'no such facility in your scope' },
      { row: 4, column: '月份', value: '2026-13', message: 'YYYY-MM' },
      { row: 4, column: '本地人员完成', value: '-1', message: expect.any(String) },
    ]);
    const good = await xlsx(header, [
      ['甲县人民医院', '2026-04', '超声引导下神经阻滞', '麻醉科', 5, 7],
      ['甲县人民医院', '2026-05', '超声引导下神经阻滞', '', 8, 4],
    ]);
    const ok = await t.request('POST', '/api/mentorship/service-records/import', {
      as: 'recipient',
      payload: good,
      headers: { 'content-type': XLSX },
    });
    expect(ok.json()).toEqual({ imported: 2 });
    const list = (await get('/api/mentorship/service-records', 'recipient')).json().items;
    expect(list.map((r: { month: string }) => r.month)).toEqual(['2026-05', '2026-04', '2026-03']);
  });

  it('feed the local share indicator and its Excel export', async () => {
    const res = await get('/api/mentorship/indicators?period=month', 'recipient');
    expect(res.json().localServiceShare).toEqual([
      { service: '超声引导下神经阻滞', period: '2026-03', localCount: 4, aidCount: 9, localShare: 0.308 },
      { service: '超声引导下神经阻滞', period: '2026-04', localCount: 5, aidCount: 7, localShare: 0.417 },
      { service: '超声引导下神经阻滞', period: '2026-05', localCount: 8, aidCount: 4, localShare: 0.667 },
    ]);
    const file = await get(
      '/api/mentorship/indicators/localServiceShare/export.xlsx?period=quarter',
      'recipient',
    );
    expect(file.headers['content-type']).toBe(XLSX);
    const rows = await readXlsx(file.rawPayload);
    expect(rows).toEqual([
      ['诊疗项目', '期间', '本地人员完成', '援派专家完成', '本地占比'],
      ['超声引导下神经阻滞', '2026-Q1', '4', '9', '0.308'],
      ['超声引导下神经阻滞', '2026-Q2', '13', '11', '0.542'],
    ]);
  });
});
