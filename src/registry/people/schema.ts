import { z } from 'zod';
import { personKinds, personTitles } from '../../db/schema';

/** A person as created or edited; the web form validates with this same schema. */
export const personInput = z
  .object({
    organisationId: z.uuid(),
    kind: z.enum(personKinds),
    fullName: z.string().trim().min(1, 'required').max(100),
    gender: z.enum(['female', 'male']).nullable().optional(),
    birthYear: z.number().int().min(1930).max(2010).nullable().optional(),
    title: z.enum(personTitles).nullable().optional(),
    specialtyCode: z
      .string()
      .regex(/^[a-z][a-z0-9_]{1,39}$/, 'unknown specialty')
      .nullable()
      .optional(),
    phone: z
      .string()
      .regex(/^1[3-9]\d{9}$/, 'must be an 11-digit mobile number starting with 1')
      .nullable()
      .optional(),
  })
  .strict();
export type PersonInput = z.infer<typeof personInput>;

export const personPatch = personInput.partial().strict();

export const peopleSort = ['fullName', 'kind', 'specialtyCode', 'createdAt'] as const;
