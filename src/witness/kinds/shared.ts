import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { WitnessOutcomeContext } from '../kinds';

type Trx = Transaction<DB>;

/** A timestamp or a date column as its day, YYYY-MM-DD. */
export const dayOf = (d: Date | string | null | undefined): string | null =>
  d == null ? null : typeof d === 'string' ? d.slice(0, 10) : d.toISOString().slice(0, 10);

/** SQL: the county of a region aliased `r` (the region itself, or a township's parent). */
export const countyOf = (r: string) =>
  sql.raw(
    `case when ${r}.level = 'county' then ${r}.id when ${r}.level = 'township' then ${r}.parent_id end`,
  );

/** The command HQ: the root organisation of the command side. */
export async function commandHq(trx: Trx, programmeId: string): Promise<string> {
  const hq = await trx
    .selectFrom('organisations')
    .select('id')
    .where('programme_id', '=', programmeId)
    .where('side', '=', 'command')
    .orderBy('path')
    .executeTakeFirst();
  if (!hq) throw new AppError('CONFLICT', 'The programme has no command headquarters to witness for it.');
  return hq.id;
}

/**
 * The home hospital of an expert (a mentor, a teacher): their own organisation when it lies on the
 * supporter side; else the home organisation of their latest deployment; else the supporter side's root.
 */
export async function homeHospitalOf(trx: Trx, programmeId: string, personId: string): Promise<string> {
  const { rows } = await sql<{ id: string | null }>`
    select coalesce(
      (select o.id from people p join organisations o on o.programme_id = p.programme_id
          and o.id = p.organisation_id
        where p.programme_id = ${programmeId} and p.id = ${personId} and o.side = 'supporter'),
      (select d.home_organisation_id from deployments d
        where d.programme_id = ${programmeId} and d.person_id = ${personId}
        order by d.starts_on desc limit 1),
      (select o.id from organisations o where o.programme_id = ${programmeId} and o.side = 'supporter'
        order by length(o.path), o.path limit 1)) as id`.execute(trx);
  const id = rows[0]?.id;
  if (!id) throw new AppError('CONFLICT', 'The programme has no supporting organisation to witness for it.');
  return id;
}

/** The batch whose dates cover a day (the latest-numbered when batches overlap), if any. */
export async function batchOn(trx: Trx, programmeId: string, day: string | null): Promise<string | null> {
  if (!day) return null;
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
 * The witness workflow acts on a record wherever it lies: the attesting party (e.g. the command or
 * the supporter cadre) need not hold it in its own scope. The change is audited as that account's.
 */
export const asWitness = ({ actor }: WitnessOutcomeContext) => ({ ...actor, scopePath: '/', personId: null });
