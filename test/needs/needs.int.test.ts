import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { priorityOf } from '../../src/needs/priority';
import { prioritySql } from '../../src/needs/priority-sql';
import { startTestApp, type TestApp } from '../support/app';
import { ids } from '../support/fixture';
import { readXlsx, XLSX, xlsx } from '../support/xlsx';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const report = (over: Record<string, unknown> = {}, as = 'local') =>
  t.request('POST', '/api/needs', {
    as,
    body: {
      facilityId: ids.facilityTownshipA1,
      specialtyCode: 'anaesthesiology',
      kind: 'skill_gap',
      title: '缺少麻醉医师，无法开展剖宫产',
      description: '卫生院没有麻醉医师，产妇需转诊县医院',
      populationAffected: 99,
      urgency: 3,
      competencies: ['椎管内麻醉'],
      ...over,
    },
  });
const act = (id: string, action: string, as: string, body: unknown = {}) =>
  t.request('POST', `/api/needs/${id}/${action}`, { as, body });

describe('intake', () => {
  it('local staff report a need at a facility in scope; its priority shows its parts', async () => {
    const res = await report();
    expect(res.statusCode).toBe(201);
    const need = res.json();
    expect(need).toMatchObject({
      status: 'reported',
      facilityName: '甲一乡卫生院',
      townshipId: ids.townshipA1,
      countyId: ids.countyA,
      remotenessHours: 4,
      competencies: ['椎管内麻醉'],
      actions: ['triage', 'reject', 'merge'],
      likelyDuplicates: [],
    });
    // urgency 3 → 30; 99 people → 12.5; 4 h of 6 → 13.3; waiting ≈ 0.
    expect(need.priority.parts).toEqual({ urgency: 30, population: 12.5, remoteness: 13.3, waiting: 0 });
    expect(need.priority.score).toBe(55.8);
  });

  it('refuses facilities outside the reporter’s scope and invalid fields', async () => {
    const other = await report({ facilityId: ids.facilityCountyB });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details.issues[0].path).toBe('facilityId');
    const bad = await report({ urgency: 5, kind: 'wish' });
    expect(bad.statusCode).toBe(400);
    expect((await report({}, 'viewer')).statusCode).toBe(403);
  });
});

describe('workflow', () => {
  it('runs reported → triaged → matched → in_progress → resolved → verified, each step audited', async () => {
    const id = (await report({ title: '急诊抢救能力不足', specialtyCode: 'emergency_medicine' })).json().id;
    expect((await act(id, 'triage', 'local')).statusCode).toBe(403);
    const triaged = await act(id, 'triage', 'recipient', {
      urgency: 4,
      effortExpertDays: 30,
      remotenessHours: 6,
    });
    expect(triaged.statusCode).toBe(200);
    expect(triaged.json()).toMatchObject({
      status: 'triaged',
      urgency: 4,
      effortExpertDays: 30,
      remotenessHours: 6,
    });
    expect(triaged.json().priority.parts).toMatchObject({ urgency: 40, remoteness: 20 });
    const again = await act(id, 'triage', 'recipient');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVALID_TRANSITION');
    expect(again.json().error.details).toEqual({ status: 'triaged', action: 'triage' });
    expect((await act(id, 'start', 'expert')).statusCode).toBe(409);
    expect((await act(id, 'match', 'recipient')).statusCode).toBe(403);
    expect((await act(id, 'match', 'commander')).json().status).toBe('matched');
    expect((await act(id, 'start', 'expert')).json().status).toBe('in_progress');
    expect((await act(id, 'verify', 'commander')).statusCode).toBe(409);
    expect((await act(id, 'resolve', 'expert', { note: '已培训两名本地医生' })).json().status).toBe(
      'resolved',
    );
    expect((await act(id, 'verify', 'recipient')).statusCode).toBe(403);
    const verified = await act(id, 'verify', 'commander');
    expect(verified.json()).toMatchObject({ status: 'verified', actions: [] });
    expect((await act(id, 'reject', 'recipient', { reason: 'x' })).statusCode).toBe(409);
    const trail = await t.request('GET', `/api/audit?entity=need&entityId=${id}`, { as: 'admin' });
    const actions = trail.json().items.map((a: { action: string }) => a.action);
    expect([...actions].sort()).toEqual(
      [
        'need.reported',
        'need.triaged',
        'need.matched',
        'need.started',
        'need.resolved',
        'need.verified',
      ].sort(),
    );
  });

  it('rejects with a reason, only before work starts', async () => {
    const id = (
      await report({ title: '需要一台呼吸机', kind: 'equipment', specialtyCode: 'internal_medicine' })
    ).json().id;
    expect((await act(id, 'reject', 'recipient', {})).statusCode).toBe(400);
    const rejected = await act(id, 'reject', 'recipient', { reason: '已由县医院配备' });
    expect(rejected.json()).toMatchObject({ status: 'rejected', statusReason: '已由县医院配备' });
    expect(rejected.json().closedAt).not.toBe(null);
    expect((await act(id, 'triage', 'recipient')).statusCode).toBe(409);
  });

  it('hides needs of another county: 404 to read and to change', async () => {
    const id = (await report({ title: '儿科急诊', specialtyCode: 'paediatrics' })).json().id;
    expect((await t.request('GET', `/api/needs/${id}`, { as: 'recipientb' })).statusCode).toBe(404);
    expect((await act(id, 'triage', 'recipientb')).statusCode).toBe(404);
    expect((await t.request('GET', `/api/needs/${id}`, { as: 'expert' })).statusCode).toBe(200);
    const list = await t.request('GET', '/api/needs?pageSize=200', { as: 'recipientb' });
    expect(list.json().total).toBe(0);
  });
});

describe('duplicates', () => {
  it('flags a retyped need at intake and lets the cadre merge it', async () => {
    const first = (
      await report({ title: '超声设备无人会操作', specialtyCode: 'medical_imaging', kind: 'equipment' })
    ).json();
    const second = await report({
      facilityId: ids.facilityTownshipA1,
      title: '超声设备没有人会操作',
      specialtyCode: 'medical_imaging',
      kind: 'equipment',
    });
    const dupes = second.json().likelyDuplicates;
    expect(dupes.map((d: { id: string }) => d.id)).toEqual([first.id]);
    expect(dupes[0].similarity).toBeGreaterThan(0.5);
    const unrelated = await report({ title: '需要开展口腔科门诊', specialtyCode: 'medical_imaging' });
    expect(unrelated.json().likelyDuplicates).toEqual([]);
    const listed = await t.request('GET', `/api/needs/${first.id}/duplicates`, { as: 'recipient' });
    expect(listed.json().items.map((d: { id: string }) => d.id)).toEqual([second.json().id]);

    expect((await act(second.json().id, 'merge', 'recipient', { intoId: second.json().id })).statusCode).toBe(
      400,
    );
    const merged = await act(second.json().id, 'merge', 'recipient', {
      intoId: first.id,
      reason: '重复上报',
    });
    expect(merged.json()).toMatchObject({ status: 'merged', mergedInto: first.id, statusReason: '重复上报' });
    expect((await act(second.json().id, 'triage', 'recipient')).statusCode).toBe(409);
    // A merged need is no longer flagged as a duplicate of anything.
    expect(
      (await t.request('GET', `/api/needs/${first.id}/duplicates`, { as: 'recipient' })).json().items,
    ).toEqual([]);
  });
});

describe('lists and Excel', () => {
  it('pages and sorts by priority, highest first', async () => {
    const res = await t.request('GET', '/api/needs?sort=priority&order=desc&pageSize=3', { as: 'commander' });
    const body = res.json();
    expect(body.items.length).toBe(3);
    expect(body.total).toBeGreaterThan(3);
    const scores = body.items.map((n: { priority: { score: number } }) => n.priority.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    const open = await t.request('GET', '/api/needs?status=reported&status=triaged&pageSize=200', {
      as: 'commander',
    });
    expect(
      open.json().items.every((n: { status: string }) => ['reported', 'triaged'].includes(n.status)),
    ).toBe(true);
  });

  it('imports paper needs all or nothing, with a per-cell error report, and exports', async () => {
    const header = ['医疗机构', '专科', '类别', '问题', '涉及人口', '紧急程度(1-4)', '所需能力', '上报日期'];
    const bad = await xlsx(header, [
      ['FA1', '麻醉科', '技能短板', '无麻醉医师', 500, 2, '椎管内麻醉；气管插管', '2026-03-01'],
      ['FB', '火星科', '愿望', '', -3, 9, '', '2026-13-01'],
    ]);
    const r1 = await t.request('POST', '/api/needs/import', {
      as: 'recipient',
      payload: bad,
      headers: { 'content-type': XLSX },
    });
    expect(r1.statusCode).toBe(422);
    const errors = r1.json().error.details.errors as { row: number; column: string }[];
    expect(errors.every((e) => e.row === 3)).toBe(true);
    expect(errors.map((e) => e.column).sort()).toEqual(
      ['医疗机构', '专科', '类别', '问题', '涉及人口', '紧急程度(1-4)', '上报日期'].sort(),
    );
    const good = await xlsx(header, [
      [
        '甲一乡卫生院',
        'anaesthesiology',
        'Skill gap',
        '无麻醉医师',
        500,
        2,
        '椎管内麻醉；气管插管',
        '2026-03-01',
      ],
    ]);
    const r2 = await t.request('POST', '/api/needs/import', {
      as: 'recipient',
      payload: good,
      headers: { 'content-type': XLSX },
    });
    expect(r2.json()).toEqual({ imported: 1 });
    const found = await t.request('GET', `/api/needs?q=${encodeURIComponent('无麻醉医师')}`, {
      as: 'recipient',
    });
    expect(found.json().items[0]).toMatchObject({
      source: 'import',
      competencies: ['椎管内麻醉', '气管插管'],
      reportedAt: '2026-03-01T00:00:00.000Z',
      batchId: ids.batch,
    });
    const rows = await readXlsx(
      (await t.request('GET', '/api/needs/export.xlsx', { as: 'recipient' })).rawPayload,
    );
    expect(rows[0]?.slice(0, 4)).toEqual(['医疗机构', '专科', '类别', '问题']);
    expect(rows.some((r) => r[3] === '无麻醉医师')).toBe(true);
  });
});

describe('priority in SQL', () => {
  it('agrees with the documented formula for every need', async () => {
    const now = new Date('2027-03-01T00:00:00Z');
    const rows = await t.database.db
      .selectFrom('needs as n')
      .select([
        'n.urgency',
        'n.population_affected',
        'n.remoteness_hours',
        'n.reported_at',
        'n.resolved_at',
        'n.closed_at',
        prioritySql('n', now).as('score'),
      ])
      .execute();
    expect(rows.length).toBeGreaterThan(5);
    for (const r of rows) {
      const expected = priorityOf(
        {
          urgency: r.urgency,
          populationAffected: r.population_affected,
          remotenessHours: Number(r.remoteness_hours),
          reportedAt: r.reported_at,
          stoppedAt: r.resolved_at ?? r.closed_at,
        },
        now,
      );
      expect(Number(r.score)).toBeCloseTo(expected.score, 0);
    }
  });
});
