import { sql, type Transaction } from 'kysely';
import type { Audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import type { DB } from '../db/schema';
import { AppError, forbidden, notFound, validationError } from '../errors';
import { escapeLike } from '../registry/scope';
import { requireCompetencies } from './catalogue';
import type { MentorshipInput } from './schema';
import type { MentorshipParty } from './tables';
import { mentorshipVisible } from './visibility';
import { type MentorshipAction, type MentorshipStatus, transition } from './workflow';

type Trx = Transaction<DB>;
const today = () => new Date().toISOString().slice(0, 10);

/** Loads people by id with their kind and organisation path. */
const peopleById = (trx: Trx, programmeId: string, ids: string[]) =>
  trx
    .selectFrom('people as p')
    .innerJoin('organisations as o', (j) =>
      j.onRef('o.programme_id', '=', 'p.programme_id').onRef('o.id', '=', 'p.organisation_id'),
    )
    .select(['p.id', 'p.kind', 'p.organisation_id', 'o.path'])
    .where('p.programme_id', '=', programmeId)
    .where('p.id', 'in', ids)
    .execute();

/** The batch whose dates cover a day (the latest-numbered when batches overlap). */
async function batchOn(trx: Trx, programmeId: string, day: string) {
  const batch = await trx
    .selectFrom('batches')
    .select('id')
    .where('programme_id', '=', programmeId)
    .where('starts_on', '<=', day)
    .where('ends_on', '>=', day)
    .orderBy('number', 'desc')
    .executeTakeFirst();
  return batch?.id ?? null;
}

/**
 * Records a proposed contract: one expert mentor, one to three local apprentices, each with
 * goal competencies, target levels and dates. The mentor proposes their own contracts; admins
 * and commanders may propose for any mentor. A second tour names the earlier contract it
 * continues (same mentor, one that ran).
 */
export async function proposeMentorship(trx: Trx, actor: Actor, input: MentorshipInput, audit: Audit) {
  const p = actor.programmeId;
  if (actor.role === 'expert') {
    if (input.mentorId !== actor.personId) {
      throw validationError([{ path: 'mentorId', message: 'an expert proposes contracts they mentor' }]);
    }
  } else if (actor.role !== 'admin' && actor.role !== 'commander') {
    throw forbidden('Contracts are proposed by the mentor or the command.');
  }
  const apprenticeIds = input.apprentices.map((a) => a.personId);
  const people = new Map(
    (await peopleById(trx, p, [input.mentorId, ...apprenticeIds])).map((r) => [r.id, r]),
  );
  if (people.get(input.mentorId)?.kind !== 'expert') {
    throw validationError([{ path: 'mentorId', message: 'must be an expert' }]);
  }
  input.apprentices.forEach((a, i) => {
    if (people.get(a.personId)?.kind !== 'local_staff') {
      throw validationError([{ path: `apprentices.${i}.personId`, message: 'must be local staff' }]);
    }
    a.goals.forEach((g, j) => {
      if (g.targetOn < input.startsOn || g.targetOn > input.endsOn) {
        throw validationError([
          { path: `apprentices.${i}.goals.${j}.targetOn`, message: 'must lie within the contract dates' },
        ]);
      }
    });
  });
  await requireCompetencies(
    trx,
    p,
    input.apprentices.flatMap((a) => a.goals.map((g) => g.competencyId)),
    'apprentices.goals.competencyId',
  );
  const facility = await trx
    .selectFrom('facilities')
    .select(['id', 'level'])
    .where('programme_id', '=', p)
    .where('id', '=', input.hostFacilityId)
    .executeTakeFirst();
  if (!facility || facility.level === 'supporter_hospital') {
    throw validationError([{ path: 'hostFacilityId', message: 'must be a recipient facility' }]);
  }
  if (input.continuesId) {
    const earlier = await trx
      .selectFrom('mentorships')
      .select(['mentor_id', 'status'])
      .where('programme_id', '=', p)
      .where('id', '=', input.continuesId)
      .executeTakeFirst();
    if (
      !earlier ||
      earlier.mentor_id !== input.mentorId ||
      ['proposed', 'withdrawn'].includes(earlier.status)
    ) {
      throw validationError([
        { path: 'continuesId', message: 'must be an earlier contract of the same mentor that ran' },
      ]);
    }
  }
  const row = await trx
    .insertInto('mentorships')
    .values({
      programme_id: p,
      mentor_id: input.mentorId,
      host_facility_id: input.hostFacilityId,
      batch_id: input.batchId ?? (await batchOn(trx, p, input.startsOn)),
      continues_id: input.continuesId ?? null,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      status_reason: null,
      activated_at: null,
      closed_on: null,
      proposed_by: actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('mentorship_apprentices')
    .values(apprenticeIds.map((person_id) => ({ programme_id: p, mentorship_id: row.id, person_id })))
    .execute();
  const goals = input.apprentices.flatMap((a) =>
    a.goals.map((g) => ({
      programme_id: p,
      mentorship_id: row.id,
      person_id: a.personId,
      competency_id: g.competencyId,
      target_level: g.targetLevel,
      target_on: g.targetOn,
    })),
  );
  const unique = new Set(goals.map((g) => `${g.person_id}/${g.competency_id}`));
  if (unique.size !== goals.length) {
    throw validationError([
      { path: 'apprentices.goals', message: 'a competency is a goal twice for one apprentice' },
    ]);
  }
  await trx.insertInto('mentorship_goals').values(goals).execute();
  await audit({
    action: 'mentorship.proposed',
    entity: 'mentorship',
    entityId: row.id,
    after: { ...row, apprentices: input.apprentices },
  });
  return row.id;
}

/** A contract loaded for a change, with what the actor may do to it. */
async function loadForChange(trx: Trx, actor: Actor, id: string) {
  const row = await trx
    .selectFrom('mentorships as m')
    .innerJoin('facilities as f', (j) =>
      j.onRef('f.programme_id', '=', 'm.programme_id').onRef('f.id', '=', 'm.host_facility_id'),
    )
    .innerJoin('organisations as fo', (j) =>
      j.onRef('fo.programme_id', '=', 'f.programme_id').onRef('fo.id', '=', 'f.organisation_id'),
    )
    .innerJoin('people as mp', (j) =>
      j.onRef('mp.programme_id', '=', 'm.programme_id').onRef('mp.id', '=', 'm.mentor_id'),
    )
    .innerJoin('organisations as mo', (j) =>
      j.onRef('mo.programme_id', '=', 'mp.programme_id').onRef('mo.id', '=', 'mp.organisation_id'),
    )
    .selectAll('m')
    .select(['f.organisation_id as host_organisation_id', 'fo.path as host_path', 'mo.path as mentor_path'])
    .where('m.programme_id', '=', actor.programmeId)
    .where('m.id', '=', id)
    .where((eb) =>
      eb.or([
        mentorshipVisible(actor),
        sql<boolean>`fo.path like ${`${escapeLike(actor.scopePath)}%`} and ${actor.role} = 'recipient_cadre'`,
      ]),
    )
    .forUpdate('m')
    .executeTakeFirst();
  if (!row) throw notFound('Mentorship');
  const apprentices = (
    await trx
      .selectFrom('mentorship_apprentices')
      .select('person_id')
      .where('programme_id', '=', actor.programmeId)
      .where('mentorship_id', '=', id)
      .execute()
  ).map((a) => a.person_id);
  const inScope = (path: string) => path.startsWith(actor.scopePath);
  const mayManage =
    actor.personId === row.mentor_id ||
    actor.role === 'admin' ||
    actor.role === 'commander' ||
    (actor.role === 'recipient_cadre' && inScope(row.host_path)) ||
    (actor.role === 'supporter_cadre' && inScope(row.mentor_path));
  return { row, apprentices, mayManage };
}

function requireTransition(
  status: MentorshipStatus,
  action: MentorshipAction,
  pending = 0,
): MentorshipStatus {
  const result = transition(status, action, pending);
  if (!result.ok) {
    throw new AppError(
      'INVALID_TRANSITION',
      `This contract cannot ${action.replace('_', ' ')}: ${result.reason}.`,
      {
        status,
        action,
      },
    );
  }
  return result.to;
}

export type AcceptOptions = { party?: MentorshipParty | undefined; personId?: string | undefined };

/**
 * Records one party's acceptance of a proposed contract: the mentor (the expert account linked
 * to them), an apprentice (their own account), or the recipient hospital (a recipient cadre
 * whose scope holds the host facility). Admins record an acceptance given on paper by naming
 * the party. The last acceptance starts the contract.
 */
export async function acceptMentorship(
  trx: Trx,
  actor: Actor,
  id: string,
  options: AcceptOptions,
  audit: Audit,
) {
  const { row, apprentices } = await loadForChange(trx, actor, id);
  const accepted = await trx
    .selectFrom('mentorship_acceptances')
    .select(['party', 'party_id'])
    .where('programme_id', '=', actor.programmeId)
    .where('mentorship_id', '=', id)
    .execute();
  const done = new Set(accepted.map((a) => a.party_id));
  const open: { party: MentorshipParty; partyId: string }[] = [];
  if (actor.role === 'admin' && options.party) {
    const partyId =
      options.party === 'mentor'
        ? row.mentor_id
        : options.party === 'recipient_hospital'
          ? row.host_organisation_id
          : options.personId;
    if (!partyId || (options.party === 'apprentice' && !apprentices.includes(partyId))) {
      throw validationError([{ path: 'personId', message: 'name one of the apprentices' }]);
    }
    open.push({ party: options.party, partyId });
  } else {
    if (actor.personId === row.mentor_id) open.push({ party: 'mentor', partyId: row.mentor_id });
    if (actor.personId && apprentices.includes(actor.personId))
      open.push({ party: 'apprentice', partyId: actor.personId });
    if (actor.role === 'recipient_cadre' && row.host_path.startsWith(actor.scopePath))
      open.push({ party: 'recipient_hospital', partyId: row.host_organisation_id });
  }
  const mine = open.filter((o) => !options.party || o.party === options.party);
  if (mine.length === 0) throw forbidden('You are not a party to this contract.');
  const next = mine.find((o) => !done.has(o.partyId));
  if (row.status === 'proposed' && !next) {
    throw new AppError('CONFLICT', 'You have already accepted this contract.');
  }
  const pending = 2 + apprentices.length - done.size - 1;
  const status = requireTransition(row.status, 'accept', pending);
  const party = next as (typeof mine)[number];
  await trx
    .insertInto('mentorship_acceptances')
    .values({
      programme_id: actor.programmeId,
      mentorship_id: id,
      party: party.party,
      party_id: party.partyId,
      accepted_by: actor.userId,
    })
    .execute();
  await audit({
    action: 'mentorship.accepted',
    entity: 'mentorship',
    entityId: id,
    after: { party: party.party, partyId: party.partyId, pending },
  });
  if (status === 'active') {
    const after = await trx
      .updateTable('mentorships')
      .set({ status, activated_at: new Date(), updated_at: new Date() })
      .where('programme_id', '=', actor.programmeId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit({ action: 'mentorship.activated', entity: 'mentorship', entityId: id, after });
  }
}

/** Extends, completes, ends early (with a reason) or withdraws (with a reason) a contract. */
export async function changeMentorship(
  trx: Trx,
  actor: Actor,
  id: string,
  action: Exclude<MentorshipAction, 'accept'>,
  options: { endsOn?: string | undefined; reason?: string | undefined; note?: string | undefined },
  audit: Audit,
) {
  const { row, mayManage } = await loadForChange(trx, actor, id);
  if (!mayManage)
    throw forbidden('Only the mentor, the hospital’s cadre or the command can change this contract.');
  const status = requireTransition(row.status, action);
  if (action === 'extend' && !(options.endsOn && options.endsOn > row.ends_on)) {
    throw validationError([{ path: 'endsOn', message: `must be after the current end ${row.ends_on}` }]);
  }
  const { host_organisation_id: _o, host_path: _h, mentor_path: _m, ...before } = row;
  const after = await trx
    .updateTable('mentorships')
    .set({
      status,
      ...(action === 'extend' ? { ends_on: options.endsOn as string } : {}),
      ...(options.reason ? { status_reason: options.reason } : {}),
      ...(action === 'complete' || action === 'end_early' || action === 'withdraw'
        ? { closed_on: today() }
        : {}),
      updated_at: new Date(),
    })
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const past = { extend: 'extended', complete: 'completed', end_early: 'ended_early', withdraw: 'withdrawn' }[
    action
  ];
  await audit({
    action: `mentorship.${past}`,
    entity: 'mentorship',
    entityId: id,
    before,
    after: options.note ? { ...after, note: options.note } : after,
  });
}
