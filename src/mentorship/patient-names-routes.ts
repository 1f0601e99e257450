import { inChange } from '../audit/audit';
import type { App } from '../http/app';
import { changeContext } from '../http/context';
import { addPatientNames } from './patient-names';
import { patientNamesInput } from './schema';

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
}
