import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database';
import {
  apprenticesAtLevel,
  goalsMetOnTime,
  localServiceShare,
  medianMonthsToLevel4,
  remoteConsultsAfterDeparture,
} from '../../src/mentorship/indicators';
import { startTestApp, type TestApp } from '../support/app';
import { ids, insertCompetencies } from '../support/fixture';

/**
 * A hand-worked fixture. Expert E (王援, deployed 2026-01-15 … 2026-12-15, again 2027-06-01 …
 * 2027-12-01) mentors A (扎西甲, county A hospital) and B (次仁乙, county B hospital) in one
 * completed contract of the 10th batch. C1 = nerve block, C2 = difficult airway.
 *
 *   goals                     confirmed assessments
 *   A·C1 ≥4 by 2026-06-30     A·C1: 2 on 02-01, 4 on 06-15 (on time)
 *   A·C2 ≥3 by 2026-06-30     A·C2: 3 on 07-10 (late)
 *   B·C1 ≥4 by 2026-03-31     B·C1: 4 on 03-20 (on time); 5 on 04-01 pending (does not count)
 *                             B·C2: 5 on 05-01
 *   activities: 01-20 teaching round (A, B; C1); 02-10 lecture (B; C2)
 */
let t: TestApp;
let db: Db;
const P = ids.programme;
const C1 = '00000000-0000-4000-8000-00000000c001';
const C2 = '00000000-0000-4000-8000-00000000c002';
const M = '00000000-0000-4000-8000-00000000a001';

beforeAll(async () => {
  t = await startTestApp();
  db = t.database.db;
  await insertCompetencies(db, [
    [C1, 'anaesthesiology', 'nerve_block', '神经阻滞'],
    [C2, 'anaesthesiology', 'airway', '困难气道'],
  ]);
  await db
    .insertInto('mentorships')
    .values({
      programme_id: P,
      id: M,
      mentor_id: ids.expert,
      host_facility_id: ids.facilityCountyA,
      batch_id: ids.batch,
      continues_id: null,
      starts_on: '2026-01-15',
      ends_on: '2026-12-15',
      status: 'completed',
      status_reason: null,
      activated_at: new Date('2026-01-16'),
      closed_on: '2026-12-15',
      proposed_by: null,
    })
    .execute();
  await db
    .insertInto('mentorship_apprentices')
    .values([ids.localA, ids.localB].map((person_id) => ({ programme_id: P, mentorship_id: M, person_id })))
    .execute();
  const goal = (person_id: string, competency_id: string, target_level: number, target_on: string) => ({
    programme_id: P,
    mentorship_id: M,
    person_id,
    competency_id,
    target_level,
    target_on,
  });
  await db
    .insertInto('mentorship_goals')
    .values([
      goal(ids.localA, C1, 4, '2026-06-30'),
      goal(ids.localA, C2, 3, '2026-06-30'),
      goal(ids.localB, C1, 4, '2026-03-31'),
    ])
    .execute();
  const assessment = (
    apprentice_id: string,
    competency_id: string,
    level: number,
    assessed_on: string,
    confirmed = true,
  ) => ({
    programme_id: P,
    apprentice_id,
    competency_id,
    mentorship_id: M,
    assessor_id: ids.expert,
    level,
    assessed_on,
    status: confirmed ? ('confirmed' as const) : ('pending_confirmation' as const),
    dispute_reason: null,
    recorded_by: null,
    confirmed_by: null,
    confirmed_by_person_id: null,
    confirmed_at: confirmed ? new Date(`${assessed_on}T12:00:00Z`) : null,
  });
  await db
    .insertInto('assessments')
    .values([
      assessment(ids.localA, C1, 2, '2026-02-01'),
      assessment(ids.localA, C1, 4, '2026-06-15'),
      assessment(ids.localA, C2, 3, '2026-07-10'),
      assessment(ids.localB, C1, 4, '2026-03-20'),
      assessment(ids.localB, C1, 5, '2026-04-01', false),
      assessment(ids.localB, C2, 5, '2026-05-01'),
    ])
    .execute();
  let n = 0;
  const activity = async (
    kind: 'teaching_round' | 'lecture' | 'remote_consult',
    held_on: string,
    people: string[],
    competencies: string[],
  ) => {
    const id = `00000000-0000-4000-8000-0000000b${String(++n).padStart(4, '0')}`;
    await db
      .insertInto('teaching_activities')
      .values({
        programme_id: P,
        id,
        kind,
        teacher_id: ids.expert,
        mentorship_id: M,
        facility_id: ids.facilityCountyA,
        held_on,
        title: kind,
        recorded_by: null,
      })
      .execute();
    await db
      .insertInto('activity_attendees')
      .values(people.map((person_id) => ({ programme_id: P, activity_id: id, person_id })))
      .execute();
    if (competencies.length)
      await db
        .insertInto('activity_competencies')
        .values(competencies.map((competency_id) => ({ programme_id: P, activity_id: id, competency_id })))
        .execute();
  };
  await activity('teaching_round', '2026-01-20', [ids.localA, ids.localB], [C1]);
  await activity('lecture', '2026-02-10', [ids.localB], [C2]);
  // Remote consults: during the deployment (no), after it (yes ×4 pair-consults), a lecture (no),
  // during the second tour (no).
  await activity('remote_consult', '2026-11-01', [ids.localA], []);
  await activity('remote_consult', '2027-01-05', [ids.localA], []);
  await activity('remote_consult', '2027-02-10', [ids.localA, ids.localB], []);
  await activity('remote_consult', '2027-04-02', [ids.localA], []);
  await activity('lecture', '2027-03-01', [ids.localA], []);
  await activity('remote_consult', '2027-07-01', [ids.localA], []);
  await db
    .insertInto('deployments')
    .values({
      programme_id: P,
      batch_id: ids.batch,
      person_id: ids.expert,
      home_organisation_id: ids.jHospital,
      host_facility_id: ids.facilityCountyA,
      specialty_code: 'anaesthesiology',
      term: 'short',
      starts_on: '2027-06-01',
      ends_on: '2027-12-01',
    })
    .execute();
  const service = (facility_id: string, month: string, local_count: number, aid_count: number) => ({
    programme_id: P,
    facility_id,
    month,
    service: '腹腔镜胆囊切除术',
    specialty_code: 'general_surgery',
    local_count,
    aid_count,
  });
  await db
    .insertInto('service_records')
    .values([
      service(ids.facilityCountyA, '2026-01-01', 1, 9),
      service(ids.facilityCountyA, '2026-02-01', 3, 7),
      service(ids.facilityCountyA, '2026-04-01', 6, 4),
      service(ids.facilityCountyB, '2026-04-01', 2, 2),
    ])
    .execute();
});
afterAll(() => t.close());

const byKey = <T>(rows: T[], key: (r: T) => string) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));

describe('mentorship indicators, against hand-worked values', () => {
  it('apprentices at level 4 or above per competency and facility (latest confirmed level)', async () => {
    const rows = await apprenticesAtLevel(db, P);
    expect(byKey(rows, (r) => r.competencyId + r.facilityId)).toEqual([
      {
        competencyId: C1,
        competencyName: '神经阻滞',
        facilityId: ids.facilityCountyA,
        facilityName: '甲县人民医院',
        apprentices: 1,
      },
      {
        competencyId: C1,
        competencyName: '神经阻滞',
        facilityId: ids.facilityCountyB,
        facilityName: '乙县人民医院',
        apprentices: 1,
      },
      {
        competencyId: C2,
        competencyName: '困难气道',
        facilityId: ids.facilityCountyB,
        facilityName: '乙县人民医院',
        apprentices: 1,
      },
    ]);
    // Level 5 (can teach): only B in C2 — B's pending 5 in C1 does not count.
    expect((await apprenticesAtLevel(db, P, { minLevel: 5 })).map((r) => r.competencyId)).toEqual([C2]);
    expect((await apprenticesAtLevel(db, P, { countyId: ids.countyA })).map((r) => r.facilityId)).toEqual([
      ids.facilityCountyA,
    ]);
  });

  it('share of contract goals met on time: 2 of 3', async () => {
    expect(await goalsMetOnTime(db, P, { on: '2026-12-31' })).toEqual([
      { batchId: ids.batch, batchName: '第十批', goalsDue: 3, metOnTime: 2, share: 0.667 },
      { batchId: null, batchName: null, goalsDue: 3, metOnTime: 2, share: 0.667 },
    ]);
    // On 2026-04-30 only B·C1 was due, and it was met.
    expect((await goalsMetOnTime(db, P, { on: '2026-04-30' }))[0]).toMatchObject({
      goalsDue: 1,
      metOnTime: 1,
      share: 1,
    });
  });

  it('median months from first activity to level 4', async () => {
    // A·C1 01-20 → 06-15 = 146 d = 4.80 mo; B·C1 01-20 → 03-20 = 59 d = 1.94; B·C2 02-10 → 05-01 = 80 d = 2.63.
    const rows = await medianMonthsToLevel4(db, P);
    expect(byKey(rows.slice(0, -1), (r) => r.competencyId ?? '')).toEqual([
      { competencyId: C1, competencyName: '神经阻滞', medianMonths: 3.4, apprentices: 2 },
      { competencyId: C2, competencyName: '困难气道', medianMonths: 2.6, apprentices: 1 },
    ]);
    expect(rows.at(-1)).toEqual({
      competencyId: null,
      competencyName: null,
      medianMonths: 2.6,
      apprentices: 3,
    });
  });

  it('local share of each service over time (输血→造血)', async () => {
    expect(await localServiceShare(db, P)).toEqual([
      { service: '腹腔镜胆囊切除术', period: '2026-Q1', localCount: 4, aidCount: 16, localShare: 0.2 },
      { service: '腹腔镜胆囊切除术', period: '2026-Q2', localCount: 8, aidCount: 6, localShare: 0.571 },
    ]);
    expect(
      (await localServiceShare(db, P, { countyId: ids.countyA, period: 'month' })).map((r) => [
        r.period,
        r.localShare,
      ]),
    ).toEqual([
      ['2026-01', 0.1],
      ['2026-02', 0.3],
      ['2026-04', 0.6],
    ]);
  });

  it('remote consults per former pair per quarter after the mentor left', async () => {
    const rows = await remoteConsultsAfterDeparture(db, P);
    expect(
      byKey(rows, (r) => r.apprenticeId + r.quarter).map((r) => [r.apprenticeName, r.quarter, r.consults]),
    ).toEqual([
      ['扎西甲', '2027-Q1', 2],
      ['扎西甲', '2027-Q2', 1],
      ['次仁乙', '2027-Q1', 1],
    ]);
  });

  it('are limited to the account’s scope over HTTP', async () => {
    const b = (await t.request('GET', '/api/mentorship/indicators', { as: 'recipientb' })).json();
    expect(b.apprenticesAtLevel.map((r: { facilityId: string }) => r.facilityId)).toEqual([
      ids.facilityCountyB,
      ids.facilityCountyB,
    ]);
    expect(b.localServiceShare).toEqual([
      { service: '腹腔镜胆囊切除术', period: '2026-Q2', localCount: 2, aidCount: 2, localShare: 0.5 },
    ]);
    expect(b.remoteConsultsAfterDeparture.map((r: { apprenticeName: string }) => r.apprenticeName)).toEqual([
      '次仁乙',
    ]);
    const byBatch = (
      await t.request('GET', `/api/mentorship/indicators?batchId=${ids.batch}`, { as: 'commander' })
    ).json();
    expect(byBatch.goalsMetOnTime[0]).toMatchObject({ batchName: '第十批', goalsDue: 3 });
  });
});
