import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkers } from '../../src/jobs/queue';
import { matchingQueue, matchingWorker } from '../../src/matching/jobs';
import { startTestApp, type TestApp } from '../support/app';
import { ids } from '../support/fixture';

/**
 * The fixture's anaesthetist 王援 and a chief anaesthetist 李主任, both based at 甲县人民医院,
 * have 10 expert-days each (4 weeks of 5 working days, half of them for needs). Hand-worked:
 * N1 (township, urgent) and N2 (county) go one to each; N6 (routine, same size) finds both
 * full; N3 at 乙县 is 6 h away (limit 4 h); N4 asks for a surgeon (none deployed); N5 needs
 * 500 days. The two served experts form one team led by the chief physician.
 */
const chief = '00000000-0000-4000-8000-000000000411';
const need = (n: number) => `00000000-0000-4000-8000-0000000008${String(n).padStart(2, '0')}`;
const rules = {
  planningDate: '2026-03-02',
  horizonEnd: '2026-03-27',
  timeLimitSeconds: 3,
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  const { db } = t.database;
  const p = ids.programme;
  // 乙县人民医院 two degrees east: ~190 km, 6.2 h at 40 km/h with detours (no road network here).
  await db.updateTable('facilities').set({ lon: 94 }).where('id', '=', ids.facilityCountyB).execute();
  await db
    .insertInto('people')
    .values({
      programme_id: p,
      id: chief,
      organisation_id: ids.jHospital,
      kind: 'expert',
      full_name: '李主任',
      gender: null,
      birth_year: null,
      title: 'chief_physician',
      specialty_code: 'anaesthesiology',
      phone: null,
    })
    .execute();
  await db
    .insertInto('deployments')
    .values({
      programme_id: p,
      batch_id: ids.batch,
      person_id: chief,
      home_organisation_id: ids.jHospital,
      host_facility_id: ids.facilityCountyA,
      specialty_code: 'anaesthesiology',
      term: 'long',
      starts_on: '2026-01-15',
      ends_on: '2026-12-15',
    })
    .execute();
  const row = (n: number, facility: string, specialty: string, urgency: number, effort: number) => ({
    programme_id: p,
    id: need(n),
    facility_id: facility,
    specialty_code: specialty,
    kind: 'skill_gap' as const,
    title: `N${n}`,
    population_affected: 100,
    urgency,
    remoteness_hours: 1,
    effort_expert_days: effort,
    status: 'triaged' as const,
    status_reason: null,
    merged_into: null,
    micro_team_id: null,
    matched_by: null,
    batch_id: ids.batch,
    reported_by: null,
    reported_at: new Date('2026-02-01T00:00:00Z'),
    triaged_at: new Date('2026-02-02T00:00:00Z'),
    matched_at: null,
    started_at: null,
    resolved_at: null,
    verified_at: null,
    closed_at: null,
  });
  await db
    .insertInto('needs')
    .values([
      row(1, ids.facilityTownshipA1, 'anaesthesiology', 4, 10),
      row(2, ids.facilityCountyA, 'anaesthesiology', 3, 10),
      row(3, ids.facilityCountyB, 'anaesthesiology', 4, 5),
      row(4, ids.facilityCountyA, 'general_surgery', 4, 5),
      row(5, ids.facilityCountyA, 'anaesthesiology', 4, 500),
      row(6, ids.facilityCountyA, 'anaesthesiology', 1, 10),
    ])
    .execute();
  await startWorkers(await matchingQueue(t.database), [matchingWorker as never]);
}, 60_000);
afterAll(async () => {
  await t?.close();
});

type Proposal = {
  status: string;
  progress: number;
  objective: number;
  bound: number;
  gap: number;
  teams: { leader: { id: string }; members: { id: string }[]; statementZh: string; visits: unknown[] }[];
  assignments: {
    needId: string;
    expert: { id: string };
    reason: { travelHours: number; priority: number };
  }[];
  unserved: { needId: string; reason: string }[];
};

async function waitFor(id: string): Promise<Proposal> {
  for (let i = 0; i < 120; i++) {
    const res = await t.request('GET', `/api/matching/proposals/${id}`, { as: 'commander' });
    expect(res.statusCode).toBe(200);
    const body = res.json() as Proposal;
    if (body.status !== 'queued' && body.status !== 'running') return body;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('proposal did not finish');
}

describe('team formation: the job, re-optimising and accepting', () => {
  let first = '';
  let second = '';

  it('only a commander starts a proposal; it runs as a background job and explains itself', async () => {
    const denied = await t.request('POST', '/api/matching/proposals', {
      as: 'recipient',
      body: { batchId: ids.batch, rules },
    });
    expect(denied.statusCode).toBe(403);
    const res = await t.request('POST', '/api/matching/proposals', {
      as: 'commander',
      body: { batchId: ids.batch, rules },
    });
    expect(res.statusCode).toBe(202);
    first = res.json().id;
    const p = await waitFor(first);
    expect(p.status).toBe('done');
    expect(p.progress).toBe(1);
    const served = Object.fromEntries(p.assignments.map((a) => [a.needId, a.expert.id]));
    expect(Object.keys(served).sort()).toEqual([need(1), need(2)]);
    expect(new Set(Object.values(served))).toEqual(new Set([ids.expert, chief]));
    expect(Object.fromEntries(p.unserved.map((u) => [u.needId, u.reason]))).toEqual({
      [need(3)]: 'too_far',
      [need(4)]: 'no_specialist',
      [need(5)]: 'too_large',
      [need(6)]: 'capacity_spent',
    });
    expect(p.teams).toHaveLength(1);
    expect(p.teams[0]?.leader.id).toBe(chief);
    expect(p.teams[0]?.members.map((m) => m.id).sort()).toEqual([ids.expert, chief].sort());
    expect(p.teams[0]?.statementZh).toContain('共2项');
    // Travel is 0 within 甲县 here; the objective is the two priorities served.
    const priorities = p.assignments.reduce((s, a) => s + a.reason.priority, 0);
    expect(p.objective).toBeCloseTo(priorities, 6);
    expect(p.bound).toBeGreaterThanOrEqual(p.objective);
    expect(p.gap).toBe(0);
  }, 60_000);

  it('re-optimises around a pin: a new proposal with the pinned pair', async () => {
    // Pin the routine N6 to 王援: N1 or N2 must give way to it.
    const res = await t.request('POST', `/api/matching/proposals/${first}/reoptimise`, {
      as: 'commander',
      body: {
        pins: [{ needId: need(6), personId: ids.expert }],
        forbids: [{ needId: need(1), personId: chief }],
      },
    });
    expect(res.statusCode).toBe(202);
    second = res.json().id;
    const p = await waitFor(second);
    expect(p.status).toBe('done');
    const served = Object.fromEntries(p.assignments.map((a) => [a.needId, a.expert.id]));
    expect(served[need(6)]).toBe(ids.expert);
    // The chief may not take N1 and 王援 is full with N6: the chief takes N2, N1 waits.
    expect(served[need(2)]).toBe(chief);
    expect(p.unserved.find((u) => u.needId === need(1))?.reason).toBe('capacity_spent');
    const compare = await t.request('GET', `/api/matching/compare?a=${first}&b=${second}`, { as: 'viewer' });
    expect(compare.statusCode).toBe(200);
    const differences = compare.json().differences as { needId: string; a: unknown; b: unknown }[];
    expect(differences.map((d) => d.needId)).toEqual(expect.arrayContaining([need(1), need(6)]));
    for (const d of differences) expect(d.a).not.toEqual(d.b);
  }, 60_000);

  it('accepting creates the micro-teams and matches the needs, audited, in one transaction', async () => {
    expect(
      (await t.request('POST', `/api/matching/proposals/${second}/accept`, { as: 'viewer' })).statusCode,
    ).toBe(403);
    const res = await t.request('POST', `/api/matching/proposals/${second}/accept`, { as: 'commander' });
    expect(res.statusCode).toBe(200);
    const [teamId] = res.json().microTeamIds as string[];
    const { db } = t.database;
    const needs = await db
      .selectFrom('needs')
      .select(['id', 'status', 'micro_team_id', 'matched_by'])
      .where('id', 'in', [need(1), need(2), need(6)])
      .orderBy('id')
      .execute();
    expect(needs.map((n) => [n.status, n.micro_team_id])).toEqual([
      ['triaged', null],
      ['matched', teamId],
      ['matched', teamId],
    ]);
    expect(needs[1]?.matched_by).toBe(`proposal:${second}`);
    const teams = (await t.request('GET', '/api/matching/teams', { as: 'viewer' })).json().items;
    expect(teams).toHaveLength(1);
    expect(teams[0].leaderId).toBe(chief);
    expect(teams[0].needs.map((n: { id: string }) => n.id).sort()).toEqual([need(2), need(6)].sort());
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', 'in', ['proposal.accepted', 'micro_team.created', 'need.matched'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'micro_team.created',
      'need.matched',
      'need.matched',
      'proposal.accepted',
    ]);
    // The first proposal is superseded; neither can be accepted again.
    const old = (await t.request('GET', `/api/matching/proposals/${first}`, { as: 'commander' })).json();
    expect(old.status).toBe('superseded');
    expect(
      (await t.request('POST', `/api/matching/proposals/${first}/accept`, { as: 'commander' })).statusCode,
    ).toBe(409);
    expect(
      (await t.request('POST', `/api/matching/proposals/${second}/accept`, { as: 'commander' })).statusCode,
    ).toBe(409);
  }, 60_000);
});
