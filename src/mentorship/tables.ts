import type { ColumnType, Generated } from 'kysely';
import type { MentorshipStatus } from './workflow';

/** Kysely types of the mentorship tables (src/db/migrations/0005_mentorship.sql). */
type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

export const activityKinds = [
  'case_discussion',
  'lecture',
  'teaching_round',
  'demonstrated_operation',
  'remote_consult',
] as const;
export type ActivityKind = (typeof activityKinds)[number];
export const assessmentStatuses = ['pending_confirmation', 'confirmed', 'disputed'] as const;
export type AssessmentStatus = (typeof assessmentStatuses)[number];
export type MentorshipParty = 'mentor' | 'apprentice' | 'recipient_hospital';

export interface CompetenciesTable {
  programme_id: string;
  id: Generated<string>;
  specialty_code: string;
  code: string;
  name: string;
  name_en: string | null;
  description: Generated<string>;
  retired: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}
export interface MentorshipsTable {
  programme_id: string;
  id: Generated<string>;
  mentor_id: string;
  host_facility_id: string;
  batch_id: string | null;
  continues_id: string | null;
  starts_on: string;
  ends_on: string;
  status: Generated<MentorshipStatus>;
  status_reason: string | null;
  activated_at: Date | null;
  closed_on: string | null;
  proposed_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}
export interface MentorshipApprenticesTable {
  programme_id: string;
  mentorship_id: string;
  person_id: string;
}
export interface MentorshipGoalsTable {
  programme_id: string;
  mentorship_id: string;
  person_id: string;
  competency_id: string;
  target_level: number;
  target_on: string;
}
export interface MentorshipAcceptancesTable {
  programme_id: string;
  mentorship_id: string;
  party: MentorshipParty;
  party_id: string;
  accepted_by: string;
  accepted_at: Generated<Date>;
}
export interface TeachingActivitiesTable {
  programme_id: string;
  id: Generated<string>;
  kind: ActivityKind;
  teacher_id: string;
  mentorship_id: string | null;
  facility_id: string;
  held_on: string;
  title: string;
  case_summary: Generated<string>;
  recorded_by: string | null;
  created_at: CreatedAt;
  /** When every witness party attested it (src/witness/kinds/teaching-activity.ts; 0012). */
  witnessed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}
export interface ActivityAttendeesTable {
  programme_id: string;
  activity_id: string;
  person_id: string;
}
export interface ActivityCompetenciesTable {
  programme_id: string;
  activity_id: string;
  competency_id: string;
}
export interface AssessmentsTable {
  programme_id: string;
  id: Generated<string>;
  apprentice_id: string;
  competency_id: string;
  mentorship_id: string | null;
  assessor_id: string;
  level: number;
  assessed_on: string;
  note: Generated<string>;
  status: Generated<AssessmentStatus>;
  dispute_reason: string | null;
  recorded_by: string | null;
  confirmed_by: string | null;
  confirmed_by_person_id: string | null;
  confirmed_at: Date | null;
  created_at: CreatedAt;
}
export interface ServiceRecordsTable {
  programme_id: string;
  facility_id: string;
  month: string;
  service: string;
  specialty_code: string | null;
  local_count: number;
  aid_count: number;
  source: Generated<'form' | 'import' | 'scenario'>;
  updated_at: UpdatedAt;
}
/** Kept by triggers (migration 0013): read it, never write it. */
export interface TeachingFirstsTable {
  programme_id: string;
  person_id: string;
  competency_id: string;
  first_on: string;
}
export interface PatientNamesTable {
  programme_id: string;
  full_name: string;
  created_at: CreatedAt;
}

export interface MentorshipTables {
  competencies: CompetenciesTable;
  mentorships: MentorshipsTable;
  mentorship_apprentices: MentorshipApprenticesTable;
  mentorship_goals: MentorshipGoalsTable;
  mentorship_acceptances: MentorshipAcceptancesTable;
  teaching_activities: TeachingActivitiesTable;
  activity_attendees: ActivityAttendeesTable;
  activity_competencies: ActivityCompetenciesTable;
  teaching_firsts: TeachingFirstsTable;
  assessments: AssessmentsTable;
  service_records: ServiceRecordsTable;
  patient_names: PatientNamesTable;
}
