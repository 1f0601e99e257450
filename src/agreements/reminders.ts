import { sql } from 'kysely';
import type { Db } from '../db/database';
import type { JobWorker } from '../jobs/queue';
import { openMetTargetWitnesses, openTargetMetWitness } from '../witness/targets';
import { REVIEW_DUE_DAYS } from './repository';
import { recordMetTargets } from './targets';

export type ReviewReminder = { reviewId: string; userId: string; overdue: boolean };

/**
 * Reminds the responsible party's users of every open review that is due (within
 * REVIEW_DUE_DAYS) or overdue on `today`: one reminder row per review, user and day, so the job
 * can run again the same day without reminding twice. The responsible party's users are the
 * enabled accounts of its organisation subtree. Returns the reminders written now.
 */
export async function remindDueReviews(db: Db, today: string): Promise<ReviewReminder[]> {
  const { rows } = await sql<{ review_id: string; user_id: string; overdue: boolean }>`
    insert into review_reminders (programme_id, review_id, user_id, reminded_on, overdue)
    select r.programme_id, r.id, u.id, ${today}::date, r.due_on < ${today}::date
    from agreement_reviews r
    join organisations o on o.programme_id = r.programme_id and o.id = r.responsible_organisation_id
    join organisations uo on uo.programme_id = r.programme_id and uo.path like o.path || '%'
    join users u on u.programme_id = r.programme_id and u.organisation_id = uo.id and not u.disabled
    where r.done_on is null and r.due_on <= ${today}::date + ${REVIEW_DUE_DAYS}::int
    on conflict do nothing
    returning review_id, user_id, overdue`.execute(db);
  return rows.map((r) => ({ reviewId: r.review_id, userId: r.user_id, overdue: r.overdue }));
}

/** The reminders a user has received today, with their reviews, for the "reviews due" list. */
export async function remindersOf(db: Db, programmeId: string, userId: string, today: string) {
  return db
    .selectFrom('review_reminders as m')
    .innerJoin('agreement_reviews as r', (j) =>
      j.onRef('r.programme_id', '=', 'm.programme_id').onRef('r.id', '=', 'm.review_id'),
    )
    .innerJoin('agreements as a', (j) =>
      j.onRef('a.programme_id', '=', 'r.programme_id').onRef('a.id', '=', 'r.agreement_id'),
    )
    .select(['r.id as reviewId', 'a.id as agreementId', 'a.title', 'r.due_on as dueOn', 'm.overdue'])
    .where('m.programme_id', '=', programmeId)
    .where('m.user_id', '=', userId)
    .where('m.reminded_on', '=', today)
    .where('r.done_on', 'is', null)
    .orderBy('r.due_on')
    .execute();
}

/**
 * The daily agreements job (06:00 UTC): remind due and overdue reviews, and stamp targets seen
 * met for the first time (the achievements the witness registry offers).
 */
export const agreementsDailyWorker: JobWorker = {
  queue: 'agreements-daily',
  cron: '0 6 * * *',
  handle: async (_data, { database }) => {
    const today = new Date().toISOString().slice(0, 10);
    const reminders = await remindDueReviews(database.db, today);
    const programmes = await database.db.selectFrom('programmes').select('id').execute();
    let met = 0;
    let witnessRequests = 0;
    for (const p of programmes) {
      // Each newly met target asks to be witnessed, in the transaction that stamps it (src/witness/).
      met += (
        await recordMetTargets(database.db, p.id, today, new Date(), (trx, t) =>
          openTargetMetWitness(trx, p.id, t.id),
        )
      ).length;
      // Met targets stamped without a request (before witnessing existed) get one now.
      witnessRequests += await openMetTargetWitnesses(database.db, p.id);
    }
    return { reminders: reminders.length, met, witnessRequests };
  },
};
