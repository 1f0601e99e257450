// The witnessable kinds beyond need.resolved, over HTTP against a real database: an assessment (the
// recipient's attestation is the cadre's confirmation), a teaching activity, a completed contract and
// a met agreement target. Each: opened with the record's change, attested by each party → witnessed,
// the dispute path, and no personal data in the log entries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/support/app';
import { accounts, ids } from '../../test/support/fixture';
import { witnessHelpers } from '../../test/support/witness';
import { agreementsDailyWorker } from '../agreements/reminders';
import { openMetTargetWitnesses } from './targets';

let t: TestApp;
const { logSize, entries, detail, attest, dispute } = witnessHelpers(() => t);
let competency = '';
let contractId = '';
const start = { log: 0 };

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const post = (url: string, as: string, body: unknown = {}) => t.request('POST', url, { as, body });
const TITLE = '术前气道评估教学查房';
const SUMMARY = '困难气道病例讨论，术后恢复良好';
const AGREEMENT = '甲县麻醉科共建备忘录';

/** Proposes a contract (mentor: the expert; apprentice: local A at county A's hospital) and starts it. */
async function runningContract(): Promise<string> {
  const res = await post('/api/mentorship/contracts', 'expert', {
    mentorId: ids.expert,
    hostFacilityId: ids.facilityCountyA,
    startsOn: day(-90),
    endsOn: day(200),
    apprentices: [
      { personId: ids.localA, goals: [{ competencyId: competency, targetLevel: 4, targetOn: day(100) }] },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  for (const as of ['expert', 'local', 'recipient']) {
    const accepted = await post(`/api/mentorship/contracts/${id}/accept`, as);
    expect(accepted.statusCode, accepted.body).toBe(200);
  }
  return id;
}

beforeAll(async () => {
  t = await startTestApp({ ZUTUAN_LOG_ORIGIN: 'zutuan.test' });
  competency = (
    await post('/api/mentorship/competencies', 'admin', {
      specialtyCode: 'anaesthesiology',
      code: 'difficult_airway',
      name: '困难气道管理',
    })
  ).json().id;
  contractId = await runningContract();
  start.log = await logSize();
});
afterAll(() => t.close());

/** The witness request of a record. */
const requestOf = async (kind: string, recordId: string) =>
  (
    await t.database.db
      .selectFrom('witness_requests')
      .select(['id', 'status'])
      .where('kind', '=', kind)
      .where('record_id', '=', recordId)
      .executeTakeFirstOrThrow()
  ).id;
const partiesOf = (d: { parties: { party: string; organisationId: string }[] }) =>
  d.parties.map((p) => [p.party, p.organisationId]);
const assessment = async (id: string) =>
  t.database.db
    .selectFrom('assessments')
    .select(['status', 'confirmed_at', 'dispute_reason'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
async function recordAssessment(level: number): Promise<string> {
  const res = await post('/api/mentorship/assessments', 'expert', {
    apprenticeId: ids.localA,
    competencyId: competency,
    level,
    assessedOn: day(-1),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('assessment (a level reached)', () => {
  it('opens with the mentor’s record; the recipient’s attestation confirms it; all three witness it', async () => {
    const before = await logSize();
    const id = await recordAssessment(4);
    const [opened] = await entries(before);
    expect(opened!.entry).toMatchObject({ kind: 'assessment.opened', recordId: id, attestations: [] });
    const requestId = await requestOf('assessment', id);
    const d = await detail(requestId);
    expect(d).toMatchObject({
      kind: 'assessment',
      status: 'open',
      record: { specialtyCode: 'anaesthesiology', countyName: '甲县', title: '困难气道管理：4 级' },
    });
    expect(partiesOf(d)).toEqual([
      ['command', ids.hq],
      ['recipient', ids.countyAHospital],
      ['supporter', ids.jHospital],
    ]);
    // The mentor cannot witness their own assessment; nor can county B's cadre see it.
    expect((await post(`/api/witness/${requestId}/attest`, 'expert')).statusCode).toBe(403);
    expect((await post(`/api/witness/${requestId}/attest`, 'recipientb')).statusCode).toBe(404);

    expect((await attest(requestId, 'commander')).status).toBe('open');
    expect((await assessment(id)).status).toBe('pending_confirmation');
    expect((await attest(requestId, 'recipient')).status).toBe('open');
    expect((await assessment(id)).status).toBe('confirmed');
    expect((await attest(requestId, 'supporter')).status).toBe('witnessed');
    const kinds = (await entries(before)).map((e) => e.entry.kind);
    expect(kinds).toEqual([
      'assessment.opened',
      'assessment.attested',
      'assessment.attested',
      'assessment.attested',
      'assessment.witnessed',
    ]);
    const listed = await t.request('GET', `/api/mentorship/assessments?apprenticeId=${ids.localA}`, {
      as: 'local',
    });
    expect(listed.json().items.find((a: { id: string }) => a.id === id)).toMatchObject({
      status: 'confirmed',
      confirmedByName: 'recipient',
    });
  });

  it('the cadre’s confirm route is the recipient party’s attestation; a later dispute withdraws the confirmation', async () => {
    const id = await recordAssessment(3);
    const requestId = await requestOf('assessment', id);
    const confirmed = await post(`/api/mentorship/assessments/${id}/confirm`, 'recipient', {
      note: '现场考核',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ status: 'confirmed', confirmedByName: 'recipient' });
    const d = await detail(requestId);
    expect(d.status).toBe('open');
    expect(d.parties.find((p: { party: string }) => p.party === 'recipient').statement).toMatchObject({
      verdict: 'attested',
    });
    // The queue no longer asks the recipient; attesting again is refused.
    expect((await post(`/api/witness/${requestId}/attest`, 'recipient')).statusCode).toBe(409);

    await dispute(requestId, 'supporter', '未见带教记录');
    expect(await assessment(id)).toMatchObject({
      status: 'disputed',
      confirmed_at: null,
      dispute_reason: '未见带教记录',
    });
    expect((await detail(requestId)).status).toBe('disputed');
    // A disputed assessment cannot be witnessed again: the mentor records a new one.
    expect((await post(`/api/mentorship/assessments/${id}/confirm`, 'recipient')).statusCode).toBe(409);
  });

  it('the cadre’s dispute route disputes the request too', async () => {
    const id = await recordAssessment(2);
    const requestId = await requestOf('assessment', id);
    const res = await post(`/api/mentorship/assessments/${id}/dispute`, 'recipient', { reason: '级别偏高' });
    expect(res.json()).toMatchObject({ status: 'disputed', disputeReason: '级别偏高' });
    const d = await detail(requestId);
    expect(d).toMatchObject({ status: 'disputed', disputeReason: '级别偏高' });
  });
});

describe('teaching activity', () => {
  const log = async () => {
    const res = await post('/api/mentorship/activities', 'expert', {
      kind: 'teaching_round',
      heldOn: day(-2),
      facilityId: ids.facilityCountyA,
      mentorshipId: contractId,
      title: TITLE,
      attendeeIds: [ids.localA],
      competencyIds: [competency],
      caseSummary: SUMMARY,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const witnessedAt = async (id: string) =>
    (
      await t.database.db
        .selectFrom('teaching_activities')
        .select('witnessed_at')
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).witnessed_at;

  it('opens when logged; witnessed by the three parties, it is marked witnessed', async () => {
    const id = await log();
    const requestId = await requestOf('teaching_activity', id);
    const d = await detail(requestId, 'supporter');
    expect(d).toMatchObject({ kind: 'teaching_activity', status: 'open', myParty: 'supporter' });
    expect(partiesOf(d)).toEqual([
      ['command', ids.hq],
      ['recipient', ids.countyAHospital],
      ['supporter', ids.jHospital],
    ]);
    await attest(requestId, 'recipient');
    await attest(requestId, 'supporter');
    expect(await witnessedAt(id)).toBeNull();
    expect((await attest(requestId, 'commander')).status).toBe('witnessed');
    expect(await witnessedAt(id)).toBeInstanceOf(Date);
  });

  it('disputed, it stays unwitnessed with the reason on the request', async () => {
    const id = await log();
    const requestId = await requestOf('teaching_activity', id);
    await attest(requestId, 'commander');
    expect((await dispute(requestId, 'recipient', '该日无查房记录')).status).toBe('disputed');
    expect(await witnessedAt(id)).toBeNull();
    expect((await post(`/api/witness/${requestId}/attest`, 'supporter')).statusCode).toBe(409);
  });
});

describe('mentorship completed', () => {
  it('opens when the contract completes; witnessed by the three parties', async () => {
    const done = await post(`/api/mentorship/contracts/${contractId}/complete`, 'expert', {});
    expect(done.statusCode, done.body).toBe(200);
    const requestId = await requestOf('mentorship.completed', contractId);
    const d = await detail(requestId);
    expect(d).toMatchObject({ kind: 'mentorship.completed', status: 'open', record: { countyName: '甲县' } });
    expect(partiesOf(d)).toEqual([
      ['command', ids.hq],
      ['recipient', ids.countyAHospital],
      ['supporter', ids.jHospital],
    ]);
    for (const as of ['supporter', 'recipient']) await attest(requestId, as);
    expect((await attest(requestId, 'commander')).status).toBe('witnessed');
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', contractId)
      .where('action', '=', 'mentorship.completion_witnessed')
      .execute();
    expect(audited).toHaveLength(1);
  });

  it('a dispute keeps the contract completed and the request disputed', async () => {
    const id = await runningContract();
    await post(`/api/mentorship/contracts/${id}/complete`, 'recipient', {});
    const requestId = await requestOf('mentorship.completed', id);
    expect((await dispute(requestId, 'commander', '带教目标未达成')).status).toBe('disputed');
    expect(
      (await t.request('GET', `/api/mentorship/contracts/${id}`, { as: 'commander' })).json().status,
    ).toBe('completed');
    // Ending a contract early is no achievement: nothing to witness.
  });
});

describe('target met', () => {
  const agreement = (responsibleOrganisationId: string) => ({
    type: 'memorandum',
    title: AGREEMENT,
    effectiveOn: day(-30),
    expiresOn: day(700),
    ownerOrganisationId: ids.countyACommission,
    parties: [ids.countyAHospital, ids.jHospital, ids.countyACommission],
    signatories: [{ personId: ids.expert, organisationId: ids.jHospital, signedOn: day(-30) }],
    clauses: [
      {
        text: '支援方派驻麻醉专家，受援方选派骨干跟师学习。',
        duties: [{ organisationId: ids.jHospital, duty: '派驻麻醉专家一名' }],
        targets: [
          {
            indicatorId: 'mentorship.level4_apprentices',
            breakdown: 'programme',
            description: '一名骨干达到独立操作',
            baseline: 0,
            baselineOn: day(-30),
            targetValue: 1,
            dueOn: day(335),
            responsibleOrganisationId,
          },
        ],
      },
    ],
    reviews: [],
  });
  const targetOf = async (agreementId: string) =>
    (
      await t.database.db
        .selectFrom('agreement_targets')
        .select(['id', 'met_at'])
        .where('agreement_id', '=', agreementId)
        .executeTakeFirstOrThrow()
    ).id;

  it('the daily job opens a request when it stamps a target met; the command and the responsible party witness it', async () => {
    const created = await post('/api/agreements', 'recipient', agreement(ids.countyAHospital));
    expect(created.statusCode, created.body).toBe(201);
    const targetId = await targetOf(created.json().id);
    // The level-4 assessment confirmed above meets it.
    const result = await agreementsDailyWorker.handle({}, { database: t.database } as never);
    expect(result).toMatchObject({ met: 1 });
    const requestId = await requestOf('target.met', targetId);
    const d = await detail(requestId);
    expect(d).toMatchObject({ kind: 'target.met', status: 'open', record: { countyName: null } });
    expect(partiesOf(d)).toEqual([
      ['command', ids.hq],
      ['recipient', ids.countyAHospital],
    ]);
    // The supporter is no party to it: it sees nothing to witness.
    const queue = (await t.request('GET', '/api/witness/queue', { as: 'supporter' })).json();
    expect(queue.items.some((i: { id: string }) => i.id === requestId)).toBe(false);
    await attest(requestId, 'recipient');
    expect((await attest(requestId, 'commander')).status).toBe('witnessed');
  });

  it('a target stamped without a request gets one; the supporter side disputes it', async () => {
    const created = await post('/api/agreements', 'recipient', agreement(ids.jHospital));
    const targetId = await targetOf(created.json().id);
    await t.database.db
      .updateTable('agreement_targets')
      .set({ met_at: new Date(), met_value: 1 })
      .where('id', '=', targetId)
      .execute();
    expect(await openMetTargetWitnesses(t.database.db, ids.programme)).toBe(1);
    expect(await openMetTargetWitnesses(t.database.db, ids.programme)).toBe(0);
    const requestId = await requestOf('target.met', targetId);
    expect(partiesOf(await detail(requestId))).toEqual([
      ['command', ids.hq],
      ['supporter', ids.jHospital],
    ]);
    expect((await post(`/api/witness/${requestId}/attest`, 'recipient')).statusCode).toBe(404);
    expect((await dispute(requestId, 'supporter', '数据口径不一致')).status).toBe('disputed');
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', created.json().id)
      .where('action', '=', 'agreement.target_met_disputed')
      .execute();
    expect(audited).toHaveLength(1);
  });
});

describe('the log', () => {
  it('holds no personal data: no names, titles, free text, usernames or user ids', async () => {
    const logged = await entries(start.log);
    const kinds = new Set(logged.map((e) => e.entry.kind.split('.').slice(0, -1).join('.')));
    expect([...kinds].sort()).toEqual([
      'assessment',
      'mentorship.completed',
      'target.met',
      'teaching_activity',
    ]);
    const userIds = (await t.database.db.selectFrom('users').select('id').execute()).map((u) => u.id);
    for (const { text, entry } of logged) {
      expect(Object.keys(entry).sort()).toEqual(['attestations', 'kind', 'recordDigest', 'recordId', 'time']);
      for (const secret of [
        TITLE,
        SUMMARY,
        AGREEMENT,
        '王援',
        '扎西甲',
        '困难气道管理',
        '甲县',
        '未见带教记录',
        '该日无查房记录',
        '数据口径不一致',
        ...Object.keys(accounts).filter((u) => !['recipient', 'supporter'].includes(u)),
        ...userIds,
      ]) {
        expect(text).not.toContain(secret);
      }
    }
  });

  it('the public overview lists the witnessed achievements de-identified; needs witnessed count needs only', async () => {
    const res = await t.request('GET', '/api/public/overview');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.recent.map((r: { kind: string }) => r.kind).sort()).toEqual([
      'assessment',
      'mentorship.completed',
      'target.met',
      'teaching_activity',
    ]);
    expect(body.batches.every((b: { needsWitnessed: number }) => b.needsWitnessed === 0)).toBe(true);
    for (const secret of [TITLE, AGREEMENT, '困难气道管理', '王援', '扎西甲', '甲县人民医院']) {
      expect(res.body).not.toContain(secret);
    }
  });
});
