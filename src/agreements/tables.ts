import type { ColumnType, Generated } from 'kysely';
import type { Breakdown } from '../indicators/types';

/** Kysely types of the agreement tables (src/db/migrations/0007_agreements.sql). */
type CreatedAt = ColumnType<Date, never, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

export const agreementTypes = ['agreement', 'memorandum', 'plan', 'letter_of_intent', 'consensus'] as const;
export type AgreementType = (typeof agreementTypes)[number];

export interface DocumentsTable {
  programme_id: string;
  id: Generated<string>;
  file_name: string;
  media_type: 'application/pdf';
  size_bytes: number;
  sha256: string;
  content: Buffer;
  uploaded_by: string | null;
  created_at: CreatedAt;
}
export interface AgreementsTable {
  programme_id: string;
  id: Generated<string>;
  type: AgreementType;
  title: string;
  summary: Generated<string>;
  effective_on: string;
  expires_on: string | null;
  document_id: string | null;
  owner_organisation_id: string;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}
export interface AgreementPartiesTable {
  programme_id: string;
  agreement_id: string;
  organisation_id: string;
}
export interface AgreementSignatoriesTable {
  programme_id: string;
  agreement_id: string;
  person_id: string;
  organisation_id: string;
  signed_on: string | null;
}
export interface AgreementClausesTable {
  programme_id: string;
  id: Generated<string>;
  agreement_id: string;
  number: number;
  text: string;
}
export interface ClauseDutiesTable {
  programme_id: string;
  id: Generated<string>;
  clause_id: string;
  agreement_id: string;
  organisation_id: string;
  duty: string;
}
export interface AgreementTargetsTable {
  programme_id: string;
  id: Generated<string>;
  agreement_id: string;
  clause_id: string;
  indicator_id: string;
  breakdown: Generated<Breakdown>;
  breakdown_key: string | null;
  specialty_code: string | null;
  description: Generated<string>;
  baseline: number;
  baseline_on: string;
  target_value: number;
  due_on: string;
  responsible_organisation_id: string;
  met_at: Date | null;
  met_value: number | null;
  created_at: CreatedAt;
}
export interface TargetEvidenceTable {
  programme_id: string;
  id: Generated<string>;
  target_id: string;
  entity: string;
  entity_id: string;
  note: Generated<string>;
  added_by: string | null;
  created_at: CreatedAt;
}
export interface AgreementReviewsTable {
  programme_id: string;
  id: Generated<string>;
  agreement_id: string;
  due_on: string;
  responsible_organisation_id: string;
  done_on: string | null;
  outcome: Generated<string>;
  created_at: CreatedAt;
}
export interface ReviewRemindersTable {
  programme_id: string;
  review_id: string;
  user_id: string;
  reminded_on: string;
  overdue: boolean;
}

export interface AgreementTables {
  documents: DocumentsTable;
  agreements: AgreementsTable;
  agreement_parties: AgreementPartiesTable;
  agreement_signatories: AgreementSignatoriesTable;
  agreement_clauses: AgreementClausesTable;
  clause_duties: ClauseDutiesTable;
  agreement_targets: AgreementTargetsTable;
  target_evidence: TargetEvidenceTable;
  agreement_reviews: AgreementReviewsTable;
  review_reminders: ReviewRemindersTable;
}
