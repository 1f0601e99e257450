import { inChange } from '../audit/audit';
import { AppError } from '../errors';
import type { App } from '../http/app';
import { changeContext } from '../http/context';
import { type CellError, type Column, readWorkbook, writeWorkbook, XLSX_TYPE } from '../shared/excel';
import { addPatientNames } from './patient-names';
import { patientNamesInput } from './schema';

/** The one column of the patient-name sheet. */
const nameColumn: Column<string> & { required: true } = {
  key: 'full_name',
  header: { zh: '姓名', en: 'Full name' },
  width: 24,
  value: (name) => name,
  required: true,
};

/** The names of an uploaded sheet, or every bad cell by row (all or nothing). */
async function namesFromSheet(body: Buffer): Promise<string[]> {
  const rows = await readWorkbook(body, [nameColumn]);
  const errors: CellError[] = [];
  for (const { row, cells } of rows) {
    const name = cells.full_name ?? '';
    const check = patientNamesInput.shape.names.element.safeParse(name);
    if (!check.success)
      errors.push({
        row,
        column: nameColumn.header.zh,
        value: name,
        message: check.error.issues[0]!.message,
      });
  }
  if (errors.length) throw new AppError('IMPORT_INVALID', undefined, { errors });
  return rows.map((r) => r.cells.full_name ?? '');
}

/**
 * Patient names for de-identification: the recipient side records them; teaching notes that
 * name one are then refused (patient-names.ts). Write-only: no route lists or returns them.
 */
export async function patientNameRoutes(app: App) {
  const { db } = app.deps.database;
  app.post(
    '/api/mentorship/patient-names',
    {
      config: { policy: 'patient_names:write' },
      schema: {
        tags: ['mentorship'],
        summary: 'Record patient names, so teaching notes that name them are refused (write-only)',
        body: patientNamesInput,
      },
    },
    async (request, reply) => {
      const { actor, audit } = changeContext(request);
      const counts = await inChange(db, audit, (trx, log) =>
        addPatientNames(trx, actor.programmeId, request.body.names, log),
      );
      return reply.status(201).send(counts);
    },
  );

  app.post(
    '/api/mentorship/patient-names/import',
    {
      config: { policy: 'patient_names:write' },
      schema: {
        tags: ['mentorship'],
        summary: 'Record patient names from an .xlsx file, one 姓名 column (all or nothing)',
        consumes: [XLSX_TYPE],
      },
    },
    async (request) => {
      const { actor, audit } = changeContext(request);
      const names = await namesFromSheet(request.body as Buffer);
      const counts = await inChange(db, audit, (trx, log) =>
        addPatientNames(trx, actor.programmeId, names, log),
      );
      return { imported: counts.submitted, ...counts };
    },
  );

  // The sheet to fill in: a header only (recorded names are never handed back).
  app.get(
    '/api/mentorship/patient-names/template.xlsx',
    {
      config: { policy: 'patient_names:write' },
      schema: { tags: ['mentorship'], summary: 'An empty sheet for the patient-name import' },
    },
    async (_request, reply) => {
      const file = await writeWorkbook('患者姓名 Patient names', [nameColumn], []);
      return reply
        .type(XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename="patient-names.xlsx"; filename*=UTF-8''%E6%82%A3%E8%80%85%E5%A7%93%E5%90%8D.xlsx`,
        )
        .send(file);
    },
  );
}
