import { z } from 'zod';
import { breakdowns } from '../indicators/types';
import { isoDate } from '../shared/ids';
import { agreementTypes } from './tables';

/** Agreements as created and edited; the web form validates with these same schemas. */
const text = (max: number) => z.string().trim().min(1, 'required').max(max);

export const targetInput = z
  .object({
    indicatorId: z.string().regex(/^[a-z][a-z0-9_.]{1,79}$/, 'unknown indicator'),
    breakdown: z.enum(breakdowns).default('programme'),
    /** The row of the breakdown (a county id, facility id…); null for the programme total. */
    breakdownKey: z.string().max(100).nullable().default(null),
    specialtyCode: z.string().max(40).nullable().optional(),
    description: z.string().trim().max(1000).default(''),
    baseline: z.number().finite(),
    baselineOn: isoDate,
    targetValue: z.number().finite(),
    dueOn: isoDate,
    responsibleOrganisationId: z.uuid(),
  })
  .strict()
  .refine((t) => t.dueOn > t.baselineOn, { path: ['dueOn'], message: 'must be after the baseline date' });
export type TargetInput = z.infer<typeof targetInput>;

export const clauseInput = z
  .object({
    text: text(4000),
    duties: z
      .array(z.object({ organisationId: z.uuid(), duty: text(2000) }).strict())
      .max(20)
      .default([]),
    targets: z.array(targetInput).max(20).default([]),
  })
  .strict();
export type ClauseInput = z.infer<typeof clauseInput>;

export const reviewInput = z.object({ dueOn: isoDate, responsibleOrganisationId: z.uuid() }).strict();
export type ReviewInput = z.infer<typeof reviewInput>;

const headerFields = {
  type: z.enum(agreementTypes),
  title: text(200),
  summary: z.string().trim().max(4000).default(''),
  effectiveOn: isoDate,
  expiresOn: isoDate.nullable().default(null),
};

export const agreementInput = z
  .object({
    ...headerFields,
    /** The organisation recording it; changes need it in the actor's scope. */
    ownerOrganisationId: z.uuid(),
    parties: z.array(z.uuid()).min(2, 'at least two parties').max(30),
    signatories: z
      .array(
        z
          .object({
            personId: z.uuid(),
            organisationId: z.uuid(),
            signedOn: isoDate.nullable().default(null),
          })
          .strict(),
      )
      .max(60)
      .default([]),
    clauses: z.array(clauseInput).max(100).default([]),
    reviews: z.array(reviewInput).max(50).default([]),
  })
  .strict()
  .refine((a) => !a.expiresOn || a.expiresOn > a.effectiveOn, {
    path: ['expiresOn'],
    message: 'must be after the effective date',
  });
export type AgreementInput = z.infer<typeof agreementInput>;

export const agreementPatch = z
  .object({
    type: headerFields.type.optional(),
    title: headerFields.title.optional(),
    summary: z.string().trim().max(4000).optional(),
    effectiveOn: isoDate.optional(),
    expiresOn: isoDate.nullable().optional(),
  })
  .strict();
export type AgreementPatch = z.infer<typeof agreementPatch>;

export const evidenceInput = z
  .object({
    entity: z.string().regex(/^[a-z][a-z_]{1,39}$/, 'an entity name such as need, assessment, document'),
    entityId: z.string().trim().min(1).max(100),
    note: z.string().trim().max(1000).default(''),
  })
  .strict();
export type EvidenceInput = z.infer<typeof evidenceInput>;

export const reviewDoneInput = z.object({ doneOn: isoDate, outcome: text(4000) }).strict();
