import type { Transaction } from 'kysely';
import type { Audit } from '../audit/audit';
import type { Actor } from '../auth/actor';
import type { Db } from '../db/database';
import type { DB } from '../db/schema';
import { AppError, notFound } from '../errors';
import { requireSpecialty } from '../registry/specialties';
import type { CompetencyInput, CompetencyPatch } from './schema';

export type CompetencyView = {
  id: string;
  specialtyCode: string;
  code: string;
  name: string;
  nameEn: string | null;
  description: string;
  retired: boolean;
};

const view = (r: {
  id: string;
  specialty_code: string;
  code: string;
  name: string;
  name_en: string | null;
  description: string;
  retired: boolean;
}): CompetencyView => ({
  id: r.id,
  specialtyCode: r.specialty_code,
  code: r.code,
  name: r.name,
  nameEn: r.name_en,
  description: r.description,
  retired: r.retired,
});

/** The competency catalogue of the programme, by specialty then name; retired items only when asked. */
export async function listCompetencies(
  db: Db,
  programmeId: string,
  filter: { specialtyCode?: string | undefined; includeRetired?: boolean | undefined } = {},
): Promise<CompetencyView[]> {
  let q = db.selectFrom('competencies').selectAll().where('programme_id', '=', programmeId);
  if (filter.specialtyCode) q = q.where('specialty_code', '=', filter.specialtyCode);
  if (!filter.includeRetired) q = q.where('retired', '=', false);
  return (await q.orderBy('specialty_code').orderBy('code').execute()).map(view);
}

/** Adds a competency to a specialty's catalogue (admins). */
export async function createCompetency(
  trx: Transaction<DB>,
  actor: Actor,
  input: CompetencyInput,
  audit: Audit,
): Promise<CompetencyView> {
  await requireSpecialty(trx, input.specialtyCode);
  const taken = await trx
    .selectFrom('competencies')
    .select('id')
    .where('programme_id', '=', actor.programmeId)
    .where('code', '=', input.code)
    .executeTakeFirst();
  if (taken) {
    throw new AppError('CONFLICT', `A competency with code "${input.code}" exists.`, {
      issues: [{ path: 'code', message: 'already used' }],
    });
  }
  const row = await trx
    .insertInto('competencies')
    .values({
      programme_id: actor.programmeId,
      specialty_code: input.specialtyCode,
      code: input.code,
      name: input.name,
      name_en: input.nameEn ?? null,
      description: input.description,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({ action: 'competency.created', entity: 'competency', entityId: row.id, after: row });
  return view(row);
}

/** Edits a competency's names or description, or retires it (it stays in history and goals). */
export async function updateCompetency(
  trx: Transaction<DB>,
  actor: Actor,
  id: string,
  patch: CompetencyPatch,
  audit: Audit,
): Promise<CompetencyView> {
  const before = await trx
    .selectFrom('competencies')
    .selectAll()
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw notFound('Competency');
  const after = await trx
    .updateTable('competencies')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.nameEn !== undefined ? { name_en: patch.nameEn } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.retired !== undefined ? { retired: patch.retired } : {}),
      updated_at: new Date(),
    })
    .where('programme_id', '=', actor.programmeId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit({ action: 'competency.updated', entity: 'competency', entityId: id, before, after });
  return view(after);
}

/** Fails with a field error unless every id is a competency of the programme (retired ones too). */
export async function requireCompetencies(
  db: Pick<Db, 'selectFrom'>,
  programmeId: string,
  ids: readonly string[],
  field: string,
) {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await db
    .selectFrom('competencies')
    .select('id')
    .where('programme_id', '=', programmeId)
    .where('id', 'in', unique)
    .execute();
  if (found.length !== unique.length) {
    throw new AppError('VALIDATION_FAILED', 'Unknown competency.', {
      issues: [{ path: field, message: 'unknown competency' }],
    });
  }
}
