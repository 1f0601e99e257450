import { sql, type Transaction } from 'kysely';
import type { Audit } from '../audit/audit';
import type { Db } from '../db/database';
import type { DB } from '../db/schema';
import { AppError } from '../errors';
import { describeSpan, findIdentifiers, type IdentifierSpan } from './deidentify';

/** The recorded patient names that occur in `text` (case-insensitive), found by the database. */
export async function patientNamesIn(db: Pick<Db, 'selectFrom'>, programmeId: string, text: string) {
  if (!text) return [];
  const rows = await db
    .selectFrom('patient_names')
    .select('full_name')
    .where('programme_id', '=', programmeId)
    .where(sql<boolean>`strpos(lower(${text}), lower(full_name)) > 0`)
    .execute();
  return rows.map((r) => r.full_name);
}

/**
 * Refuses free text that identifies a patient: 400 VALIDATION_FAILED naming the field and, in
 * `details.spans`, each part to remove (kind, start, end, text — offsets are string indexes).
 */
export async function requireDeidentified(
  db: Pick<Db, 'selectFrom'>,
  programmeId: string,
  fields: Record<string, string>,
) {
  const spans: (IdentifierSpan & { field: string })[] = [];
  for (const [field, text] of Object.entries(fields)) {
    const found = findIdentifiers(text, await patientNamesIn(db, programmeId, text));
    spans.push(...found.map((s) => ({ ...s, field })));
  }
  if (spans.length === 0) return;
  throw new AppError(
    'VALIDATION_FAILED',
    `Remove what identifies the patient: ${spans.map((s) => `${describeSpan(s)} of ${s.field}`).join('; ')}.`,
    {
      issues: spans.map((s) => ({ path: s.field, message: `remove the ${describeSpan(s)}` })),
      spans,
    },
  );
}

/**
 * Records patient names so that teaching notes naming them are refused. Names are trimmed and
 * counted once; names already recorded are left as they are. The audit row holds the counts,
 * never the names (they are personal data), and there is no route that lists them.
 */
export async function addPatientNames(
  trx: Transaction<DB>,
  programmeId: string,
  names: string[],
  audit: Audit,
): Promise<{ submitted: number; added: number; alreadyKnown: number }> {
  const unique = [...new Set(names.map((n) => n.trim()))];
  const inserted = await trx
    .insertInto('patient_names')
    .values(unique.map((full_name) => ({ programme_id: programmeId, full_name })))
    .onConflict((oc) => oc.doNothing())
    .returning('full_name')
    .execute();
  const counts = {
    submitted: unique.length,
    added: inserted.length,
    alreadyKnown: unique.length - inserted.length,
  };
  await audit({ action: 'patient_names.added', entity: 'patient_names', entityId: null, after: counts });
  return counts;
}
