import { z } from 'zod';
import { facilityLevels } from '../../db/schema';

/** A facility as created or edited; the web form validates with this same schema. */
export const facilityInput = z
  .object({
    organisationId: z.uuid(),
    regionId: z.uuid(),
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _ only'),
    name: z.string().trim().min(1, 'required').max(200),
    nameEn: z.string().trim().max(200).nullable().optional(),
    level: z.enum(facilityLevels),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    travelHoursToSeat: z.number().min(0).max(9999),
    beds: z.number().int().min(0).max(100_000).nullable().optional(),
  })
  .strict();
export type FacilityInput = z.infer<typeof facilityInput>;
export const facilityPatch = facilityInput.partial().strict();
export const facilitiesSort = ['name', 'code', 'level', 'travelHoursToSeat'] as const;
