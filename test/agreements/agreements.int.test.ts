import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindDueReviews } from '../../src/agreements/reminders';
import { listNewlyMetTargets, recordMetTargets } from '../../src/agreements/targets';
import { startTestApp, type TestApp } from '../support/app';
import { ids } from '../support/fixture';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const today = new Date().toISOString().slice(0, 10);
const addDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

let needNo = 0;
/** A need at a facility of county A, resolved or still open. */
async function addNeed(status: 'resolved' | 'reported') {
  needNo += 1;
  await t.database.db
    .insertInto('needs')
    .values({
      programme_id: ids.programme,
      facility_id: ids.facilityCountyA,
      specialty_code: 'anaesthesiology',
      kind: 'clinical_service',
      title: `需求 ${needNo}`,
      population_affected: 100,
      urgency: 2,
      remoteness_hours: 1.5,
      status,
      merged_into: null,
      micro_team_id: null,
      matched_by: null,
      batch_id: null,
      reported_by: null,
      triaged_at: null,
      matched_at: null,
      started_at: null,
      resolved_at: status === 'resolved' ? new Date() : null,
      verified_at: null,
      closed_at: null,
      effort_expert_days: null,
      status_reason: null,
    })
    .execute();
}

const agreement = (overrides: Record<string, unknown> = {}) => ({
  type: 'memorandum',
  title: '甲县麻醉科共建备忘录',
  effectiveOn: addDays(-30),
  expiresOn: addDays(700),
  ownerOrganisationId: ids.countyACommission,
  parties: [ids.countyAHospital, ids.jHospital, ids.countyACommission],
  signatories: [{ personId: ids.expert, organisationId: ids.jHospital, signedOn: addDays(-30) }],
  clauses: [
    {
      text: '支援方派驻麻醉专家，受援方选派骨干跟师学习。',
      duties: [
        { organisationId: ids.jHospital, duty: '派驻麻醉专家一名，为期一年' },
        { organisationId: ids.countyAHospital, duty: '选派两名骨干医师' },
      ],
      targets: [
        {
          indicatorId: 'needs.resolved',
          breakdown: 'county',
          breakdownKey: ids.countyA,
          description: '甲县解决三项需求',
          baseline: 0,
          baselineOn: addDays(-30),
          targetValue: 3,
          dueOn: addDays(335),
          responsibleOrganisationId: ids.jHospital,
        },
      ],
    },
  ],
  reviews: [
    { dueOn: addDays(-1), responsibleOrganisationId: ids.countyAHospital },
    { dueOn: addDays(200), responsibleOrganisationId: ids.jHospital },
  ],
  ...overrides,
});

describe('agreements', () => {
  let id: string;
  it('records an agreement with parties, signatories, duties, a target and reviews', async () => {
    const res = await t.request('POST', '/api/agreements', { as: 'recipient', body: agreement() });
    expect(res.statusCode, res.body).toBe(201);
    const a = res.json();
    id = a.id;
    expect(a.type).toBe('memorandum');
    expect(a.parties.map((p: { id: string }) => p.id).sort()).toEqual(
      [ids.countyAHospital, ids.jHospital, ids.countyACommission].sort(),
    );
    expect(a.signatories).toEqual([
      { personId: ids.expert, fullName: '王援', organisationId: ids.jHospital, signedOn: addDays(-30) },
    ]);
    expect(a.clauses).toHaveLength(1);
    expect(a.clauses[0].number).toBe(1);
    expect(a.clauses[0].duties).toHaveLength(2);
    // One month into a year with nothing resolved: progress 0 vs elapsed ≈ 0.08 → still on track.
    const target = a.clauses[0].targets[0];
    expect(target).toMatchObject({ current: null, status: 'at_risk', reason: 'no_data' });
    expect(a.reviews.map((r: { state: string }) => r.state)).toEqual(['overdue', 'scheduled']);
    expect(a.canChange).toBe(true);
  });

  it('computes the target status from the indicator as the underlying records change', async () => {
    await addNeed('reported');
    await addNeed('resolved');
    let target = (await t.request('GET', `/api/agreements/${id}`, { as: 'commander' })).json().clauses[0]
      .targets[0];
    expect(target).toMatchObject({ current: 1, status: 'on_track', reason: 'on_schedule' });
    await addNeed('resolved');
    await addNeed('resolved');
    target = (await t.request('GET', `/api/agreements/${id}`, { as: 'commander' })).json().clauses[0]
      .targets[0];
    expect(target).toMatchObject({ current: 3, status: 'met', reason: 'reached', progress: 1 });
    const list = (await t.request('GET', '/api/agreements', { as: 'commander' })).json();
    expect(list[0].targets).toEqual({ on_track: 0, at_risk: 0, missed: 0, met: 1 });
  });

  it('stamps newly met targets once, for the witness registry', async () => {
    const since = new Date(Date.now() - 1000);
    const first = await recordMetTargets(t.database.db, ids.programme, today);
    expect(first).toHaveLength(1);
    expect(await recordMetTargets(t.database.db, ids.programme, today)).toHaveLength(0);
    const met = await listNewlyMetTargets(t.database.db, ids.programme, since);
    expect(met).toMatchObject([
      { agreementId: id, indicatorId: 'needs.resolved', targetValue: 3, metValue: 3 },
    ]);
    expect(await listNewlyMetTargets(t.database.db, ids.programme, new Date(Date.now() + 1000))).toEqual([]);
  });

  it('keeps agreements to the parties’ scopes and changes to the owner', async () => {
    expect((await t.request('GET', `/api/agreements/${id}`, { as: 'recipientb' })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/agreements', { as: 'recipientb' })).json()).toEqual([]);
    // The supporter cadre sees it (J省人民医院 is a party) but may not change it.
    expect((await t.request('GET', `/api/agreements/${id}`, { as: 'supporter' })).statusCode).toBe(200);
    const patch = await t.request('PATCH', `/api/agreements/${id}`, {
      as: 'supporter',
      body: { title: 'x' },
    });
    expect(patch.statusCode).toBe(404);
    expect((await t.request('POST', '/api/agreements', { as: 'expert', body: agreement() })).statusCode).toBe(
      403,
    );
    const ok = await t.request('PATCH', `/api/agreements/${id}`, {
      as: 'recipient',
      body: { title: '新标题' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().title).toBe('新标题');
  });

  it('refuses unknown indicators, unsupported breakdowns, non-parties and bad dates naming the field', async () => {
    const bad = async (body: unknown) => {
      const res = await t.request('POST', '/api/agreements', { as: 'recipient', body });
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.details.issues.map((i: { path: string }) => i.path);
    };
    const clause = agreement().clauses[0] as { targets: object[] };
    const withTarget = (o: object) =>
      agreement({ clauses: [{ ...clause, targets: [{ ...clause.targets[0], ...o }] }] });
    expect(await bad(withTarget({ indicatorId: 'no.such' }))).toEqual(['clauses.0.targets.0.indicatorId']);
    expect(await bad(withTarget({ breakdown: 'month' }))).toEqual(['clauses.0.targets.0.breakdown']);
    expect(await bad(withTarget({ responsibleOrganisationId: ids.countyBHospital }))).toEqual([
      'clauses.0.targets.0.responsibleOrganisationId',
    ]);
    expect(await bad(agreement({ expiresOn: addDays(-40) }))).toEqual(['body.expiresOn']);
    expect(await bad(agreement({ ownerOrganisationId: ids.countyBCommission }))).toEqual([
      'ownerOrganisationId',
    ]);
  });

  it('adds a clause with a target, and links evidence', async () => {
    const res = await t.request('POST', `/api/agreements/${id}/clauses`, {
      as: 'recipient',
      body: {
        text: '受援方减少未解决需求。',
        duties: [{ organisationId: ids.countyAHospital, duty: '每月梳理需求' }],
        targets: [
          {
            indicatorId: 'needs.open',
            baseline: 5,
            baselineOn: addDays(-300),
            targetValue: 0,
            dueOn: addDays(-1),
            responsibleOrganisationId: ids.countyAHospital,
          },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const clause = res.json().clauses[1];
    expect(clause.number).toBe(2);
    // One open need remains and the due date has passed.
    expect(clause.targets[0]).toMatchObject({ current: 1, status: 'missed', reason: 'past_due' });
    const ev = await t.request('POST', `/api/agreements/targets/${clause.targets[0].id}/evidence`, {
      as: 'recipient',
      body: { entity: 'need', entityId: 'N-1', note: '月度台账' },
    });
    expect(ev.statusCode, ev.body).toBe(201);
    const again = (await t.request('GET', `/api/agreements/${id}`, { as: 'recipient' })).json();
    expect(again.clauses[1].targets[0].evidence).toMatchObject([{ entity: 'need', entityId: 'N-1' }]);
  });

  it('takes the signed document as a PDF only, within the upload limit', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2000, 32), Buffer.from('%%EOF')]);
    const put = (payload: Buffer, type = 'application/pdf') =>
      t.request('PUT', `/api/agreements/${id}/document?fileName=${encodeURIComponent('备忘录.pdf')}`, {
        as: 'recipient',
        payload,
        headers: { 'content-type': type },
      });
    expect((await put(Buffer.from('PK\u0003\u0004 not a pdf'))).statusCode).toBe(415);
    expect((await put(pdf, 'text/plain')).statusCode).toBe(415);
    const ok = await put(pdf);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ fileName: '备忘录.pdf', sizeBytes: pdf.length });
    const got = await t.request('GET', `/api/agreements/${id}/document`, { as: 'supporter' });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.rawPayload.equals(pdf)).toBe(true);
    const big = await startTestApp({ ZUTUAN_UPLOAD_LIMIT_BYTES: '1024' });
    try {
      const created = await big.request('POST', '/api/agreements', { as: 'recipient', body: agreement() });
      const res = await big.request('PUT', `/api/agreements/${created.json().id}/document`, {
        as: 'recipient',
        payload: pdf,
        headers: { 'content-type': 'application/pdf' },
      });
      expect(res.statusCode).toBe(413);
    } finally {
      await big.close();
    }
  });

  it('lists due reviews and reminds the responsible party’s users once a day', async () => {
    const due = (await t.request('GET', '/api/agreements/reviews/due', { as: 'recipient' })).json();
    expect(due).toMatchObject([
      { agreementId: id, state: 'overdue', responsibleOrganisationId: ids.countyAHospital },
    ]);
    const reminders = await remindDueReviews(t.database.db, today);
    // 甲县人民医院 has no accounts of its own in the fixture; its parent's accounts are not its users.
    expect(reminders).toEqual([]);
    const review = due[0].id;
    await t.database.db
      .updateTable('agreement_reviews')
      .set({ responsible_organisation_id: ids.countyACommission })
      .where('id', '=', review)
      .execute();
    const sent = await remindDueReviews(t.database.db, today);
    // The county A commission's accounts: the recipient cadre and the local staff account.
    expect(sent.map((r) => r.overdue)).toEqual([true, true]);
    expect(await remindDueReviews(t.database.db, today)).toEqual([]);
    const mine = (await t.request('GET', '/api/agreements/reviews/reminders', { as: 'recipient' })).json();
    expect(mine).toMatchObject([{ reviewId: review, agreementId: id, overdue: true }]);
    const done = await t.request('POST', `/api/agreements/reviews/${review}/done`, {
      as: 'recipient',
      body: { doneOn: today, outcome: '按期推进' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect((await t.request('GET', '/api/agreements/reviews/due', { as: 'recipient' })).json()).toEqual([]);
  });

  it('audits every change', async () => {
    const rows = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'agreement')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.action)).toEqual([
      'agreement.created',
      'agreement.target_met',
      'agreement.updated',
      'agreement.clause_added',
      'agreement.evidence_added',
      'agreement.document_attached',
      'agreement.review_done',
    ]);
  });
});

describe('indicator catalogue', () => {
  it('lists the catalogue and computes values per breakdown, refusing unsupported ones', async () => {
    const list = (await t.request('GET', '/api/indicators', { as: 'viewer' })).json();
    expect(list.map((d: { id: string }) => d.id)).toContain('needs.resolved');
    const byCounty = (
      await t.request('GET', '/api/indicators/needs.resolved?breakdown=county', { as: 'viewer' })
    ).json();
    expect(byCounty.values).toEqual([{ key: ids.countyA, label: '甲县', value: 3 }]);
    const bad = await t.request('GET', '/api/indicators/needs.resolved?breakdown=month', { as: 'viewer' });
    expect(bad.statusCode).toBe(400);
    expect((await t.request('GET', '/api/indicators/no.such', { as: 'viewer' })).statusCode).toBe(404);
    const xlsx = await t.request('GET', '/api/indicators/needs.open/export.xlsx', { as: 'viewer' });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });
});
