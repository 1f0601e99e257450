import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/database';
import { startTestApp, type TestApp } from '../support/app';
import { ids, insertCompetencies } from '../support/fixture';

/**
 * teaching_firsts (migration 0013) is kept by triggers: whatever writes attendances, an
 * activity's competencies or its date, the table equals min(held_on) per person and competency.
 */
let t: TestApp;
let db: Db;
const P = ids.programme;
const C1 = '00000000-0000-4000-8000-00000000f001';
const C2 = '00000000-0000-4000-8000-00000000f002';

beforeAll(async () => {
  t = await startTestApp();
  db = t.database.db;
  await insertCompetencies(db, [
    [C1, 'anaesthesiology', 'tf_block', '阻滞'],
    [C2, 'anaesthesiology', 'tf_airway', '气道'],
  ]);
});
afterAll(() => t.close());

async function activity(heldOn: string, attendees: string[], competencies: string[], attendeesFirst = true) {
  const { id } = await db
    .insertInto('teaching_activities')
    .values({
      programme_id: P,
      kind: 'teaching_round',
      teacher_id: ids.expert,
      facility_id: ids.facilityCountyA,
      held_on: heldOn,
      title: `round ${heldOn}`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const addAttendees = (trx: Db) =>
    trx
      .insertInto('activity_attendees')
      .values(attendees.map((person_id) => ({ programme_id: P, activity_id: id, person_id })))
      .execute();
  const addCompetencies = (trx: Db) =>
    trx
      .insertInto('activity_competencies')
      .values(competencies.map((competency_id) => ({ programme_id: P, activity_id: id, competency_id })))
      .execute();
  await db.transaction().execute(async (trx) => {
    if (attendeesFirst) {
      await addAttendees(trx);
      await addCompetencies(trx);
    } else {
      await addCompetencies(trx);
      await addAttendees(trx);
    }
  });
  return id;
}

const firsts = async () =>
  (
    await db
      .selectFrom('teaching_firsts')
      .select(['person_id', 'competency_id', 'first_on'])
      .where('programme_id', '=', P)
      .where('competency_id', 'in', [C1, C2])
      .orderBy('person_id')
      .orderBy('competency_id')
      .execute()
  ).map(
    (r) => `${r.person_id === ids.localA ? 'A' : 'B'}·${r.competency_id === C1 ? 'C1' : 'C2'} ${r.first_on}`,
  );

describe('teaching_firsts', () => {
  let late: string;

  it('follows activities whichever of attendances and competencies is written first', async () => {
    late = await activity('2026-03-10', [ids.localA, ids.localB], [C1]);
    await activity('2026-04-01', [ids.localB], [C1, C2], false);
    expect(await firsts()).toEqual(['A·C1 2026-03-10', 'B·C1 2026-03-10', 'B·C2 2026-04-01']);
  });

  it('lowers a first date when an earlier activity is recorded, and keeps it when a later one is', async () => {
    await activity('2026-02-01', [ids.localA], [C1]);
    await activity('2026-05-01', [ids.localA], [C1]);
    expect(await firsts()).toEqual(['A·C1 2026-02-01', 'B·C1 2026-03-10', 'B·C2 2026-04-01']);
  });

  it('recomputes when an activity moves or loses attendances', async () => {
    await db
      .updateTable('teaching_activities')
      .set({ held_on: '2026-06-01' })
      .where('id', '=', late)
      .execute();
    expect(await firsts()).toEqual(['A·C1 2026-02-01', 'B·C1 2026-04-01', 'B·C2 2026-04-01']);
    await db
      .deleteFrom('activity_attendees')
      .where('programme_id', '=', P)
      .where('person_id', '=', ids.localB)
      .execute();
    expect(await firsts()).toEqual(['A·C1 2026-02-01']);
  });
});
