import { sql } from 'kysely';
import type { Db } from '../db/database';
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
