import { z } from 'zod';
import { needKinds } from '../db/schema';
import { needStatuses } from './workflow';

const specialtyCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, 'unknown specialty');
const competencies = z.array(z.string().trim().min(1).max(80)).max(20);
const effort = z.number().positive().max(100_000).multipleOf(0.5);

/** A need as a township or hospital user reports it; the phone form validates with this schema. */
export const needInput = z
  .object({
    facilityId: z.uuid(),
    specialtyCode,
    kind: z.enum(needKinds),
    title: z.string().trim().min(1, 'required').max(200),
    description: z.string().trim().max(4000).default(''),
    populationAffected: z.number().int().min(0).max(10_000_000),
    urgency: z.number().int().min(1).max(4),
    competencies: competencies.default([]),
    effortExpertDays: effort.nullable().optional(),
  })
  .strict();
export type NeedInput = z.infer<typeof needInput>;

/** What the recipient cadre sets at triage: specialty, effort and the priority inputs. */
export const triageInput = z
  .object({
    specialtyCode: specialtyCode.optional(),
    effortExpertDays: effort.nullable().optional(),
    urgency: z.number().int().min(1).max(4).optional(),
    populationAffected: z.number().int().min(0).max(10_000_000).optional(),
    remotenessHours: z.number().min(0).max(1000).optional(),
    competencies: competencies.optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .strict();
export type TriageInput = z.infer<typeof triageInput>;

export const reasonInput = z.object({ reason: z.string().trim().min(1, 'required').max(2000) }).strict();
export const mergeInput = z
  .object({ intoId: z.uuid(), reason: z.string().trim().max(2000).optional() })
  .strict();
export const matchInput = z.object({ microTeamId: z.uuid().nullable().optional() }).strict();
export const noteInput = z.object({ note: z.string().trim().max(2000).optional() }).strict();

export const needSort = ['priority', 'reportedAt', 'urgency', 'status', 'title'] as const;
export const needFilterFields = {
  q: z.string().trim().max(100).optional(),
  status: z
    .union([z.enum(needStatuses), z.array(z.enum(needStatuses))])
    .optional()
    .transform((s) => (s === undefined ? undefined : Array.isArray(s) ? s : [s])),
  specialtyCode: specialtyCode.optional(),
  kind: z.enum(needKinds).optional(),
  facilityId: z.uuid().optional(),
  /** A county or township: needs of facilities in it. */
  regionId: z.uuid().optional(),
  batchId: z.uuid().optional(),
};
