import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/auth/actor';
import { AppError } from '../../src/errors';
import { createPeople, type PersonCreate } from '../../src/registry/people/service';
import { startTestApp, type TestApp } from '../support/app';
import { ids } from '../support/fixture';

// Person creates that arrive together are written by one statement (WriteBatcher + createPeople).

let t: TestApp;
let recipient: Actor;
beforeAll(async () => {
  t = await startTestApp();
  const user = await t.database.db
    .selectFrom('users as u')
    .innerJoin('organisations as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.organisation_id', 'o.path'])
    .where('u.username', '=', 'recipient')
    .executeTakeFirstOrThrow();
  recipient = {
    userId: user.id,
    programmeId: ids.programme,
    username: 'recipient',
    displayName: 'recipient',
    role: 'recipient_cadre',
    organisationId: user.organisation_id,
    scopePath: user.path,
    personId: null,
    locale: 'zh-CN',
  };
});
afterAll(() => t.close());

const entry = (
  fullName: string,
  organisationId: string,
  more: Partial<PersonCreate['input']> = {},
): PersonCreate => ({
  actor: recipient,
  input: { organisationId, kind: 'local_staff', fullName, ...more },
  ctx: { programmeId: ids.programme, actorUserId: recipient.userId, requestId: `req-${fullName}` },
  id: crypto.randomUUID(),
});

const count = async (table: 'people' | 'audit_log') =>
  Number(
    (
      await t.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('creating people in one statement', () => {
  it('stores each in-scope entry with its own audit row and answers an out-of-scope one with its error', async () => {
    const entries = [
      entry('批量甲', ids.townshipA1Centre, { gender: 'female', birthYear: 1990, phone: '13800000001' }),
      entry('批量乙', ids.countyBHospital),
      entry('批量丙', ids.countyAHospital, { title: 'nurse', specialtyCode: 'nursing' }),
    ];
    const results = await createPeople(t.database.db, entries);

    expect(results[0]).toMatchObject({
      id: entries[0]?.id,
      full_name: '批量甲',
      gender: 'female',
      birth_year: 1990,
      phone: '13800000001',
      organisation_name: '甲一乡卫生院',
    });
    expect(results[1]).toBeInstanceOf(AppError);
    expect((results[1] as AppError).details).toEqual({
      issues: [{ path: 'organisationId', message: 'not found in your scope' }],
    });
    expect(results[2]).toMatchObject({ id: entries[2]?.id, title: 'nurse', specialty_code: 'nursing' });

    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['entity_id', 'actor_user_id', 'request_id', 'after'])
      .where('action', '=', 'person.created')
      .where(
        'entity_id',
        'in',
        entries.map((e) => e.id),
      )
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({
        entity_id: entries[0]?.id,
        actor_user_id: recipient.userId,
        request_id: 'req-批量甲',
        after: expect.objectContaining({ full_name: '批量甲', phone: '13800000001' }),
      }),
      expect.objectContaining({ entity_id: entries[2]?.id, request_id: 'req-批量丙' }),
    ]);
    const stored = await t.database.db
      .selectFrom('people')
      .select('full_name')
      .where('full_name', 'like', '批量%')
      .orderBy('full_name')
      .execute();
    expect(stored.map((p) => p.full_name)).toEqual(['批量丙', '批量甲']);
  });

  it('stores nothing of a statement with a failing row', async () => {
    const before = { people: await count('people'), audit: await count('audit_log') };
    await expect(
      createPeople(t.database.db, [
        entry('失败甲', ids.countyAHospital),
        entry('失败乙', ids.countyAHospital, { specialtyCode: 'martian_medicine' }),
      ]),
    ).rejects.toMatchObject({ code: '23503' });
    expect({ people: await count('people'), audit: await count('audit_log') }).toEqual(before);
  });

  /**
   * Sends creates while a transaction holds the organisation they write under (on PGlite, the
   * whole database): the first ones wait in the database, the rest queue in the batcher and leave
   * together when the hold ends.
   */
  async function createTogether(bodies: object[]) {
    let answers!: Promise<LightMyRequestResponse[]>;
    await t.database.db.transaction().execute(async (trx) => {
      await trx
        .selectFrom('organisations')
        .select('id')
        .where('id', '=', ids.townshipA1Centre)
        .forUpdate()
        .execute();
      answers = Promise.all(
        bodies.map((body) => t.request('POST', '/api/people', { as: 'recipient', body })),
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
    });
    return answers;
  }

  const body = (name: string, organisationId: string = ids.townshipA1Centre, specialtyCode = 'nursing') => ({
    organisationId,
    kind: 'local_staff',
    fullName: name,
    specialtyCode,
  });

  async function expectAnswers(bodies: ReturnType<typeof body>[], refused: Record<number, unknown>) {
    await t.request('GET', '/api/auth/me', { as: 'recipient' });
    const before = { people: await count('people'), audit: await count('audit_log') };
    const answers = await createTogether(bodies);
    expect(
      Object.fromEntries(
        answers.flatMap((res, i) => (res.statusCode === 201 ? [] : [[i, res.json().error.details.issues]])),
      ),
    ).toEqual(refused);
    const created = answers.filter((res) => res.statusCode === 201).map((res) => res.json());
    expect(created.map((p) => p.fullName)).toEqual(
      bodies.filter((_, i) => !(i in refused)).map((b) => b.fullName),
    );
    expect(new Set(created.map((p) => p.id)).size).toBe(created.length);
    expect({ people: await count('people'), audit: await count('audit_log') }).toEqual({
      people: before.people + created.length,
      audit: before.audit + created.length,
    });
    const audited = await t.database.db
      .selectFrom('audit_log')
      .select('entity_id')
      .where('action', '=', 'person.created')
      .where(
        'entity_id',
        'in',
        created.map((p) => p.id as string),
      )
      .execute();
    expect(audited).toHaveLength(created.length);
  }

  const outOfScope = [{ path: 'organisationId', message: 'not found in your scope' }];
  const unknownSpecialty = [{ path: 'specialtyCode', message: 'unknown or still referenced' }];

  it('answers simultaneous creates each on its own, out-of-scope ones refused, and loses none', async () => {
    const bodies = Array.from({ length: 16 }, (_, i) =>
      body(`同时${String(i).padStart(2, '0')}`, i % 7 === 5 ? ids.countyBHospital : ids.townshipA1Centre),
    );
    await expectAnswers(bodies, { 5: outOfScope, 12: outOfScope });
  });

  it('answers a bad row among simultaneous creates with its own error and stores the others', async () => {
    const bodies = Array.from({ length: 16 }, (_, i) =>
      body(
        `并发${String(i).padStart(2, '0')}`,
        ids.townshipA1Centre,
        i % 7 === 4 ? 'martian_medicine' : 'nursing',
      ),
    );
    bodies[9] = body('并发09', ids.countyBHospital);
    await expectAnswers(bodies, { 4: unknownSpecialty, 9: outOfScope, 11: unknownSpecialty });
  });
});
