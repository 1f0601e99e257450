import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app';
import { ids } from '../support/fixture';

let t: TestApp;
let nerveBlock = '';
let airway = '';
let contractId = '';

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const post = (url: string, as: string, body: unknown = {}) => t.request('POST', url, { as, body });
const get = (url: string, as: string) => t.request('GET', url, { as });

describe('competency catalogue', () => {
  it('is edited by admins only and listed per specialty', async () => {
    const body = {
      specialtyCode: 'anaesthesiology',
      code: 'us_nerve_block',
      name: '超声引导下神经阻滞',
      nameEn: 'Ultrasound-guided nerve block',
    };
    expect((await post('/api/mentorship/competencies', 'expert', body)).statusCode).toBe(403);
    const created = await post('/api/mentorship/competencies', 'admin', body);
    expect(created.statusCode, created.body).toBe(201);
    nerveBlock = created.json().id;
    expect((await post('/api/mentorship/competencies', 'admin', body)).statusCode).toBe(409);
    airway = (
      await post('/api/mentorship/competencies', 'admin', {
        specialtyCode: 'anaesthesiology',
        code: 'difficult_airway',
        name: '困难气道管理',
      })
    ).json().id;
    const retired = await t.request('PATCH', `/api/mentorship/competencies/${airway}`, {
      as: 'admin',
      body: { retired: true },
    });
    expect(retired.json().retired).toBe(true);
    const list = await get('/api/mentorship/competencies?specialtyCode=anaesthesiology', 'local');
    expect(list.json().items.map((c: { code: string }) => c.code)).toEqual(['us_nerve_block']);
    await t.request('PATCH', `/api/mentorship/competencies/${airway}`, {
      as: 'admin',
      body: { retired: false },
    });
  });
});

const proposal = () => ({
  mentorId: ids.expert,
  hostFacilityId: ids.facilityCountyA,
  startsOn: '2026-02-01',
  endsOn: '2026-11-30',
  apprentices: [
    {
      personId: ids.localA as string,
      goals: [
        { competencyId: nerveBlock, targetLevel: 4, targetOn: '2026-06-30' },
        { competencyId: airway, targetLevel: 3, targetOn: '2026-09-30' },
      ],
    },
  ],
});

describe('contracts', () => {
  it('are proposed by their mentor with one to three local apprentices', async () => {
    const asOther = await post('/api/mentorship/contracts', 'expert', {
      ...proposal(),
      mentorId: ids.localB,
    });
    expect(asOther.statusCode).toBe(400);
    const four = proposal();
    four.apprentices = [ids.localA, ids.localB, ids.expert, ids.localA].map((personId) => ({
      personId,
      goals: [{ competencyId: nerveBlock, targetLevel: 4, targetOn: '2026-06-30' }],
    }));
    const tooMany = await post('/api/mentorship/contracts', 'expert', four);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.details.issues.map((i: { path: string }) => i.path)).toContain(
      'body.apprentices',
    );
    expect((await post('/api/mentorship/contracts', 'local', proposal())).statusCode).toBe(403);

    const res = await post('/api/mentorship/contracts', 'expert', proposal());
    expect(res.statusCode, res.body).toBe(201);
    const c = res.json();
    contractId = c.id;
    expect(c).toMatchObject({
      status: 'proposed',
      mentorName: '王援',
      hostFacilityName: '甲县人民医院',
      batchName: '第十批',
      actions: ['accept', 'withdraw'],
    });
    expect(c.pending.map((p: { party: string }) => p.party)).toEqual([
      'mentor',
      'apprentice',
      'recipient_hospital',
    ]);
    expect(c.apprentices[0].goals).toHaveLength(2);
  });

  it('are seen by their mentor, apprentice and the cadres of either side, not by others', async () => {
    for (const as of ['expert', 'local', 'recipient', 'supporter', 'commander', 'viewer']) {
      expect((await get(`/api/mentorship/contracts/${contractId}`, as)).statusCode, as).toBe(200);
    }
    expect((await get(`/api/mentorship/contracts/${contractId}`, 'recipientb')).statusCode).toBe(404);
    expect((await get('/api/mentorship/contracts', 'recipientb')).json().total).toBe(0);
    expect((await get('/api/mentorship/contracts', 'local')).json().total).toBe(1);
  });

  it('start when mentor, apprentice and recipient hospital have each accepted', async () => {
    const early = await post(`/api/mentorship/contracts/${contractId}/extend`, 'expert', {
      endsOn: '2027-01-31',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('INVALID_TRANSITION');

    expect(
      (await post(`/api/mentorship/contracts/${contractId}/accept`, 'expert')).json().pending,
    ).toHaveLength(2);
    expect((await post(`/api/mentorship/contracts/${contractId}/accept`, 'expert')).statusCode).toBe(409);
    expect((await post(`/api/mentorship/contracts/${contractId}/accept`, 'recipientb')).statusCode).toBe(404);
    expect((await post(`/api/mentorship/contracts/${contractId}/accept`, 'supporter')).statusCode).toBe(403);
    expect((await post(`/api/mentorship/contracts/${contractId}/accept`, 'local')).json().status).toBe(
      'proposed',
    );
    const started = await post(`/api/mentorship/contracts/${contractId}/accept`, 'recipient');
    expect(started.json()).toMatchObject({ status: 'active', pending: [] });
    expect(started.json().acceptances.map((a: { party: string }) => a.party)).toEqual([
      'mentor',
      'apprentice',
      'recipient_hospital',
    ]);
    const again = await post(`/api/mentorship/contracts/${contractId}/accept`, 'recipient');
    expect(again.json().error.code).toBe('INVALID_TRANSITION');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'mentorship')
      .where('entity_id', '=', contractId)
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'mentorship.proposed',
      'mentorship.accepted',
      'mentorship.accepted',
      'mentorship.accepted',
      'mentorship.activated',
    ]);
  });

  it('are extended to a later date only', async () => {
    const earlier = await post(`/api/mentorship/contracts/${contractId}/extend`, 'expert', {
      endsOn: '2026-10-01',
    });
    expect(earlier.statusCode).toBe(400);
    expect(
      (await post(`/api/mentorship/contracts/${contractId}/extend`, 'local', { endsOn: '2027-01-31' }))
        .statusCode,
    ).toBe(403);
    const res = await post(`/api/mentorship/contracts/${contractId}/extend`, 'expert', {
      endsOn: '2027-01-31',
    });
    expect(res.json()).toMatchObject({ status: 'extended', endsOn: '2027-01-31' });
  });
});

describe('teaching activities', () => {
  const activity = (caseSummary: string) => ({
    kind: 'teaching_round',
    heldOn: '2026-03-02',
    facilityId: ids.facilityCountyA,
    mentorshipId: contractId,
    title: '术前气道评估教学查房',
    attendeeIds: [ids.localA],
    competencyIds: [airway],
    caseSummary,
  });

  it('refuse case summaries naming a phone, an ID card or a recorded patient, saying which part', async () => {
    const phone = await post(
      '/api/mentorship/activities',
      'expert',
      activity('患者家属电话 138-0013-8000，术后恢复好'),
    );
    expect(phone.statusCode).toBe(400);
    expect(phone.json().error.details.spans).toEqual([
      { kind: 'phone', start: 7, end: 20, text: '138-0013-8000', field: 'caseSummary' },
    ]);
    expect(phone.json().error.message).toContain('phone number at characters 8–20 of caseSummary');

    const id = await post('/api/mentorship/activities', 'expert', activity('身份证11010519491231002X'));
    expect(id.json().error.details.spans[0]).toMatchObject({ kind: 'id_card', start: 3, end: 21 });

    // The recipient hospital's staff record their patients' names.
    const recorded = await post('/api/mentorship/patient-names', 'local', { names: ['卓玛央宗'] });
    expect(recorded.statusCode, recorded.body).toBe(201);
    const named = await post('/api/mentorship/activities', 'expert', activity('卓玛央宗，女，困难气道'));
    expect(named.json().error.details.spans[0]).toMatchObject({ kind: 'patient_name', start: 0, end: 4 });
    expect(await t.database.db.selectFrom('teaching_activities').select('id').execute()).toEqual([]);
  });

  it('are logged by the teaching expert and seen by the apprentice', async () => {
    expect((await post('/api/mentorship/activities', 'local', activity(''))).statusCode).toBe(403);
    const res = await post(
      '/api/mentorship/activities',
      'expert',
      activity('中年女性，Mallampati IV 级，清醒插管成功。'),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'teaching_round',
      teacherName: '王援',
      attendees: [{ personId: ids.localA, fullName: '扎西甲' }],
      competencies: [{ competencyId: airway, name: '困难气道管理' }],
    });
    expect((await get('/api/mentorship/activities', 'local')).json().items).toHaveLength(1);
    expect((await get('/api/mentorship/activities', 'recipientb')).json().items).toHaveLength(0);
  });

  it('are logged as remote consults after the deployment ended', async () => {
    const res = await post('/api/mentorship/activities', 'expert', {
      ...activity(''),
      kind: 'remote_consult',
      heldOn: '2026-12-20',
      title: '远程会诊：困难气道',
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('assessments', () => {
  let assessmentId = '';

  it('are recorded by the mentor only, pending confirmation', async () => {
    const body = { apprenticeId: ids.localA, competencyId: nerveBlock, level: 4, assessedOn: '2026-06-20' };
    expect((await post('/api/mentorship/assessments', 'recipient', body)).statusCode).toBe(403);
    const notMine = await post('/api/mentorship/assessments', 'expert', {
      ...body,
      apprenticeId: ids.localB,
    });
    expect(notMine.statusCode).toBe(400);
    const future = await post('/api/mentorship/assessments', 'expert', { ...body, assessedOn: '2999-01-01' });
    expect(future.statusCode).toBe(400);
    const res = await post('/api/mentorship/assessments', 'expert', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'pending_confirmation', level: 4, assessorName: '王援' });
    assessmentId = res.json().id;
  });

  it('are confirmed by a recipient cadre in scope, once', async () => {
    expect((await post(`/api/mentorship/assessments/${assessmentId}/confirm`, 'supporter')).statusCode).toBe(
      403,
    );
    expect((await post(`/api/mentorship/assessments/${assessmentId}/confirm`, 'recipientb')).statusCode).toBe(
      404,
    );
    const res = await post(`/api/mentorship/assessments/${assessmentId}/confirm`, 'recipient');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'confirmed', confirmedByName: 'recipient' });
    const again = await post(`/api/mentorship/assessments/${assessmentId}/confirm`, 'recipient');
    expect(again.json().error.code).toBe('INVALID_TRANSITION');
  });

  it('can be disputed instead, and then never count', async () => {
    const res = await post('/api/mentorship/assessments', 'expert', {
      apprenticeId: ids.localA,
      competencyId: airway,
      level: 5,
      assessedOn: '2026-07-01',
    });
    const disputed = await post(`/api/mentorship/assessments/${res.json().id}/dispute`, 'recipient', {
      reason: '未见现场考核记录',
    });
    expect(disputed.json()).toMatchObject({ status: 'disputed', disputeReason: '未见现场考核记录' });
  });

  it('make up the apprentice’s level history and goal progress', async () => {
    const page = await get(`/api/mentorship/apprentices/${ids.localA}`, 'local');
    expect(page.statusCode, page.body).toBe(200);
    const levels = page.json().levels;
    expect(levels.find((l: { competencyId: string }) => l.competencyId === nerveBlock)).toMatchObject({
      currentLevel: 4,
      history: [{ assessedOn: '2026-06-20', level: 4, status: 'confirmed' }],
    });
    expect(levels.find((l: { competencyId: string }) => l.competencyId === airway).currentLevel).toBeNull();
    const goals = page.json().contracts[0].apprentices[0].goals;
    expect(goals.find((g: { competencyId: string }) => g.competencyId === nerveBlock)).toMatchObject({
      currentLevel: 4,
      metOn: '2026-06-20',
    });
    expect(page.json().activities).toHaveLength(2);
    expect((await get(`/api/mentorship/apprentices/${ids.localB}`, 'local')).statusCode).toBe(404);
    expect((await get(`/api/mentorship/apprentices/${ids.localB}`, 'expert')).statusCode).toBe(404);
    expect((await get(`/api/mentorship/apprentices/${ids.localA}`, 'supporter')).statusCode).toBe(200);

    const mentor = await get(`/api/mentorship/mentors/${ids.expert}`, 'expert');
    expect(mentor.json().progress).toEqual({ apprentices: 1, goals: 2, goalsMet: 1, goalsMetOnTime: 1 });
    expect((await get(`/api/mentorship/mentors/${ids.expert}`, 'recipientb')).statusCode).toBe(404);
  });

  it('close with the contract; a second tour continues it', async () => {
    const done = await post(`/api/mentorship/contracts/${contractId}/complete`, 'recipient');
    expect(done.json()).toMatchObject({ status: 'completed', actions: [] });
    const end = await post(`/api/mentorship/contracts/${contractId}/end-early`, 'expert', { reason: 'x' });
    expect(end.json().error.code).toBe('INVALID_TRANSITION');
    const late = await post('/api/mentorship/assessments', 'expert', {
      apprenticeId: ids.localA,
      competencyId: airway,
      level: 3,
      assessedOn: '2026-10-01',
    });
    expect(late.statusCode).toBe(400);
    const second = await post('/api/mentorship/contracts', 'expert', {
      ...proposal(),
      continuesId: contractId,
      startsOn: '2027-06-01',
      endsOn: '2027-12-31',
      apprentices: [
        { personId: ids.localA, goals: [{ competencyId: airway, targetLevel: 4, targetOn: '2027-12-01' }] },
      ],
    });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().continuesId).toBe(contractId);
    const endEarly = await post(`/api/mentorship/contracts/${second.json().id}/withdraw`, 'expert', {});
    expect(endEarly.statusCode).toBe(400);
    const withdrawn = await post(`/api/mentorship/contracts/${second.json().id}/withdraw`, 'expert', {
      reason: '专家第二轮援派推迟',
    });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', statusReason: '专家第二轮援派推迟' });
  });
});
