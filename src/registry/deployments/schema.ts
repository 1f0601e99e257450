import { z } from 'zod';
import { isoDate } from '../../shared/ids';

/** A deployment: one expert's stay with a batch at a host facility. */
export const deploymentFields = z
  .object({
    batchId: z.uuid(),
    personId: z.uuid(),
    homeOrganisationId: z.uuid(),
    hostFacilityId: z.uuid(),
    specialtyCode: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'unknown specialty'),
    term: z.enum(['long', 'short']),
    startsOn: isoDate,
    endsOn: isoDate,
  })
  .strict();
export const deploymentInput = deploymentFields.refine((d) => d.endsOn > d.startsOn, {
  message: 'must be after the start date',
  path: ['endsOn'],
});
export type DeploymentInput = z.infer<typeof deploymentFields>;
export const deploymentPatch = deploymentFields.partial().strict();
export const deploymentsSort = [
  'startsOn',
  'endsOn',
  'personName',
  'hostFacilityName',
  'batchNumber',
] as const;
