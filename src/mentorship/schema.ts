import { z } from 'zod';
import { activityKinds } from './tables';

/** The entrustment scale (胜任等级) of DOMAIN.md: 1 observes … 5 can teach. */
export const entrustmentLevels = [1, 2, 3, 4, 5] as const;
const level = z.number().int().min(1).max(5);
const day = z.iso.date();
const specialtyCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'unknown specialty');

/** A competency as an admin adds it to a specialty's catalogue. */
export const competencyInput = z
  .object({
    specialtyCode,
    code: z.string().regex(/^[a-z][a-z0-9_]{1,59}$/, 'lower-case letters, digits and _'),
    name: z.string().trim().min(1, 'required').max(200),
    nameEn: z.string().trim().max(200).nullable().optional(),
    description: z.string().trim().max(2000).default(''),
  })
  .strict();
export type CompetencyInput = z.infer<typeof competencyInput>;
export const competencyPatch = competencyInput
  .omit({ code: true, specialtyCode: true })
  .partial()
  .extend({ retired: z.boolean().optional() })
  .strict();
export type CompetencyPatch = z.infer<typeof competencyPatch>;

export const goalInput = z.object({ competencyId: z.uuid(), targetLevel: level, targetOn: day }).strict();

/** A contract as the mentor (or an admin) proposes it: one mentor, one to three apprentices. */
export const mentorshipInput = z
  .object({
    mentorId: z.uuid(),
    hostFacilityId: z.uuid(),
    batchId: z.uuid().nullable().optional(),
    continuesId: z.uuid().nullable().optional(),
    startsOn: day,
    endsOn: day,
    apprentices: z
      .array(z.object({ personId: z.uuid(), goals: z.array(goalInput).min(1).max(20) }).strict())
      .min(1, 'one to three apprentices')
      .max(3, 'one to three apprentices'),
  })
  .strict()
  .refine((m) => m.endsOn > m.startsOn, { path: ['endsOn'], message: 'must be after startsOn' })
  .refine((m) => new Set(m.apprentices.map((a) => a.personId)).size === m.apprentices.length, {
    path: ['apprentices'],
    message: 'an apprentice is listed twice',
  });
export type MentorshipInput = z.infer<typeof mentorshipInput>;

export const acceptInput = z
  .object({
    /** Admins record a party's acceptance given on paper; others accept for themselves. */
    party: z.enum(['mentor', 'apprentice', 'recipient_hospital']).optional(),
    personId: z.uuid().optional(),
  })
  .strict();
export const extendInput = z.object({ endsOn: day, note: z.string().trim().max(2000).optional() }).strict();
export const reasonInput = z.object({ reason: z.string().trim().min(1, 'required').max(2000) }).strict();
export const noteInput = z.object({ note: z.string().trim().max(2000).optional() }).strict();

/** A teaching activity as the teaching expert logs it. */
export const activityInput = z
  .object({
    kind: z.enum(activityKinds),
    heldOn: day,
    /** Admins log on behalf of the teaching expert; experts log their own. */
    teacherId: z.uuid().optional(),
    facilityId: z.uuid(),
    mentorshipId: z.uuid().nullable().optional(),
    title: z.string().trim().min(1, 'required').max(200),
    attendeeIds: z.array(z.uuid()).min(1, 'at least one attendee').max(200),
    competencyIds: z.array(z.uuid()).max(20).default([]),
    caseSummary: z.string().trim().max(4000).default(''),
  })
  .strict();
export type ActivityInput = z.infer<typeof activityInput>;

/** An assessment as the mentor records it: an apprentice's new level in a competency. */
export const assessmentInput = z
  .object({
    apprenticeId: z.uuid(),
    competencyId: z.uuid(),
    mentorshipId: z.uuid().nullable().optional(),
    level,
    assessedOn: day,
    note: z.string().trim().max(2000).default(''),
  })
  .strict();
export type AssessmentInput = z.infer<typeof assessmentInput>;

/** One month's count of a service at a facility, split by who performed it. */
export const serviceRecordInput = z
  .object({
    facilityId: z.uuid(),
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'YYYY-MM'),
    service: z.string().trim().min(1, 'required').max(100),
    specialtyCode: specialtyCode.nullable().optional(),
    localCount: z.number().int().min(0).max(1_000_000),
    aidCount: z.number().int().min(0).max(1_000_000),
  })
  .strict();
export type ServiceRecordInput = z.infer<typeof serviceRecordInput>;

/** Filters shared by the indicators and their export. */
export const indicatorFilterFields = {
  batchId: z.uuid().optional(),
  facilityId: z.uuid().optional(),
  countyId: z.uuid().optional(),
  specialtyCode: specialtyCode.optional(),
};

/** Patient names the recipient side records, so teaching notes naming them are refused. */
export const patientNamesInput = z
  .object({
    names: z
      .array(
        z
          .string()
          .trim()
          .min(2, 'a name has at least 2 characters')
          .max(100, 'a name has at most 100 characters'),
      )
      .min(1, 'give at least one name')
      .max(5000, 'give at most 5,000 names at a time'),
  })
  .strict();
